"""A small province for the export tests: units, people with full / month / year birth dates,
posts (one concurrent), and every 2C section for one person; LibreOffice helpers."""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from canbo.catalogs.models import CivilServiceRank, Ethnicity, StateManagementRank
from canbo.discipline.models import Sanction
from canbo.people.models import Award, FamilyMember, SalaryHistory, Training, WorkHistory
from canbo.posts.models import Assignment
from canbo.units.models import Area
from tests.factories import DecisionFactory, PersonFactory, TitleFactory, post, unit

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
PDFTOPPM = shutil.which("pdftoppm")
PDFTOTEXT = shutil.which("pdftotext")
MISSING_NOTICE = "LibreOffice hoặc pdftoppm không có — bỏ qua kiểm tra mở tệp bằng LibreOffice"


@pytest.fixture
def province(db):
    """Tỉnh → Xã An Bình (UBND, Đảng ủy) and a second commune whose UBND has the same name."""
    root = unit("p99", "Tỉnh Thử Nghiệm", kind="province")
    an_binh = unit("p99-an-binh", "Xã An Bình", parent=root, kind="commune")
    ubnd = unit("p99-an-binh-ubnd", "Ủy ban nhân dân xã An Bình", parent=an_binh, kind="peoples_committee")  # fmt: skip
    party = unit("p99-an-binh-du", "Đảng ủy xã An Bình", parent=an_binh, kind="party_committee")
    other = unit("p99-cu", "Xã An Bình cũ", parent=root, kind="commune")
    twin = unit("p99-cu-ubnd", "Ủy ban nhân dân xã An Bình", parent=other, kind="peoples_committee")  # fmt: skip
    return {"root": root, "commune": an_binh, "ubnd": ubnd, "party": party, "twin": twin}


@pytest.fixture
def people(province):
    """Five people; `full` has every 2C section."""
    hometown = Area.objects.filter(level=3, valid_to__isnull=True, parent__isnull=False).first()
    chairman = TitleFactory(name="Chủ tịch Ủy ban nhân dân", group="government", rank=50, is_key=True)  # fmt: skip
    secretary = TitleFactory(name="Bí thư Đảng ủy", group="party", rank=60, is_key=True)
    officer = TitleFactory(name="Công chức Văn phòng – Thống kê", group="staff", rank=5)
    full = PersonFactory(
        full_name="Nguyễn Thị Hồng Nhung",
        gender="female",
        birth_date=date(1975, 3, 1),
        birth_date_precision="month",
        unit=province["ubnd"],
        hometown=hometown,
        other_names="Nhung",
        residence="Thôn Đông, xã An Bình",
        phone="0912345678",
        family_background="Bần nông",
        occupation_before="Giáo viên",
        recruited_on=date(1998, 9, 1),
        recruited_by="Ủy ban nhân dân huyện cũ",
        joined_unit_on=date(2020, 1, 2),
        mass_org_joined_on=date(1990, 3, 26),
        general_education="12/12",
        qualification_field="Luật kinh tế",
        state_management=StateManagementRank.objects.get(code="CVC"),
        foreign_language="Tiếng Anh B1",
        it_skill="Ứng dụng công nghệ thông tin cơ bản",
        civil_service_rank=CivilServiceRank.objects.get(code="01.002"),
        salary_step=4,
        salary_coefficient=Decimal("5.42"),
        salary_since=date(2023, 7, 1),
        health="Tốt",
        height_cm=158,
        weight_kg=52,
        blood_type="O",
        personal_history="Không bị bắt, không bị tù.",
        remarks="Hoàn thành tốt nhiệm vụ.",
        main_duty="Phụ trách chung",
        strengths="Quản lý hành chính",
        ethnicity=Ethnicity.objects.get(code="02"),  # Tày
    )
    decision = DecisionFactory()
    Assignment.objects.create(
        person=full, post=post(province["ubnd"], chairman), kind="election",
        start_date=date(2021, 6, 1), decision=decision,
    )  # fmt: skip
    Assignment.objects.create(
        person=full, post=post(province["party"], secretary), kind="concurrent",
        is_concurrent=True, start_date=date(2021, 5, 1),
    )  # fmt: skip
    Training.objects.create(
        person=full, kind="professional", field="Luật kinh tế", institution="Trường Đại học Luật Hà Nội",
        mode="in_service", start_date=date(2005, 9, 1), end_date=date(2009, 6, 1), diploma="Cử nhân",
    )  # fmt: skip
    Training.objects.create(
        person=full, kind="political_theory", field="Lý luận chính trị",
        institution="Học viện Chính trị khu vực I", mode="in_service",
        start_date=date(2015, 3, 1), end_date=date(2016, 12, 1), diploma="Cao cấp",
    )  # fmt: skip
    WorkHistory.objects.create(
        person=full, start_date=date(1998, 9, 1), start_precision="month",
        end_date=date(2020, 1, 1), end_precision="month", description="Giáo viên Trường Tiểu học An Bình",
    )  # fmt: skip
    WorkHistory.objects.create(
        person=full, start_date=date(2020, 1, 1), start_precision="year",
        description="Chủ tịch UBND xã An Bình",
    )  # fmt: skip
    FamilyMember.objects.create(
        person=full, side="own", relation="Cha", full_name="Nguyễn Văn Bình", birth_year=1950,
        details="Nông dân, thôn Đông",
    )  # fmt: skip
    FamilyMember.objects.create(
        person=full, side="spouse", relation="Mẹ chồng", full_name="Trần Thị Lụa", birth_year=1952,
        details="Hưu trí",
    )  # fmt: skip
    Award.objects.create(person=full, year=2022, form="Bằng khen của Chủ tịch UBND tỉnh", issuer="UBND tỉnh")  # fmt: skip
    SalaryHistory.objects.create(person=full, start_date=date(2020, 7, 1), rank_code="01.002", step=3, coefficient=Decimal("5.08"))  # fmt: skip
    Sanction.objects.create(
        person=full, system="party", form="reprimand", decided_on=date(2019, 4, 2),
        issuer="Đảng ủy xã An Bình", reason="Chậm nộp báo cáo",
    )  # fmt: skip
    clerk = PersonFactory(
        full_name="Lê Văn Ánh", birth_date=date(1990, 1, 1), birth_date_precision="year",
        unit=province["ubnd"], party_joined_on=None, party_official_on=None,
    )  # fmt: skip
    Assignment.objects.create(
        person=clerk, post=post(province["ubnd"], officer), kind="recruitment",
        start_date=date(2015, 1, 1),
    )  # fmt: skip
    party_man = PersonFactory(
        full_name="Trần Văn Bảo", birth_date=date(1968, 12, 24), unit=province["party"]
    )
    twin_woman = PersonFactory(
        full_name="Phạm Thị Cúc", gender="female", birth_date=date(1985, 7, 9),
        unit=province["twin"], party_joined_on=None, party_official_on=None,
    )  # fmt: skip
    retired = PersonFactory(
        full_name="Hoàng Văn Dũng", birth_date=date(1955, 1, 2), unit=province["ubnd"],
        status="retired",
    )  # fmt: skip
    return {
        "full": full, "clerk": clerk, "party_man": party_man, "twin_woman": twin_woman,
        "retired": retired, "hometown": hometown,
    }  # fmt: skip


# -- LibreOffice --------------------------------------------------------------------------------


def _missing_tools() -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{MISSING_NOTICE} (CI: cài libreoffice-calc, libreoffice-writer, poppler-utils)")  # fmt: skip
    warnings.warn(MISSING_NOTICE, stacklevel=2)
    pytest.skip(MISSING_NOTICE)


@pytest.fixture
def libreoffice_pages(tmp_path):
    """`libreoffice_pages(path)` → (PNG pages, text) of the file as LibreOffice prints it:
    converted headless to PDF (no repair dialog can appear headless: a file it cannot read gives
    no PDF), rendered by pdftoppm, its text read by pdftotext. Skips outside CI when the tools
    are missing; fails under CI."""
    if not LIBREOFFICE or not PDFTOPPM or not PDFTOTEXT:
        _missing_tools()

    def convert(path: Path, first_pages: int = 1, infilter: str | None = None):
        out = tmp_path / f"lo-{path.stem}"
        out.mkdir()
        profile = tmp_path / "lo-profile"
        result = subprocess.run(
            [
                LIBREOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
                *([f"--infilter={infilter}"] if infilter else []),
                "--convert-to", "pdf", "--outdir", str(out), str(path),
            ],
            capture_output=True, text=True, timeout=240,
        )  # fmt: skip
        pdf = out / f"{path.stem}.pdf"
        assert pdf.exists() and pdf.stat().st_size > 0, (result.stdout, result.stderr)
        subprocess.run(
            [PDFTOPPM, "-r", "50", "-png", "-f", "1", "-l", str(first_pages), str(pdf), str(out / "page")],
            check=True, timeout=120,
        )  # fmt: skip
        text = subprocess.run(
            [PDFTOTEXT, "-l", str(first_pages), str(pdf), "-"],
            capture_output=True, text=True, check=True, timeout=120,
        ).stdout  # fmt: skip
        return sorted(out.glob("page*.png")), " ".join(text.split())

    return convert

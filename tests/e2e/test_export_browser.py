"""In a real browser: filter the people list, click "Xuất Excel" and get exactly the filtered
people in the roster layout; download a profile's 2C as PDF."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.factories import PersonFactory, unit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def commune():
    root = unit("tinh-xuat", name="Tỉnh Thử Xuất", kind="province")
    ubnd = unit("ubnd-xuat", name="Ủy ban nhân dân xã Xuất", kind="peoples_committee", parent=root)  # fmt: skip
    PersonFactory(full_name="Nguyễn Thị Hoa", gender="female", birth_date=date(1985, 3, 1), birth_date_precision="month", unit=ubnd)  # fmt: skip
    PersonFactory(full_name="Lê Thị Mai", gender="female", birth_date=date(1990, 8, 2), unit=ubnd, party_joined_on=None, party_official_on=None)  # fmt: skip
    PersonFactory(full_name="Trần Văn Nam", birth_date=date(1978, 11, 20), unit=ubnd)
    return ubnd


def test_excel_button_downloads_the_filtered_list(
    commune, logged_in_page, tmp_path, screenshot_dir
):
    page = logged_in_page
    page.get_by_label("Giới tính").select_option(label="Nữ")
    expect(page.locator(".result-count")).to_have_text("2 cán bộ")
    page.screenshot(path=screenshot_dir / "people-list-export.png", full_page=True)
    with page.expect_download() as info:
        page.get_by_role("link", name="Xuất Excel").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.suffix == ".xlsx"
    ws = openpyxl.load_workbook(path).active
    assert ws["A4"].value == "DANH SÁCH TRÍCH NGANG CÁN BỘ"
    names = [ws.cell(r, 2).value for r in range(10, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int)]  # fmt: skip
    assert sorted(names) == ["Lê Thị Mai", "Nguyễn Thị Hoa"]
    row = 10 + 1 + names.index("Nguyễn Thị Hoa")
    assert ws.cell(row, 4).value == "03/1985"  # the Nữ column, month and year as written


def test_profile_pdf_button(commune, logged_in_page, tmp_path):
    page = logged_in_page
    page.get_by_role("link", name="Trần Văn Nam").click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải 2C (PDF)").click()
    path = tmp_path / "2c.pdf"
    info.value.save_as(path)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())
    assert "SƠ YẾU LÝ LỊCH CÁN BỘ, CÔNG CHỨC" in text and "TRẦN VĂN NAM" in text

"""Export a list, import it back: nothing changes (the .xlsx roster and the .csv)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from canbo.catalogs.models import CivilServiceRank, StateManagementRank
from canbo.exports.services import export_people
from canbo.people.models import Person
from canbo.posts.services import assignment_create
from tests.factories import PersonFactory, TitleFactory, post, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    root = unit("tinh", name="Tỉnh ủy Thử Nghiệm", kind="party_committee")
    commune = unit("xa-an-binh", name="Đảng ủy xã An Bình", kind="commune", parent=root)
    cell = unit("chi-bo-dong", name="Chi bộ thôn Đông", kind="party_cell", parent=commune)
    twin = unit("chi-bo-dong-2", name="Chi bộ thôn Đông", kind="party_cell", parent=root)
    PersonFactory(full_name="Nguyễn Thị Hoa", gender="female", unit=cell,
                  birth_date=date(1985, 3, 1), birth_date_precision="month",
                  qualification_field="Luật kinh tế", foreign_language="Tiếng Anh B1",
                  state_management=StateManagementRank.objects.get(code="CVC"),
                  civil_service_rank=CivilServiceRank.objects.get(code="01.003"),
                  salary_step=3, salary_coefficient=Decimal("3.33"))  # fmt: skip
    PersonFactory(full_name="Trần Văn Nam", unit=commune, birth_date=date(1978, 1, 1),
                  birth_date_precision="year", citizen_id=None, party_joined_on=None,
                  party_official_on=None)  # fmt: skip
    PersonFactory(full_name="Lê Văn Tám", unit=twin, birth_date=date(1979, 8, 19))
    binh = PersonFactory(full_name="Phạm Văn Bình", unit=commune, birth_date=date(1980, 5, 17))
    assignment_create(person=binh, post=post(commune, TitleFactory(name="Bí thư Đảng ủy xã")),
                      kind="election", start_date=date(2020, 10, 1))  # fmt: skip
    return root


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_then_import_changes_nothing(people, tmp_path, fmt):
    before = {p.pk: (p.version, p.updated_at, p.unit_id, p.main_duty) for p in Person.objects.all()}
    path = tmp_path / f"danh-sach.{fmt}"
    export_people(user=None, params={}, fmt=fmt, path=path)
    out = StringIO()
    call_command("import", "people", str(path), "--unit", "tinh", stdout=out)
    assert "0 thêm mới, 0 cập nhật, 4 không đổi; 0 lỗi" in out.getvalue(), out.getvalue()
    after = {p.pk: (p.version, p.updated_at, p.unit_id, p.main_duty) for p in Person.objects.all()}
    assert after == before

"""The `units`, `generate` and `demo` management commands."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from canbo.people.models import Person
from canbo.units.models import Unit

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def add(code, name, kind, *extra) -> str:
    return run("units", "add", code, "--name", name, "--kind", kind, *extra)


def test_units_add_builds_the_tree():
    out = add("tinh-thu", "Tỉnh Thử", "province", "--area", "P25")
    assert "Đã thêm đơn vị “Tỉnh Thử” (tinh-thu)" in out
    out = add("xa-thu", "Xã Thử", "commune", "--parent", "tinh-thu", "--area", "W04831",
              "--valid-from", "2025-07-01")  # fmt: skip
    assert "thuộc “Tỉnh Thử”" in out
    province, commune = Unit.objects.get(code="tinh-thu"), Unit.objects.get(code="xa-thu")
    assert commune.parent == province and commune.depth == 1
    assert commune.path.startswith(province.path)
    assert commune.area.code == "W04831" and str(commune.valid_from) == "2025-07-01"
    assert list(Unit.objects.in_subtree(province)) == [province, commune]


def test_units_add_refuses_a_duplicate_code():
    add("xa-a", "Xã A", "commune")
    with pytest.raises(CommandError, match="Mã đơn vị “xa-a” đã có"):
        add("xa-a", "Xã A khác", "commune")
    assert Unit.objects.filter(code="xa-a").count() == 1


def test_units_add_refuses_an_unknown_parent_or_area_kind_or_date():
    with pytest.raises(CommandError, match="Không có đơn vị cấp trên mã “khong-co”"):
        add("xa-b", "Xã B", "commune", "--parent", "khong-co")
    with pytest.raises(CommandError, match="Không có địa bàn hành chính mã “W99999”"):
        add("xa-b", "Xã B", "commune", "--area", "W99999")
    with pytest.raises(CommandError, match="Loại đơn vị “lang” không hợp lệ"):
        add("xa-b", "Xã B", "lang")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        add("xa-b", "Xã B", "commune", "--valid-from", "01/07/2025")
    assert not Unit.objects.filter(code="xa-b").exists()


def test_a_unit_cannot_be_added_under_itself_or_its_own_subtree():
    # A new unit cannot name itself as parent: the code is unknown until it exists …
    with pytest.raises(CommandError, match="chính nó"):
        add("xa-c", "Xã C", "commune", "--parent", "xa-c")
    # … and once it exists, adding it again (to put it under a descendant) is a duplicate:
    # `add` only creates leaves, so it can never make a unit its own ancestor.
    add("xa-c", "Xã C", "commune")
    add("xa-c-db", "Đảng bộ xã C", "party_committee", "--parent", "xa-c")
    with pytest.raises(CommandError, match="đã có"):
        add("xa-c", "Xã C", "commune", "--parent", "xa-c-db")
    unit = Unit.objects.get(code="xa-c")
    assert unit.parent is None and unit.depth == 0


def test_units_list_prints_an_indented_tree():
    add("tinh-thu", "Tỉnh Thử", "province")
    add("xa-thu", "Xã Thử", "commune", "--parent", "tinh-thu")
    add("xa-thu-db", "Đảng bộ xã Thử", "party_committee", "--parent", "xa-thu")
    lines = run("units", "list").splitlines()
    assert lines[0].startswith("Tỉnh Thử  [tinh-thu,")
    assert lines[1].startswith("  Xã Thử  [xa-thu, Xã, phường, đặc khu]")
    assert lines[2].startswith("    Đảng bộ xã Thử  [xa-thu-db, Đảng bộ]")
    under = run("units", "list", "--under", "xa-thu").splitlines()
    assert under[0].startswith("Xã Thử") and under[1].startswith("  Đảng bộ xã Thử")
    assert len(under) == 2
    with pytest.raises(CommandError, match="Không có đơn vị mã “khong-co”"):
        run("units", "list", "--under", "khong-co")


def test_units_list_on_an_empty_tree():
    assert "Chưa có đơn vị nào." in run("units", "list")


def test_generate_refuses_a_database_with_people_unless_flush():
    out = run("generate", "--people", "150", "--seed", "3")
    assert "Đã tạo dữ liệu mẫu (seed 3)" in out
    assert "150  cán bộ, công chức, viên chức" in out
    names = list(Person.objects.order_by("pk").values_list("full_name", flat=True))
    with pytest.raises(CommandError, match="đã có 150 cán bộ.*--flush"):
        run("generate", "--people", "150", "--seed", "3")
    assert Person.objects.count() == 150
    out = run("generate", "--people", "150", "--seed", "3", "--flush")
    assert "Đã xóa dữ liệu cũ: 150 cán bộ" in out
    assert list(Person.objects.order_by("pk").values_list("full_name", flat=True)) == names


def test_generate_reports_a_bad_province():
    with pytest.raises(CommandError, match="P99"):
        run("generate", "--people", "100", "--province", "P99")


def test_demo_without_server_prepares_data_and_the_administrator(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = run("demo", "--people", "120", "--seed", "4", "--no-serve")
    password = (tmp_path / "demo_password").read_text().strip()
    assert "http://127.0.0.1:8000/" in out
    assert "Tài khoản:   admin" in out
    assert f"Mật khẩu:    {password}" in out
    assert Person.objects.count() == 120
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and admin.check_password(password)
    # A second run reuses the data and resets the same password.
    admin.set_password("something-else")
    admin.save()
    again = run("demo", "--people", "500", "--no-serve")
    assert "Dùng lại dữ liệu đang có: 120 cán bộ." in again
    assert f"Mật khẩu:    {password}" in again
    assert Person.objects.count() == 120
    admin.refresh_from_db()
    assert admin.check_password(password)

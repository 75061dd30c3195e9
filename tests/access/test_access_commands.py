"""`canbo user` and `canbo grant`: scripted set-up for operators, clear Vietnamese errors."""

import io
import sys
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from canbo.access import scope
from canbo.access.models import Grant
from tests.factories import PersonFactory, unit

pytestmark = pytest.mark.django_db
PASSWORD = "Mat-khau-Rat-dai-2025"


def run(*args, stdin: str | None = None, monkeypatch=None) -> str:
    out = StringIO()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    call_command(*args, stdout=out)
    return out.getvalue()


def fails(*args, match: str) -> None:
    with pytest.raises(CommandError, match=match) as info:
        call_command(*args, stdout=StringIO())
    assert info.value.returncode == 1


@pytest.fixture
def tree():
    t = unit("tinh", kind="province")
    return {"tinh": t, "xa-a": unit("xa-a", parent=t, kind="commune"), "xa-b": unit("xa-b", parent=t, kind="commune")}  # fmt: skip


def test_user_add_with_password_from_stdin_logs_in(client, monkeypatch):
    out = run("user", "add", "thu.tran", "--password-stdin", "--email", "thu@example.vn",
              stdin=PASSWORD + "\n", monkeypatch=monkeypatch)  # fmt: skip
    assert "Đã tạo tài khoản “thu.tran”" in out and PASSWORD not in out
    user = get_user_model().objects.get(username="thu.tran")
    assert user.check_password(PASSWORD) and not user.is_superuser
    assert user.email == "thu@example.vn"
    assert client.login(username="thu.tran", password=PASSWORD)


def test_user_add_without_password_prints_a_generated_one():
    out = run("user", "add", "quan.tri", "--admin")
    password = out.split("Mật khẩu: ", 1)[1].split()[0]
    user = get_user_model().objects.get(username="quan.tri")
    assert user.check_password(password) and user.is_superuser and user.is_staff
    assert scope.is_administrator(user)


def test_user_add_refuses_weak_password_and_duplicates(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("123\n"))
    fails("user", "add", "yeu", "--password-stdin", match="Mật khẩu chưa đủ mạnh")
    assert not get_user_model().objects.filter(username="yeu").exists()
    run("user", "add", "a.b")
    fails("user", "add", "a.b", match="đã có")


def test_user_add_links_the_cadre_profile(tree):
    person = PersonFactory(unit=tree["xa-a"])
    run("user", "add", "canbo.x", "--person", person.citizen_id)
    person.refresh_from_db()
    assert person.user.username == "canbo.x"
    fails("user", "add", "canbo.y", "--person", "999999999999", match="Không có cán bộ")


def test_user_list_and_disable(tree):
    run("user", "add", "nv1")
    run("grant", "nv1", "--role", "leader", "--unit", "tinh")
    assert "nv1\t-\tleader" in run("user", "list")
    run("user", "disable", "nv1")
    assert "đã khóa" in run("user", "list")
    assert not get_user_model().objects.get(username="nv1").is_active
    fails("user", "disable", "khong-co", match="Không có người dùng “khong-co”")


def test_grant_gives_the_scope(tree):
    run("user", "add", "nv")
    out = run("grant", "nv", "--role", "org-board", "--unit", "xa-a", "--tier", "XA",
              "--tier", "DONVI", "--actions", "view,export")  # fmt: skip
    assert "Đã cấp quyền: nv\torg-board\txa-a\tXA,DONVI\tview,export" in out
    grant = Grant.objects.get(user__username="nv")
    assert {t.code for t in grant.tiers.all()} == {"XA", "DONVI"}
    assert grant.actions == ["view", "export"] and grant.include_subtree
    user = get_user_model().objects.get(username="nv")
    assert {u.code for u in scope.units_for(user)} == {"xa-a"}
    assert not scope.units_for(user, "change").exists()


def test_grant_no_subtree_role_defaults_list_and_revoke(tree):
    run("user", "add", "nv")
    run("grant", "nv", "--role", "unit-officer", "--unit", "tinh", "--no-subtree")
    run("grant", "nv", "--role", "leader", "--unit", "xa-b", "--from", "2025-01-01")
    listing = run("grant", "nv", "--list")
    assert "unit-officer\ttinh (không gồm cấp dưới)\tmọi diện\tview,change" in listing
    assert "leader\txa-b\tmọi diện\tview,approve,export\t2025-01-01 → …" in listing
    assert "nv\tleader" in run("grant", "--list")
    assert "Đã thu hồi 1 quyền" in run("grant", "nv", "--revoke", "--role", "leader")
    assert list(Grant.objects.values_list("role__code", flat=True)) == ["unit-officer"]
    fails("grant", "nv", "--revoke", match="Hãy nêu vai trò")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ai-do", "--role", "leader", "--unit", "tinh"], "Không có người dùng “ai-do”"),
        (["nv", "--role", "thu-truong", "--unit", "tinh"], "Không có vai trò “thu-truong”. Các vai trò: administrator"),
        (["nv", "--role", "leader", "--unit", "xa-z"], "Không có đơn vị mã “xa-z”"),
        (["nv", "--role", "leader", "--unit", "tinh", "--tier", "QUAN"], "Không có diện quản lý “QUAN”. Các diện: "),
        (["nv", "--role", "leader", "--unit", "tinh", "--actions", "view,xoa"], "Quyền không hợp lệ: xoa"),
        (["nv", "--role", "leader"], "Vai trò này cần một đơn vị"),
        (["nv", "--unit", "tinh"], "Hãy nêu vai trò"),
        (["nv", "--role", "leader", "--unit", "tinh", "--from", "1/1/2025"], "YYYY-MM-DD"),
        (["nv", "--role", "leader", "--unit", "tinh", "--from", "2025-02-01", "--to", "2025-01-01"], "không được trước"),
    ],
)  # fmt: skip
def test_grant_errors_are_clear_and_write_nothing(tree, args, message):
    run("user", "add", "nv")
    fails("grant", *args, match=message)
    assert not Grant.objects.exists()


def test_administrator_and_cadre_grants_need_no_unit(tree):
    run("user", "add", "qt")
    run("grant", "qt", "--role", "administrator")
    assert scope.is_administrator(get_user_model().objects.get(username="qt"))

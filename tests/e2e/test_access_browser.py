"""In a real browser, a commune officer and a provincial leader see only their grants."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from canbo.catalogs.models import ManagementTier
from tests.factories import PersonFactory, unit, user_with_grant

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "Mat-khau-Rat-dai-2025"


@pytest.fixture
def province():
    tiers = {t.code: t for t in ManagementTier.objects.all()}
    root = unit("tinh-thu", name="Tỉnh Thử Nghiệm", kind="province")
    an = unit("xa-an", name="Xã An Bình", kind="commune", parent=root)
    hoa = unit("xa-hoa", name="Xã Hòa Lạc", kind="commune", parent=root)
    people = {
        "an": PersonFactory(full_name="Trần Văn Nam", unit=an, management_tier=tiers["XA"]),
        "hoa": PersonFactory(full_name="Lê Thị Mai", gender="female", unit=hoa, management_tier=tiers["XA"]),
        "tinh": PersonFactory(full_name="Phạm Văn Bình", unit=root, management_tier=tiers["TINH"]),
    }  # fmt: skip
    return {"root": root, "an": an, "hoa": hoa, "people": people}


def _log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Danh sách cán bộ")).to_be_visible()


def test_commune_officer_sees_and_edits_only_the_commune(province, page, screenshot_dir):
    user_with_grant("org-board", province["an"], username="nhansu.an", password=PASSWORD)
    _log_in(page, "nhansu.an")
    results = page.locator("#results")
    expect(results).to_contain_text("Trần Văn Nam")
    expect(results).not_to_contain_text("Lê Thị Mai")
    expect(results).not_to_contain_text("Phạm Văn Bình")
    expect(page.locator(".result-count")).to_contain_text("1 cán bộ")
    expect(page.get_by_role("link", name="Thêm cán bộ")).to_be_visible()
    page.screenshot(path=screenshot_dir / "access-commune-list.png")

    page.get_by_role("link", name="Đơn vị").first.click()
    expect(page.locator("main")).to_contain_text("Xã An Bình")
    expect(page.locator("main")).not_to_contain_text("Tỉnh Thử Nghiệm")
    expect(page.locator("main")).not_to_contain_text("Xã Hòa Lạc")

    outside = page.goto(f"/people/{province['people']['hoa'].pk}/")
    assert outside.status == 404
    inside = page.goto(f"/people/{province['people']['an'].pk}/")
    assert inside.status == 200
    expect(page.get_by_role("link", name="Sửa hồ sơ")).to_be_visible()

    page.get_by_role("link", name="Phân quyền").click()
    expect(page.locator("main")).to_contain_text("Cán bộ Ban Tổ chức")
    expect(page.locator("main")).to_contain_text("Xã An Bình")
    page.screenshot(path=screenshot_dir / "access-my-grants.png")


def test_leader_with_one_tier_reads_without_edit_buttons(province, page):
    user_with_grant(
        "leader", province["root"], username="lanhdao", tiers=("TINH",), password=PASSWORD
    )
    _log_in(page, "lanhdao")
    results = page.locator("#results")
    expect(results).to_contain_text("Phạm Văn Bình")
    expect(results).not_to_contain_text("Trần Văn Nam")
    expect(page.get_by_role("link", name="Thêm cán bộ")).to_have_count(0)
    page.get_by_role("link", name="Phạm Văn Bình").click()
    expect(page).to_have_url(re.compile(r"/people/\d+/$"))
    expect(page.get_by_role("link", name="Sửa hồ sơ")).to_have_count(0)
    assert page.goto(f"/people/{province['people']['tinh'].pk}/edit/").status == 403

"""The Content-Security-Policy in a real browser: the main pages (login, people list with htmx
filtering, profile, unit tree, second factor, admin, API docs) load and work with no CSP
violation; a TOTP login works end to end."""

from __future__ import annotations

import re
import time
from base64 import b32decode

import pytest
from axes.models import AccessAttempt
from playwright.sync_api import expect

from tests.factories import PersonFactory, unit
from tests.security.security_helpers import totp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Quan-tri-vien-2025!"


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser(
        username="quantri", password=PASSWORD, first_name="Quản", last_name="Trị"
    )


@pytest.fixture
def people():
    commune = unit("xa-an-binh", name="Đảng ủy xã An Bình", kind="commune")
    unit("chi-bo-dong", name="Chi bộ thôn Đông", kind="party_cell", parent=commune)
    PersonFactory(full_name="Nguyễn Thị Hoa", gender="female", unit=commune)
    PersonFactory(full_name="Trần Văn Nam", gender="male", unit=commune)
    return commune


def log_in(page, username: str, password: str = PASSWORD):
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_main_pages_load_without_csp_violations(page, admin, people, screenshot_dir, watch_csp):
    violations = watch_csp(page)

    log_in(page, admin.username)
    expect(page.get_by_role("heading", name="Danh sách cán bộ")).to_be_visible()

    # htmx filtering (and htmx's indicator CSS coming from canbo.css, not an injected <style>)
    rows = page.locator("#people-table tbody tr")
    expect(rows).to_have_count(2)
    page.get_by_label("Giới tính").select_option(label="Nữ")
    expect(rows).to_have_count(1)
    expect(page).to_have_url(re.compile(r"gender=female"))
    assert page.locator("style").count() == 0

    page.get_by_role("link", name="Nguyễn Thị Hoa").click()
    expect(page.get_by_role("heading", name="Nguyễn Thị Hoa", level=1)).to_be_visible()

    page.goto("/units/")
    page.locator("[data-toggle-tree]").first.click()
    expect(page.get_by_text("Chi bộ thôn Đông")).to_be_visible()

    page.goto("/accounts/two-factor/")
    expect(page.locator(".qr svg")).to_be_visible()
    page.screenshot(path=screenshot_dir / "two-factor.png")

    # every page of the top bar (units, people, titles, decisions, statistics, audit …)
    links = page.locator(".mainnav a").evaluate_all("(links) => links.map((a) => a.href)")
    assert len(links) >= 4
    for href in links:
        response = page.goto(href)
        assert response.ok, href
        expect(page.locator("h1").first).to_be_visible()

    page.goto("/admin/")
    expect(page.locator("#site-name")).to_be_visible()
    page.goto("/admin/auth/user/")
    expect(page.locator("#result_list")).to_be_visible()
    page.goto(f"/admin/auth/user/{admin.pk}/change/")
    expect(page.locator("#user_form")).to_be_visible()
    page.screenshot(path=screenshot_dir / "csp-admin.png")

    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .info")).to_be_visible()
    page.screenshot(path=screenshot_dir / "csp-api-docs.png")

    assert violations == []
    # the watch itself works: on a canbo page an inline style added now is blocked and reported
    page.goto("/people/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<b style=\"color:red\">x</b>')")
    for _i in range(50):
        if violations:
            break
        page.wait_for_timeout(100)
    assert violations and "style-src" in violations[0]


def test_lockout_page_and_second_factor_login_in_the_browser(new_page, admin, people, watch_csp):
    page = new_page()
    violations = watch_csp(page)
    for _i in range(5):
        log_in(page, admin.username, "sai-mat-khau")
    expect(page.get_by_role("alert")).to_contain_text(
        "Tài khoản tạm khóa do đăng nhập sai nhiều lần, thử lại sau 15 phút."
    )
    assert violations == []

    # an administrator turns the second factor on, then logs in with it
    AccessAttempt.objects.all().delete()
    log_in(page, admin.username)
    page.goto("/accounts/two-factor/")
    secret = page.get_by_test_id("totp-secret").inner_text()
    key = b32decode(secret.replace(" ", ""))
    page.get_by_label("Mã xác thực").fill(totp(key))
    page.get_by_role("button", name="Bật xác thực hai bước").click()
    expect(page.get_by_text("Đã bật xác thực hai bước cho tài khoản.")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()

    page = new_page()
    violations += watch_csp(page)
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/admin/"))
    # the admin sent us to canbo's login page, with next=/admin/
    page.get_by_label("Tên đăng nhập").fill(admin.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Xác thực hai bước")).to_be_visible()
    page.get_by_label("Mã xác thực").fill(totp(key, at=time.time() + 30))
    page.get_by_role("button", name="Xác nhận").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("#site-name")).to_be_visible()
    assert violations == []

"""The statistics dashboard in a real browser: a chart bar leads to the people behind it, the
indicators show their progress, and no Content-Security-Policy violation occurs."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from canbo.stats.services import indicator_declare
from tests.factories import PersonFactory, unit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def commune():
    c = unit("xa-da-bac", name="Xã Đà Bắc", kind="commune")
    PersonFactory(full_name="Nguyễn Thị Hoa", gender="female", unit=c)
    PersonFactory(full_name="Lê Thị Mai", gender="female", unit=c)
    PersonFactory(full_name="Trần Văn Nam", gender="male", unit=c, political_theory=None)
    indicator_declare(
        code="nu-30", name="Tỷ lệ cán bộ nữ", unit=c, resolution="Nghị quyết 01-NQ/ĐU",
        adopted_on=date(2025, 1, 1), deadline=date(2030, 12, 31), target=Decimal(30),
        conditions=[("condition", "gender", "in", "female")],
    )  # fmt: skip
    return c


def test_clicking_a_chart_bar_opens_the_people_behind_it(
    commune, logged_in_page, screenshot_dir, watch_csp
):
    page = logged_in_page
    violations = watch_csp(page)
    page.goto("/stats/xa-da-bac/")
    expect(page.get_by_role("heading", name=re.compile("Thống kê, chỉ tiêu"))).to_be_visible()
    row = page.locator("#indicators tr[data-status='met']")
    expect(row).to_contain_text("Tỷ lệ cán bộ nữ")
    expect(row).to_contain_text("2/3, đạt 66,7%")
    page.screenshot(path=screenshot_dir / "stats-dashboard.png", full_page=True)

    page.locator("#b-gender svg a[data-key='female']").first.click()

    expect(page).to_have_url(re.compile(r"/people/\?.*gender=female"))
    expect(page.locator(".result-count")).to_have_text("2 cán bộ")
    expect(page.get_by_role("link", name="Nguyễn Thị Hoa")).to_be_visible()
    expect(page.get_by_role("link", name="Trần Văn Nam")).to_have_count(0)

    # a "none" level (no political theory) and a point of the trend over the years
    page.goto("/stats/xa-da-bac/")
    bar = page.locator("#b-political_theory svg a[data-key='none']").first
    expect(bar.locator("title")).to_contain_text("Chưa có: 1")
    bar.click()
    expect(page).to_have_url(re.compile(r"/people/\?.*political_theory=null"))
    expect(page.locator(".result-count")).to_have_text("1 cán bộ")
    expect(page.get_by_role("link", name="Trần Văn Nam")).to_be_visible()

    page.goto("/stats/xa-da-bac/")
    point = page.locator("#trend svg a[data-key^='female:']").last
    expect(point.locator("title")).to_contain_text(": 2/3")
    point.click()
    expect(page).to_have_url(re.compile(r"/people/\?.*recruited_to="))
    expect(page.locator(".result-count")).to_have_text("2 cán bộ")
    assert violations == []


def test_declaring_an_indicator_on_the_staff_page(
    commune, logged_in_page, screenshot_dir, watch_csp
):
    page = logged_in_page
    violations = watch_csp(page)
    page.goto("/stats/xa-da-bac/")
    page.locator("#indicators").get_by_role("link", name="Khai báo chỉ tiêu").click()
    expect(page.get_by_role("heading", name="Khai báo chỉ tiêu")).to_be_visible()
    page.fill("#id_code", "dang-vien")
    page.fill("#id_name", "Tỷ lệ đảng viên")
    page.fill("#id_resolution", "Nghị quyết 02-NQ/ĐU")
    page.fill("#id_deadline", "2030-12-31")
    page.fill("#id_target", "90")
    page.select_option("#id_c-0-role", "condition")
    page.select_option("#id_c-0-field", "party_member")
    page.select_option("#id_c-0-operator", "is")
    page.fill("#id_c-0-value", "có")
    page.select_option("#id_c-1-role", "population")
    page.select_option("#id_c-1-field", "gender")
    page.select_option("#id_c-1-operator", "in")
    page.fill("#id_c-1-value", "female")
    # a third row without saving first: the button adds it, what was typed stays
    rows = page.locator("table.formset tbody tr.condition-row")
    expect(rows).to_have_count(2)
    page.get_by_role("button", name="+ Thêm điều kiện").click()
    expect(rows).to_have_count(3)
    expect(page.locator("#id_c-TOTAL_FORMS")).to_have_value("3")
    expect(page.locator("#id_c-0-value")).to_have_value("có")
    expect(page.locator("#id_c-1-value")).to_have_value("female")
    page.select_option("#id_c-2-role", "population")
    page.select_option("#id_c-2-field", "age")
    page.select_option("#id_c-2-operator", "lt")
    page.fill("#id_c-2-value", "100")
    page.screenshot(path=screenshot_dir / "stats-indicator-form.png", full_page=True)
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", name="Tỷ lệ đảng viên")).to_be_visible()
    expect(page.locator("body")).to_contain_text("2/2, đạt 100%")
    expect(page.locator("table.list").first.locator("tbody tr")).to_have_count(3)
    page.get_by_role("link", name="Sửa khai báo").click()
    page.fill("#id_target", "120")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#id_target-errors")).to_contain_text("Tỷ lệ không quá 100%")
    assert violations == []

"""In a browser: a saved change shows in the profile's history tab (loaded as it scrolls into
view) and in the audit log page, with who made it."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.factories import PersonFactory, unit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_edit_appears_in_the_history_tab_and_the_audit_log(logged_in_page, user, screenshot_dir):
    page = logged_in_page
    person = PersonFactory(
        full_name="Phạm Văn Bình", birth_date=date(1980, 5, 17), unit=unit("xa-an-binh", name="Xã An Bình"), phone="0912 345 678"
    )  # fmt: skip
    page.goto(f"/people/{person.pk}/edit/")
    page.get_by_label("Điện thoại", exact=True).fill("0987 654 321")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/people/{person.pk}/$"))

    history = page.locator("#history")
    history.scroll_into_view_if_needed()
    row = history.locator("#history-table tbody tr").first
    expect(row).to_contain_text("Sửa cán bộ")
    expect(row).to_contain_text(user.username)
    expect(row.locator(".old")).to_have_text("0912 345 678")
    expect(row.locator(".new")).to_have_text("0987 654 321")
    page.screenshot(path=screenshot_dir / "audit-history-tab.png", full_page=True)

    page.get_by_role("link", name="Nhật ký").click()
    expect(page.get_by_role("heading", name="Nhật ký thay đổi, xem và xuất hồ sơ")).to_be_visible()
    page.get_by_label("Hành động").select_option("view")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("#audit-table tbody tr").first).to_contain_text("Phạm Văn Bình")
    expect(page.locator("#audit-table tbody tr").first).to_contain_text("Xem hồ sơ")
    page.screenshot(path=screenshot_dir / "audit-log.png", full_page=True)

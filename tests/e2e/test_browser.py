"""What a user sees in a real browser: log in, filter and search the list, read and edit a profile,
unfold the unit tree, and two people saving the same profile."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from canbo.people.models import Person
from canbo.posts.services import assignment_create
from canbo.units.services import unit_merge, unit_rename
from tests.factories import DecisionFactory, PersonFactory, TitleFactory, post, unit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WOMEN = ["Nguyễn Thị Hoa", "Lê Thị Mai"]
MEN = ["Trần Văn Nam", "Nguyễn Văn Hòa", "Phạm Văn Bình"]


@pytest.fixture
def province():
    """A small province: a party committee, a commune with a cell, a merged former commune."""
    root = unit("tinh-thu", name="Tỉnh ủy Thử Nghiệm", kind="party_committee")
    commune = unit("xa-an-binh", name="Đảng ủy xã An Bình", kind="commune", parent=root)
    cell = unit("chi-bo-dong", name="Chi bộ thôn Đông", kind="party_cell", parent=commune)
    board = unit("ban-to-chuc", name="Ban Tổ chức Tỉnh ủy", kind="party_body", parent=root)
    former = unit("xa-hoa-lac", name="Xã Hòa Lạc", kind="commune", parent=root)

    PersonFactory(full_name="Nguyễn Thị Hoa", gender="female", birth_date=date(1985, 3, 12), unit=cell)  # fmt: skip
    PersonFactory(full_name="Lê Thị Mai", gender="female", birth_date=date(1990, 8, 2), unit=board, party_joined_on=date(2012, 5, 19), party_official_on=date(2013, 5, 19))  # fmt: skip
    PersonFactory(full_name="Trần Văn Nam", birth_date=date(1978, 11, 20), unit=commune)
    PersonFactory(full_name="Nguyễn Văn Hòa", birth_date=date(1982, 1, 5), unit=cell)
    binh = PersonFactory(full_name="Phạm Văn Bình", birth_date=date(1980, 5, 17), unit=commune, phone="0912 345 678")  # fmt: skip

    secretary = TitleFactory(name="Bí thư Đảng ủy xã", is_key=True)
    chair = TitleFactory(name="Chủ tịch UBND xã", is_key=True)
    assignment_create(person=binh, post=post(former, secretary), kind="election", start_date=date(2015, 10, 1), end_date=date(2020, 9, 30), decision=DecisionFactory(number="208-QĐ/HU"))  # fmt: skip
    assignment_create(person=binh, post=post(commune, chair), kind="appointment", start_date=date(2020, 10, 1))  # fmt: skip
    unit_rename(unit=former, new_name="Xã Hòa Lạc Mới", on=date(2022, 1, 1))
    unit_merge(units=[former], into=commune, on=date(2025, 7, 1))
    binh.refresh_from_db()
    return {"root": root, "commune": commune, "binh": binh}


def _rows(page):
    return page.locator("#people-table tbody tr")


def _fact(page, label: str):
    """The <dd> after the <dt> `label` on a profile."""
    return page.locator("dl.facts dt", has_text=re.compile(f"^{re.escape(label)}$")).locator(
        "xpath=following-sibling::dd[1]"
    )


def test_login_with_wrong_then_right_password(page, user, screenshot_dir):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")
    expect(alert).to_contain_text("phân biệt chữ hoa, chữ thường")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_label("Tên đăng nhập")).to_have_value(user.username)
    page.screenshot(path=screenshot_dir / "login-error.png")

    page.get_by_label("Mật khẩu").fill("Mat-khau-rat-dai-2025")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Danh sách cán bộ")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/people/$"))
    expect(page.locator(".username")).to_have_text("Thu Trần")


def test_filter_by_gender_updates_rows_count_and_url(province, logged_in_page, screenshot_dir):
    page = logged_in_page
    expect(page.locator(".result-count")).to_have_text("5 cán bộ")
    expect(_rows(page)).to_have_count(5)
    page.screenshot(path=screenshot_dir / "people-list.png", full_page=True)

    page.get_by_label("Giới tính").select_option(label="Nữ")

    expect(page.locator(".result-count")).to_have_text("2 cán bộ")
    expect(_rows(page)).to_have_count(2)
    for name in WOMEN:
        expect(_rows(page).get_by_role("link", name=name)).to_be_visible()
    for name in MEN:
        expect(page.get_by_role("link", name=name)).to_have_count(0)
    expect(_rows(page).locator("td:nth-child(4)")).to_have_text(["Nữ", "Nữ"])
    expect(page).to_have_url(re.compile(r"[?&]gender=female(&|$)"))


def test_search_without_diacritics(province, logged_in_page):
    page = logged_in_page
    expect(_rows(page)).to_have_count(5)

    page.get_by_label("Tìm theo tên").press_sequentially("nguyen thi hoa")

    expect(_rows(page)).to_have_count(1)
    expect(_rows(page).get_by_role("link", name="Nguyễn Thị Hoa")).to_be_visible()
    expect(page.get_by_role("link", name="Nguyễn Văn Hòa")).to_have_count(0)
    expect(page.locator(".result-count")).to_have_text("1 cán bộ")
    expect(page).to_have_url(re.compile(r"[?&]q=nguyen(\+|%20)thi(\+|%20)hoa(&|$)"))


def test_profile_shows_sections_retirement_and_post_history(
    province, logged_in_page, screenshot_dir
):
    page = logged_in_page
    page.get_by_role("link", name="Phạm Văn Bình").click()

    expect(page.get_by_role("heading", name="Phạm Văn Bình", level=1)).to_be_visible()
    expect(page.locator(".profile-head")).to_contain_text("Chủ tịch UBND xã — Đảng ủy xã An Bình")
    for section in [
        "Sơ yếu lý lịch",
        "Công tác",
        "Quá trình giữ chức vụ",
        "Tóm tắt quá trình công tác",
        "Đào tạo, bồi dưỡng",
        "Quan hệ gia đình",
        "Khen thưởng",
        "Kỷ luật",
    ]:
        expect(page.get_by_role("heading", name=section, exact=True)).to_be_visible()
    expect(page.locator("#retirement-date")).to_have_text("31/05/2042")  # man born 05/1980: 62y

    history = page.locator("#posts-history tbody tr")
    expect(history).to_have_count(2)
    # the row of the former commune, found by its post (not by position)
    then = history.filter(has_text="Bí thư Đảng ủy xã")
    expect(then).to_contain_text("01/10/2015")
    expect(then).to_contain_text("30/09/2020")
    expect(then.get_by_role("link", name="Xã Hòa Lạc", exact=True)).to_be_visible()
    expect(then).to_contain_text("nay là Xã Hòa Lạc Mới")
    expect(then).to_contain_text("Đảng ủy xã An Bình")
    expect(then).to_contain_text("208-QĐ/HU")
    now = history.filter(has_text="Chủ tịch UBND xã")
    expect(now).to_contain_text("nay")
    expect(now.get_by_role("link", name="Đảng ủy xã An Bình")).to_be_visible()
    page.screenshot(path=screenshot_dir / "profile.png", full_page=True)


def test_edit_phone_then_invalid_citizen_id_is_refused(province, logged_in_page, screenshot_dir):
    page = logged_in_page
    binh = province["binh"]
    page.get_by_role("link", name="Phạm Văn Bình").click()
    page.get_by_role("link", name="Sửa hồ sơ").click()
    expect(page.get_by_role("heading", name="Sửa hồ sơ: Phạm Văn Bình")).to_be_visible()
    expect(page.get_by_label("Điện thoại", exact=True)).to_have_value("0912 345 678")

    page.get_by_label("Điện thoại", exact=True).fill("0987 654 321")
    page.get_by_role("button", name="Lưu", exact=True).click()

    expect(page).to_have_url(re.compile(rf"/people/{binh.pk}/$"))
    expect(page.locator(".messages")).to_contain_text("Đã lưu hồ sơ Phạm Văn Bình")
    expect(_fact(page, "Điện thoại")).to_have_text("0987 654 321")
    saved = Person.objects.get(pk=binh.pk)
    assert (saved.phone, saved.version) == ("0987 654 321", binh.version + 1)

    page.get_by_role("link", name="Sửa hồ sơ").click()
    page.get_by_label("Số CCCD", exact=True).fill("123")
    page.get_by_label("Điện thoại", exact=True).fill("0900 000 000")
    page.get_by_role("button", name="Lưu", exact=True).click()

    expect(page.get_by_role("alert")).to_contain_text("Chưa lưu được")
    expect(page.locator("#id_citizen_id-errors")).to_contain_text("Số CCCD phải gồm đúng 12 chữ số")
    expect(page.get_by_label("Số CCCD", exact=True)).to_have_value("123")
    expect(page.get_by_role("heading", name="Sửa hồ sơ: Phạm Văn Bình")).to_be_visible()
    page.screenshot(path=screenshot_dir / "person-edit-errors.png")
    unchanged = Person.objects.get(pk=binh.pk)
    assert (unchanged.citizen_id, unchanged.phone, unchanged.version) == (
        binh.citizen_id,
        "0987 654 321",
        saved.version,
    )


def test_unit_tree_unfolds_and_folds(province, logged_in_page, screenshot_dir):
    page = logged_in_page
    page.get_by_role("link", name="Đơn vị", exact=True).click()
    expect(page.get_by_role("heading", name="Cây đơn vị")).to_be_visible()
    root = page.locator("#node-tinh-thu")
    expect(root.locator(".node .counts").first).to_have_text("0 / 5")
    children = page.locator("#children-tinh-thu")
    toggle = root.locator(".node button.toggle").first
    expect(toggle).to_have_text("▸")

    toggle.click()

    commune = children.locator("#node-xa-an-binh")
    expect(commune).to_be_visible()
    expect(commune.locator(".node .counts").first).to_have_text("2 / 4")
    expect(children.locator("#node-ban-to-chuc .counts")).to_have_text("1 / 1")
    expect(children.locator("#node-xa-hoa-lac")).to_contain_text("đã kết thúc 30/06/2025")
    expect(toggle).to_have_text("▾")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.screenshot(path=screenshot_dir / "unit-tree.png", full_page=True)

    toggle.click()

    expect(children).to_be_hidden()
    expect(commune).to_be_hidden()
    expect(toggle).to_have_text("▸")
    expect(toggle).to_have_attribute("aria-expanded", "false")

    toggle.click()
    expect(commune).to_be_visible()


def test_concurrent_edit_keeps_the_first_save_and_shows_differences(
    province, new_page, log_in, screenshot_dir
):
    binh = province["binh"]
    first, second = log_in(new_page()), log_in(new_page())
    for page in (first, second):
        page.goto(f"/people/{binh.pk}/edit/")
        expect(page.get_by_label("Điện thoại", exact=True)).to_have_value("0912 345 678")

    first.get_by_label("Điện thoại", exact=True).fill("0911 111 111")
    first.get_by_role("button", name="Lưu", exact=True).click()
    expect(first.locator(".messages")).to_contain_text("Đã lưu hồ sơ")

    second.get_by_label("Điện thoại", exact=True).fill("0922 222 222")
    second.get_by_role("button", name="Lưu", exact=True).click()

    expect(second.get_by_role("alert")).to_contain_text("vừa được người khác lưu")
    expect(second.get_by_role("alert")).to_contain_text("CHƯA được lưu")
    row = second.locator("#conflict tbody tr", has_text="Điện thoại")
    expect(row.locator("td")).to_have_text(["Điện thoại", "0911 111 111", "0922 222 222"])
    second.screenshot(path=screenshot_dir / "person-edit-conflict.png")
    assert Person.objects.get(pk=binh.pk).phone == "0911 111 111"

"""In a real browser: upload a roster, see the preview with its problem, correct the column
mapping (htmx), commit, and find the people in the list."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from canbo.imports.models import ImportRun
from canbo.people.models import Person
from tests.factories import unit
from tests.imports.rosters import write_xlsx

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_upload_preview_correct_mapping_commit(logged_in_page, tmp_path, screenshot_dir):
    root = unit("tinh-thu", name="Tỉnh ủy Thử Nghiệm", kind="party_committee")
    unit("van-phong", name="Văn phòng Tỉnh ủy", kind="party_body", parent=root)
    columns = [("STT", None), ("Họ và tên", None), ("Ngày sinh", None), ("Phái", None)]
    items = [("unit", "Văn phòng Tỉnh ủy"),
             ("row", [1, "Lê Văn Tám", "19/08/1979", "Nam"]),
             ("row", [2, "Đinh Thị Vân", "03/1981", "Nữ"])]  # fmt: skip
    path = write_xlsx(tmp_path / "danh-sach.xlsx", items, columns=columns, numbering=False)
    page = logged_in_page
    page.get_by_role("link", name="Nhập dữ liệu").click()
    expect(page.get_by_role("heading", name="Nhập danh sách cán bộ")).to_be_visible()
    page.get_by_label("Tệp danh sách *").set_input_files(str(path))
    page.get_by_label("Đơn vị nhận *").select_option(label="Tỉnh ủy Thử Nghiệm")
    page.get_by_role("button", name="Tải lên và xem trước").click()

    expect(page.get_by_role("heading", name="Xem trước khi nhập: danh-sach.xlsx")).to_be_visible()
    problems = page.locator("#problems")
    expect(problems).to_contain_text("Thiếu giới tính")
    expect(page.locator("#commit")).to_have_count(0)
    page.screenshot(path=screenshot_dir / "import-preview-errors.png", full_page=True)

    page.get_by_label("D: Phái").select_option(label="Giới tính")
    page.get_by_role("button", name="Áp dụng cách ghép cột").click()
    expect(page.locator("#counts")).to_contain_text("2 sẽ thêm mới")
    expect(page.locator("#preview-rows")).to_contain_text("Đinh Thị Vân")
    expect(page.locator("#preview-rows")).to_contain_text("03/1981")
    expect(page.locator("#error-count")).to_contain_text("0 lỗi")
    page.screenshot(path=screenshot_dir / "import-preview-fixed.png", full_page=True)

    page.get_by_role("button", name="Ghi vào cơ sở dữ liệu").click()
    expect(page.locator(".messages")).to_contain_text("Đã nhập: 2 thêm mới")
    expect(page.locator("#created")).to_have_text("2")
    run = ImportRun.objects.get()
    assert (run.status, run.created) == ("imported", 2)
    van = Person.objects.get(full_name="Đinh Thị Vân")
    assert (van.gender, str(van.birth), van.unit.code) == ("female", "03/1981", "van-phong")

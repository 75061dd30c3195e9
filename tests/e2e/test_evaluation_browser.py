"""One person through the whole evaluation workflow in a real browser: open the cycle, the
cadre's self-assessment, the collective's review, the proposal by score, the decision with the
year's rule check refusing a rating, and the ratings report."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from canbo.discipline.models import Sanction
from tests.factories import PersonFactory, unit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_one_person_through_the_workflow(logged_in_page, screenshot_dir):
    office = unit("vp-tinh-uy", name="Văn phòng Tỉnh ủy")
    person = PersonFactory(full_name="Phạm Thị Lan", gender="female", unit=office)
    Sanction.objects.create(person=person, system="party", form="reprimand", decided_on=date(2026, 4, 2), issuer="UBKT Tỉnh ủy")  # fmt: skip
    page = logged_in_page
    page.goto("/evaluation/")
    form = page.locator("#open-cycle")
    form.get_by_label("Mã đơn vị").fill("vp-tinh-uy")
    form.get_by_label("Năm đánh giá").fill("2026")
    form.get_by_role("button", name="Mở đợt").click()
    expect(page.locator(".messages")).to_contain_text("1 người được đánh giá")

    page.get_by_role("link", name="Văn phòng Tỉnh ủy").click()
    page.get_by_role("link", name="Phạm Thị Lan").click()
    expect(page.locator("#status")).to_have_text("Chờ cán bộ tự đánh giá")

    page.locator("#step-self textarea").fill("Hoàn thành 12/12 nhiệm vụ, 4 nhiệm vụ vượt tiến độ.")
    page.locator("#step-self").get_by_role("button").click()
    expect(page.locator("#status")).to_have_text("Chờ tập thể nhận xét")

    page.locator("#step-review textarea").fill("Tập thể nhất trí.")
    page.locator("#step-review").get_by_role("button").click()
    expect(page.locator("#status")).to_have_text("Chờ đề xuất xếp loại")

    page.locator("#step-propose").get_by_label(re.compile("Điểm tiêu chí chung")).fill("29")
    page.locator("#step-propose").get_by_label(re.compile("Điểm kết quả nhiệm vụ")).fill("65")
    page.locator("#step-propose").get_by_role("button").click()
    expect(page.locator("#status")).to_have_text("Chờ cấp có thẩm quyền quyết định")
    expect(page.locator("#rule-checks tr[data-rating='excellent']")).to_contain_text(
        "Bị kỷ luật trong năm 2026"
    )
    page.screenshot(path=screenshot_dir / "evaluation-decision.png", full_page=True)

    decide = page.locator("#step-decide")
    decide.get_by_label("Xếp loại").select_option("excellent")
    decide.get_by_role("button").click()
    expect(page.locator(".messages")).to_contain_text("Bị kỷ luật trong năm 2026")
    expect(page.locator("#status")).to_have_text("Chờ cấp có thẩm quyền quyết định")

    page.locator("#step-decide").get_by_label("Xếp loại").select_option("incomplete")
    page.locator("#step-decide").get_by_label("Cấp có thẩm quyền").fill("Ban Thường vụ Tỉnh ủy")
    page.locator("#step-decide").get_by_role("button").click()
    expect(page.locator("#status")).to_have_text("Đã quyết định")
    expect(page.locator("#rating")).to_have_text("Không hoàn thành nhiệm vụ")
    expect(page.locator("#steps tbody tr")).to_have_count(4)

    page.goto("/evaluation/ratings/vp-tinh-uy/?year=2026")
    expect(page.locator("#distribution tr.total")).to_contain_text("1")

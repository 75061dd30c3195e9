"""One person through the whole evaluation workflow in a real browser: open the cycle, the
unit's criteria (a wrong split refused), the cadre's self-assessment scored per criterion, the
collective's review, the proposal by score, the list awaiting a decision with the competent
body, the decision with the year's rule check refusing a rating, the ratings report with its
PDF, and the outcome on the profile."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from canbo.catalogs.models import ManagementTier
from canbo.discipline.models import Sanction
from tests.factories import PersonFactory, unit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_one_person_through_the_workflow(logged_in_page, screenshot_dir):
    office = unit("vp-tinh-uy", name="Văn phòng Tỉnh ủy")
    tier = ManagementTier.objects.get(code="TINH")
    person = PersonFactory(full_name="Phạm Thị Lan", gender="female", unit=office, management_tier=tier)  # fmt: skip
    Sanction.objects.create(person=person, system="party", form="reprimand", decided_on=date(2026, 4, 2), issuer="UBKT Tỉnh ủy")  # fmt: skip
    page = logged_in_page
    page.goto("/evaluation/")
    form = page.locator("#open-cycle")
    form.get_by_label("Mã đơn vị").fill("vp-tinh-uy")
    form.get_by_label("Năm đánh giá").fill("2026")
    form.get_by_role("button", name="Mở đợt").click()
    expect(page.locator(".messages")).to_contain_text("1 người được đánh giá")

    cycle_url = page.url
    page.goto("/evaluation/criteria/vp-tinh-uy/2026/")
    expect(page.locator("#framework")).to_contain_text("30")
    criteria = page.locator("#criteria-form")
    criteria.locator("textarea").first.fill("Chính trị, tư tưởng | 20\nĐạo đức, lối sống | 5")
    criteria.get_by_role("button").click()
    expect(page.locator(".messages")).to_contain_text("phải đúng 30 điểm")
    page.locator("#criteria-form textarea").first.fill(
        "Chính trị, tư tưởng | 10\nĐạo đức, lối sống | 10\nÝ thức tổ chức kỷ luật | 10"
    )
    page.locator("#criteria-form").get_by_role("button").click()
    expect(page.locator("#criteria tbody tr")).to_have_count(3)

    page.goto(cycle_url)
    page.get_by_role("link", name="Văn phòng Tỉnh ủy").click()
    page.get_by_role("link", name="Phạm Thị Lan").click()
    expect(page.locator("#status")).to_have_text("Chờ cán bộ tự đánh giá")
    expect(page.locator("#competent-body")).to_have_text("Ban Thường vụ Tỉnh ủy")

    page.locator("#step-self textarea").fill("Hoàn thành 12/12 nhiệm vụ, 4 nhiệm vụ vượt tiến độ.")
    self_form = page.locator("#step-self")
    self_form.get_by_label(re.compile("Chính trị, tư tưởng")).fill("10")
    self_form.get_by_label(re.compile("Đạo đức, lối sống")).fill("10")
    self_form.get_by_label(re.compile("Ý thức tổ chức kỷ luật")).fill("11")  # above its 10 points
    self_form.get_by_role("button").click()
    expect(page.locator(".messages")).to_contain_text("điểm phải từ 0 đến 10")
    expect(page.locator("#status")).to_have_text("Chờ cán bộ tự đánh giá")
    page.locator("#step-self textarea").fill("Hoàn thành 12/12 nhiệm vụ, 4 nhiệm vụ vượt tiến độ.")
    page.locator("#step-self").get_by_label(re.compile("Chính trị, tư tưởng")).fill("10")
    page.locator("#step-self").get_by_label(re.compile("Đạo đức, lối sống")).fill("10")
    page.locator("#step-self").get_by_label(re.compile("Ý thức tổ chức kỷ luật")).fill("9")
    page.locator("#step-self").get_by_role("button").click()
    expect(page.locator("#status")).to_have_text("Chờ tập thể nhận xét")
    expect(page.locator("#criterion-scores tbody tr")).to_have_count(3)
    evaluation_url = page.url

    page.locator("#step-review textarea").fill("Tập thể nhất trí.")
    page.locator("#step-review").get_by_role("button").click()
    expect(page.locator("#status")).to_have_text("Chờ đề xuất xếp loại")

    propose = page.locator("#step-propose")
    propose.get_by_label(re.compile("Chính trị, tư tưởng")).fill("10")
    propose.get_by_label(re.compile("Đạo đức, lối sống")).fill("10")
    propose.get_by_label(re.compile("Ý thức tổ chức kỷ luật")).fill("9")
    propose.get_by_label(re.compile("Điểm kết quả nhiệm vụ")).fill("65")
    propose.get_by_role("button").click()
    expect(page.locator("#status")).to_have_text("Chờ cấp có thẩm quyền quyết định")
    expect(page.locator("body")).to_contain_text("29,00 + 65,00 = 94,00")

    page.goto("/evaluation/awaiting/")
    expect(page.locator("#awaiting tbody tr")).to_have_count(1)
    expect(page.locator("#awaiting")).to_contain_text("Ban Thường vụ Tỉnh ủy")
    page.locator("#awaiting").get_by_role("link", name="Phạm Thị Lan").click()
    expect(page).to_have_url(evaluation_url)
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
    with page.expect_download() as download:
        page.locator("#export-pdf").click()
    assert download.value.suggested_filename == "xep-loai-vp-tinh-uy-2026.pdf"

    page.goto(f"/people/{person.pk}/")
    expect(page.locator("#person-ratings tr[data-year='2026']")).to_contain_text(
        "Không hoàn thành nhiệm vụ"
    )


def test_confidence_vote_from_an_empty_session(logged_in_page, screenshot_dir):
    """A session recorded on the page, the people voted on added (one refused with the reason),
    ballots entered by hand, tallied, and the consequence listed."""
    from tests.factories import make_leader

    where = unit("bch-xa", name="Ban Chấp hành Đảng bộ xã")
    leader = make_leader(PersonFactory(full_name="Hoàng Văn Dũng", unit=where))
    newcomer = make_leader(
        PersonFactory(full_name="Vũ Thị Mai", unit=where), since=date(2026, 3, 1)
    )
    page = logged_in_page
    page.goto("/evaluation/votes/")
    form = page.locator("#new-vote")
    form.get_by_label("Mã đơn vị").fill("bch-xa")
    form.get_by_label("Hội nghị").fill("Hội nghị Ban Chấp hành")
    form.get_by_label("Ngày lấy phiếu").fill("2026-06-01")
    form.get_by_label("Số được triệu tập").fill("3")
    form.get_by_label("Số có mặt").fill("3")
    form.get_by_role("button", name="Ghi hội nghị").click()
    expect(page.locator("#no-ballot-people")).to_be_visible()

    add = page.locator("#add-person")
    add.get_by_label("Người được lấy phiếu").select_option(str(newcomer.pk))
    add.get_by_role("button").click()
    expect(page.locator(".messages")).to_contain_text("trong năm lấy phiếu")
    page.locator("#add-person").get_by_label("Người được lấy phiếu").select_option(str(leader.pk))
    page.locator("#add-person").get_by_role("button").click()
    expect(page.locator("#ballot-check tbody tr")).to_have_count(1)

    for choice in ("Tín nhiệm thấp", "Tín nhiệm thấp", "Tín nhiệm"):
        entry = page.locator("#ballot-entry")
        entry.get_by_label("Hoàng Văn Dũng").select_option(label=choice)
        entry.get_by_role("button", name="Ghi phiếu").click()
        expect(page.locator(".messages")).to_contain_text("Đã ghi phiếu")
    expect(page.locator("#ballots")).to_contain_text("Đã nhập 3 phiếu")
    page.locator("#ballots-tally").get_by_role("button").click()
    row = page.locator(f"#results tr:has(a[href='/people/{leader.pk}/'])")
    expect(row).to_have_attribute("data-consequence", "dismissal")  # 2 of 3 convened = 2/3
    page.screenshot(path=screenshot_dir / "evaluation-vote.png", full_page=True)

"""The evaluation pages: open a cycle, progress per unit, a unit's list in a fixed number of
queries, the workflow page with the year's rule checks, the ratings report; all scoped."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from canbo.discipline.models import Sanction
from canbo.evaluation import services
from canbo.evaluation.models import Evaluation
from tests.factories import PersonFactory, make_leader, unit, user_with_grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    province = unit("tinh", "Tỉnh ủy")
    office = unit("vp", "Văn phòng", parent=province)
    other = unit("khac", "Đơn vị khác")
    return province, office, other


def test_open_cycle_from_the_page(staff_client, tree):
    PersonFactory(unit=tree[1])
    PersonFactory(unit=tree[1], recruited_on=date(2026, 10, 1), full_name="Mới Tuyển Dụng")
    response = staff_client.post(reverse("evaluation:cycles"), {"unit": "tinh", "year": 2026})
    assert response.status_code == 302
    page = staff_client.get(response.url)
    text = page.content.decode()
    assert "1 người được đánh giá" in text
    assert "Mới Tuyển Dụng" in text and "dưới 6 tháng" in text


def test_unit_page_queries_do_not_grow(client, tree):
    staff = user_with_grant("org-board", tree[0])
    client.force_login(staff)
    for _ in range(3):
        PersonFactory(unit=tree[1])
    cycle = services.cycle_open(actor=None, root_unit=tree[0], year=2026).cycle
    url = reverse("evaluation:cycle_unit", args=[cycle.pk, "vp"])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(20):
        PersonFactory(unit=tree[1])
    Evaluation.objects.all().delete()
    cycle.delete()
    cycle = services.cycle_open(actor=None, root_unit=tree[0], year=2026).cycle
    url = reverse("evaluation:cycle_unit", args=[cycle.pk, "vp"])
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.content.decode().count('data-status="self"') == 23
    assert len(many) == len(few)


def test_out_of_scope_is_404(client, tree):
    PersonFactory(unit=tree[2])
    cycle = services.cycle_open(actor=None, root_unit=tree[2], year=2026).cycle
    ev = Evaluation.objects.get()
    client.force_login(user_with_grant("org-board", tree[1]))
    assert client.get(reverse("evaluation:cycle", args=[cycle.pk])).status_code == 404
    assert client.get(reverse("evaluation:evaluation", args=[ev.pk])).status_code == 404
    assert client.get(reverse("evaluation:ratings", args=["khac"])).status_code == 404


def test_decision_page_explains_the_rules_and_refuses(client, tree):
    person = PersonFactory(unit=tree[1])
    Sanction.objects.create(person=person, system="state", form="warning", decided_on=date(2026, 3, 1), issuer="UBND")  # fmt: skip
    services.cycle_open(actor=None, root_unit=tree[0], year=2026)
    ev = Evaluation.objects.get()
    staff = user_with_grant("org-board", tree[0])
    leader = user_with_grant("leader", tree[0])
    client.force_login(staff)
    url = reverse("evaluation:evaluation", args=[ev.pk])
    client.post(url, {"step": "self", "text": "Tự đánh giá"})
    client.post(url, {"step": "review", "comment": "Nhất trí"})
    client.post(url, {"step": "propose", "general_score": "28", "results_score": "63"})
    ev.refresh_from_db()
    assert (ev.status, ev.proposed_rating) == ("decision", "excellent")
    assert 'id="step-decide"' not in client.get(url).content.decode()  # staff cannot decide
    client.force_login(leader)
    page = client.get(url).content.decode()
    assert "Bị kỷ luật trong năm 2026" in page
    response = client.post(url, {"step": "decide", "rating": "excellent"}, follow=True)
    assert "Bị kỷ luật trong năm 2026" in response.content.decode()
    ev.refresh_from_db()
    assert ev.status == "decision"
    client.post(url, {"step": "decide", "rating": "incomplete", "body": "Ban Thường vụ"})
    ev.refresh_from_db()
    assert (ev.status, ev.rating) == ("decided", "incomplete")


def test_ratings_report_page(staff_client, tree):
    people = [PersonFactory(unit=tree[1]) for _ in range(5)]
    services.imported_ratings_save(rows=[(p, 2015, r) for p, r in zip(people, ["excellent"] * 3 + ["good"] * 2, strict=True)])  # fmt: skip
    page = staff_client.get(reverse("evaluation:ratings", args=["tinh"]), {"year": 2015})
    text = page.content.decode()
    assert "60,0%" in text and "HTXSNV" in text  # Vietnamese decimal comma


def test_vote_pages(staff_client, tree):
    person = make_leader(PersonFactory(unit=tree[1], full_name="Đỗ Văn Hùng"))
    response = staff_client.post(
        reverse("evaluation:votes"),
        {"unit": "tinh", "body": "Hội nghị Ban Chấp hành", "held_on": "2026-06-01", "convened": 45, "present": 40},
    )  # fmt: skip
    assert response.status_code == 302
    url = response.url
    staff_client.post(url, {"citizen_id": person.citizen_id, "high": 5, "normal": 5, "low": 30})
    page = staff_client.get(url).content.decode()
    assert 'data-consequence="dismissal"' in page  # 30 of 45 convened = 2/3
    assert "Đỗ Văn Hùng" in page
    response = staff_client.post(url, {"citizen_id": person.citizen_id, "high": 40, "normal": 1, "low": 0}, follow=True)  # fmt: skip
    assert "lớn hơn số người có mặt" in response.content.decode()


def test_vote_count_sheet_upload(staff_client, tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    person = make_leader(PersonFactory(unit=tree[1]))
    vote = services.vote_create(actor=None, unit=tree[0], body="Hội nghị", held_on=date(2026, 6, 1), convened=30, present=30)  # fmt: skip
    url = reverse("evaluation:vote", args=[vote.pk])
    sheet = f"Số CCCD,Tín nhiệm cao,Tín nhiệm,Tín nhiệm thấp\n{person.citizen_id},10,4,16\n"
    response = staff_client.post(url, {"sheet": SimpleUploadedFile("kiem-phieu.csv", sheet.encode())}, follow=True)  # fmt: skip
    page = response.content.decode()
    assert "Đã nhập 1 kết quả" in page
    assert 'data-consequence="planning_removal"' in page  # 16 of 30 > 1/2, < 2/3


def test_unit_page_checks_the_proposals_together(staff_client, tree):
    for _ in range(4):
        PersonFactory(unit=tree[1])
    cycle = services.cycle_open(actor=None, root_unit=tree[0], year=2026).cycle
    for ev, rating in zip(Evaluation.objects.order_by("pk"), ["excellent", "good", "good", "good"], strict=True):  # fmt: skip
        services.self_assess(actor=None, evaluation=ev, text="x")
        services.review(actor=None, evaluation=ev, comment="x")
        services.propose(actor=None, evaluation=ev, rating=rating)
    page = staff_client.get(
        reverse("evaluation:cycle_unit", args=[cycle.pk, "vp"])
    ).content.decode()
    assert 'id="violations"' in page
    assert "tức tối đa 0" in page  # 3 good allow no excellent (20 %, NĐ 335/2025)


def test_closing_a_cycle_needs_change_and_makes_the_year_count(client, tree):
    from canbo.evaluation.models import EvaluationCycle
    from canbo.people.models import Person
    from canbo.stats.breakdowns import compute

    people = [PersonFactory(unit=tree[1]) for _ in range(3)]
    services.imported_ratings_save(rows=[(p, 2025, "good") for p in people])
    opened = services.cycle_open(actor=None, root_unit=tree[0], year=2026)
    cycle = opened.cycle
    first = Evaluation.objects.get(cycle=cycle, person=people[0])
    Evaluation.objects.filter(pk=first.pk).update(status="decided", rating="excellent")

    # while the 2026 cycle is open, the statistics show 2025 and say why 2026 is missing
    ratings = compute(Person.objects.all(), as_of=date(2026, 11, 25), unit=tree[1])
    assert ratings.flat["ratings"]["year"] == 2025 and ratings.flat["ratings"]["good"] == 3
    assert "Năm 2026 chưa đưa vào" in ratings.breakdown("ratings").definition

    url = reverse("evaluation:cycle_status", args=[cycle.pk])
    viewer = user_with_grant("org-board", tree[0], actions=["view"], username="xem")
    client.force_login(viewer)
    page = client.get(reverse("evaluation:cycle", args=[cycle.pk])).content.decode()
    assert "Kết thúc đợt đánh giá" not in page
    assert client.post(url, {"status": "closed"}).status_code == 404
    cycle.refresh_from_db()
    assert cycle.status == "open"

    staff = user_with_grant("org-board", tree[0], username="tccb")
    client.force_login(staff)
    response = client.post(url, {"status": "closed"}, follow=True)
    assert "2 bản chưa có quyết định giữ nguyên" in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.status == "closed"
    ratings = compute(Person.objects.all(), as_of=date(2026, 11, 25), unit=tree[1])
    assert ratings.flat["ratings"] == {
        "year": 2026, "excellent": 1, "good": 0, "complete": 0, "incomplete": 0,
    }  # fmt: skip
    assert client.post(url, {"status": "bogus"}, follow=True).status_code == 200
    cycle.refresh_from_db()
    assert cycle.status == "closed"
    client.post(url, {"status": "open"})
    assert EvaluationCycle.objects.get(pk=cycle.pk).status == "open"

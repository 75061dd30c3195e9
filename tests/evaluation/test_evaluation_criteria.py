"""A unit details the year's framework into its own criteria (org-board staff with "change" on
the unit), within what the rules allow; the self-assessment and the proposal score each
criterion and the score proposes the rating."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from canbo.evaluation import services
from canbo.evaluation.models import CriteriaTemplate, CriterionScore, Evaluation
from canbo.evaluation.selectors import criteria_template_for
from canbo.rules.evaluation import CriterionSpec
from tests.factories import PersonFactory, unit, user_with_grant

pytestmark = pytest.mark.django_db

GENERAL = [
    CriterionSpec("general", "Chính trị, tư tưởng", 10),
    CriterionSpec("general", "Đạo đức, lối sống", 10),
    CriterionSpec("general", "Ý thức tổ chức kỷ luật", 10),
]


@pytest.fixture
def tree():
    province = unit("tinh", "Tỉnh ủy")
    office = unit("vp", "Văn phòng", parent=province)
    room = unit("phong", "Phòng Tổng hợp", parent=office)
    return province, office, room


def _ev(root, at, year=2026):
    PersonFactory(unit=at)
    services.cycle_open(actor=None, root_unit=root, year=year)
    return Evaluation.objects.get()


def test_staff_with_change_details_the_general_criteria(tree):
    province, office, room = tree
    staff = user_with_grant("org-board", office)
    template = services.criteria_set(actor=staff, unit=office, year=2026, criteria=GENERAL)
    assert [c.points for c in template.criteria.all()] == [10, 10, 10]
    # the room below inherits the office's criteria; the province above does not
    assert criteria_template_for(room, 2026) == template
    assert criteria_template_for(province, 2026) is None
    assert criteria_template_for(room, 2027) is None


def test_group_totals_cannot_change(tree):
    with pytest.raises(ValidationError) as exc:
        services.criteria_set(
            actor=None, unit=tree[1], year=2026,
            criteria=[CriterionSpec("general", "A", 20), CriterionSpec("general", "B", 20)],
        )  # fmt: skip
    assert "phải đúng 30 điểm" in exc.value.messages[0]
    assert not CriteriaTemplate.objects.exists()


def test_no_criteria_before_the_100_point_scale(tree):
    with pytest.raises(ValidationError, match="chưa áp dụng thang 100 điểm"):
        services.criteria_set(actor=None, unit=tree[1], year=2025, criteria=GENERAL)


@pytest.mark.parametrize("role", ["leader", "cadre", "inspection"])
def test_only_change_rights_adapt_the_criteria(tree, role):
    user = user_with_grant(role, tree[0] if role != "cadre" else None)
    with pytest.raises(PermissionDenied):
        services.criteria_set(actor=user, unit=tree[1], year=2026, criteria=GENERAL)


def test_staff_of_another_subtree_cannot(tree):
    other = unit("khac", "Đơn vị khác")
    staff = user_with_grant("org-board", other)
    with pytest.raises(PermissionDenied):
        services.criteria_set(actor=staff, unit=tree[1], year=2026, criteria=GENERAL)


def test_self_and_proposal_score_each_criterion_and_propose_the_rating(tree):
    province, office, room = tree
    services.criteria_set(actor=None, unit=office, year=2026, criteria=GENERAL)
    ev = _ev(province, room)
    criteria = services.criteria_of(ev)
    scores = dict(zip([c.pk for c in criteria], [Decimal(10), Decimal(9), Decimal(9)], strict=True))
    services.task_add(actor=None, evaluation=ev, name="Báo cáo tổng kết", done_percent=100)
    services.self_assess(actor=None, evaluation=ev, text="Tự đánh giá", criterion_scores=scores)
    # 28 general + 70 from the one task done in full, on time, without errors = 98 → excellent
    assert ev.self_rating == "excellent"
    assert CriterionScore.objects.filter(stage="self").count() == 3
    services.review(actor=None, evaluation=ev, comment="Nhất trí")
    lower = dict(zip(scores, [Decimal(8), Decimal(8), Decimal(8)], strict=True))
    services.propose(actor=None, evaluation=ev, criterion_scores=lower, results_score=Decimal(50))
    ev.refresh_from_db()
    assert (ev.general_score, ev.results_score) == (Decimal(24), Decimal(50))
    assert ev.proposed_rating == "good"  # 74: from 70 to under 90


def test_a_score_above_the_criterion_is_refused(tree):
    province, office, room = tree
    services.criteria_set(actor=None, unit=office, year=2026, criteria=GENERAL)
    ev = _ev(province, room)
    ids = [c.pk for c in services.criteria_of(ev)]
    with pytest.raises(ValidationError, match="điểm phải từ 0 đến 10"):
        services.self_assess(
            actor=None, evaluation=ev, text="x", criterion_scores={ids[0]: 11, ids[1]: 5, ids[2]: 5}
        )
    with pytest.raises(ValidationError, match="chưa chấm điểm"):
        services.self_assess(actor=None, evaluation=ev, text="x", criterion_scores={ids[0]: 5})
    ev.refresh_from_db()
    assert ev.status == "self" and not CriterionScore.objects.exists()


def test_criteria_frozen_once_scored(tree):
    province, office, room = tree
    services.criteria_set(actor=None, unit=office, year=2026, criteria=GENERAL)
    ev = _ev(province, room)
    ids = [c.pk for c in services.criteria_of(ev)]
    services.self_assess(
        actor=None, evaluation=ev, text="x", criterion_scores=dict.fromkeys(ids, 5)
    )
    with pytest.raises(ValidationError, match="Đã có điểm chấm"):
        services.criteria_set(actor=None, unit=office, year=2026, criteria=GENERAL[:1])


def test_criteria_page_says_when_frozen(client, tree):
    province, office, room = tree
    client.force_login(user_with_grant("org-board", province))
    services.criteria_set(actor=None, unit=office, year=2026, criteria=GENERAL)
    ev = _ev(province, room)
    ids = [c.pk for c in services.criteria_of(ev)]
    url = reverse("evaluation:criteria", args=["vp", 2026])
    assert 'id="criteria-form"' in client.get(url).content.decode()
    services.self_assess(
        actor=None, evaluation=ev, text="x", criterion_scores=dict.fromkeys(ids, 5)
    )
    page = client.get(url).content.decode()
    assert 'id="criteria-frozen"' in page and 'id="criteria-form"' not in page


def test_empty_list_goes_back_to_the_framework(tree):
    services.criteria_set(actor=None, unit=tree[1], year=2026, criteria=GENERAL)
    assert services.criteria_set(actor=None, unit=tree[1], year=2026, criteria=[]) is None
    assert not CriteriaTemplate.objects.exists()


def test_criteria_page_form_and_errors(client, tree):
    staff = user_with_grant("org-board", tree[0])
    client.force_login(staff)
    url = reverse("evaluation:criteria", args=["vp", 2026])
    page = client.get(url).content.decode()
    assert "Tiêu chí chung" in page and "criteria-form" in page
    bad = client.post(url, {"general": "Chính trị | 20\nĐạo đức | 5", "results": ""}, follow=True)
    assert "tổng điểm các tiêu chí là 25, phải đúng 30 điểm" in bad.content.decode()
    unreadable = client.post(url, {"general": "Chính trị mười điểm", "results": ""}, follow=True)
    assert "hãy ghi “tên tiêu chí | số điểm”" in unreadable.content.decode()
    ok = client.post(
        url, {"general": "Chính trị | 10\nĐạo đức | 10,0\nKỷ luật | 10", "results": ""}
    )
    assert ok.status_code == 302
    assert [c.name for c in CriteriaTemplate.objects.get().criteria.all()] == ["Chính trị", "Đạo đức", "Kỷ luật"]  # fmt: skip


def test_criteria_page_read_only_for_a_leader(client, tree):
    client.force_login(user_with_grant("leader", tree[0]))
    url = reverse("evaluation:criteria", args=["vp", 2026])
    assert "criteria-form" not in client.get(url).content.decode()
    assert client.post(url, {"general": "A | 30"}).status_code == 403


def test_evaluation_page_scores_per_criterion(client, tree):
    province, office, room = tree
    staff = user_with_grant("org-board", province)
    client.force_login(staff)
    services.criteria_set(actor=None, unit=office, year=2026, criteria=GENERAL)
    ev = _ev(province, room)
    ids = [c.pk for c in services.criteria_of(ev)]
    url = reverse("evaluation:evaluation", args=[ev.pk])
    page = client.get(url).content.decode()
    assert "Chính trị, tư tưởng (tối đa 10)" in page
    data = {"step": "self", "text": "Tự đánh giá", "self_rating": ""}
    data.update({f"c{pk}": "9" for pk in ids})
    assert client.post(url, data).status_code == 302
    ev.refresh_from_db()
    assert ev.status == "review"
    assert sorted(CriterionScore.objects.values_list("points", flat=True)) == [9, 9, 9]
    assert 'id="criterion-scores"' in client.get(url).content.decode()

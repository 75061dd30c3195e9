"""Opening a cycle, the workflow self → review → proposal → decision with permissions, and the
rules of the cycle's year enforced at the decision; unit ratings; confidence votes."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from canbo.discipline.models import Sanction
from canbo.evaluation import services
from canbo.evaluation.models import CycleExclusion, Evaluation, EvaluationStep
from canbo.evaluation.selectors import cycle_progress
from tests.factories import PersonFactory, make_leader, unit, user_with_grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    province = unit("tinh", "Tỉnh ủy")
    office = unit("vp", "Văn phòng", parent=province)
    other = unit("khac", "Đơn vị khác")
    return province, office, other


def _open(root, year=2026, actor=None):
    return services.cycle_open(actor=actor, root_unit=root, year=year)


def _walk_to_decision(ev, actor=None, **propose):
    services.self_assess(actor=actor, evaluation=ev, text="Hoàn thành 100% nhiệm vụ")
    services.review(actor=actor, evaluation=ev, comment="Tập thể nhất trí")
    propose.setdefault("rating", "good")
    services.propose(actor=actor, evaluation=ev, **propose)
    return ev


def test_open_cycle_excludes_with_reason(tree):
    province, office, other = tree
    a = PersonFactory(unit=office)
    late = PersonFactory(unit=office, recruited_on=date(2026, 8, 1))
    PersonFactory(unit=other)
    opened = _open(province)
    assert opened.evaluations == 1
    assert Evaluation.objects.get().person == a
    exclusion = CycleExclusion.objects.get()
    assert exclusion.person == late
    assert "dưới 6 tháng" in exclusion.reason


def test_open_cycle_twice_refused(tree):
    _open(tree[0])
    with pytest.raises(ValidationError, match="đã có đợt đánh giá"):
        _open(tree[0])


def test_open_cycle_needs_change_on_the_unit(tree):
    province, office, other = tree
    leader = user_with_grant("leader", province)
    with pytest.raises(PermissionDenied):
        _open(province, actor=leader)
    staff = user_with_grant("org-board", office)
    PersonFactory(unit=office)
    assert _open(office, actor=staff).evaluations == 1


def test_whole_workflow_with_permissions(tree):
    province, office, _other = tree
    person = PersonFactory(unit=office)
    staff = user_with_grant("org-board", province)
    leader = user_with_grant("leader", province)
    cadre = user_with_grant("cadre", None)
    person.user = cadre
    person.save()
    _open(province, actor=staff)
    ev = Evaluation.objects.get()
    services.self_assess(actor=cadre, evaluation=ev, text="Tự đánh giá", self_rating="good")
    with pytest.raises(PermissionDenied):
        services.review(actor=cadre, evaluation=ev, comment="tự nhận xét")
    services.review(actor=staff, evaluation=ev, comment="Tập thể nhất trí")
    services.propose(
        actor=staff, evaluation=ev, general_score=Decimal(28), results_score=Decimal(64)
    )
    assert ev.proposed_rating == "excellent"  # 92 points in 2026
    with pytest.raises(PermissionDenied):
        services.decide(actor=staff, evaluation=ev, rating="good")
    services.decide(actor=leader, evaluation=ev, rating="good", body="Ban Thường vụ")
    ev.refresh_from_db()
    assert (ev.status, ev.rating, ev.decided_by) == ("decided", "good", leader)
    steps = list(EvaluationStep.objects.values_list("kind", "actor"))
    assert steps == [("self", cadre.pk), ("review", staff.pk), ("proposal", staff.pk), ("decision", leader.pk)]  # fmt: skip


def test_returned_goes_back_to_self(tree):
    PersonFactory(unit=tree[1])
    _open(tree[0])
    ev = Evaluation.objects.get()
    services.self_assess(actor=None, evaluation=ev, text="x")
    with pytest.raises(ValidationError, match="lý do"):
        services.return_for_rework(actor=None, evaluation=ev, comment=" ")
    services.return_for_rework(actor=None, evaluation=ev, comment="Chưa nêu sản phẩm cụ thể")
    assert ev.status == "returned"
    with pytest.raises(ValidationError, match="bước"):
        services.review(actor=None, evaluation=ev, comment="x")
    services.self_assess(actor=None, evaluation=ev, text="Đã bổ sung")
    assert ev.status == "review"


def test_score_parts_checked_by_the_year(tree):
    PersonFactory(unit=tree[1])
    _open(tree[0], year=2026)
    ev = Evaluation.objects.get()
    services.self_assess(actor=None, evaluation=ev, text="x")
    services.review(actor=None, evaluation=ev, comment="x")
    with pytest.raises(ValidationError, match="từ 0 đến 30"):
        services.propose(
            actor=None, evaluation=ev, general_score=Decimal(31), results_score=Decimal(60)
        )


def test_no_scores_for_a_2024_cycle(tree):
    PersonFactory(unit=tree[1])
    _open(tree[0], year=2024)
    ev = Evaluation.objects.get()
    services.self_assess(actor=None, evaluation=ev, text="x")
    services.review(actor=None, evaluation=ev, comment="x")
    with pytest.raises(ValidationError, match="chưa áp dụng thang 100 điểm"):
        services.propose(
            actor=None, evaluation=ev, general_score=Decimal(25), results_score=Decimal(60)
        )


def test_sanction_in_year_refuses_a_good_rating(tree):
    person = PersonFactory(unit=tree[1])
    Sanction.objects.create(person=person, system="party", form="reprimand", decided_on=date(2024, 5, 1), issuer="UBKT")  # fmt: skip
    _open(tree[0], year=2024)
    ev = _walk_to_decision(Evaluation.objects.get())
    with pytest.raises(ValidationError) as err:
        services.decide(actor=None, evaluation=ev, rating="good")
    assert "kỷ luật trong năm 2024" in " ".join(err.value.messages)
    services.decide(actor=None, evaluation=ev, rating="incomplete")
    assert ev.rating == "incomplete"


def test_excellent_cap_in_the_unit_from_2026(tree):
    people = [PersonFactory(unit=tree[1]) for _ in range(7)]
    _open(tree[0], year=2026)
    evs = {e.person_id: e for e in Evaluation.objects.all()}
    for p in people[:5]:
        services.decide(actor=None, evaluation=_walk_to_decision(evs[p.pk]), rating="good")
    services.decide(actor=None, evaluation=_walk_to_decision(evs[people[5].pk]), rating="excellent")
    with pytest.raises(ValidationError, match="vượt giới hạn"):
        services.decide(actor=None, evaluation=_walk_to_decision(evs[people[6].pk]), rating="excellent")  # fmt: skip


def test_head_capped_by_unit_rating(tree):
    PersonFactory(unit=tree[1])
    _open(tree[0], year=2025)
    ev = Evaluation.objects.get()
    ev.is_head = True
    ev.save()
    services.unit_rating_set(actor=None, unit=tree[1], year=2025, rating="complete")
    _walk_to_decision(ev)
    with pytest.raises(ValidationError, match="Người đứng đầu"):
        services.decide(actor=None, evaluation=ev, rating="good")
    services.decide(actor=None, evaluation=ev, rating="complete")


def test_progress_per_unit(tree):
    PersonFactory(unit=tree[1])
    PersonFactory(unit=tree[0])
    cycle = _open(tree[0]).cycle
    rows = cycle_progress(cycle)
    assert [(r["unit"].code, r["pending"]) for r in rows] == [("tinh", 1), ("vp", 1)]


def test_vote_quorum_and_exempt_person(tree):
    from canbo.posts.models import Assignment
    from tests.factories import TitleFactory, post

    person = make_leader(PersonFactory(unit=tree[1]))
    vote = services.vote_create(actor=None, unit=tree[0], body="Hội nghị BCH", held_on=date(2026, 6, 1), convened=30, present=20)  # fmt: skip
    result = services.vote_result_add(
        actor=None, vote=vote, person=person, high=2, normal=2, low=16
    )
    outcome = result.outcome()
    assert outcome.quorum_met and outcome.consequence == "planning_removal"
    with pytest.raises(ValidationError, match="lớn hơn số người có mặt"):
        services.vote_result_add(actor=None, vote=vote, person=make_leader(PersonFactory(unit=tree[1])), high=20, normal=1, low=0)  # fmt: skip
    newcomer = PersonFactory(unit=tree[1])
    Assignment.objects.create(person=newcomer, post=post(tree[1], TitleFactory()), kind="appointment", start_date=date(2026, 2, 1))  # fmt: skip
    with pytest.raises(ValidationError, match="trong năm lấy phiếu"):
        services.vote_result_add(actor=None, vote=vote, person=newcomer, high=1, normal=1, low=1)
    with pytest.raises(ValidationError, match="lớn hơn số được triệu tập"):
        services.vote_create(actor=None, unit=tree[0], body="x", held_on=date(2026, 6, 1), convened=10, present=11)  # fmt: skip


def test_results_score_from_the_tasks(tree):
    PersonFactory(unit=tree[1])
    _open(tree[0], year=2026)
    ev = Evaluation.objects.get()
    services.task_add(actor=None, evaluation=ev, name="Đề án A", weight=Decimal(2))
    services.task_add(actor=None, evaluation=ev, name="Báo cáo B", major_errors=1, delays=2)
    with pytest.raises(ValidationError):
        services.task_add(actor=None, evaluation=ev, name="C", done_percent=120)
    services.self_assess(actor=None, evaluation=ev, text="x")
    services.review(actor=None, evaluation=ev, comment="x")
    services.propose(actor=None, evaluation=ev, general_score=Decimal(27))
    # (2 × 70 + 1 × 70 × (1 + 0.75 + 0.5) / 3) / 3 = 64.17; 27 + 64.17 = 91.17 → excellent
    assert ev.results_score == Decimal("64.17")
    assert ev.proposed_rating == "excellent"


def test_second_incomplete_year_flags_the_consequences(tree):
    person = PersonFactory(unit=tree[1])
    services.imported_ratings_save(rows=[(person, 2024, "incomplete")])
    _open(tree[0], year=2025)
    ev = _walk_to_decision(Evaluation.objects.get(year=2025))
    services.decide(actor=None, evaluation=ev, rating="incomplete")
    codes = {c.code for c in services.consequences(ev)}
    assert codes == {"dismissal", "termination", "lower_position"}
    assert ev.decided_by_body == "Người đứng đầu Văn phòng"  # no tier: the unit head decides

"""Routing to the competent body: each evaluation names the body that decides (from the
management tier it was made in), only a user whose "approve" grant covers that tier decides,
and each approver has a list of what awaits his decision."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from canbo.catalogs.models import ManagementTier
from canbo.evaluation import services
from canbo.evaluation.models import Evaluation
from canbo.evaluation.selectors import awaiting_decision, competent_body, may_decide
from tests.factories import PersonFactory, unit, user_with_grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    province = unit("tinh", "Tỉnh ủy")
    office = unit("vp", "Văn phòng", parent=province)
    tinh = ManagementTier.objects.get(code="TINH")
    xa = ManagementTier.objects.get(code="XA")
    a = PersonFactory(unit=office, management_tier=tinh, full_name="Diện Tỉnh")
    b = PersonFactory(unit=office, management_tier=xa, full_name="Diện Xã")
    c = PersonFactory(unit=office, management_tier=None, full_name="Chưa Có Diện")
    services.cycle_open(actor=None, root_unit=province, year=2026)
    evs = {e.person_id: e for e in Evaluation.objects.select_related("person__unit", "unit", "management_tier")}  # fmt: skip
    for ev in evs.values():
        services.self_assess(actor=None, evaluation=ev, text="Tự đánh giá")
        services.review(actor=None, evaluation=ev, comment="Nhất trí")
        services.propose(actor=None, evaluation=ev, rating="good")
    return province, evs[a.pk], evs[b.pk], evs[c.pk]


def test_competent_body_from_the_tier(setup):
    _p, a, b, c = setup
    assert competent_body(a) == "Ban Thường vụ Tỉnh ủy"
    assert competent_body(b) == "Ban Thường vụ Đảng ủy xã, phường"
    assert competent_body(c) == "Người đứng đầu Văn phòng"


def test_only_the_approver_of_the_tier_decides(setup):
    province, a, b, _c = setup
    tinh_leader = user_with_grant("leader", province, tiers=("TINH",))
    xa_leader = user_with_grant("leader", province, tiers=("XA",))
    staff = user_with_grant("org-board", province)
    assert may_decide(tinh_leader, a) and not may_decide(tinh_leader, b)
    assert may_decide(xa_leader, b) and not may_decide(xa_leader, a)
    assert not may_decide(staff, a)
    with pytest.raises(PermissionDenied, match="Ban Thường vụ Tỉnh ủy"):
        services.decide(actor=xa_leader, evaluation=a, rating="good")
    with pytest.raises(PermissionDenied):
        services.decide(actor=staff, evaluation=a, rating="good")
    services.decide(actor=tinh_leader, evaluation=a, rating="good")
    a.refresh_from_db()
    assert a.status == "decided" and a.decided_by_body == "Ban Thường vụ Tỉnh ủy"


def test_the_tier_when_rated_counts_not_a_later_one(setup):
    province, a, _b, _c = setup
    # the person moved to the commune tier after the proposal: the provincial body still decides
    a.person.management_tier = ManagementTier.objects.get(code="XA")
    a.person.save()
    xa_leader = user_with_grant("leader", province, tiers=("XA",))
    a = Evaluation.objects.select_related("person__unit", "unit", "management_tier").get(pk=a.pk)
    assert not may_decide(xa_leader, a)
    with pytest.raises(PermissionDenied):
        services.decide(actor=xa_leader, evaluation=a, rating="good")


def test_awaiting_my_decision(setup, client):
    province, a, b, c = setup
    tinh_leader = user_with_grant("leader", province, tiers=("TINH",))
    all_tiers = user_with_grant("leader", province)
    assert list(awaiting_decision(tinh_leader)) == [a]
    assert set(awaiting_decision(all_tiers)) == {a, b, c}
    services.decide(actor=all_tiers, evaluation=b, rating="good")
    assert set(awaiting_decision(all_tiers)) == {a, c}
    assert list(awaiting_decision(user_with_grant("org-board", province))) == []
    client.force_login(tinh_leader)
    page = client.get(reverse("evaluation:awaiting")).content.decode()
    assert "Diện Tỉnh" in page and "Diện Xã" not in page and "Ban Thường vụ Tỉnh ủy" in page


def test_the_page_names_the_body_and_hides_the_decision_from_others(setup, client):
    province, a, _b, _c = setup
    url = reverse("evaluation:evaluation", args=[a.pk])
    client.force_login(user_with_grant("leader", province, tiers=("TINH",)))
    page = client.get(url).content.decode()
    assert 'id="competent-body">Ban Thường vụ Tỉnh ủy<' in page and 'id="step-decide"' in page
    client.force_login(user_with_grant("org-board", province))
    page = client.get(url).content.decode()
    assert 'id="step-decide"' not in page and 'id="not-competent"' in page


def test_unit_list_names_the_body_of_each(setup, client):
    province, a, _b, _c = setup
    client.force_login(user_with_grant("org-board", province))
    page = client.get(reverse("evaluation:cycle_unit", args=[a.cycle_id, "vp"])).content.decode()
    for body in ("Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Đảng ủy xã, phường", "Người đứng đầu Văn phòng"):  # fmt: skip
        assert f"<td>{body}</td>" in page

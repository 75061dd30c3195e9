"""The self-assessment and proposal forms show only the score fields that apply: one per
criterion for a group the unit's template details, the group's own field otherwise, none for a
year without the 100-point scale; a group score for a detailed group is refused, not ignored."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from canbo.evaluation import services
from canbo.evaluation.models import Evaluation
from canbo.rules.evaluation import CriterionSpec
from tests.factories import PersonFactory, unit

pytestmark = pytest.mark.django_db

GENERAL = [
    CriterionSpec("general", "Chính trị, tư tưởng", 10),
    CriterionSpec("general", "Đạo đức, lối sống", 20),
]
RESULTS = [
    CriterionSpec("results", "Số lượng sản phẩm", 40),
    CriterionSpec("results", "Chất lượng sản phẩm", 30),
]


@pytest.fixture
def office():
    return unit("vp", "Văn phòng")


def _ev(office, year=2026, step="proposal"):
    PersonFactory(unit=office)
    services.cycle_open(actor=None, root_unit=office, year=year)
    ev = Evaluation.objects.get()
    if step in ("review", "proposal"):
        services.self_assess(actor=None, evaluation=ev, text="Hoàn thành", self_rating="good")
    if step == "proposal":
        services.review(actor=None, evaluation=ev, comment="Nhất trí")
    return ev


def _names(client, ev, form_id):
    """The names of the inputs of one step form of the evaluation page."""
    import re

    page = client.get(reverse("evaluation:evaluation", args=[ev.pk])).content.decode()
    form = re.search(rf'<form[^>]*id="{form_id}".*?</form>', page, re.S)
    assert form, form_id
    return re.findall(r'name="([^"]+)"', form.group(0)), form.group(0)


def test_no_template_shows_the_two_group_fields_with_the_years_maxima(staff_client, office):
    ev = _ev(office)
    names, html = _names(staff_client, ev, "step-propose")
    assert "general_score" in names and "results_score" in names
    assert not [n for n in names if n.startswith("c") and n[1:].isdigit()]
    assert "tối đa 30" in html and "tối đa 70" in html


def test_general_detailed_shows_its_criteria_and_the_results_field_only(staff_client, office):
    services.criteria_set(actor=None, unit=office, year=2026, criteria=GENERAL)
    ev = _ev(office)
    names, html = _names(staff_client, ev, "step-propose")
    assert "general_score" not in names
    assert "results_score" in names
    criteria = [n for n in names if n.startswith("c") and n[1:].isdigit()]
    assert len(criteria) == 2
    # the criteria come before the rating
    assert names.index(criteria[0]) < names.index("rating")
    assert "Chính trị, tư tưởng (tối đa 10)" in html


def test_both_groups_detailed_shows_no_group_field(staff_client, office):
    services.criteria_set(actor=None, unit=office, year=2026, criteria=GENERAL + RESULTS)
    ev = _ev(office)
    names, _html = _names(staff_client, ev, "step-propose")
    assert "general_score" not in names and "results_score" not in names
    assert len([n for n in names if n.startswith("c") and n[1:].isdigit()]) == 4


def test_self_assessment_asks_the_criteria_after_the_text(staff_client, office):
    services.criteria_set(actor=None, unit=office, year=2026, criteria=GENERAL)
    ev = _ev(office, step="self")
    names, _html = _names(staff_client, ev, "step-self")
    criteria = [n for n in names if n.startswith("c") and n[1:].isdigit()]
    assert len(criteria) == 2
    assert names.index("text") < names.index(criteria[0]) < names.index("self_rating")
    assert "general_score" not in names


def test_year_without_the_scale_asks_no_score(staff_client, office):
    ev = _ev(office, year=2025)
    names, _html = _names(staff_client, ev, "step-propose")
    assert "general_score" not in names and "results_score" not in names
    assert "rating" in names


def test_group_score_for_a_detailed_group_is_refused_not_overridden(office):
    services.criteria_set(actor=None, unit=office, year=2026, criteria=GENERAL)
    ev = _ev(office)
    with pytest.raises(ValidationError, match="hãy chấm điểm từng tiêu chí"):
        services.propose(
            actor=None, evaluation=ev, general_score=Decimal(25), results_score=Decimal(60)
        )
    ev.refresh_from_db()
    assert ev.status == "proposal" and ev.general_score is None
    # the group that is not detailed is still scored as a whole, with the criteria
    criteria = {c.pk: Decimal(c.points) for c in services.criteria_of(ev)}
    services.propose(
        actor=None, evaluation=ev, criterion_scores=criteria, results_score=Decimal(60)
    )
    ev.refresh_from_db()
    assert (ev.general_score, ev.results_score) == (Decimal(30), Decimal(60))
    assert ev.proposed_rating == "excellent"


def test_a_forged_group_field_posted_with_the_criteria_is_not_applied(staff_client, office):
    """The page's form has no general field; a POST carrying one does not reach the service."""
    services.criteria_set(actor=None, unit=office, year=2026, criteria=GENERAL)
    ev = _ev(office)
    data = {"step": "propose", "general_score": "5", "results_score": "60"}
    for c in services.criteria_of(ev):
        data[f"c{c.pk}"] = str(c.points)
    staff_client.post(reverse("evaluation:evaluation", args=[ev.pk]), data)
    ev.refresh_from_db()
    assert ev.general_score == Decimal(30)  # the criteria, not the forged 5

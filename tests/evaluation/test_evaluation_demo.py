"""The demo's past ratings: one decided rating per evaluable cadre and year, by the rules of that
year (a sanction in the year means "incomplete"), deterministic, never duplicated."""

from collections import Counter
from datetime import date

import pytest

from canbo.demo.generate import generate
from canbo.discipline.models import Sanction
from canbo.evaluation.demo import seed_past_ratings
from canbo.evaluation.models import Evaluation
from canbo.people.models import Person
from canbo.rules.evaluation import evaluable

pytestmark = pytest.mark.django_db
YEARS = (2023, 2024, 2025)


@pytest.fixture
def province():
    generate(people=300, seed=7, as_of=date(2026, 5, 15))


def test_every_evaluable_cadre_has_one_decided_rating_a_year(province):
    created = seed_past_ratings(years=YEARS, seed=7)
    assert created == Evaluation.objects.count() > 0
    rated = set(Evaluation.objects.values_list("person_id", "year"))
    for person in Person.objects.filter(status="active"):
        for year in YEARS:
            assert ((person.pk, year) in rated) == evaluable(person, year)[0]
    assert not Evaluation.objects.exclude(status="decided").exists()
    shares = Counter(Evaluation.objects.values_list("rating", flat=True))
    assert shares["good"] > shares["excellent"] > shares["incomplete"]


def test_a_sanction_in_the_year_means_incomplete(province):
    for person in Person.objects.filter(status="active", recruited_on__year__lt=2020)[:5]:
        Sanction.objects.create(
            person=person, system="party", form="reprimand", decided_on=date(2024, 3, 1),
            issuer="Ủy ban Kiểm tra Tỉnh ủy",
        )  # fmt: skip
    seed_past_ratings(years=YEARS, seed=7)
    sanctioned = {(p, d.year) for p, d in Sanction.objects.values_list("person_id", "decided_on")}
    checked = 0
    for e in Evaluation.objects.all():
        if (e.person_id, e.year) in sanctioned:
            assert e.rating == "incomplete"
            checked += 1
    assert checked >= 5


def test_same_seed_same_ratings_and_a_second_run_adds_nothing(province):
    seed_past_ratings(years=YEARS, seed=7)
    first = list(Evaluation.objects.order_by("person_id", "year").values_list("rating", flat=True))
    assert seed_past_ratings(years=YEARS, seed=7) == 0
    Evaluation.objects.all().delete()
    seed_past_ratings(years=YEARS, seed=7)
    again = list(Evaluation.objects.order_by("person_id", "year").values_list("rating", flat=True))
    assert again == first


def test_current_cycle_open_with_every_step_and_a_vote(province):
    from canbo.evaluation.demo import seed_current_cycle
    from canbo.evaluation.models import Ballot, CriteriaTemplate, EvaluationCycle, VoteResult

    seed_past_ratings(years=YEARS, seed=7)
    made = seed_current_cycle(year=2026, seed=7, on=date(2026, 11, 20))
    cycle = EvaluationCycle.objects.get(year=2026)
    assert cycle.status == "open"
    statuses = set(cycle.evaluations.values_list("status", flat=True))
    assert {"self", "review", "proposal", "decision", "decided", "returned"} <= statuses
    assert CriteriaTemplate.objects.get(year=2026).criteria.count() == 4
    assert made["votes"] == 1 and Ballot.objects.count() == 25
    outcomes = [r.outcome().consequence for r in VoteResult.objects.all()]
    assert "planning_removal" in outcomes  # 15 "low" of 27 convened: more than 1/2, under 2/3
    assert seed_current_cycle(year=2026, seed=7) == {}  # a second run adds nothing

"""The age rule of reports: SQL ranges on the stored (earliest possible) birthday agree with
`core.dates.age_on`; partial dates are never placed younger than they may be."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from canbo.core.dates import PartialDate, age_on
from canbo.people.models import Person
from canbo.stats.ages import AGE_GROUPS, GROUP_BOUNDARIES, years_before
from canbo.stats.breakdowns import compute
from tests.factories import PersonFactory, unit

births = st.builds(
    PartialDate,
    st.dates(min_value=date(1940, 1, 1), max_value=date(2010, 12, 31)),
    st.sampled_from(["day", "month", "year"]),
)
days = st.dates(min_value=date(1960, 1, 1), max_value=date(2060, 12, 31))


@given(births, days, st.integers(min_value=0, max_value=80))
def test_age_at_least_n_is_born_on_or_before_n_years_earlier(birth, on, n):
    assert (age_on(birth, on) >= n) == (birth.value <= years_before(on, n))


def _possible_days(birth: PartialDate) -> list[date]:
    v = birth.value
    if birth.precision == "day":
        return [v]
    if birth.precision == "month":
        return [v.replace(day=d) for d in range(1, calendar.monthrange(v.year, v.month)[1] + 1)]
    return [
        date(v.year, 1, 1) + timedelta(days=i)
        for i in range(366 if calendar.isleap(v.year) else 365)
    ]


def _group(age: int) -> int:
    return sum(age >= b for b in GROUP_BOUNDARIES)


@given(births, days)
def test_partial_dates_are_counted_at_the_earliest_possible_birthday(birth, on):
    """The age used is the highest the person can have: never younger than the truth."""
    ages = [age_on(PartialDate(d), on) for d in _possible_days(birth)]
    assert age_on(birth, on) == max(ages)


@pytest.mark.django_db
def test_age_groups_and_uncertain_partial_dates_on_a_constructed_set():
    u = unit("so-noi-vu", "Sở Nội vụ")
    on = date(2025, 7, 1)
    samples = [
        (date(1995, 7, 1), "day"),  # 30 today
        (date(1994, 7, 1), "day"),  # 31 today
        (date(1994, 7, 2), "day"),  # 30
        (date(1985, 7, 1), "month"),  # 07/1985: 40 at the earliest → 31–40, certain? boundary 41 no
        (date(1984, 7, 1), "month"),  # 07/1984: 41 if born 01/07, 40 if later → uncertain
        (date(1964, 1, 1), "year"),  # 1964: 61 if born before 02/07, 60 after → uncertain
        (date(1950, 1, 1), "year"),  # > 60, certain
    ]
    for born, precision in samples:
        PersonFactory(unit=u, birth_date=born, birth_date_precision=precision, party_joined_on=None,
                      party_official_on=None)  # fmt: skip
    report = compute(Person.objects.all(), as_of=on, unit=u)
    expected = {g.key: 0 for g in AGE_GROUPS}
    uncertain = 0
    for p in Person.objects.all():
        age = age_on(p.birth, on)
        key = next(g.key for g in AGE_GROUPS if (g.low or 0) <= age <= (g.high or 200))
        expected[key] += 1
        groups = {_group(age_on(PartialDate(d), on)) for d in _possible_days(p.birth)}
        uncertain += len(groups) > 1
    got = {k: v for k, v in report.flat["age_groups"].items() if k in expected}
    assert got == expected == {"le30": 2, "31_40": 2, "41_50": 1, "51_60": 0, "gt60": 2}
    assert report.flat["birth_date_precision"] == {
        "day": 3,
        "month": 2,
        "year": 2,
        "age_uncertain": uncertain,
    }
    assert uncertain == 2
    assert report.flat["age_groups"]["under40"] == 3  # 30, 31, 30; 07/1985 is counted as 40


@given(births, days)
def test_report_age_bands_follow_age_on(birth, on):
    from canbo.stats.breakdowns import _band, _band_function

    assert _band_function(on)(birth.value) == _band(age_on(birth, on))

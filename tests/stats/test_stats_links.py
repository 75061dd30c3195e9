"""Every figure of the dashboard links to the people behind it: on a generated province, for
every breakdown row (and each half of the age pyramid), the count on the dashboard equals the
count of the people list the link opens — for the whole province, a commune, a management tier
and a past date."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from canbo.catalogs.models import ManagementTier
from canbo.demo.generate import generate
from canbo.people.filters import PersonFilter
from canbo.people.models import Person
from canbo.stats.breakdowns import attach_urls
from canbo.stats.populations import retirement_q
from canbo.stats.selectors import unit_report
from canbo.units.models import Unit
from tests.factories import PersonFactory, unit, user_with_grant

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 5, 15)
# Counted from records the people list does not filter on (ratings where the person was when
# rated; movements in a period): these rows alone have no link.
UNLINKED = {"ratings", "movements"}


@pytest.fixture
def province():
    generate(people=300, seed=7, as_of=AS_OF)
    return Unit.objects.order_by("depth", "path").first()


def _listed(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    assert not response.context["filter"].errors, (url, response.context["filter"].errors)
    return response.context["page"].paginator.count


def _check_every_row(client, user, unit, *, as_of, tier=None) -> int:
    report = attach_urls(
        unit_report(user, unit=unit, as_of=as_of, tier=tier), reverse("people:list")
    )
    checked = 0
    for row in report.headline:
        assert row.url, row.key
        assert _listed(client, row.url) == row.count, (row.key, row.url)
        checked += 1
    for b in report.breakdowns:
        for row in b.rows:
            if b.key in UNLINKED:
                continue
            if tier is not None and b.key == "management_tier" and row.key != tier.code:
                assert row.url is None and row.count == 0  # another tier: nobody, no link
                continue
            assert row.url, (b.key, row.key)
            query = parse_qs(urlparse(row.url).query)
            assert query["as_of"] == [as_of.isoformat()] and query["unit"] == [unit.code]
            if tier is not None:
                assert query["management_tier"] == [str(tier.pk)]
            assert _listed(client, row.url) == row.count, (b.key, row.key, row.url)
            checked += 1
            if b.chart == "pyramid":
                for gender in ("male", "female"):
                    url = f"{row.url}&gender={gender}"
                    assert _listed(client, url) == row.extra[gender], (row.key, gender)
    return checked


def test_every_dashboard_count_equals_its_people_list(client, province):
    admin = user_with_grant("org-board", province)
    client.force_login(admin)
    commune = (
        Unit.objects.filter(kind="commune", path__startswith=province.path).order_by("path").first()
    )
    checked = _check_every_row(client, admin, province, as_of=AS_OF)
    assert checked > 60
    _check_every_row(client, admin, commune, as_of=AS_OF)
    _check_every_row(client, admin, province, as_of=date(2023, 12, 31))
    tier = (
        ManagementTier.objects.filter(person__isnull=False)
        .order_by("-sort_order")
        .distinct()
        .first()
    )
    _check_every_row(client, admin, province, as_of=AS_OF, tier=tier)


def test_the_generated_province_exercises_the_new_filters(client, province):
    """The loop above would pass vacuously on empty rows: the data has people in them."""
    admin = user_with_grant("org-board", province)
    report = unit_report(admin, unit=province, as_of=AS_OF)
    flat = report.flat
    assert flat["non_local_key_post_holders"] > 0
    assert sum(1 for v in flat["retirement"].values() if v) >= 4
    assert flat["birth_date_precision"]["month"] + flat["birth_date_precision"]["year"] >= 0
    assert len([k for k, v in flat["management_tier"].items() if v]) >= 2


@pytest.mark.parametrize(
    "query",
    [
        {"retirement": "soon"},
        {"key_post_locality": "maybe"},
        {"management_tier": "999999"},
        {"political_theory_min": "abc"},
        {"qualification_min": "-1"},
        {"ethnicity": "nobody"},
        {"age_max": "151"},
    ],
)
def test_bad_values_of_the_new_filters_are_refused(query):
    f = PersonFilter(query, queryset=Person.objects.all())
    assert not f.is_valid()
    assert set(f.errors) == set(query)


def test_retirement_bands_as_conditions_agree_with_the_rule_person_by_person():
    """Years-to-retirement bands turned into birth-date ranges select exactly the people the
    retirement rule (RULES §7, by birth month; a year-only date counts from January) puts in
    the band, on either side of every band edge, for both genders."""
    from canbo.rules.retirement import months_of_service_left
    from canbo.stats.populations import RETIREMENT_KEYS, retirement_band

    on = date(2026, 5, 15)
    c = unit("xa-a", kind="commune")
    expected: dict[str, set[int]] = {k: set() for k in RETIREMENT_KEYS}
    for i, (year, month) in enumerate((y, m) for y in range(1955, 1992) for m in (1, 6, 7, 12)):
        gender = ("male", "female")[i % 2]
        precision = ("day", "month", "year")[i % 3]
        born = date(year, 1 if precision == "year" else month, 1 if precision != "day" else 28)
        p = PersonFactory(
            unit=c, gender=gender, birth_date=born, birth_date_precision=precision,
            party_joined_on=None, party_official_on=None,
        )  # fmt: skip
        left = months_of_service_left(gender, born, precision, on)
        expected[retirement_band(left)].add(p.pk)
    assert sum(1 for v in expected.values() if v) == len(RETIREMENT_KEYS)
    for band in RETIREMENT_KEYS:
        got = set(Person.objects.filter(retirement_q(band, on)).values_list("pk", flat=True))
        assert got == expected[band], band


def test_trend_points_equal_their_people_lists_and_show_ratings(client, province):
    from canbo.evaluation.demo import seed_past_ratings
    from canbo.stats.trend import SERIES, trend

    seed_past_ratings(years=(2023, 2024, 2025), seed=7)
    admin = user_with_grant("org-board", province)
    client.force_login(admin)
    from canbo.access.scope import people_for

    points = trend(
        people_for(admin, "view"), as_of=AS_OF, unit=province, list_url=reverse("people:list")
    )
    assert [p.on for p in points] == [date(y, 12, 31) for y in range(2021, 2026)] + [AS_OF]
    assert len({p.total for p in points}) > 1  # recruitment dates move the totals
    for p in points:
        assert _listed(client, p.urls["total"]) == p.total, p.on
        for key, _label in SERIES:
            assert _listed(client, p.urls[key]) == p.counts[key], (p.on, key)
    # the same figures when the report's own scan counts the trend's steps (the page's way),
    # by GROUPING SETS on PostgreSQL and by separate GROUP BYs (SQLite, and compared here)
    from canbo.stats.breakdowns import (
        _annotated,
        _groupings,
        compute,
        grouped_counts,
        population,
        separate_group_bys,
    )
    from canbo.stats.trend import TREND_SET, dates

    on_dates = dates(AS_OF)
    report = compute(people_for(admin, "view"), as_of=AS_OF, unit=province, trend_dates=on_dates)
    via_scan = trend(people_for(admin, "view"), as_of=AS_OF, unit=province,
                     groups=report.trend_groups)  # fmt: skip
    assert [(p.total, p.counts) for p in via_scan] == [(p.total, p.counts) for p in points]
    pop = population(people_for(admin, "view"), unit=province)
    assert (
        grouped_counts(pop, AS_OF, trend_dates=on_dates)[TREND_SET]
        == separate_group_bys(_annotated(pop, AS_OF, on_dates), _groupings(on_dates))[TREND_SET]
    )
    assert report.total == points[-1].total
    rated = {p.on.year: p.ratings["total"] for p in points if p.ratings}
    assert set(rated) == {2023, 2024, 2025} and all(rated.values())

    dashboard = client.get(f"/stats/{province.code}/", {"as_of": AS_OF.isoformat()})
    trend_url = f"/stats/{province.code}/trend/?as_of={AS_OF.isoformat()}"
    assert f'hx-get="{trend_url}"' in dashboard.content.decode()  # loaded after the figures
    response = client.get(trend_url, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "Xếp loại qua các năm" in html
    assert "<html" in client.get(trend_url).content.decode()
    assert html.count("<circle cx=") == len(points) * len(SERIES)
    assert "Tuổi tại ngày 31/12 là chính xác" in html
    assert f'href="{points[0].urls["party"].replace("&", "&amp;")}"' in html

"""The standard breakdowns on a constructed unit: exact counts, the user's scope, the tier, and
the same figures by one GROUPING SETS scan (PostgreSQL) as by separate GROUP BYs."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from canbo.catalogs.models import (
    Ethnicity,
    ManagementTier,
    PoliticalTheoryLevel,
    QualificationLevel,
    Religion,
    StateManagementRank,
)
from canbo.people.models import Person
from canbo.posts.models import Assignment, Title
from canbo.stats.breakdowns import (
    _annotated,
    compute,
    grouped_counts,
    population,
    separate_group_bys,
    share,
)
from canbo.stats.locality import LocalityResolver
from canbo.stats.selectors import unit_report
from canbo.units.locality import is_local
from canbo.units.models import Area
from tests.factories import PersonFactory, post, unit, user_with_grant

pytestmark = pytest.mark.django_db
ON = date(2025, 7, 1)


@pytest.fixture
def province():
    """A province with two communes; 10 people with known attributes."""
    areas = list(Area.objects.filter(level=3, valid_to__isnull=True).order_by("code")[:3])
    p = unit("tinh", "Tỉnh", kind="province")
    a = unit("xa-a", "Xã A", parent=p, kind="commune", area_code=areas[0].code)
    b = unit("xa-b", "Xã B", parent=p, kind="commune", area_code=areas[1].code)
    muong, kinh = Ethnicity.objects.get(code="06"), Ethnicity.objects.get(code="01")
    buddhist = Religion.objects.get(code="01")
    q = {c: QualificationLevel.objects.get(code=c) for c in ("THS", "DH", "CD")}
    cc, tc = (
        PoliticalTheoryLevel.objects.get(code="CC"),
        PoliticalTheoryLevel.objects.get(code="TC"),
    )
    cv = StateManagementRank.objects.get(code="CV")
    xa, tinh = ManagementTier.objects.get(code="XA"), ManagementTier.objects.get(code="TINH")
    spec = [
        # unit, gender, ethnicity, religion, qualification, theory, sm, party, tier, hometown
        (a, "female", muong, None, "THS", cc, cv, True, tinh, areas[2]),
        (a, "male", kinh, buddhist, "DH", tc, None, True, xa, areas[0]),
        (a, "female", kinh, None, "DH", None, None, False, xa, areas[0]),
        (a, "male", muong, None, "CD", tc, None, True, xa, areas[0]),
        (b, "male", kinh, None, "DH", cc, cv, True, tinh, areas[0]),
        (b, "female", kinh, buddhist, "DH", tc, None, True, xa, areas[1]),
        (b, "male", kinh, None, "CD", None, None, False, xa, areas[1]),
        (b, "male", kinh, None, "DH", None, None, False, None, areas[1]),
        (p, "female", kinh, None, "THS", cc, cv, True, tinh, areas[2]),
        (p, "male", kinh, None, "DH", tc, None, True, tinh, areas[2]),
    ]
    people = []
    for u, gender, eth, rel, qual, theory, sm, party, tier, home in spec:
        people.append(
            PersonFactory(
                unit=u, gender=gender, ethnicity=eth, religion=rel or Religion.objects.get(code="00"),
                qualification_level=q[qual], political_theory=theory, state_management=sm,
                party_joined_on=date(2005, 3, 3) if party else None,
                party_official_on=date(2006, 3, 3) if party else None,
                management_tier=tier, hometown=home,
            )
        )  # fmt: skip
    PersonFactory(unit=a, status="retired")  # not counted
    secretary = Title.objects.create(
        code="bi-thu", name="Bí thư Đảng ủy", group="party", is_key=True
    )
    chair = Title.objects.create(
        code="chu-tich", name="Chủ tịch UBND", group="government", is_key=True
    )
    for person, u, t in [(people[0], a, secretary), (people[1], a, chair), (people[4], b, secretary),
                         (people[5], b, chair)]:  # fmt: skip
        Assignment.objects.create(
            person=person, post=post(u, t), kind="election", start_date=date(2020, 10, 1)
        )
    return p, a, b


def test_counts_and_shares_of_every_breakdown(province):
    p, a, b = province
    r = compute(Person.objects.all(), as_of=ON, unit=p)
    f = r.flat
    assert (f["total"], f["female"], f["male"], f["party_members"], f["ethnic_minority"]) == (
        10,
        4,
        6,
        7,
        2,
    )
    assert f["religious"] == 2
    assert f["qualification"] == {
        "TS": 0,
        "THS": 2,
        "DH": 6,
        "CD": 2,
        "TC": 0,
        "SC": 0,
        "KHONG": 0,
        "unknown": 0,
    }
    assert f["political_theory"] == {"advanced": 3, "CN": 0, "CC": 3, "TC": 4, "SC": 0, "none": 3}
    assert f["state_management"] == {"CVCC": 0, "CVC": 0, "CV": 3, "none": 7}
    assert f["management_tier"]["TINH"] == 4 and f["management_tier"]["XA"] == 5
    assert f["management_tier"]["none"] == 1
    # key posts: 4 holders; person 0 (hometown elsewhere) and 4 (hometown in commune A, post in B)
    assert (f["key_post_holders"], f["non_local_key_post_holders"]) == (4, 2)
    assert r.breakdown("gender").rows[1].share == 40.0
    assert r.breakdown("ethnicity").rows[2].label == "— Mường"
    # definitions are shown beside every breakdown
    assert all(b.definition for b in r.breakdowns)
    assert "ngày sinh sớm nhất" in r.breakdown("age_groups").definition


def test_subtree_and_tier(province):
    p, a, b = province
    assert compute(Person.objects.all(), as_of=ON, unit=a).total == 4
    tier = ManagementTier.objects.get(code="TINH")
    r = compute(Person.objects.all(), as_of=ON, unit=p, tier=tier)
    assert (r.total, r.flat["female"]) == (4, 2)


def test_a_user_counts_only_the_people_of_their_grants(province):
    p, a, b = province
    user = user_with_grant("org-board", a)
    r = unit_report(user, unit=p, as_of=ON)
    assert r.total == 4
    assert r.flat["key_post_holders"] == 2
    limited = user_with_grant("org-board", p, tiers=("TINH",))
    assert unit_report(limited, unit=p, as_of=ON).total == 4
    nobody = user_with_grant("org-board", b, actions=["export"])  # no "view"
    assert unit_report(nobody, unit=p, as_of=ON).total == 0


def test_one_scan_and_separate_group_bys_agree(province):
    p, _a, _b = province
    pop = population(Person.objects.all(), unit=p)

    separate = separate_group_bys(_annotated(pop, ON))
    assert grouped_counts(pop, ON) == separate
    assert len(separate) == 2 and all(sum(c.values()) == 10 for c in separate.values())
    assert connection.vendor in ("postgresql", "sqlite")


def test_share_rounds_half_up_to_one_decimal():
    assert share(17, 32) == 53.1
    assert share(46, 150) == 30.7
    assert share(1, 8) == 12.5
    assert share(0, 0) is None


def test_locality_resolver_agrees_with_units_locality():
    """The batched rule gives the same answer as `units.locality.is_local` on real areas:
    current and former communes, former districts and provinces."""
    current = list(Area.objects.filter(level=3, valid_to__isnull=True).order_by("code")[:40])
    former = list(
        Area.objects.filter(
            level=3, valid_to__isnull=False, successors__in=current[:20]
        ).distinct()[:40]
    )
    districts = list(Area.objects.filter(level=2).order_by("code")[:5])
    provinces = list(Area.objects.filter(level=1).order_by("code")[:4])
    homes = current[:10] + former[:20] + districts
    posts = current[:20] + districts[:3] + provinces
    resolver = LocalityResolver([h.pk for h in homes] + [p.pk for p in posts])
    checked = 0
    for h in homes:
        for a in posts:
            assert resolver.is_local(h.pk, a.pk) == is_local(h, a), (h, a)
            checked += 1
    assert checked > 500
    assert any(resolver.is_local(f.pk, c.pk) for f in former for c in current[:20])


def test_movements_in_a_period_count_leavers_too(province):
    p, a, _b = province
    leaver = Person.objects.get(status="retired")
    t = Title.objects.create(code="pho-chu-tich", name="Phó Chủ tịch UBND", group="government")
    Assignment.objects.create(
        person=leaver, post=post(a, t), kind="rotation", start_date=date(2024, 3, 1),
        end_date=date(2025, 2, 28), end_reason="retirement",
    )  # fmt: skip
    Person.objects.filter(pk=leaver.pk).update(recruited_on=date(2024, 1, 15))
    r = compute(
        Person.objects.all(), as_of=ON, unit=p, period=(date(2024, 1, 1), date(2025, 6, 30))
    )
    m = r.flat["movements"]
    assert (m["recruited"], m["started:rotation"], m["ended:retirement"]) == (1, 1, 1)
    assert m["started:election"] == 0  # the elections of the fixture began in 2020
    assert r.flat["period"] == ["2024-01-01", "2025-06-30"]
    assert "movements" not in compute(Person.objects.all(), as_of=ON, unit=p).flat

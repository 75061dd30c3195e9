"""The fast paths of the statistics give the same figures as the plain ones: ids passed as one
array parameter (`core.lookups.in_array`) and the posts, holders and locality resolver read once for
every indicator (`evaluate_all`) against each indicator evaluated on its own."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from canbo.core.lookups import in_array
from canbo.people.models import Person
from canbo.posts.models import Assignment, Title
from canbo.stats.indicators import evaluate, evaluate_all
from canbo.stats.models import Indicator
from canbo.stats.services import indicator_declare
from canbo.units.models import Area
from tests.factories import PersonFactory, post, unit

pytestmark = pytest.mark.django_db
ON = date(2023, 7, 1)


def test_in_array_selects_what_in_selects():
    u = unit("don-vi")
    people = [PersonFactory(unit=u) for _ in range(5)]
    pks = [p.pk for p in people]
    for ids in ([], pks[:1], pks[1:4], pks + [10**9]):
        assert sorted(Person.objects.filter(in_array("pk", ids)).values_list("pk", flat=True)) == (
            sorted(Person.objects.filter(pk__in=ids).values_list("pk", flat=True))
        )
    # combined with other conditions and negated
    assert set(Person.objects.exclude(in_array("pk", pks[:2])).values_list("pk", flat=True)) == set(
        pks[2:]
    )


def test_evaluate_all_shares_posts_and_locality_and_agrees_with_evaluate():
    areas = list(Area.objects.filter(level=3, valid_to__isnull=True).order_by("code")[:4])
    elsewhere = areas[-1]
    d = unit("huyen", "Huyện", kind="district")
    xs = [unit(f"xa-{i}", f"Xã {i}", parent=d, kind="commune", area_code=areas[i].code)
          for i in range(3)]  # fmt: skip
    inner = unit("xa-0-to", "Tổ", parent=xs[0], kind="commune")  # a commune inside a commune
    secretary = Title.objects.create(code="bt", name="Bí thư", group="party", is_key=True, rank=60)
    chair = Title.objects.create(code="ct", name="Chủ tịch", group="party", is_key=True, rank=50)
    plan = [(xs[0], True, False), (xs[1], False, False), (xs[2], True, True), (inner, True, False)]
    for place, s_out, c_out in plan:
        area = areas[xs.index(place)] if place in xs else areas[0]
        for title_, out in ((secretary, s_out), (chair, c_out)):
            person = PersonFactory(unit=place, hometown=elsewhere if out else area)
            Assignment.objects.create(
                person=person, post=post(place, title_), kind="appointment",
                start_date=date(2021, 1, 1),
            )  # fmt: skip
    common = {"resolution": "NQ", "deadline": date(2025, 12, 31), "target": Decimal(50)}
    indicator_declare(
        code="khong-dp", name="Không địa phương", unit=d, measure="share", count_by="posts",
        conditions=[("population", "title", "in", "bt, ct"),
                    ("condition", "non_local", "is", "có")], **common,
    )  # fmt: skip
    indicator_declare(
        code="moi-xa", name="Mỗi xã", unit=d, measure="units_covered", count_by="people",
        per_unit_kind="commune", per_unit_min=1,
        conditions=[("population", "key_post", "is", "có"),
                    ("condition", "non_local", "is", "có")], **common,
    )  # fmt: skip
    indicator_declare(
        code="bi-thu-xa-0", name="Bí thư xã 0", unit=xs[0], measure="share", count_by="posts",
        conditions=[("population", "title", "in", "bt"),
                    ("condition", "non_local", "is", "có")], **common,
    )  # fmt: skip
    together = {r.indicator.code: r.to_json() for r in
                evaluate_all(d, people=Person.objects.all(), on=ON)}  # fmt: skip
    alone = {i.code: evaluate(i, people=Person.objects.all(), on=ON).to_json()
             for i in Indicator.objects.all()}  # fmt: skip
    assert together == alone
    assert (together["khong-dp"]["numerator"], together["khong-dp"]["denominator"]) == (3, 8)
    # the inner unit's holders count for the first commune in path order (its parent); its
    # secretary has no area to compare with: unknown, not non-local
    counts = {u["code"]: u["count"] for u in together["moi-xa"]["units"]}
    assert counts == {"xa-0": 1, "xa-0-to": 0, "xa-1": 0, "xa-2": 2}

"""Seed 002 (Tiên Lãng, 2011): "Tổng số cán bộ diện BTV huyện uỷ quản lý là 610 đồng chí, có 318
đ/c hoàn thành xuất sắc …, 276 đ/c hoàn thành tốt …, 14 đồng chí hoàn thành …, 2 đ/c không hoàn
thành nhiệm vụ" — the ratings table of the statistics, from decided evaluations."""

from __future__ import annotations

from datetime import date

import pytest

from canbo.catalogs.models import ManagementTier
from canbo.evaluation.models import Evaluation
from canbo.people.models import Person
from canbo.stats.breakdowns import compute
from tests.factories import unit

pytestmark = pytest.mark.django_db


def test_tien_lang_2011_ratings_table():
    district = unit("tien-lang", "Huyện Tiên Lãng", kind="district")
    tier = ManagementTier.objects.get(code="HUYEN")
    people = []
    for i in range(612):
        p = Person(full_name=f"Cán bộ {i}", gender="female" if i % 3 == 0 else "male",
                   birth_date=date(1970, 1, 1) , unit=district, management_tier=tier)  # fmt: skip
        p.refresh_derived()
        people.append(p)
    Person.objects.bulk_create(people)
    people = list(Person.objects.order_by("pk"))
    split = ["excellent"] * 318 + ["good"] * 276 + ["complete"] * 14 + ["incomplete"] * 2
    Evaluation.objects.bulk_create(
        [Evaluation(person=p, year=2011, unit=district, management_tier=tier, status="decided",
                    rating=r, source="import") for p, r in zip(people, split, strict=False)]
    )  # fmt: skip
    # not decided yet: not counted
    Evaluation.objects.create(person=people[610], year=2011, unit=district, status="review")
    # an older year is not mixed in
    Evaluation.objects.create(person=people[0], year=2010, unit=district, status="decided",
                              rating="good", source="import")  # fmt: skip
    report = compute(Person.objects.all(), as_of=date(2012, 3, 1), unit=district, tier=tier)
    assert report.flat["ratings"] == {
        "year": 2011, "excellent": 318, "good": 276, "complete": 14, "incomplete": 2,
    }  # fmt: skip
    b = report.breakdown("ratings")
    assert b.base == 610
    assert [r.share for r in b.rows] == [52.1, 45.2, 2.3, 0.3]
    assert b.title == "Xếp loại chất lượng năm 2011"
    from canbo.stats.narrative import narrative

    text = " ".join(sentence.text for sentence in narrative(report))
    assert "hoàn thành xuất sắc nhiệm vụ 318 (52,1%)" in text
    early = compute(Person.objects.all(), as_of=date(2010, 12, 31), unit=district)
    assert early.flat["ratings"]["year"] == 2010 and early.flat["ratings"]["good"] == 1


def test_ratings_count_only_the_people_a_user_may_see():
    from canbo.stats.selectors import unit_report
    from tests.factories import PersonFactory, user_with_grant

    district = unit("huyen", "Huyện", kind="district")
    a = unit("xa-a", "Xã A", parent=district, kind="commune")
    b = unit("xa-b", "Xã B", parent=district, kind="commune")
    for u, rating in [(a, "excellent"), (a, "good"), (b, "excellent")]:
        person = PersonFactory(unit=u)
        Evaluation.objects.create(person=person, year=2024, unit=u, status="decided",
                                  rating=rating, source="import")  # fmt: skip
    user = user_with_grant("org-board", a)
    seen = unit_report(user, unit=district, as_of=date(2025, 1, 1)).flat["ratings"]
    assert (seen["excellent"], seen["good"]) == (1, 1)

"""Factories for tests: small, valid records built through the same rules as the app."""

from __future__ import annotations

import itertools
from datetime import date

import factory

from canbo.catalogs.models import Ethnicity, PoliticalTheoryLevel, QualificationLevel, Religion
from canbo.people.models import Person
from canbo.posts.models import Decision, Post, Title
from canbo.rules.citizen_id import make_citizen_id
from canbo.units.models import Area, Unit
from canbo.units.services import unit_create

_serial = itertools.count(1)


def unit(code: str, name: str | None = None, parent: Unit | None = None, kind: str = "agency", area_code: str | None = None) -> Unit:  # fmt: skip
    area = Area.objects.get(code=area_code) if area_code else None
    return unit_create(code=code, name=name or code, kind=kind, parent=parent, area=area)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn An {n}")
    gender = "male"
    birth_date = date(1980, 5, 17)
    birth_date_precision = "day"
    citizen_id = factory.LazyAttribute(
        lambda o: make_citizen_id("001", o.gender, o.birth_date.year, next(_serial))
    )
    ethnicity = factory.LazyFunction(lambda: Ethnicity.objects.get(code="01"))
    religion = factory.LazyFunction(lambda: Religion.objects.get(code="00"))
    qualification_level = factory.LazyFunction(lambda: QualificationLevel.objects.get(code="DH"))
    political_theory = factory.LazyFunction(lambda: PoliticalTheoryLevel.objects.get(code="TC"))
    party_joined_on = date(2005, 3, 3)
    party_official_on = date(2006, 3, 3)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        person = model_class(*args, **kwargs)
        person.full_clean()
        person.save()
        return person


class TitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Title

    code = factory.Sequence(lambda n: f"title-{n}")
    name = factory.Sequence(lambda n: f"Chức danh {n}")
    group = "party"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    number = factory.Sequence(lambda n: f"{n}-QĐ/TU")
    issued_on = date(2020, 10, 1)
    issuer = "Ban Thường vụ Tỉnh ủy"
    kind = "appointment"


def post(unit_: Unit, title: Title) -> Post:
    return Post.objects.create(unit=unit_, title=title)

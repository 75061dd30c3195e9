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


def make_leader(
    person: Person, since: date = date(2020, 1, 1), kind: str = "appointment"
) -> Person:
    """Give `person` a leadership post in his unit from `since` (confidence votes are held on
    holders of leadership or management titles only)."""
    from canbo.posts.models import Assignment

    title = TitleFactory(is_leadership=True)
    Assignment.objects.create(person=person, post=post(person.unit, title), kind=kind, start_date=since)  # fmt: skip
    return person


def _new_user(username: str | None = None, password: str | None = None):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(
        username=username or f"user-{next(_serial)}", password=password
    )


def user_with_grant(
    role: str = "org-board",
    unit: Unit | None = None,
    *,
    username: str | None = None,
    tiers: tuple[str, ...] = (),
    actions: list[str] | None = None,
    include_subtree: bool = True,
    password: str = "Mat-khau-rat-dai-2025",
):
    """A login with one grant of `role` (a code of `canbo.access.roles`) on `unit`'s subtree,
    limited to the management tiers with these codes (none: every tier); `actions` overrides
    the role's default actions."""
    user = _new_user(username, password)
    GrantFactory(
        user=user, role__code=role, unit=unit, include_subtree=include_subtree,
        actions=actions or [], tiers=tiers,
    )  # fmt: skip
    return user


class GrantFactory(factory.django.DjangoModelFactory):
    """A grant: `GrantFactory(user=u, unit=commune, role__code="leader", tiers=("XA",))`."""

    class Meta:
        model = "access.Grant"
        skip_postgeneration_save = True

    user = factory.LazyFunction(_new_user)
    role = factory.SubFactory("tests.factories.RoleFactory")
    include_subtree = True

    @factory.post_generation
    def tiers(self, create, extracted, **kwargs):
        if extracted:
            from canbo.catalogs.models import ManagementTier

            self.tiers.set(ManagementTier.objects.filter(code__in=extracted))


class RoleFactory(factory.django.DjangoModelFactory):
    """The seeded role with this code (roles are seeded by migration; re-seeded here if a
    transactional test flushed them)."""

    class Meta:
        model = "access.Role"
        django_get_or_create = ["code"]

    code = "org-board"

    @classmethod
    def _get_or_create(cls, model_class, *args, **kwargs):
        from canbo.access.roles import seed_roles

        if not model_class.objects.filter(code=kwargs.get("code")).exists():
            seed_roles(model_class)
        return super()._get_or_create(model_class, *args, **kwargs)

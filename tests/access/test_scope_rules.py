"""The scope functions: SQL (people_for, units_for) and Python (can) agree, tiers and subtrees
combine as documented, grants are read once per request."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.http import Http404
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canbo.access import scope
from canbo.access.models import Grant
from canbo.catalogs.models import ManagementTier
from canbo.people.models import Person
from canbo.units.models import Unit
from tests.factories import GrantFactory, PersonFactory, RoleFactory, unit, user_with_grant

pytestmark = pytest.mark.django_db

TIERS = ["TINH", "XA", "DONVI", None]


@pytest.fixture
def tree():
    """tinh ─┬─ xa-a ── xa-a-ub
    └─ xa-b ;  one person per unit and tier."""
    tiers = {t.code: t for t in ManagementTier.objects.all()}
    t = unit("tinh", kind="province")
    a = unit("xa-a", parent=t, kind="commune")
    a1 = unit("xa-a-ub", parent=a, kind="peoples_committee")
    b = unit("xa-b", parent=t, kind="commune")
    for u in (t, a, a1, b):
        for code in TIERS:
            PersonFactory(unit=u, management_tier=tiers[code] if code else None)
    return {"tinh": t, "xa-a": a, "xa-a-ub": a1, "xa-b": b}


def _ids(queryset):
    return set(queryset.values_list("pk", flat=True))


def test_subtree_and_tiers_combine(tree):
    user = user_with_grant("leader", tree["xa-a"], tiers=("XA", "DONVI"))
    people = scope.people_for(user)
    assert {(p.unit.code, p.management_tier.code) for p in people} == {
        ("xa-a", "XA"), ("xa-a", "DONVI"), ("xa-a-ub", "XA"), ("xa-a-ub", "DONVI"),
    }  # fmt: skip
    assert not scope.people_for(user, "change").exists()  # a leader does not change
    assert _ids(scope.people_for(user, "approve")) == _ids(people)


def test_no_tier_means_every_tier_including_none(tree):
    user = user_with_grant("org-board", tree["xa-b"])
    assert scope.people_for(user).count() == len(TIERS)


def test_no_subtree_grant_is_the_unit_alone(tree):
    user = user_with_grant("unit-officer", tree["xa-a"], include_subtree=False)
    assert {p.unit.code for p in scope.people_for(user)} == {"xa-a"}
    assert {u.code for u in scope.units_for(user)} == {"xa-a"}
    assert scope.can(user, "change", tree["xa-a"])
    assert not scope.can(user, "view", tree["xa-a-ub"])


def test_several_grants_are_one_or(tree):
    user = user_with_grant("org-board", tree["xa-b"], tiers=("XA",))
    GrantFactory(user=user, role__code="leader", unit=tree["xa-a-ub"])
    scope.forget(user)
    assert scope.people_for(user).count() == 1 + len(TIERS)
    assert scope.people_for(user, "change").count() == 1
    assert scope.top_units(user) == sorted([tree["xa-b"].pk, tree["xa-a-ub"].pk])
    sql = str(scope.people_for(user).query)
    assert sql.count("SELECT") == 1  # one condition on the joined unit, no subquery per grant


def test_grant_periods(tree):
    user = user_with_grant("org-board", tree["tinh"])
    grant = user.grants.get()
    grant.valid_from = timezone.localdate() + timedelta(days=1)
    grant.save()
    scope.forget(user)
    assert not scope.people_for(user).exists()
    grant.valid_from, grant.valid_to = date(2020, 1, 1), timezone.localdate()
    grant.save()
    scope.forget(user)
    assert scope.people_for(user).count() == 4 * len(TIERS)


def test_inactive_anonymous_and_grantless_see_nothing(tree, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    user = user_with_grant("org-board", tree["tinh"])
    user.is_active = False
    for who in (user, AnonymousUser(), django_user_model.objects.create_user("x")):
        assert not scope.people_for(who).exists()
        assert not scope.units_for(who).exists()
        assert not scope.can(who, "view", tree["tinh"])


def test_administrator_role_and_superuser_see_everything(tree, django_user_model):
    admin = user_with_grant("administrator")
    root = django_user_model.objects.create_user("root", is_superuser=True)
    for who in (admin, root):
        assert scope.is_administrator(who)
        assert scope.people_for(who, "discipline").count() == Person.objects.count()
        assert scope.units_for(who, "change").count() == Unit.objects.count()


def test_cadre_sees_own_profile_only(tree):
    user = user_with_grant("cadre")
    me = Person.objects.filter(unit=tree["xa-b"]).first()
    me.user = user
    me.save()
    assert list(scope.people_for(user)) == [me]
    assert not scope.people_for(user, "change").exists()
    assert not scope.units_for(user).exists()
    assert scope.can(user, "view", me)
    assert scope.person_or_404(user, me.pk) == me
    other = Person.objects.exclude(pk=me.pk).first()
    with pytest.raises(Http404):
        scope.person_or_404(user, other.pk)


def test_person_or_404_same_for_missing_forbidden_and_garbage(tree):
    user = user_with_grant("org-board", tree["xa-a"])
    outside = Person.objects.filter(unit=tree["xa-b"]).first()
    for pk in (outside.pk, 10**9, 2**70, -1, "abc", None):
        with pytest.raises(Http404):
            scope.person_or_404(user, pk)
    for ref in ("xa-b", 2**70, "khong-co"):
        with pytest.raises(Http404):
            scope.unit_or_404(user, ref)
    assert scope.unit_or_404(user, "xa-a-ub") == tree["xa-a-ub"]


def test_unknown_action_is_a_programming_error(tree):
    user = user_with_grant("org-board", tree["xa-a"])
    with pytest.raises(ValueError):
        scope.people_for(user, "delete")


def test_grants_are_read_once_per_user_object(tree, django_assert_num_queries):
    user = user_with_grant("org-board", tree["xa-a"], tiers=("XA",))
    scope.forget(user)
    person = Person.objects.select_related("unit").filter(unit=tree["xa-a"]).first()
    with django_assert_num_queries(2):  # the grants, their tiers
        scope.can(user, "view", person)
        scope.can(user, "change", tree["xa-a"])
        scope.people_for(user)
        scope.units_for(user, "change")


def test_role_defaults_and_grant_override():
    role = RoleFactory(code="inspection")
    assert role.actions == ["view", "discipline", "audit"]
    grant = Grant(role=role, actions=["view"])
    assert grant.effective_actions == ["view"]
    assert Grant(role=role).effective_actions == ["view", "discipline", "audit"]


grant_specs = st.lists(
    st.tuples(
        st.sampled_from(["tinh", "xa-a", "xa-a-ub", "xa-b", None]),
        st.sampled_from(["org-board", "leader", "inspection", "unit-officer", "cadre"]),
        st.booleans(),
        st.lists(st.sampled_from(["TINH", "XA", "DONVI"]), max_size=2, unique=True),
    ),
    max_size=3,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(specs=grant_specs, action=st.sampled_from(scope.ACTIONS))
def test_sql_and_python_agree(tree, django_user_model, specs, action):
    """Whatever the grants, `people_for`/`units_for` (SQL) and `can` (Python) give the same."""
    django_user_model.objects.filter(username="h").delete()
    user = django_user_model.objects.create_user("h")
    me = Person.objects.filter(unit=tree["xa-b"]).first()
    Person.objects.filter(pk=me.pk).update(user=user)
    for code, role, subtree, tiers in specs:
        if code is None and role != "cadre":
            continue
        GrantFactory(
            user=user, role__code=role, unit=tree[code] if code else None,
            include_subtree=subtree, tiers=tiers,
        )  # fmt: skip
    people = Person.objects.select_related("unit")
    assert _ids(scope.people_for(user, action)) == {
        p.pk for p in people if scope.can(user, action, p)
    }
    assert _ids(scope.units_for(user, action)) == {
        u.pk for u in Unit.objects.all() if scope.can(user, action, u)
    }


def test_can_on_list_rows_needs_no_query(tree, django_assert_num_queries):
    from canbo.people.selectors import person_list

    user = user_with_grant("leader", tree["xa-a"], tiers=("XA",))
    GrantFactory(user=user, role__code="cadre")
    scope.forget(user)
    scope.grants_of(user)
    rows = list(person_list())
    with django_assert_num_queries(0):
        allowed = [p for p in rows if scope.can(user, "view", p)]
    assert len(allowed) == 2

"""Who may act on which people and units: the one place every list, page, count, export and API
response asks. Code against these names only; they are stable.

Actions (`ACTIONS`)
    "view"        see the person / unit (lists, counts, profile, reports)
    "change"      create and edit profiles, assignments, decisions in the scope; create a
                  profile only into a unit where the user has "change"
    "approve"     approve proposals (appointments, assessments) in the scope
    "export"      export lists and profiles of the scope
    "audit"       browse the audit log and the history tab of the people in the scope
    "discipline"  record and change discipline and inspection records (sanctions) of the people
                  in the scope; *seeing* the sanctions section of a profile comes with "view"

Grants (`canbo.access.models.Grant`)
    A grant gives a user the actions (its own list, or its role's defaults when empty) on a unit
    and, unless `include_subtree` is off, every unit below it (`Unit.path` range), limited to the
    people whose `Person.management_tier` is one of the grant's tiers (no tiers = every tier,
    including people without a tier). A grant is in force between `valid_from` and `valid_to`.
    A role with `is_administrator` gives everything, like `User.is_superuser`; a role with
    `own_profile_only` ("cadre") covers only the person linked to the user (`Person.user`).
    A user with no grant in force (or inactive, or anonymous) sees nothing.

Functions
    people_for(user, action="view") -> QuerySet[Person]
        The people the user may act on. One SQL condition (an OR over the grants of
        `unit.path` ranges AND `management_tier_id IN (…)`), never a loop over people.
        Chain filters, ordering, counts and `select_related` on it as on `Person.objects`.
    units_for(user, action="view") -> QuerySet[Unit]
        The units inside the user's granted subtrees for the action (tiers do not apply to
        units). Use it for the unit tree, unit pages, and the unit choices of a form
        (e.g. `units_for(user, "change")` for the units a profile may be created in).
    can(user, action, obj) -> bool
        For a Person or a Unit; any other object with a `person` (e.g. Assignment, Sanction)
        or a `unit` (e.g. Post) is judged by it. Evaluated in Python from the cached grants:
        no query when a Person has `unit` (its path), `management_tier_id` and `user_id`
        loaded (`select_related("unit")`; `people.selectors.person_list` loads them).
    person_or_404(user, pk, action="view", queryset=None) -> Person
        The person, or Http404 for a missing AND for a forbidden person alike. Pass a
        `queryset` (e.g. a selector with its joins) to fetch through it.
    unit_or_404(user, code_or_pk, action="view", queryset=None) -> Unit
        The same for a unit, by code (str) or pk (int).
    tiers_for(user, action="view") -> list[int] | None
        Ids of the management tiers the user's grants for the action cover (None: every
        tier); e.g. the tier choices of a profile form for "change".
    top_units(user, action="view") -> list[int]
        Ids of the top units of the user's granted subtrees (where their unit tree starts).
    require(user, action, obj) -> None
        PermissionDenied (403) unless `can(user, action, obj)`: use it AFTER fetching through
        `person_or_404` / `unit_or_404` with "view", so that a record the user may see but not
        change answers 403, and a record out of scope answers 404.
    is_administrator(user) -> bool
        Superuser, or a grant in force of an administrator role.
    grants_of(user) -> list[Scope]
        The user's grants in force, as loaded once per request.
    forget(user) -> None
        Drop the cached grants (after changing a user's grants in the same request or test).

Caching: the grants in force are read in one query the first time a request asks and kept on the
user object (`request.user` lives for one request).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from canbo.people.models import Person
from canbo.posts.models import Assignment, Decision
from canbo.units.models import Unit, path_upper_bound

from .choices import Action

ACTIONS: tuple[str, ...] = tuple(Action.values)

_CACHE_ATTR = "_canbo_access_scopes"


@dataclass(frozen=True)
class Scope:
    """One grant in force, reduced to what scoping needs."""

    actions: frozenset[str]
    path: str | None = None  # the granted unit's path; None for administrator / own profile
    unit_id: int | None = None
    include_subtree: bool = True
    tier_ids: frozenset[int] | None = None  # None: every tier
    is_administrator: bool = False
    own_profile_only: bool = False

    def covers_path(self, path: str) -> bool:
        if self.path is None:
            return False
        if self.include_subtree:
            return self.path <= path < path_upper_bound(self.path)
        return path == self.path


def _check_action(action: str) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; one of {', '.join(ACTIONS)}")


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def grants_of(user) -> list[Scope]:
    """The user's grants in force today, loaded once and kept on the user object."""
    if not _active(user):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from .models import Grant

    scopes = []
    grants = (
        Grant.objects.in_force(timezone.localdate())
        .filter(user=user)
        .select_related("role", "unit")
        .prefetch_related("tiers")
    )
    for g in grants:
        tier_ids = frozenset(t.pk for t in g.tiers.all())
        scopes.append(
            Scope(
                actions=frozenset(g.effective_actions),
                path=g.unit.path if g.unit_id else None,
                unit_id=g.unit_id,
                include_subtree=g.include_subtree,
                tier_ids=tier_ids or None,
                is_administrator=g.role.is_administrator,
                own_profile_only=g.role.own_profile_only,
            )
        )
    setattr(user, _CACHE_ATTR, scopes)
    return scopes


def forget(user) -> None:
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_administrator(user) -> bool:
    if not _active(user):
        return False
    return user.is_superuser or any(s.is_administrator for s in grants_of(user))


def _unit_scopes(user, action: str) -> list[Scope]:
    return [
        s
        for s in grants_of(user)
        if action in s.actions and s.path is not None and not s.own_profile_only
    ]


def _path_q(scope: Scope, prefix: str = "") -> Q:
    if scope.include_subtree:
        return Q(
            **{f"{prefix}path__gte": scope.path, f"{prefix}path__lt": path_upper_bound(scope.path)}
        )
    return Q(**{f"{prefix}pk": scope.unit_id})


def person_condition(user, action: str = "view") -> Q | None:
    """The Q object behind `people_for`: None means "everything" (administrator);
    an empty `Q(pk__in=[])` means nothing."""
    _check_action(action)
    if not _active(user):
        return Q(pk__in=[])
    if is_administrator(user):
        return None
    condition = Q(pk__in=[])
    for scope in grants_of(user):
        if action not in scope.actions:
            continue
        if scope.own_profile_only:
            condition |= Q(user_id=user.pk)
        elif scope.path is not None:
            part = _path_q(scope, "unit__")
            if scope.tier_ids is not None:
                part &= Q(management_tier_id__in=sorted(scope.tier_ids))
            condition |= part
    return condition


def people_for(user, action: str = "view") -> QuerySet[Person]:
    condition = person_condition(user, action)
    if condition is None:
        return Person.objects.all()
    return Person.objects.filter(condition)


def unit_condition(user, action: str = "view") -> Q | None:
    """The Q object behind `units_for` (None: every unit)."""
    _check_action(action)
    if is_administrator(user):
        return None
    condition = Q(pk__in=[])
    for scope in _unit_scopes(user, action):
        condition |= _path_q(scope)
    return condition


def units_for(user, action: str = "view") -> QuerySet[Unit]:
    condition = unit_condition(user, action)
    return Unit.objects.all() if condition is None else Unit.objects.filter(condition)


def decisions_for(user) -> QuerySet[Decision]:
    """Decisions the user may see: those behind an assignment of a person the user may view,
    and decisions not yet linked to anyone when the user may change some unit (to link them).
    A decision about people outside the grants does not exist for the user."""
    if is_administrator(user):
        return Decision.objects.all()
    visible = Assignment.objects.filter(decision=OuterRef("pk"), person__in=people_for(user))
    condition = Q(Exists(visible))
    if units_for(user, "change").exists():
        condition |= ~Q(Exists(Assignment.objects.filter(decision=OuterRef("pk"))))
    return Decision.objects.filter(condition)


def top_units(user, action: str = "view") -> list[int]:
    """Ids of the granted units that are not inside another granted subtree: the tops of the
    unit tree the user sees (for an administrator: the roots of the tree)."""
    if is_administrator(user):
        return list(Unit.objects.roots().values_list("pk", flat=True))
    scopes = _unit_scopes(user, action)
    return sorted(
        {
            s.unit_id
            for s in scopes
            if not any(
                o is not s and o.unit_id != s.unit_id and o.covers_path(s.path) for o in scopes
            )
        }
    )


def tiers_for(user, action: str = "view") -> list[int] | None:
    """Ids of the management tiers the user's unit grants for the action cover; None when one
    of them covers every tier (or the user is an administrator)."""
    if is_administrator(user):
        return None
    ids: set[int] = set()
    for s in _unit_scopes(user, action):
        if s.tier_ids is None:
            return None
        ids |= s.tier_ids
    return sorted(ids)


def can(user, action: str, obj) -> bool:
    _check_action(action)
    if not _active(user) or obj is None:
        return False
    if is_administrator(user):
        return True
    if isinstance(obj, Unit):
        return any(s.covers_path(obj.path) for s in _unit_scopes(user, action))
    if isinstance(obj, Person):
        for scope in grants_of(user):
            if action not in scope.actions:
                continue
            if scope.own_profile_only:
                if obj.user_id is not None and obj.user_id == user.pk:
                    return True
            elif (
                scope.path is not None
                and scope.covers_path(obj.unit.path)
                and (scope.tier_ids is None or obj.management_tier_id in scope.tier_ids)
            ):
                return True
        return False
    if hasattr(obj, "person"):
        return can(user, action, obj.person)
    if hasattr(obj, "unit"):
        return can(user, action, obj.unit)
    raise TypeError(f"can() does not know {type(obj).__name__}")


def require(user, action: str, obj) -> None:
    if not can(user, action, obj):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def person_or_404(user, pk, action: str = "view", queryset: QuerySet[Person] | None = None):
    condition = person_condition(user, action)
    queryset = Person.objects.all() if queryset is None else queryset
    if condition is not None:
        queryset = queryset.filter(condition)
    try:
        pk = int(pk)
        if not 0 < pk < 2**63:  # a bigint id; larger numbers overflow the database driver
            raise ValueError(pk)
        return queryset.get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy hồ sơ.") from None


def unit_or_404(user, code_or_pk, action: str = "view", queryset: QuerySet[Unit] | None = None):
    condition = unit_condition(user, action)
    queryset = Unit.objects.all() if queryset is None else queryset
    if condition is not None:
        queryset = queryset.filter(condition)
    lookup = {"pk": code_or_pk} if isinstance(code_or_pk, int) else {"code": code_or_pk}
    try:
        if isinstance(code_or_pk, int) and not 0 < code_or_pk < 2**63:
            raise ValueError(code_or_pk)
        return queryset.get(**lookup)
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy đơn vị.") from None

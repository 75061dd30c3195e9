"""Reads on the unit tree: children with people counts, computed without recursion per row."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q, QuerySet

from canbo.core.text import fold
from canbo.people.choices import PersonStatus
from canbo.people.models import Person

from .models import Unit, path_upper_bound


def _or_paths(paths: list[str], field: str = "path") -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__gte": path, f"{field}__lt": path_upper_bound(path)})
    return condition


def children_with_counts(
    parent: Unit | None,
    *,
    units: QuerySet[Unit] | None = None,
    people: QuerySet[Person] | None = None,
    roots: QuerySet[Unit] | None = None,
) -> list[Unit]:
    """The children of `parent` (or the roots), each with `people_here` (active people whose
    unit is that one), `people_total` (its whole subtree) and `has_children`.

    Restricted to a user's scope: `units` (the units they may see: children outside are left
    out), `people` (the people they may see: nobody else is counted), `roots` (the top units
    shown when `parent` is None, instead of the roots of the tree).

    Two queries whatever the size: the children, and one GROUP BY over the parent's subtree."""
    if parent is not None:
        children_qs = Unit.objects.filter(parent=parent)
    else:
        children_qs = Unit.objects.roots() if roots is None else roots
    n_children = Count("children")
    if units is not None:
        children_qs = children_qs.filter(pk__in=units.values("pk"))
        n_children = Count("children", filter=Q(children__in=units.values("pk")))
    children = list(children_qs.annotate(n_children=n_children))
    # Vietnamese order (Đ after D), which byte order of the database does not give
    children.sort(key=lambda u: (u.sort_order, fold(u.name), u.name))
    if not children:
        return children
    scope = (Person.objects.all() if people is None else people).filter(status=PersonStatus.ACTIVE)
    if parent is not None:
        scope = scope.in_subtree(parent)
    elif roots is not None:
        scope = scope.filter(
            unit__in=Unit.objects.filter(_or_paths([c.path for c in children])).values("pk")
        )
    counts = scope.values("unit__path").annotate(n=Count("pk")).values_list("unit__path", "n")
    total: dict[str, int] = defaultdict(int)
    here: dict[str, int] = {}
    lengths = sorted({len(c.path) for c in children})
    for path, n in counts:
        for depth_len in lengths:
            total[path[:depth_len]] += n
        here[path] = n
    for child in children:
        child.people_total = total.get(child.path, 0)
        child.people_here = here.get(child.path, 0)
        child.has_children = child.n_children > 0
    return children

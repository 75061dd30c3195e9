"""Reads on the unit tree: children with people counts, computed without recursion per row."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count

from canbo.core.text import fold
from canbo.people.choices import PersonStatus
from canbo.people.models import Person

from .models import PATH_STEP, Unit


def children_with_counts(parent: Unit | None) -> list[Unit]:
    """The children of `parent` (or the roots), each with `people_here` (active people whose
    unit is that one), `people_total` (its whole subtree) and `has_children`.

    Two queries whatever the size: the children, and one GROUP BY over the parent's subtree."""
    children = list(
        (Unit.objects.filter(parent=parent) if parent else Unit.objects.roots()).annotate(
            n_children=Count("children")
        )
    )
    # Vietnamese order (Đ after D), which byte order of the database does not give
    children.sort(key=lambda u: (u.sort_order, fold(u.name), u.name))
    if not children:
        return children
    scope = Person.objects.filter(status=PersonStatus.ACTIVE)
    if parent is not None:
        scope = scope.in_subtree(parent)
    counts = scope.values("unit__path").annotate(n=Count("pk")).values_list("unit__path", "n")
    depth_len = (children[0].depth + 1) * PATH_STEP
    total: dict[str, int] = defaultdict(int)
    here: dict[str, int] = {}
    for path, n in counts:
        total[path[:depth_len]] += n
        if len(path) == depth_len:
            here[path] = n
    for child in children:
        child.people_total = total.get(child.path, 0)
        child.people_here = here.get(child.path, 0)
        child.has_children = child.n_children > 0
    return children

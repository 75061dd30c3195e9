"""`units.locality.is_local` for many (hometown, post area) pairs at once, in a few queries.

The rule is the one of :func:`canbo.units.locality.is_local` (tests check both agree): a person
is local to a post when their hometown lies within the post's unit's area, following the 2025
reorganisation links (a former commune merged into the current one is local). Reports ask it
for every key-post holder of a province, so the areas involved are loaded once, not per pair.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from canbo.core.lookups import in_array
from canbo.units.choices import AreaLevel
from canbo.units.models import Area


@dataclass(frozen=True, slots=True)
class _Area:
    pk: int
    level: int
    parent_id: int | None
    province_id: int | None
    is_current: bool


class LocalityResolver:
    """Answers `is_local(hometown_id, post_area_id)` for the areas given at construction."""

    def __init__(self, area_ids: Iterable[int | None]):
        ids = {a for a in area_ids if a is not None}
        self.areas: dict[int, _Area] = {}
        self._load(ids)
        former = [a.pk for a in self.areas.values() if not a.is_current]
        former_districts = [
            a.pk for a in self.areas.values() if not a.is_current and a.level == AreaLevel.DISTRICT
        ]
        self.children: dict[int, list[int]] = defaultdict(list)
        for pk, parent in Area.objects.filter(in_array("parent_id", former_districts)).values_list(
            "pk", "parent_id"
        ):
            self.children[parent].append(pk)
        sources = set(former) | {c for kids in self.children.values() for c in kids}
        self.successors: dict[int, set[int]] = defaultdict(set)
        through = Area.successors.through
        for src, dst in through.objects.filter(in_array("from_area_id", sources)).values_list(
            "from_area_id", "to_area_id"
        ):
            self.successors[src].add(dst)
        self._current: dict[int, frozenset[int]] = {}

    def _load(self, ids: set[int]) -> None:
        for pk, level, parent, province, valid_to in Area.objects.filter(
            in_array("pk", ids)
        ).values_list("pk", "level", "parent_id", "province_id", "valid_to"):
            self.areas[pk] = _Area(pk, level, parent, province, valid_to is None)

    def current_areas(self, pk: int) -> frozenset[int]:
        if pk not in self._current:
            area = self.areas[pk]
            if area.is_current:
                result = frozenset({pk})
            elif area.level == AreaLevel.DISTRICT:
                result = frozenset(
                    s for child in self.children.get(pk, ()) for s in self.successors.get(child, ())
                )
            else:
                result = frozenset(self.successors.get(pk, ()))
            self._current[pk] = result
        return self._current[pk]

    def is_local(self, hometown_id: int | None, post_area_id: int | None) -> bool | None:
        if hometown_id is None or post_area_id is None:
            return None
        if hometown_id == post_area_id:
            return True
        home, post = self.areas.get(hometown_id), self.areas.get(post_area_id)
        if home is None or post is None:
            return None
        if post.level == AreaLevel.PROVINCE:
            if not post.is_current:
                return home.province_id in self.successors.get(post.pk, set())
            return home.province_id == post.province_id
        if post.level == AreaLevel.DISTRICT and home.parent_id == post.pk:
            return True
        return bool(self.current_areas(home.pk) & self.current_areas(post.pk))

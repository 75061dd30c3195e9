"""Local or non-local: is a person's hometown inside a post's administrative area?"""

from __future__ import annotations

from .choices import AreaLevel
from .models import Area


def _current_areas(area: Area) -> set[int]:
    """The current areas an area is (or became, following the 2025 reorganisation)."""
    if area.valid_to is None:
        return {area.pk}
    if area.level == AreaLevel.DISTRICT:
        return {
            pk
            for child in area.children.all()
            for pk in child.successors.values_list("pk", flat=True)
        }
    return set(area.successors.values_list("pk", flat=True))


def is_local(hometown: Area | None, post_area: Area | None) -> bool | None:
    """True when the hometown lies within the post's area, False when outside, None if unknown.

    A former commune counts as inside a current commune it was merged into; areas are compared
    at the level of the post's area (province or commune)."""
    if hometown is None or post_area is None:
        return None
    if hometown.pk == post_area.pk:
        return True
    if post_area.level == AreaLevel.PROVINCE:
        province = post_area.province_id if post_area.valid_to is None else None
        if province is None:  # a former province: compare former provinces
            return hometown.province_id in set(post_area.successors.values_list("pk", flat=True))
        return hometown.province_id == province
    if post_area.level == AreaLevel.DISTRICT:
        if hometown.parent_id == post_area.pk:
            return True
        return bool(_current_areas(hometown) & _current_areas(post_area))
    return bool(_current_areas(hometown) & _current_areas(post_area))

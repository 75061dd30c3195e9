"""The populations behind the figures that the people list can filter on, defined once.

The statistics count some groups in Python from grouped data (years to retirement by birth month,
key-post holders' locality by area links). The people list (`people.filters.PersonFilter`) must
show exactly the people behind each count, so both read the definitions here:

* `retirement_q(band, on)`: years-to-retirement bands (RULES §7 via `rules.retirement`) as a
  condition on gender and birth month — the rule is applied once per birth month, not per person;
* `key_post_locality(people, on)`: the key-post holders among `people` on a date, split into
  non-local (at least one key post held outside their home area), unknown (locality not decidable
  for some post, none non-local) and local.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from canbo.core.choices import Gender
from canbo.posts.models import Assignment
from canbo.rules.retirement import months_of_service_left

from .locality import LocalityResolver

# Years-to-retirement bands (months of working time left, RULES §7 via rules.retirement).
RETIREMENT_BANDS: tuple[tuple[str, str, int | None, int | None], ...] = (
    ("reached", _("Đã đến tuổi nghỉ hưu"), None, 0),
    ("within_1y", _("Còn dưới 1 năm"), 0, 12),
    ("1_2y", _("Còn từ 1 đến dưới 2 năm"), 12, 24),
    ("2_5y", _("Còn từ 2 đến dưới 5 năm"), 24, 60),
    ("5_10y", _("Còn từ 5 đến dưới 10 năm"), 60, 120),
    ("10y_plus", _("Còn từ 10 năm trở lên"), 120, None),
)
RETIREMENT_KEYS = tuple(key for key, *_rest in RETIREMENT_BANDS)
# Birth months scanned when turning a band into date ranges: anyone born earlier has reached the
# retirement age, anyone born later has more than ten years left (the edge bands extend outward).
_SCAN_YEARS_BACK = 110


def retirement_band(months_left: int) -> str:
    for key, _label, low, high in RETIREMENT_BANDS:
        if (low is None or months_left >= low) and (high is None or months_left < high):
            return key
    raise AssertionError(months_left)  # the bands cover every integer


def _month_ranges(gender: str, band: str, on: date) -> list[tuple[date | None, date | None]]:
    """[start, end) ranges of stored birth dates whose birth month falls in the band."""
    ranges: list[list[date | None]] = []
    first_year = max(date.min.year, on.year - _SCAN_YEARS_BACK)
    last_year = min(date.max.year, on.year + 1)
    months = [(y, m) for y in range(first_year, last_year + 1) for m in range(1, 13)]
    inside_before = False
    for i, (y, m) in enumerate(months):
        inside = retirement_band(months_of_service_left(gender, date(y, m, 1), "month", on)) == band
        if inside and not inside_before:
            ranges.append([None if i == 0 else date(y, m, 1), None])
        elif inside_before and not inside:
            ranges[-1][1] = date(y, m, 1)
        inside_before = inside
    return [(start, end) for start, end in ranges]


def retirement_q(band: str, on: date) -> Q:
    """People (of known gender) whose working time left on `on` falls in the band; a date of
    birth known to the month or the year counts from the 1st of that month (of January)."""
    q = Q(pk__in=[])
    for gender in (Gender.MALE, Gender.FEMALE):
        for start, end in _month_ranges(gender, band, on):
            part = Q(gender=gender)
            if start is not None:
                part &= Q(birth_date__gte=start)
            if end is not None:
                part &= Q(birth_date__lt=end)
            q |= part
    return q


LOCALITIES = (
    ("non_local", _("Không phải người địa phương")),
    ("local", _("Người địa phương")),
    ("unknown", _("Chưa xác định được")),
)


def key_post_locality(people: QuerySet, on: date) -> dict[str, set[int]]:
    """The key-post holders among `people` on `on`, by locality (see module doc): the rule of
    `breakdowns._key_posts` and of `units.locality.is_local`."""
    held = list(
        Assignment.objects.active_on(on)
        .filter(post__title__is_key=True, person__in=people.order_by().values("pk"))
        .order_by()
        .values_list("person_id", "person__hometown_id", "post__unit__area_id")
    )
    resolver = LocalityResolver({r[1] for r in held} | {r[2] for r in held})
    holders, non_local, unknown = set(), set(), set()
    for person, home, area in held:
        holders.add(person)
        local = resolver.is_local(home, area)
        if local is False:
            non_local.add(person)
        elif local is None:
            unknown.add(person)
    unknown -= non_local
    return {"non_local": non_local, "unknown": unknown, "local": holders - non_local - unknown}

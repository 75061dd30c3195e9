"""Ages as SQL conditions on the stored date of birth, and the rule for partial dates.

Rule (docs/ARCHITECTURE.md, `core.dates.age_on`): a date of birth known only to the month or
the year is stored as its **earliest possible birthday** (the 1st of the month, 1 January) and
ages are computed from it. A person born "1990" is therefore counted as turning 35 on
1 January 2025: they may be counted up to one year older than they are, never younger. Reports
also count the people whose age group could change if the true day were known (`uncertain`).

Every age condition is a range on `birth_date` (index-friendly, the same on SQLite and
PostgreSQL): "at least N years old on D" ⟺ born on or before D − N years.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def years_before(on: date, years: int) -> date:
    """The same calendar day `years` earlier; 29 February falls back to 28 February."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:
        return on.replace(year=on.year - years, day=28)


def age_at_least(years: int, on: date, field: str = "birth_date") -> Q:
    """Age on `on` ≥ `years` (earliest possible birthday for partial dates)."""
    return Q(**{f"{field}__lte": years_before(on, years)})


def age_below(years: int, on: date, field: str = "birth_date") -> Q:
    """Age on `on` < `years`."""
    return Q(**{f"{field}__gt": years_before(on, years)})


def age_between(low: int | None, high: int | None, on: date, field: str = "birth_date") -> Q:
    """low ≤ age ≤ high (either bound may be None)."""
    q = Q()
    if low is not None:
        q &= age_at_least(low, on, field)
    if high is not None:
        q &= age_below(high + 1, on, field)
    return q


@dataclass(frozen=True)
class AgeGroup:
    key: str
    label: str
    low: int | None  # inclusive
    high: int | None  # inclusive

    def q(self, on: date) -> Q:
        return age_between(self.low, self.high, on)

    def list_filters(self) -> dict[str, str]:
        f = {}
        if self.low is not None:
            f["age_min"] = str(self.low)
        if self.high is not None:
            f["age_max"] = str(self.high)
        return f


# RULES §9.5 (personnel statistics): ≤ 30, 31–40, 41–50, 51–60, > 60.
AGE_GROUPS: tuple[AgeGroup, ...] = (
    AgeGroup("le30", _("Từ 30 tuổi trở xuống"), None, 30),
    AgeGroup("31_40", _("Từ 31 đến 40 tuổi"), 31, 40),
    AgeGroup("41_50", _("Từ 41 đến 50 tuổi"), 41, 50),
    AgeGroup("51_60", _("Từ 51 đến 60 tuổi"), 51, 60),
    AgeGroup("gt60", _("Trên 60 tuổi"), 61, None),
)
# The thresholds targets use ("dưới 40 tuổi" = not yet 40 on the date).
AGE_TARGETS: tuple[AgeGroup, ...] = (
    AgeGroup("under35", _("Dưới 35 tuổi"), None, 34),
    AgeGroup("under40", _("Dưới 40 tuổi"), None, 39),
    AgeGroup("under45", _("Dưới 45 tuổi"), None, 44),
)
# The ages at which the standard groups change (age ≥ N starts a new group).
GROUP_BOUNDARIES: tuple[int, ...] = (31, 41, 51, 61)


def is_uncertain(
    born: date, precision: str, on: date, boundaries: tuple[int, ...] = GROUP_BOUNDARIES
) -> bool:
    """A month- or year-only date of birth whose age group is not certain on `on`: some day of
    the birth month (year) puts the person on the other side of a group boundary. `born` is the
    stored (earliest possible) date."""
    if precision == "day":
        return False
    for n in boundaries:
        cutoff = years_before(on, n)  # born on or before: age ≥ n
        if precision == "month":
            last = calendar.monthrange(cutoff.year, cutoff.month)[1]
            if born == cutoff.replace(day=1) and cutoff.day != last:
                return True
        elif born == date(cutoff.year, 1, 1) and (cutoff.month, cutoff.day) != (12, 31):
            return True
    return False

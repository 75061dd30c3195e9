"""Retirement age and remaining working time (RULES §7; appointment age RULES §2.3–2.6).

From 01/01/2021 the normal retirement age rises from 60 y 3 m (men) and 55 y 4 m (women) by
3 months (men) or 4 months (women) a year until 62 (in 2028) and 60 (in 2035) (BLLĐ 2019 Đ169;
NĐ 135/2020 Đ4, Appendix I). The parameters live in :mod:`canbo.rules.registry`.

Conventions (RULES §7): the retirement date is the last day of the month in which the
retirement age is reached; when only the birth year is known, 1 January of that year is used
(only the month matters, so a birth month given without a day is enough).
"""

import calendar
from datetime import date

from django.utils.translation import gettext

from canbo.rules.registry import (
    APPOINTMENT_MIN_SERVICE_MONTHS,
    RETIREMENT_FEMALE,
    RETIREMENT_MALE,
    RetirementRoadmap,
    rule,
)

MALE = "male"
FEMALE = "female"
GENDERS: tuple[str, ...] = (MALE, FEMALE)
PRECISIONS: tuple[str, ...] = ("day", "month", "year")

_ROADMAP_KEYS = {MALE: RETIREMENT_MALE, FEMALE: RETIREMENT_FEMALE}


def _roadmap(gender: str) -> RetirementRoadmap:
    if gender not in _ROADMAP_KEYS:
        raise ValueError(
            gettext("Giới tính “%(gender)s” không hợp lệ (chỉ nhận male hoặc female).")
            % {"gender": gender}
        )
    roadmap = rule(_ROADMAP_KEYS[gender]).value
    assert isinstance(roadmap, RetirementRoadmap)
    return roadmap


def retirement_age(gender: str, birth_year: int, birth_month: int) -> tuple[int, int]:
    """Normal retirement age as (years, months) for someone born in `birth_month`/`birth_year`.

    RULES §7 algorithm: ``m = (birth_year - Y0) * 12 + (birth_month - 1)``; before the reference
    cohort the old age (60 / 55) applies, otherwise ``min(BASE + (m // GROUP) * STEP, CAP)``.
    Example (HD 06, RULES §2.6): a man born 02/1965 retires at 61 y 6 m.
    """
    if not 1 <= birth_month <= 12:
        raise ValueError(
            gettext("Tháng sinh %(month)d không hợp lệ: tháng phải từ 1 đến 12.")
            % {"month": birth_month}
        )
    p = _roadmap(gender)
    m = (birth_year - p.reference_year) * 12 + (birth_month - 1)
    months = (
        p.old_age if m < 0 else min(p.base_age + (m // p.group_months) * p.step_months, p.cap_age)
    )
    return divmod(months, 12)


def _birth_month(birth_date: date, precision: str) -> int:
    if precision not in PRECISIONS:
        raise ValueError(
            gettext("Độ chính xác “%(precision)s” không hợp lệ (chỉ nhận day, month, year).")
            % {"precision": precision}
        )
    return 1 if precision == "year" else birth_date.month


def _retirement_month_index(gender: str, birth_date: date, precision: str) -> int:
    """Months since year 0 of the month in which the retirement age is reached."""
    birth_month = _birth_month(birth_date, precision)
    years, months = retirement_age(gender, birth_date.year, birth_month)
    return birth_date.year * 12 + (birth_month - 1) + years * 12 + months


def retirement_date(gender: str, birth_date: date, precision: str = "day") -> date:
    """Last day of the month in which the retirement age is reached (RULES §7).

    `precision` says how much of `birth_date` is known: "day", "month" (the day is ignored) or
    "year" (1 January of that year is used). The pension starts the day after.
    Example: a man born 02/1965 retires on 31/08/2026.
    """
    year, month0 = divmod(_retirement_month_index(gender, birth_date, precision), 12)
    return date(year, month0 + 1, calendar.monthrange(year, month0 + 1)[1])


def months_of_service_left(gender: str, birth_date: date, precision: str, on: date) -> int:
    """Whole months of working time left from `on` until the retirement date; negative if past.

    Counted by calendar months as in HD 06-HD/BTCTW: the retirement age minus the age in months
    on `on` (RULES §2.4), which equals the whole months from `on` to the retirement date since
    that date is a month end. 0 during the month of retirement.
    """
    return _retirement_month_index(gender, birth_date, precision) - (on.year * 12 + on.month - 1)


def meets_appointment_age(gender: str, birth_date: date, precision: str, on: date) -> bool:
    """True if at the reference date `on` enough working time is left for a first appointment.

    RULES §2.3–2.5 (KL 08-KL/TW; HD 06-HD/BTCTW): actual retirement age − age at the reference
    date ≥ 60 months. The reference date is when the organisation-and-personnel advisory body
    receives the submission and file. Raises LookupError if no such rule is in force on `on`
    (before 01/08/2021). Not applicable to appointments to an equal or lower post (RULES §2.7).
    """
    minimum = rule(APPOINTMENT_MIN_SERVICE_MONTHS, on).value
    assert isinstance(minimum, int)
    return months_of_service_left(gender, birth_date, precision, on) >= minimum

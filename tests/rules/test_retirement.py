"""Retirement age and appointment age (RULES §7, §2.3–2.6). Pure: no database."""

import os
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from canbo.core.choices import Gender
from canbo.rules.retirement import (
    FEMALE,
    MALE,
    meets_appointment_age,
    months_of_service_left,
    retirement_age,
    retirement_date,
)

if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
    settings.configure(USE_I18N=False)


@pytest.fixture(autouse=True, scope="module")
def _untranslated_messages() -> Iterator[None]:
    """Compare against the Vietnamese msgids whatever the active language."""
    with translation.override(None):
        yield


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _months(start: tuple[int, int], end: tuple[int, int]) -> Iterator[tuple[int, int]]:
    for i in range(_month_index(*start), _month_index(*end) + 1):
        yield i // 12, i % 12 + 1


# RULES §7, "by birth month": (first birth month, last birth month, age, month the age is
# reached by the first and by the last of the band).
MEN_BANDS = [
    ((1961, 1), (1961, 9), (60, 3), (2021, 4), (2021, 12)),
    ((1961, 10), (1962, 6), (60, 6), (2022, 4), (2022, 12)),
    ((1962, 7), (1963, 3), (60, 9), (2023, 4), (2023, 12)),
    ((1963, 4), (1963, 12), (61, 0), (2024, 4), (2024, 12)),
    ((1964, 1), (1964, 9), (61, 3), (2025, 4), (2025, 12)),
    ((1964, 10), (1965, 6), (61, 6), (2026, 4), (2026, 12)),
    ((1965, 7), (1966, 3), (61, 9), (2027, 4), (2027, 12)),
]
WOMEN_BANDS = [
    ((1966, 1), (1966, 8), (55, 4), (2021, 5), (2021, 12)),
    ((1966, 9), (1967, 4), (55, 8), (2022, 5), (2022, 12)),
    ((1967, 5), (1967, 12), (56, 0), (2023, 5), (2023, 12)),
    ((1968, 1), (1968, 8), (56, 4), (2024, 5), (2024, 12)),
    ((1968, 9), (1969, 4), (56, 8), (2025, 5), (2025, 12)),
    ((1969, 5), (1969, 12), (57, 0), (2026, 5), (2026, 12)),
    ((1970, 1), (1970, 8), (57, 4), (2027, 5), (2027, 12)),
    ((1970, 9), (1971, 4), (57, 8), (2028, 5), (2028, 12)),
    ((1971, 5), (1971, 12), (58, 0), (2029, 5), (2029, 12)),
    ((1972, 1), (1972, 8), (58, 4), (2030, 5), (2030, 12)),
    ((1972, 9), (1973, 4), (58, 8), (2031, 5), (2031, 12)),
    ((1973, 5), (1973, 12), (59, 0), (2032, 5), (2032, 12)),
    ((1974, 1), (1974, 8), (59, 4), (2033, 5), (2033, 12)),
    ((1974, 9), (1975, 4), (59, 8), (2034, 5), (2034, 12)),
]
BANDS = [(MALE, *band) for band in MEN_BANDS] + [(FEMALE, *band) for band in WOMEN_BANDS]

# RULES §7, "by retirement year" (rule text of BLLĐ 2019 Đ169).
AGE_BY_RETIREMENT_YEAR = {
    MALE: {
        2021: (60, 3),
        2022: (60, 6),
        2023: (60, 9),
        2024: (61, 0),
        2025: (61, 3),
        2026: (61, 6),
        2027: (61, 9),
    },
    FEMALE: {
        2021: (55, 4),
        2022: (55, 8),
        2023: (56, 0),
        2024: (56, 4),
        2025: (56, 8),
        2026: (57, 0),
        2027: (57, 4),
        2028: (57, 8),
        2029: (58, 0),
        2030: (58, 4),
        2031: (58, 8),
        2032: (59, 0),
        2033: (59, 4),
        2034: (59, 8),
    },
}
CAP = {MALE: ((62, 0), 2028), FEMALE: ((60, 0), 2035)}
OLD_AGE = {MALE: (60, 0), FEMALE: (55, 0)}
STEP = {MALE: 3, FEMALE: 4}


def _last_day(year: int, month: int) -> date:
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


def test_gender_values_match_the_model_choices() -> None:
    assert (Gender.MALE.value, Gender.FEMALE.value) == (MALE, FEMALE)


@pytest.mark.parametrize(("gender", "first", "last", "age", "reached_first", "reached_last"), BANDS)
def test_birth_month_table_band_boundaries(
    gender: str,
    first: tuple[int, int],
    last: tuple[int, int],
    age: tuple[int, int],
    reached_first: tuple[int, int],
    reached_last: tuple[int, int],
) -> None:
    assert retirement_age(gender, *first) == age
    assert retirement_age(gender, *last) == age
    assert retirement_date(gender, date(*first, 15)) == _last_day(*reached_first)
    assert retirement_date(gender, date(*last, 15)) == _last_day(*reached_last)
    # Every month of the band, not only its ends.
    assert {retirement_age(gender, y, m) for y, m in _months(first, last)} == {age}


@pytest.mark.parametrize(("gender", "bands"), [(MALE, MEN_BANDS), (FEMALE, WOMEN_BANDS)])
def test_bands_are_contiguous(gender: str, bands: list) -> None:
    for previous, following in zip(bands, bands[1:], strict=False):
        assert _month_index(*previous[1]) + 1 == _month_index(*following[0])


def test_hd06_worked_example() -> None:
    """RULES §2.6: man born 02/1965 → 61 y 6 m; at 08/2021 he is 56 y 6 m, exactly 60 months
    left, so eligible for a first appointment."""
    born = date(1965, 2, 1)
    assert retirement_age(MALE, 1965, 2) == (61, 6)
    assert retirement_date(MALE, born, "month") == date(2026, 8, 31)
    for day in (1, 15, 31):
        on = date(2021, 8, day)
        assert months_of_service_left(MALE, born, "month", on) == 60
        assert meets_appointment_age(MALE, born, "month", on)
    assert months_of_service_left(MALE, born, "month", date(2021, 9, 1)) == 59
    assert not meets_appointment_age(MALE, born, "month", date(2021, 9, 1))
    assert meets_appointment_age(MALE, born, "month", date(2021, 8, 1))


def test_endpoints_in_the_law() -> None:
    # A man born 04/1966 turns 62 in 04/2028; a woman born 05/1975 turns 60 in 05/2035.
    assert retirement_age(MALE, 1966, 4) == (62, 0)
    assert retirement_date(MALE, date(1966, 4, 20)) == date(2028, 4, 30)
    assert retirement_age(FEMALE, 1975, 5) == (60, 0)
    assert retirement_date(FEMALE, date(1975, 5, 2)) == date(2035, 5, 31)
    # One month earlier is still the previous band.
    assert retirement_age(MALE, 1966, 3) == (61, 9)
    assert retirement_date(MALE, date(1966, 3, 31)) == date(2027, 12, 31)
    assert retirement_age(FEMALE, 1975, 4) == (59, 8)
    assert retirement_date(FEMALE, date(1975, 4, 30)) == date(2034, 12, 31)
    # The cap holds for everyone born later.
    assert retirement_age(MALE, 1990, 7) == (62, 0)
    assert retirement_age(FEMALE, 2005, 12) == (60, 0)


@pytest.mark.parametrize(
    ("gender", "year", "month", "expected_date"),
    [
        (MALE, 1960, 12, date(2020, 12, 31)),
        (MALE, 1960, 1, date(2020, 1, 31)),
        (MALE, 1950, 6, date(2010, 6, 30)),
        (FEMALE, 1965, 12, date(2020, 12, 31)),
        (FEMALE, 1965, 1, date(2020, 1, 31)),
        (FEMALE, 1940, 2, date(1995, 2, 28)),
    ],
)
def test_cohorts_before_2021_keep_the_old_age(
    gender: str, year: int, month: int, expected_date: date
) -> None:
    assert retirement_age(gender, year, month) == OLD_AGE[gender]
    assert retirement_date(gender, date(year, month, 10)) == expected_date


@pytest.mark.parametrize("gender", [MALE, FEMALE])
def test_birth_month_table_agrees_with_retirement_year_table(gender: str) -> None:
    """Whoever reaches the retirement age in year Y (2021 on) retires at the age of year Y."""
    cap, cap_year = CAP[gender]
    for year, month in _months((1950, 1), (1985, 12)):
        age = retirement_age(gender, year, month)
        reached = retirement_date(gender, date(year, month, 1)).year
        if reached < 2021:
            assert age == OLD_AGE[gender]
        elif reached >= cap_year:
            assert age == cap
        else:
            assert age == AGE_BY_RETIREMENT_YEAR[gender][reached]


def test_precision() -> None:
    # Month precision ignores the day; year precision uses January (RULES §7).
    assert retirement_date(MALE, date(1965, 2, 28), "month") == date(2026, 8, 31)
    assert retirement_date(MALE, date(1965, 2, 28), "day") == date(2026, 8, 31)
    assert retirement_date(MALE, date(1965, 2, 28), "year") == date(2026, 7, 31)
    assert retirement_date(FEMALE, date(1970, 1, 1), "year") == date(2027, 5, 31)
    on = date(2021, 8, 1)
    assert months_of_service_left(MALE, date(1965, 12, 1), "year", on) == 59


def test_months_of_service_left_sign() -> None:
    born = date(1961, 1, 5)  # retires 30/04/2021
    assert retirement_date(MALE, born) == date(2021, 4, 30)
    assert months_of_service_left(MALE, born, "day", date(2021, 4, 1)) == 0
    assert months_of_service_left(MALE, born, "day", date(2021, 4, 30)) == 0
    assert months_of_service_left(MALE, born, "day", date(2021, 5, 1)) == -1
    assert months_of_service_left(MALE, born, "day", date(2020, 4, 30)) == 12
    assert not meets_appointment_age(MALE, born, "day", date(2021, 8, 1))


def test_appointment_rule_not_in_force_before_hd06() -> None:
    with pytest.raises(LookupError, match="không có hiệu lực vào ngày 31/07/2021"):
        meets_appointment_age(MALE, date(1970, 1, 1), "day", date(2021, 7, 31))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: retirement_age("nam", 1970, 1), "Giới tính “nam” không hợp lệ"),
        (lambda: retirement_age(MALE, 1970, 13), "Tháng sinh 13 không hợp lệ"),
        (lambda: retirement_age(FEMALE, 1970, 0), "Tháng sinh 0 không hợp lệ"),
        (lambda: retirement_date(MALE, date(1970, 1, 1), "week"), "Độ chính xác “week”"),
    ],
)
def test_invalid_arguments(call: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()  # type: ignore[operator]


# ---------------------------------------------------------------------------------------------
# Properties

genders = st.sampled_from([MALE, FEMALE])
birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
precisions = st.sampled_from(["day", "month", "year"])
months = st.integers(min_value=_month_index(1900, 1), max_value=_month_index(2100, 11))


def _age_months(gender: str, index: int) -> int:
    years, rest = retirement_age(gender, index // 12, index % 12 + 1)
    return years * 12 + rest


@given(genders, months)
def test_age_is_monotonic_in_birth_month_by_one_step_at_most(gender: str, index: int) -> None:
    now, following = _age_months(gender, index), _age_months(gender, index + 1)
    assert following - now in (0, STEP[gender])


@given(genders, months)
def test_age_within_old_age_and_cap(gender: str, index: int) -> None:
    years, rest = retirement_age(gender, index // 12, index % 12 + 1)
    assert 0 <= rest < 12
    assert OLD_AGE[gender] <= (years, rest) <= CAP[gender][0]


@given(genders, birth_dates, precisions)
def test_retirement_date_is_a_month_end(gender: str, born: date, precision: str) -> None:
    assert (retirement_date(gender, born, precision) + timedelta(days=1)).day == 1


@given(genders, birth_dates, birth_dates)
def test_later_birth_retires_later_or_same_day(gender: str, a: date, b: date) -> None:
    first, second = sorted((a, b))
    assert retirement_date(gender, first) <= retirement_date(gender, second)


@given(genders, birth_dates)
def test_precision_only_drops_information(gender: str, born: date) -> None:
    assert retirement_date(gender, born, "month") == retirement_date(gender, born.replace(day=1))
    assert retirement_date(gender, born, "year") == retirement_date(gender, date(born.year, 1, 1))


@given(genders, birth_dates, st.dates(min_value=date(2021, 8, 1), max_value=date(2100, 12, 1)))
def test_months_left_counts_calendar_months(gender: str, born: date, on: date) -> None:
    left = months_of_service_left(gender, born, "day", on)
    retire = retirement_date(gender, born)
    next_month = _last_day(on.year, on.month) + timedelta(days=1)
    assert months_of_service_left(gender, born, "day", next_month) == left - 1
    assert (left >= 0) == (on <= retire)
    assert meets_appointment_age(gender, born, "day", on) == (left >= 60)
    if left >= 0:
        # Whole months from `on` to the retirement date.
        assert (retire.year * 12 + retire.month) - (on.year * 12 + on.month) == left

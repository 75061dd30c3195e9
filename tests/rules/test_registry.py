"""The registry of legal parameters (each number stored once, with its source and dates)."""

import dataclasses
import os
from collections.abc import Iterator
from datetime import date

import pytest
from django.conf import settings
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from canbo.rules import registry
from canbo.rules.registry import (
    APPOINTMENT_MIN_SERVICE_MONTHS,
    CITIZEN_ID_STRUCTURE,
    RETIREMENT_FEMALE,
    RETIREMENT_MALE,
    RULES,
    CitizenIdStructure,
    LegalRule,
    RetirementRoadmap,
    rule,
)

if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
    settings.configure(USE_I18N=False)


@pytest.fixture(autouse=True, scope="module")
def _untranslated_messages() -> Iterator[None]:
    """Compare against the Vietnamese msgids whatever the active language."""
    with translation.override(None):
        yield


def _row(key: str, value: object, valid_from: date | None, valid_to: date | None) -> LegalRule:
    return LegalRule(key, value, "test source", "RULES §0", valid_from, valid_to)


def test_every_row_names_its_source_and_rules_section() -> None:
    assert isinstance(RULES, tuple)
    for row in RULES:
        assert isinstance(row, LegalRule)
        assert row.key and row.source.strip()
        assert row.ref.startswith("RULES §")
        if row.valid_from and row.valid_to:
            assert row.valid_from <= row.valid_to


def test_rows_of_a_key_do_not_overlap() -> None:
    for key in {r.key for r in RULES}:
        rows = sorted((r for r in RULES if r.key == key), key=lambda r: r.valid_from or date.min)
        for earlier, later in zip(rows, rows[1:], strict=False):
            assert earlier.valid_to is not None
            assert later.valid_from is not None and earlier.valid_to < later.valid_from


def test_rows_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        RULES[0].value = 1  # type: ignore[misc]
    roadmap = rule(RETIREMENT_MALE).value
    with pytest.raises(dataclasses.FrozenInstanceError):
        roadmap.cap_age = 1  # type: ignore[attr-defined]


def test_retirement_roadmaps() -> None:
    male = rule(RETIREMENT_MALE)
    female = rule(RETIREMENT_FEMALE)
    assert male.value == RetirementRoadmap(
        base_age=60 * 12 + 3,
        step_months=3,
        group_months=9,
        cap_age=62 * 12,
        old_age=60 * 12,
        reference_year=1961,
    )
    assert female.value == RetirementRoadmap(
        base_age=55 * 12 + 4,
        step_months=4,
        group_months=8,
        cap_age=60 * 12,
        old_age=55 * 12,
        reference_year=1966,
    )
    for row in (male, female):
        assert row.ref == "RULES §7"
        assert "BLLĐ 2019 Đ169" in row.source and "NĐ 135/2020" in row.source
        assert row.valid_from == date(2021, 1, 1)
        # The steps reach the cap exactly (62 in 2028, 60 in 2035: one step a year from 2021).
        p = row.value
        assert isinstance(p, RetirementRoadmap)
        assert (p.cap_age - p.base_age) % p.step_months == 0
        # One step per calendar year of retirement: a band of G birth months retires across
        # the 12 months of one year, G + STEP = 12 (RULES §7 [D]).
        assert p.group_months + p.step_months == 12
        years_to_cap = (p.cap_age - p.base_age) // p.step_months
        assert 2021 + years_to_cap == (2028 if row is male else 2035)


def test_appointment_rule() -> None:
    row = rule(APPOINTMENT_MIN_SERVICE_MONTHS, date(2021, 8, 1))
    assert row.value == 60
    assert row.ref == "RULES §2.3–2.4"
    assert "KL 08-KL/TW" in row.source and "HD 06-HD/BTCTW" in row.source
    assert rule(APPOINTMENT_MIN_SERVICE_MONTHS) is row


def test_citizen_id_structure() -> None:
    row = rule(CITIZEN_ID_STRUCTURE, date(2016, 1, 1))
    s = row.value
    assert isinstance(s, CitizenIdStructure)
    assert "07/2016/TT-BCA" in row.source and "59/2021/TT-BCA" in row.source
    assert s.length == 12
    assert s.province_digits + 1 + s.year_digits + s.serial_digits == s.length
    assert s.century_gender_digits == (
        (1900, 0, 1),
        (2000, 2, 3),
        (2100, 4, 5),
        (2200, 6, 7),
        (2300, 8, 9),
    )
    digits = [d for _, male, female in s.century_gender_digits for d in (male, female)]
    assert sorted(digits) == list(range(10))


def test_unknown_key() -> None:
    with pytest.raises(LookupError, match="Không có quy định nào mang mã “no.such.rule”."):
        rule("no.such.rule")


def test_not_in_force() -> None:
    with pytest.raises(
        LookupError,
        match="Quy định “retirement.roadmap.male” không có hiệu lực vào ngày 31/12/2020.",
    ):
        rule(RETIREMENT_MALE, date(2020, 12, 31))
    assert rule(RETIREMENT_MALE, date(2021, 1, 1)).key == RETIREMENT_MALE


def test_in_force_bounds_are_inclusive() -> None:
    row = _row("k", 1, date(2020, 1, 1), date(2020, 12, 31))
    assert not row.in_force(date(2019, 12, 31))
    assert row.in_force(date(2020, 1, 1))
    assert row.in_force(date(2020, 12, 31))
    assert not row.in_force(date(2021, 1, 1))
    assert _row("k", 1, None, None).in_force(date.min)


HISTORY = (
    _row("k", "old", None, date(2017, 12, 31)),
    _row("k", "mid", date(2018, 1, 1), date(2022, 6, 30)),
    _row("k", "new", date(2022, 7, 1), None),
    _row("other", "x", date(2018, 1, 1), date(2018, 12, 31)),
)


def test_history_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "RULES", HISTORY)
    assert rule("k").value == "new"
    assert rule("k", date(2000, 1, 1)).value == "old"
    assert rule("k", date(2018, 1, 1)).value == "mid"
    assert rule("k", date(2022, 6, 30)).value == "mid"
    assert rule("k", date(2022, 7, 1)).value == "new"
    # Latest row even if it is no longer in force.
    assert rule("other").value == "x"
    with pytest.raises(LookupError):
        rule("other", date(2019, 1, 1))


@given(st.dates())
def test_history_lookup_property(on: date) -> None:
    original = registry.RULES
    registry.RULES = HISTORY
    try:
        found = rule("k", on)
    finally:
        registry.RULES = original
    assert found.in_force(on)
    assert [r for r in HISTORY if r.key == "k" and r.in_force(on)] == [found]


@given(st.dates(min_value=date(2021, 1, 1)))
def test_current_rows_answer_every_later_date(on: date) -> None:
    for key in (RETIREMENT_MALE, RETIREMENT_FEMALE, CITIZEN_ID_STRUCTURE):
        assert rule(key, on) is rule(key)

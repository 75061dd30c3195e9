"""Partial dates as written on Vietnamese forms. Pure: no database."""

import os
from collections.abc import Iterator
from datetime import date

import pytest
from django.conf import settings
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from canbo.core.choices import DatePrecision
from canbo.core.dates import PRECISIONS, PartialDate, age_on, parse_partial_date

if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
    settings.configure(USE_I18N=False)


@pytest.fixture(autouse=True, scope="module")
def _untranslated_messages() -> Iterator[None]:
    """Compare against the Vietnamese msgids whatever the active language."""
    with translation.override(None):
        yield


def test_precisions_match_the_model_choices() -> None:
    assert list(PRECISIONS) == DatePrecision.values


@pytest.mark.parametrize(
    ("text", "value", "precision", "canonical"),
    [
        ("05/03/1975", date(1975, 3, 5), "day", "05/03/1975"),
        ("5/3/1975", date(1975, 3, 5), "day", "05/03/1975"),
        ("05-03-1975", date(1975, 3, 5), "day", "05/03/1975"),
        ("05.03.1975", date(1975, 3, 5), "day", "05/03/1975"),
        ("1975-03-05", date(1975, 3, 5), "day", "05/03/1975"),
        ("  05/03/1975 ", date(1975, 3, 5), "day", "05/03/1975"),
        ("29/02/2000", date(2000, 2, 29), "day", "29/02/2000"),
        ("31/12/1999", date(1999, 12, 31), "day", "31/12/1999"),
        ("03/1975", date(1975, 3, 1), "month", "03/1975"),
        ("3/1975", date(1975, 3, 1), "month", "03/1975"),
        ("03-1975", date(1975, 3, 1), "month", "03/1975"),
        ("03.1975", date(1975, 3, 1), "month", "03/1975"),
        ("\t12/2001\n", date(2001, 12, 1), "month", "12/2001"),
        ("1975", date(1975, 1, 1), "year", "1975"),
        (" 1975 ", date(1975, 1, 1), "year", "1975"),
    ],
)
def test_parse(text: str, value: date, precision: str, canonical: str) -> None:
    parsed = parse_partial_date(text)
    assert parsed == PartialDate(value, precision)
    assert (parsed.value, parsed.precision) == (value, precision)
    assert str(parsed) == canonical


def test_never_invents_a_day_or_month() -> None:
    month = parse_partial_date("03/1975")
    assert (month.year, month.month, month.day) == (1975, 3, None)
    year = parse_partial_date("1975")
    assert (year.year, year.month, year.day) == (1975, None, None)
    day = parse_partial_date("05/03/1975")
    assert (day.year, day.month, day.day) == (1975, 3, 5)


TWO_DIGIT = (
    "Năm “75” phải ghi đủ 4 chữ số (ví dụ 1975): năm ghi 2 chữ số không rõ thuộc thế kỷ nào."
)
UNKNOWN = (
    "Không hiểu ngày “{}”: hãy ghi ngày/tháng/năm (05/03/1975), tháng/năm (03/1975) "
    "hoặc chỉ năm (1975)."
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Chưa nhập ngày tháng."),
        ("   ", "Chưa nhập ngày tháng."),
        ("31/02/1990", "Ngày “31” không có trong tháng 02/1990 (tháng này có 28 ngày)."),
        ("29/02/1900", "Ngày “29” không có trong tháng 02/1900 (tháng này có 28 ngày)."),
        ("31/04/2020", "Ngày “31” không có trong tháng 04/2020 (tháng này có 30 ngày)."),
        ("00/03/1975", "Ngày “00” không có trong tháng 03/1975 (tháng này có 31 ngày)."),
        ("1990-02-30", "Ngày “30” không có trong tháng 02/1990 (tháng này có 28 ngày)."),
        ("13/1975", "Tháng “13” không hợp lệ: tháng phải từ 1 đến 12."),
        ("0/1975", "Tháng “0” không hợp lệ: tháng phải từ 1 đến 12."),
        ("05/13/1975", "Tháng “13” không hợp lệ: tháng phải từ 1 đến 12."),
        ("05/03/75", TWO_DIGIT),
        ("03/75", TWO_DIGIT),
        ("75", TWO_DIGIT),
        ("19750", "Năm “19750” có quá 4 chữ số."),
        ("0000", "Năm “0000” không hợp lệ."),
        ("abc", UNKNOWN.format("abc")),
        ("05/03-1975", UNKNOWN.format("05/03-1975")),
        ("1975/03/05", UNKNOWN.format("1975/03/05")),
        ("1975-03", UNKNOWN.format("1975-03")),
        ("05 / 03 / 1975", UNKNOWN.format("05 / 03 / 1975")),
        ("5 tháng 3 1975", UNKNOWN.format("5 tháng 3 1975")),
        ("１９７５", UNKNOWN.format("１９７５")),
    ],
)
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_partial_date(text)
    assert str(error.value) == message


def test_partial_date_normalises_and_formats() -> None:
    assert PartialDate(date(1975, 3, 5), "month") == PartialDate(date(1975, 3, 1), "month")
    assert PartialDate(date(1975, 3, 5), "month").value == date(1975, 3, 1)
    assert PartialDate(date(1975, 3, 5), "year").value == date(1975, 1, 1)
    assert PartialDate(date(1975, 3, 5)).precision == "day"
    assert PartialDate(date(1975, 3, 5), "day") != PartialDate(date(1975, 3, 5), "month")
    assert str(PartialDate(date(5, 1, 9))) == "09/01/0005"
    assert str(PartialDate(date(987, 11, 9), "month")) == "11/0987"
    with pytest.raises(ValueError, match="Độ chính xác “week” không hợp lệ"):
        PartialDate(date(1975, 3, 5), "week")


def test_age_on() -> None:
    born = parse_partial_date("05/03/1975")
    assert age_on(born, date(1975, 3, 5)) == 0
    assert age_on(born, date(2025, 3, 4)) == 49
    assert age_on(born, date(2025, 3, 5)) == 50
    # Month known: earliest possible birthday is the 1st of the month.
    assert age_on(parse_partial_date("03/1975"), date(2025, 2, 28)) == 49
    assert age_on(parse_partial_date("03/1975"), date(2025, 3, 1)) == 50
    # Year known: earliest possible birthday is 1 January.
    assert age_on(parse_partial_date("1975"), date(2024, 12, 31)) == 49
    assert age_on(parse_partial_date("1975"), date(2025, 1, 1)) == 50
    # Born on 29 February: a year older on 1 March in common years.
    leap = parse_partial_date("29/02/2000")
    assert age_on(leap, date(2001, 2, 28)) == 0
    assert age_on(leap, date(2001, 3, 1)) == 1
    assert age_on(leap, date(2004, 2, 29)) == 4
    # Before birth: negative, never an exception.
    assert age_on(born, date(1975, 3, 4)) == -1
    assert age_on(born, date(1974, 3, 5)) == -1
    assert age_on(born, date(1974, 3, 4)) == -2
    assert age_on(parse_partial_date("1975"), date(1974, 12, 31)) == -1


# ---------------------------------------------------------------------------------------------
# Properties

partial_dates = st.builds(PartialDate, st.dates(), st.sampled_from(PRECISIONS))


@given(partial_dates)
def test_round_trip(pd: PartialDate) -> None:
    assert parse_partial_date(str(pd)) == pd


@st.composite
def written_dates(draw: st.DrawFn) -> tuple[str, str]:
    """A date written in one of the accepted ways, and its canonical form."""
    d = draw(st.dates(min_value=date(1000, 1, 1)))
    precision = draw(st.sampled_from(PRECISIONS))
    pad = draw(st.booleans())
    space = draw(st.sampled_from(["", " ", "  ", "\t"]))
    day, month = (f"{d.day:02d}", f"{d.month:02d}") if pad else (str(d.day), str(d.month))
    if precision == "day":
        text = draw(
            st.sampled_from(
                [f"{day}/{month}/{d.year}", f"{day}-{month}-{d.year}", f"{day}.{month}.{d.year}"]
                + [f"{d.year}-{d.month:02d}-{d.day:02d}"]
            )
        )
        canonical = f"{d.day:02d}/{d.month:02d}/{d.year}"
    elif precision == "month":
        text = draw(st.sampled_from([f"{month}/{d.year}", f"{month}-{d.year}"]))
        canonical = f"{d.month:02d}/{d.year}"
    else:
        text = canonical = str(d.year)
    return space + text + space, canonical


@given(written_dates())
def test_parse_gives_the_canonical_form(case: tuple[str, str]) -> None:
    text, canonical = case
    assert str(parse_partial_date(text)) == canonical


@given(st.text(max_size=20))
def test_anything_else_raises_value_error_only(text: str) -> None:
    try:
        parsed = parse_partial_date(text)
    except ValueError:
        return
    assert parse_partial_date(str(parsed)) == parsed


@given(partial_dates, st.dates(), st.dates())
def test_age_is_non_decreasing_in_time(pd: PartialDate, a: date, b: date) -> None:
    first, second = sorted((a, b))
    assert age_on(pd, first) <= age_on(pd, second)
    assert (age_on(pd, first) >= 0) == (first >= pd.value)


@given(st.dates(max_value=date(9000, 12, 31)), st.integers(min_value=0, max_value=999))
def test_age_on_anniversary(born: date, years: int) -> None:
    if (born.month, born.day) == (2, 29):
        return
    pd = PartialDate(born)
    anniversary = born.replace(year=born.year + years)
    assert age_on(pd, anniversary) == years
    if years:
        assert age_on(pd, date.fromordinal(anniversary.toordinal() - 1)) == years - 1

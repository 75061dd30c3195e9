"""Partial dates as written on Vietnamese forms: full date, month/year or year only.

A date of birth on a 2C form may be "05/03/1975", "03/1975" or just "1975". canbo keeps what was
written and never invents a day or month: "03/1975" stays a month-precision date.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext

DAY = "day"
MONTH = "month"
YEAR = "year"
PRECISIONS: tuple[str, ...] = (DAY, MONTH, YEAR)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the day, the month or the year.

    `value` is normalised on creation to the first day of the month (precision "month") or to
    1 January (precision "year"), so two partial dates are equal exactly when they were written
    the same way.
    """

    value: date
    precision: str = DAY

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(
                gettext("Độ chính xác “%(precision)s” không hợp lệ (chỉ nhận day, month, year).")
                % {"precision": self.precision}
            )
        if self.precision == MONTH:
            object.__setattr__(self, "value", self.value.replace(day=1))
        elif self.precision == YEAR:
            object.__setattr__(self, "value", self.value.replace(month=1, day=1))

    @property
    def year(self) -> int:
        return self.value.year

    @property
    def month(self) -> int | None:
        """The month, or None if only the year is known."""
        return None if self.precision == YEAR else self.value.month

    @property
    def day(self) -> int | None:
        """The day, or None if only the month or the year is known."""
        return self.value.day if self.precision == DAY else None

    def __str__(self) -> str:
        v = self.value
        if self.precision == DAY:
            return f"{v.day:02d}/{v.month:02d}/{v.year:04d}"
        if self.precision == MONTH:
            return f"{v.month:02d}/{v.year:04d}"
        return f"{v.year:04d}"


_N = r"([0-9]+)"
# Day first with one separator used throughout: 05/03/1975, 5/3/1975, 05-03-1975, 05.03.1975.
_DMY = re.compile(rf"{_N}([/.-]){_N}\2{_N}")
# ISO: 1975-03-05.
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
# Month and year: 03/1975, 3/1975, 03-1975, 03.1975.
_MY = re.compile(rf"{_N}[/.-]{_N}")
_Y = re.compile(_N)


def _year(text: str) -> int:
    if len(text) < 4:
        raise ValueError(
            gettext(
                "Năm “%(year)s” phải ghi đủ 4 chữ số (ví dụ 1975): năm ghi %(count)d chữ số "
                "không rõ thuộc thế kỷ nào."
            )
            % {"year": text, "count": len(text)}
        )
    if len(text) > 4:
        raise ValueError(gettext("Năm “%(year)s” có quá 4 chữ số.") % {"year": text})
    if int(text) < 1:
        raise ValueError(gettext("Năm “%(year)s” không hợp lệ.") % {"year": text})
    return int(text)


def _month(text: str) -> int:
    if len(text) > 2 or not 1 <= int(text) <= 12:
        raise ValueError(
            gettext("Tháng “%(month)s” không hợp lệ: tháng phải từ 1 đến 12.") % {"month": text}
        )
    return int(text)


def _day(text: str, month: int, year: int) -> int:
    days = calendar.monthrange(year, month)[1]
    if len(text) > 2 or not 1 <= int(text) <= days:
        raise ValueError(
            gettext(
                "Ngày “%(day)s” không có trong tháng %(month)02d/%(year)04d "
                "(tháng này có %(days)d ngày)."
            )
            % {"day": text, "month": month, "year": year, "days": days}
        )
    return int(text)


def parse_partial_date(text: str) -> PartialDate:
    """Parse a date as written on a form into a :class:`PartialDate`.

    Accepted (surrounding spaces ignored): dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy,
    yyyy-mm-dd, mm/yyyy, m/yyyy, mm-yyyy, mm.yyyy and yyyy. Years must have 4 digits (a
    two-digit year does not say its century). Anything else raises ValueError with a Vietnamese
    message saying what is wrong.
    """
    s = (text or "").strip()
    if not s:
        raise ValueError(gettext("Chưa nhập ngày tháng."))
    if m := _ISO.fullmatch(s):
        year = _year(m[1])
        month = _month(m[2])
        return PartialDate(date(year, month, _day(m[3], month, year)), DAY)
    # A leading 4-digit group is a year written first in a form other than yyyy-mm-dd.
    if (m := _DMY.fullmatch(s)) and len(m[1]) < 4:
        year = _year(m[4])
        month = _month(m[3])
        return PartialDate(date(year, month, _day(m[1], month, year)), DAY)
    if (m := _MY.fullmatch(s)) and len(m[1]) < 4:
        year = _year(m[2])
        return PartialDate(date(year, _month(m[1]), 1), MONTH)
    if _Y.fullmatch(s):
        return PartialDate(date(_year(s), 1, 1), YEAR)
    raise ValueError(
        gettext(
            "Không hiểu ngày “%(text)s”: hãy ghi ngày/tháng/năm (05/03/1975), tháng/năm "
            "(03/1975) hoặc chỉ năm (1975)."
        )
        % {"text": s}
    )


def age_on(birth: PartialDate, on: date) -> int:
    """Age in full years on the date `on`.

    Convention for incomplete dates: the **earliest possible birthday** is used, i.e. the 1st of
    the month when only month and year are known, and 1 January when only the year is known (the
    same convention as RULES §7 for retirement). The age may therefore be up to one year higher
    than the true age, never lower.

    Someone born on 29 February becomes a year older on 1 March in common years. If `on` is
    before the (earliest possible) date of birth the result is negative (-1 up to one year before),
    so a check such as ``age_on(birth, joined) < 18`` reports the error instead of raising.
    """
    b = birth.value
    return on.year - b.year - ((on.month, on.day) < (b.month, b.day))

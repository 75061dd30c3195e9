"""Citizen ID numbers (số CCCD, số định danh cá nhân): structure check and test-data generator.

A citizen ID has 12 digits: 3 for the province where the birth was registered, 1 for century
and gender, 2 for the last two digits of the birth year and 6 random digits (Thông tư 07/2016/
TT-BCA Điều 7, replaced by Thông tư 59/2021/TT-BCA Điều 7; the layout is the registry row
``citizen_id.structure``). There is no public check digit, so only the structure is checked.

Province codes are those of the 63 provinces before the 2025 merger: IDs issued earlier keep them.
"""

from django.utils.translation import gettext
from vietnam_provinces.legacy.base import Province as LegacyProvince

from canbo.rules.registry import CITIZEN_ID_STRUCTURE, CitizenIdStructure, rule

MALE = "male"
FEMALE = "female"
_DIGITS = frozenset("0123456789")

CITIZEN_ID_PROVINCE_CODES: dict[str, str] = {
    f"0{int(p.code):02d}": p.name
    for p in sorted(LegacyProvince.iter_all(), key=lambda p: int(p.code))
}
"""3-digit province code of a citizen ID → name of the (pre-2025) province."""


def _structure() -> CitizenIdStructure:
    structure = rule(CITIZEN_ID_STRUCTURE).value
    assert isinstance(structure, CitizenIdStructure)
    return structure


def _check_gender(gender: str) -> None:
    if gender not in (MALE, FEMALE):
        raise ValueError(
            gettext("Giới tính “%(gender)s” không hợp lệ (chỉ nhận male hoặc female).")
            % {"gender": gender}
        )


def _gender_label(gender: str) -> str:
    return gettext("nam") if gender == MALE else gettext("nữ")


def _char_label(char: str) -> str:
    return gettext("dấu cách") if char.isspace() else f"“{char}”"


def _digit_info(digit: int) -> tuple[str, int]:
    """(gender, first year of the century) encoded by the century/gender digit."""
    for century, male, female in _structure().century_gender_digits:
        if digit in (male, female):
            return (MALE if digit == male else FEMALE), century
    raise ValueError(digit)  # every digit 0–9 is mapped; unreachable with the registry data


def citizen_id_birth_info(value: str) -> tuple[str, int] | None:
    """(gender, first year of the birth century) read from a 12-digit ID; None if malformed.

    Surrounding spaces are ignored, as in :func:`check_citizen_id`.

    Example: "001075012345" → ("male", 1900).
    """
    s = _structure()
    value = (value or "").strip()
    if len(value) != s.length or not set(value) <= _DIGITS:
        return None
    return _digit_info(int(value[s.province_digits]))


def citizen_id_birth_year(value: str) -> int | None:
    """Birth year encoded in a 12-digit ID ("001075012345" → 1975); None if malformed."""
    info = citizen_id_birth_info(value)
    if info is None:
        return None
    s = _structure()
    start = s.province_digits + 1
    return info[1] + int(value.strip()[start : start + s.year_digits])


def check_citizen_id(
    value: str, gender: str | None = None, birth_year: int | None = None
) -> list[str]:
    """Check the structure of a citizen ID; return Vietnamese error messages (empty = valid).

    When `gender` ("male"/"female") or `birth_year` are given, the ID must encode them (an empty
    gender counts as not given).
    Surrounding spaces are ignored; spaces or other characters inside are errors.
    """
    gender = gender or None
    if gender is not None:
        _check_gender(gender)
    s = _structure()
    value = (value or "").strip()
    if not value:
        return [gettext("Chưa nhập số CCCD.")]
    bad = [] if value.isascii() and value.isdigit() else sorted(set(value) - _DIGITS)
    if bad:
        errors = [
            gettext("Số CCCD chỉ được gồm chữ số 0–9, không được có ký tự %(chars)s.")
            % {"chars": ", ".join(dict.fromkeys(_char_label(c) for c in bad))}
        ]
        if len(value) != s.length:
            errors.append(
                gettext("Số CCCD phải gồm đúng %(length)d chữ số (đang có %(count)d ký tự).")
                % {"length": s.length, "count": len(value)}
            )
        return errors
    if len(value) != s.length:
        return [
            gettext("Số CCCD phải gồm đúng %(length)d chữ số (đang có %(count)d).")
            % {"length": s.length, "count": len(value)}
        ]

    errors: list[str] = []
    province = value[: s.province_digits]
    if province not in CITIZEN_ID_PROVINCE_CODES:
        errors.append(
            gettext("Mã tỉnh %(code)s ở %(n)d chữ số đầu của số CCCD không tồn tại.")
            % {"code": province, "n": s.province_digits}
        )
    position = s.province_digits + 1  # 1-based position of the century/gender digit
    digit = value[s.province_digits]
    id_gender, century = _digit_info(int(digit))
    if birth_year is not None and not century <= birth_year <= century + 99:
        errors.append(
            gettext(
                "Chữ số thứ %(pos)d của số CCCD (%(digit)s) chỉ người sinh năm "
                "%(start)d–%(end)d, không khớp năm sinh %(year)d."
            )
            % {
                "pos": position,
                "digit": digit,
                "start": century,
                "end": century + 99,
                "year": birth_year,
            }
        )
    if gender is not None and gender != id_gender:
        errors.append(
            gettext(
                "Chữ số thứ %(pos)d của số CCCD (%(digit)s) chỉ giới tính %(id_gender)s, "
                "không khớp giới tính %(gender)s."
            )
            % {
                "pos": position,
                "digit": digit,
                "id_gender": _gender_label(id_gender),
                "gender": _gender_label(gender),
            }
        )
    yy = value[position : position + s.year_digits]
    if birth_year is not None and int(yy) != birth_year % 10**s.year_digits:
        errors.append(
            gettext(
                "Chữ số thứ %(first)d–%(last)d của số CCCD (%(yy)s) không khớp năm sinh %(year)d."
            )
            % {
                "first": position + 1,
                "last": position + s.year_digits,
                "yy": yy,
                "year": birth_year,
            }
        )
    return errors


def make_citizen_id(province_code: str, gender: str, birth_year: int, serial: int) -> str:
    """Build a structurally valid citizen ID (for demo and test data only).

    Example: make_citizen_id("001", "male", 1975, 12345) == "001075012345".
    Raises ValueError on an unknown province code, gender, a birth year no digit can encode
    (before 1900 or after 2399) or a serial outside 0–999999.
    """
    s = _structure()
    if province_code not in CITIZEN_ID_PROVINCE_CODES:
        raise ValueError(
            gettext("Mã tỉnh %(code)s không có trong danh mục mã tỉnh của số CCCD.")
            % {"code": province_code}
        )
    _check_gender(gender)
    for century, male, female in s.century_gender_digits:
        if century <= birth_year <= century + 99:
            digit = male if gender == MALE else female
            break
    else:
        raise ValueError(
            gettext("Năm sinh %(year)d không biểu diễn được trong số CCCD.") % {"year": birth_year}
        )
    if not 0 <= serial < 10**s.serial_digits:
        raise ValueError(
            gettext("Số thứ tự %(serial)d phải từ 0 đến %(max)d.")
            % {"serial": serial, "max": 10**s.serial_digits - 1}
        )
    yy = birth_year % 10**s.year_digits
    return f"{province_code}{digit}{yy:0{s.year_digits}d}{serial:0{s.serial_digits}d}"

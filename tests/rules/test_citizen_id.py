"""Citizen ID structure check and generator. Pure: no database."""

import os
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.utils import translation
from hypothesis import assume, given
from hypothesis import strategies as st

from canbo.rules.citizen_id import (
    CITIZEN_ID_PROVINCE_CODES,
    check_citizen_id,
    citizen_id_birth_info,
    citizen_id_birth_year,
    make_citizen_id,
)

if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
    settings.configure(USE_I18N=False)


@pytest.fixture(autouse=True, scope="module")
def _untranslated_messages() -> Iterator[None]:
    """Compare against the Vietnamese msgids whatever the active language."""
    with translation.override(None):
        yield


def test_province_codes_are_the_63_legacy_provinces() -> None:
    assert len(CITIZEN_ID_PROVINCE_CODES) == 63
    assert all(len(code) == 3 and code.isdigit() for code in CITIZEN_ID_PROVINCE_CODES)
    assert CITIZEN_ID_PROVINCE_CODES["001"] == "Thành phố Hà Nội"
    assert CITIZEN_ID_PROVINCE_CODES["038"] == "Tỉnh Thanh Hóa"
    assert CITIZEN_ID_PROVINCE_CODES["079"] == "Thành phố Hồ Chí Minh"
    assert CITIZEN_ID_PROVINCE_CODES["096"] == "Tỉnh Cà Mau"
    # Codes of provinces merged away in 2025 are still valid for IDs issued before.
    assert CITIZEN_ID_PROVINCE_CODES["002"] == "Tỉnh Hà Giang"
    for missing in ("000", "003", "099", "100"):
        assert missing not in CITIZEN_ID_PROVINCE_CODES
    assert list(CITIZEN_ID_PROVINCE_CODES) == sorted(CITIZEN_ID_PROVINCE_CODES)


def test_valid_ids() -> None:
    assert check_citizen_id("001075012345") == []
    assert check_citizen_id("001075012345", "male", 1975) == []
    assert check_citizen_id("079301000001", "female", 2001) == []
    assert check_citizen_id("  096199999999  ", "female", 1999) == []
    assert check_citizen_id("001075012345", "", None) == []


@pytest.mark.parametrize(
    ("value", "gender", "year", "errors"),
    [
        ("", None, None, ["Chưa nhập số CCCD."]),
        ("   ", "male", 1975, ["Chưa nhập số CCCD."]),
        ("00107501234", None, None, ["Số CCCD phải gồm đúng 12 chữ số (đang có 11)."]),
        ("0010750123456", None, None, ["Số CCCD phải gồm đúng 12 chữ số (đang có 13)."]),
        ("099075012345", None, None, ["Mã tỉnh 099 ở 3 chữ số đầu của số CCCD không tồn tại."]),
        (
            "001275012345",
            None,
            1975,
            [
                "Chữ số thứ 4 của số CCCD (2) chỉ người sinh năm 2000–2099, "
                "không khớp năm sinh 1975."
            ],
        ),
        (
            "001075012345",
            "female",
            None,
            ["Chữ số thứ 4 của số CCCD (0) chỉ giới tính nam, không khớp giới tính nữ."],
        ),
        (
            "001376012345",
            "male",
            None,
            ["Chữ số thứ 4 của số CCCD (3) chỉ giới tính nữ, không khớp giới tính nam."],
        ),
        (
            "001076012345",
            None,
            1975,
            ["Chữ số thứ 5–6 của số CCCD (76) không khớp năm sinh 1975."],
        ),
        (
            "00107501234A",
            None,
            None,
            ["Số CCCD chỉ được gồm chữ số 0–9, không được có ký tự “A”."],
        ),
        (
            "001 075 012345",
            None,
            None,
            [
                "Số CCCD chỉ được gồm chữ số 0–9, không được có ký tự dấu cách.",
                "Số CCCD phải gồm đúng 12 chữ số (đang có 14 ký tự).",
            ],
        ),
        (
            "001 075\t0123",
            None,
            None,
            # 12 characters, two of them blanks: one message, blanks named once.
            ["Số CCCD chỉ được gồm chữ số 0–9, không được có ký tự dấu cách."],
        ),
        (
            "001-075-x",
            None,
            None,
            [
                "Số CCCD chỉ được gồm chữ số 0–9, không được có ký tự “-”, “x”.",
                "Số CCCD phải gồm đúng 12 chữ số (đang có 9 ký tự).",
            ],
        ),
        (
            # Arabic-Indic digits are digits to str.isdigit() but not in a citizen ID.
            "٠٠١٠٧٥٠١٢٣٤٥",
            None,
            None,
            [
                "Số CCCD chỉ được gồm chữ số 0–9, không được có ký tự "
                "“٠”, “١”, “٢”, “٣”, “٤”, “٥”, “٧”."
            ],
        ),
        (
            "099276012345",
            "female",
            1975,
            [
                "Mã tỉnh 099 ở 3 chữ số đầu của số CCCD không tồn tại.",
                "Chữ số thứ 4 của số CCCD (2) chỉ người sinh năm 2000–2099, "
                "không khớp năm sinh 1975.",
                "Chữ số thứ 4 của số CCCD (2) chỉ giới tính nam, không khớp giới tính nữ.",
                "Chữ số thứ 5–6 của số CCCD (76) không khớp năm sinh 1975.",
            ],
        ),
    ],
)
def test_errors_say_precisely_what_is_wrong(
    value: str, gender: str | None, year: int | None, errors: list[str]
) -> None:
    assert check_citizen_id(value, gender, year) == errors


def test_invalid_gender_argument_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="Giới tính “nữ” không hợp lệ"):
        check_citizen_id("001075012345", "nữ")


@pytest.mark.parametrize(
    ("value", "info", "year"),
    [
        ("001075012345", ("male", 1900), 1975),
        ("001175012345", ("female", 1900), 1975),
        ("079205000001", ("male", 2000), 2005),
        ("079399000001", ("female", 2000), 2099),
        ("001400000000", ("male", 2100), 2100),
        ("001500000000", ("female", 2100), 2100),
        ("001600000000", ("male", 2200), 2200),
        ("001700000000", ("female", 2200), 2200),
        ("001800000000", ("male", 2300), 2300),
        ("001999000000", ("female", 2300), 2399),
        (" 001075012345 ", ("male", 1900), 1975),
        ("00107501234", None, None),
        ("00107501234x", None, None),
        ("", None, None),
    ],
)
def test_birth_info(value: str, info: tuple[str, int] | None, year: int | None) -> None:
    assert citizen_id_birth_info(value) == info
    assert citizen_id_birth_year(value) == year


def test_make_citizen_id() -> None:
    assert make_citizen_id("001", "male", 1975, 12345) == "001075012345"
    assert make_citizen_id("079", "female", 2001, 1) == "079301000001"
    assert make_citizen_id("096", "male", 2399, 999999) == "096899999999"
    assert make_citizen_id("002", "female", 1900, 0) == "002100000000"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("099", "male", 1975, 1), "Mã tỉnh 099 không có trong danh mục"),
        (("1", "male", 1975, 1), "Mã tỉnh 1 không có trong danh mục"),
        (("001", "nam", 1975, 1), "Giới tính “nam” không hợp lệ"),
        (("001", "male", 1899, 1), "Năm sinh 1899 không biểu diễn được"),
        (("001", "female", 2400, 1), "Năm sinh 2400 không biểu diễn được"),
        (("001", "male", 1975, -1), "Số thứ tự -1 phải từ 0 đến 999999"),
        (("001", "male", 1975, 1_000_000), "Số thứ tự 1000000 phải từ 0 đến 999999"),
    ],
)
def test_make_citizen_id_rejects_bad_input(args: tuple[str, str, int, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make_citizen_id(*args)


# ---------------------------------------------------------------------------------------------
# Properties

provinces = st.sampled_from(sorted(CITIZEN_ID_PROVINCE_CODES))
genders = st.sampled_from(["male", "female"])
years = st.integers(min_value=1900, max_value=2399)
serials = st.integers(min_value=0, max_value=999_999)
OTHER = {"male": "female", "female": "male"}


@given(provinces, genders, years, serials)
def test_generated_ids_pass(province: str, gender: str, year: int, serial: int) -> None:
    value = make_citizen_id(province, gender, year, serial)
    assert len(value) == 12 and value.isascii() and value.isdigit()
    assert check_citizen_id(value, gender, year) == []
    assert check_citizen_id(value) == []
    assert citizen_id_birth_info(value) == (gender, year // 100 * 100)
    assert citizen_id_birth_year(value) == year


@given(provinces, genders, years, serials)
def test_flipping_gender_fails(province: str, gender: str, year: int, serial: int) -> None:
    value = make_citizen_id(province, gender, year, serial)
    errors = check_citizen_id(value, OTHER[gender], year)
    assert len(errors) == 1
    assert "không khớp giới tính" in errors[0]


@given(provinces, genders, years, years, serials)
def test_another_birth_year_fails(
    province: str, gender: str, year: int, other_year: int, serial: int
) -> None:
    assume(year != other_year)
    value = make_citizen_id(province, gender, year, serial)
    errors = check_citizen_id(value, gender, other_year)
    assert errors
    assert all("không khớp năm sinh" in e for e in errors)


@given(st.text(alphabet="0123456789", max_size=30).filter(lambda s: len(s.strip()) != 12))
def test_wrong_length_fails(value: str) -> None:
    errors = check_citizen_id(value)
    assert errors
    assert "phải gồm đúng 12 chữ số" in errors[0] or errors == ["Chưa nhập số CCCD."]


@given(st.text(min_size=1, max_size=20).filter(lambda s: not set(s.strip()) <= set("0123456789")))
def test_anything_but_ascii_digits_fails(value: str) -> None:
    errors = check_citizen_id(value)
    assert errors
    assert "chỉ được gồm chữ số 0–9" in errors[0] or errors == ["Chưa nhập số CCCD."]

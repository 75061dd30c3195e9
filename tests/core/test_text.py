"""Vietnamese-aware text normalisation used by search (canbo.core.text)."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from canbo.core.text import clean, fold

NAME = "Nguyễn Văn Đức"
NAME_NFD = unicodedata.normalize("NFD", NAME)


def test_clean() -> None:
    assert NAME_NFD != NAME
    assert clean(NAME_NFD) == NAME
    assert unicodedata.is_normalized("NFC", clean(NAME_NFD))
    assert clean("  Nguyễn   Văn \t\n Đức  ") == NAME
    assert clean("Trần\u00a0Thị  Bích") == "Trần Thị Bích"
    assert clean(None) == ""
    assert clean("") == ""
    assert clean("   ") == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (NAME, "nguyen van duc"),
        (NAME_NFD, "nguyen van duc"),
        ("NGUYỄN  VĂN   ĐỨC", "nguyen van duc"),
        ("  đặng thị   ĐÀO ", "dang thi dao"),
        ("Lê Thị Hồng Nhung", "le thi hong nhung"),
        ("Phạm Ngọc Ánh", "pham ngoc anh"),
        ("Tỉnh Thừa Thiên Huế", "tinh thua thien hue"),
        ("Ưng Hoàng Phúc", "ung hoang phuc"),
        ("Bùi Quỳnh Như", "bui quynh nhu"),
        (None, ""),
        ("", ""),
    ],
)
def test_fold(text: str | None, expected: str) -> None:
    assert fold(text) == expected


def test_fold_matches_search_example() -> None:
    # PRODUCT.md: "nguyen van a" finds "Nguyễn Văn A".
    assert fold("Nguyễn Văn A") == fold("nguyen van a") == "nguyen van a"


VIETNAMESE_LETTERS = (
    "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
)
ALPHABET = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + "fjwzFJWZ0123456789 \t\n-.,'"

vietnamese_text = st.builds(
    unicodedata.normalize,
    st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"]),
    st.text(alphabet=ALPHABET, max_size=40),
)


@given(vietnamese_text)
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(vietnamese_text)
def test_fold_output_is_lowercase_ascii(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower()
    assert "  " not in folded and folded == folded.strip()


@given(vietnamese_text)
def test_fold_ignores_normal_form_and_case(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    assert fold(text) == fold(nfc) == fold(nfc.upper()) == fold(nfc.lower())


@given(vietnamese_text)
def test_clean_is_idempotent_and_nfc(text: str) -> None:
    cleaned = clean(text)
    assert clean(cleaned) == cleaned
    assert unicodedata.is_normalized("NFC", cleaned)
    assert "  " not in cleaned and cleaned == cleaned.strip()

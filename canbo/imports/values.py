"""Cell values as rosters write them → canbo values: dates with their precision, the
abbreviations of levels and ranks, numbers typed as text, citizen IDs that lost their zero."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.utils.translation import gettext as _

from canbo.core.dates import DAY, PartialDate, parse_partial_date
from canbo.core.text import clean, fold

_SPACE_AROUND_SEP = re.compile(r"\s*([/.-])\s*")
_TEXT_DATE = re.compile(
    r"(?:ngay\s*)?([0-9]{1,2})\s*(?:thang|/|-|\.)\s*([0-9]{1,2})\s*(?:nam|/|-|\.)\s*([0-9]{4})"
)
_PUNCT = re.compile(r"[^0-9a-z]+")


_MESSY = re.compile(r"[^\S ]|  ")


def tidy(text: str) -> str:
    """`canbo.core.text.clean` (NFC, single spaces, trimmed), without its cost for the text that
    is already clean (most cells)."""
    if unicodedata.is_normalized("NFC", text) and not _MESSY.search(text):
        return text.strip()
    return clean(text)


def cell_text(value) -> str:
    """A cell as text: numbers without a trailing ".0", dates as dd/mm/yyyy."""
    if value.__class__ is str:
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def text_date(text: str) -> date | None:
    """A full date written in a title: "31/12/2025", "ngày 31 tháng 12 năm 2025"."""
    m = _TEXT_DATE.search(fold(text))
    if not m:
        return None
    try:
        return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None


def parse_date_cell(value) -> PartialDate:
    """A date cell: a real Excel date, a year typed as a number, or text in the forms
    `parse_partial_date` accepts (spaces around separators and a leading ' are tolerated)."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return PartialDate(value, DAY)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1000 <= value <= 9999:
            return parse_partial_date(str(int(value)))
        raise ValueError(
            _(
                "Ô ngày tháng chứa số %(v)s, không phải ngày: hãy định dạng ô là ngày hoặc ghi "
                "dd/mm/yyyy."
            )
            % {"v": cell_text(value)}
        )
    return _parse_date_text(str(value))


@lru_cache(maxsize=65536)
def _parse_date_text(value: str) -> PartialDate:
    text = clean(value).lstrip("'").strip()
    text = _SPACE_AROUND_SEP.sub(r"\1", text)
    return parse_partial_date(text)


def parse_full_date(value) -> date:
    """A date that must be known to the day (ngày vào Đảng, ngày tuyển dụng …)."""
    partial = parse_date_cell(value)
    if partial.precision != DAY:
        raise ValueError(
            _("Cần ghi đủ ngày/tháng/năm (đang ghi “%(v)s”).") % {"v": cell_text(value).strip()}
        )
    return partial.value


def parse_decimal(value) -> Decimal:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value)).quantize(Decimal("0.01"))
    text = clean(str(value)).replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        return Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise ValueError(_("“%(v)s” không phải là số.") % {"v": value}) from exc


def parse_int(value) -> int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = clean(str(value))
    if text.isdigit():
        return int(text)
    raise ValueError(_("“%(v)s” không phải là số nguyên.") % {"v": value})


def parse_citizen_id(value) -> tuple[str, bool]:
    """(the ID as 12-digit text, whether leading zeros were restored). A number cell loses the
    leading zero of every ID (province codes start with 0): it is put back."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
        if len(text) < 12:
            return text.zfill(12), True
        return text, False
    text = clean(str(value)).lstrip("'").replace(" ", "").replace(".", "")
    return text, False


MARKS = {"x", "✓", "✔", "√", "☑", "☒", "v"}


def is_mark(value) -> bool:
    """A tick in a "Nam" / "Nữ" column ("x", "X", "✓", "✔", "√", "v"; TRUE), not a date."""
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() in MARKS


def parse_gender(value) -> str:
    key = fold(cell_text(value))
    if key in ("nam", "m", "male", "1"):
        return "male"
    if key in ("nu", "f", "female", "0"):
        return "female"
    raise ValueError(_("Giới tính “%(v)s” không hợp lệ: ghi Nam hoặc Nữ.") % {"v": value})


@lru_cache(maxsize=8192)
def key_of(text: str) -> str:
    """Folded, punctuation as spaces: "Th.S" → "th s", "Cử nhân" → "cu nhan"."""
    return " ".join(_PUNCT.sub(" ", fold(text)).split())


def fold_chars(text: str) -> str:
    """`fold` one character at a time, so that positions in the result are positions in
    `text` (for cutting "Cử nhân Luật" after its prefix)."""
    return "".join((fold(c) or " ")[:1] if c.strip() else " " for c in text)


# -- levels: (prefixes as folded words, code) ; longest prefixes first --------------------

QUALIFICATION_PREFIXES = [
    ("tien si", "TS"), ("tien sy", "TS"), ("ts", "TS"), ("pgs ts", "TS"), ("gs ts", "TS"),
    ("thac si", "THS"), ("thac sy", "THS"), ("ths", "THS"),
    ("dai hoc", "DH"), ("dh", "DH"), ("cu nhan", "DH"), ("cn", "DH"), ("ky su", "DH"),
    ("kien truc su", "DH"), ("bac si", "DH"), ("bac sy", "DH"), ("bs", "DH"),
    ("duoc si", "DH"), ("duoc sy", "DH"), ("luat su", "DH"),
    ("cao dang", "CD"), ("cd", "CD"),
    ("trung cap", "TC"), ("tc", "TC"), ("so cap", "SC"), ("sc", "SC"),
    ("chua qua dao tao", "KHONG"), ("chua dao tao", "KHONG"), ("khong", "KHONG"),
]  # fmt: skip
# Words that only qualify the degree ("Cử nhân Luật" keeps "Luật" as the field, "Kỹ sư Xây
# dựng" keeps "Xây dựng"; "Đại học" alone has no field).
POLITICAL_THEORY_PREFIXES = [
    ("cu nhan chinh tri", "CN"), ("cu nhan", "CN"), ("cn", "CN"), ("cao cap", "CC"), ("cc", "CC"),
    ("cao cap llct", "CC"), ("trung cap", "TC"), ("tc", "TC"), ("so cap", "SC"), ("sc", "SC"),
]  # fmt: skip
STATE_MANAGEMENT_PREFIXES = [
    ("chuyen vien cao cap", "CVCC"), ("cvcc", "CVCC"), ("chuyen vien chinh", "CVC"),
    ("cvc", "CVC"), ("chuyen vien", "CV"), ("cv", "CV"),
]  # fmt: skip
CIVIL_SERVICE_RANK_ALIASES = {
    "cvcc": "01.001", "cvc": "01.002", "cv": "01.003", "can su": "01.004", "cs": "01.004",
    "nhan vien": "01.005", "nv": "01.005",
}  # fmt: skip
NONE_WORDS = {"khong", "chua", "chua co", "k", "-", "0"}
ETHNICITY_ALIASES = {"khmer": "05", "kho me": "05", "h mong": "08", "hmong": "08", "hmông": "08",
                     "ede": "12", "e de": "12", "muong": "06", "thai": "03"}  # fmt: skip
RELIGION_ALIASES = {"khong": "00", "phat": "01", "dao phat": "01", "thien chua": "02",
                    "thien chua giao": "02", "cong giao": "02", "tin lanh": "03",
                    "hoa hao": "05", "cao dai": "04"}  # fmt: skip


def _split_prefix(text: str, prefixes) -> tuple[str | None, str]:
    """(code, rest as written) for the longest matching prefix of whole words."""
    cleaned = clean(text)
    folded = fold_chars(cleaned)
    words = key_of(cleaned)
    best = None
    for prefix, code in prefixes:
        matches = words == prefix or words.startswith(prefix + " ")
        if matches and (best is None or len(prefix) > len(best[0])):
            best = (prefix, code)
    if best is None:
        return None, cleaned
    # cut the original after as many words as the prefix has
    count = len(best[0].split())
    pos = 0
    for seen, m in enumerate(re.finditer(r"[0-9a-z]+", folded), start=1):
        pos = m.end()
        if seen == count:
            break
    rest = cleaned[pos:].strip(" .,:;-–()")
    return best[1], rest


@lru_cache(maxsize=8192)
def parse_qualification(text: str) -> tuple[str | None, str]:
    """("DH", "Luật") for "Cử nhân Luật"; ("THS", "Quản lý kinh tế") for "ThS. Quản lý kinh tế";
    (None, text) when no level is recognised."""
    code, rest = _split_prefix(text, QUALIFICATION_PREFIXES)
    if code and rest:
        # "Đại học, chuyên ngành Luật" / "ĐH Luật" / "Kỹ sư xây dựng"
        rest = re.sub(r"^(chuyên ngành|ngành)\s+", "", rest, flags=re.IGNORECASE)
    return code, rest


@lru_cache(maxsize=8192)
def parse_political_theory(text: str) -> str | None:
    code, _rest = _split_prefix(text, POLITICAL_THEORY_PREFIXES)
    return code


@lru_cache(maxsize=8192)
def parse_state_management(text: str) -> str | None:
    key = key_of(text)
    for prefix in ("qlnn ngach", "qlnn", "ngach", "quan ly nha nuoc ngach", "quan ly nha nuoc"):
        if key.startswith(prefix + " "):
            key = key[len(prefix) + 1 :]
            break
    code, _rest = _split_prefix(key, STATE_MANAGEMENT_PREFIXES)
    return code


def is_none_word(text: str) -> bool:
    return key_of(text) in NONE_WORDS

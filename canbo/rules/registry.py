"""Legal parameters as data: every number canbo applies, stored once, with its source.

Each row names the regulation it comes from (`source`), the RULES.md section that documents it
(`ref`) and the dates it is in force. A law change is a new row with a later `valid_from`, never
an edit of an old row, so that a past case is judged by the rules of its time (RULES "How canbo
uses this file"). Look rows up with :func:`rule`.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext


@dataclass(frozen=True, slots=True)
class LegalRule:
    """One legal parameter, in force from `valid_from` to `valid_to` (inclusive; None = open)."""

    key: str
    value: object
    source: str
    ref: str
    valid_from: date | None
    valid_to: date | None
    note: str = ""

    def in_force(self, on: date) -> bool:
        """True if this row applies on the date `on`."""
        if self.valid_from is not None and on < self.valid_from:
            return False
        return self.valid_to is None or on <= self.valid_to


@dataclass(frozen=True, slots=True)
class RetirementRoadmap:
    """Parameters of the retirement-age roadmap for one gender; all ages in months.

    A person born in `reference_year` or later, in birth-month index
    ``m = (birth_year - reference_year) * 12 + (birth_month - 1)``, retires at
    ``min(base_age + (m // group_months) * step_months, cap_age)``; someone born earlier
    retires at `old_age` (the law before 2021). See RULES §7.
    """

    base_age: int
    step_months: int
    group_months: int
    cap_age: int
    old_age: int
    reference_year: int


@dataclass(frozen=True, slots=True)
class CitizenIdStructure:
    """Layout of the 12-digit citizen ID (số CCCD / số định danh cá nhân).

    Digits, left to right: `province_digits` for the province where the birth was registered,
    one digit for century and gender, `year_digits` for the last digits of the birth year and
    `serial_digits` random digits. `century_gender_digits` lists, for each century (its first
    year), the digit used for a man and the digit used for a woman.
    """

    length: int
    province_digits: int
    year_digits: int
    serial_digits: int
    century_gender_digits: tuple[tuple[int, int, int], ...]


def _age(years: int, months: int = 0) -> int:
    return years * 12 + months


RETIREMENT_MALE = "retirement.roadmap.male"
RETIREMENT_FEMALE = "retirement.roadmap.female"
APPOINTMENT_MIN_SERVICE_MONTHS = "appointment.min_remaining_service_months"
CITIZEN_ID_STRUCTURE = "citizen_id.structure"

_RETIREMENT_SOURCE = "BLLĐ 2019 Đ169; NĐ 135/2020/NĐ-CP Đ4, Phụ lục I"
_RETIREMENT_NOTE = (
    "Bảng theo tháng sinh được suy ra [D] từ lộ trình (người lao động nghỉ hưu ở tuổi áp dụng "
    "cho năm dương lịch đạt tuổi đó); cần đối chiếu Phụ lục I NĐ 135/2020 trước khi dùng chính "
    "thức. Không gồm tuổi nghỉ hưu thấp hơn hoặc cao hơn (Phụ lục II, trường hợp đặc biệt)."
)

RULES: tuple[LegalRule, ...] = (
    LegalRule(
        key=RETIREMENT_MALE,
        value=RetirementRoadmap(
            base_age=_age(60, 3),
            step_months=3,
            group_months=9,
            cap_age=_age(62),
            old_age=_age(60),
            reference_year=1961,
        ),
        source=_RETIREMENT_SOURCE,
        ref="RULES §7",
        valid_from=date(2021, 1, 1),
        valid_to=None,
        note=_RETIREMENT_NOTE,
    ),
    LegalRule(
        key=RETIREMENT_FEMALE,
        value=RetirementRoadmap(
            base_age=_age(55, 4),
            step_months=4,
            group_months=8,
            cap_age=_age(60),
            old_age=_age(55),
            reference_year=1966,
        ),
        source=_RETIREMENT_SOURCE,
        ref="RULES §7",
        valid_from=date(2021, 1, 1),
        valid_to=None,
        note=_RETIREMENT_NOTE,
    ),
    LegalRule(
        key=APPOINTMENT_MIN_SERVICE_MONTHS,
        value=60,
        source="KL 08-KL/TW (15/6/2021); HD 06-HD/BTCTW (26/7/2021)",
        ref="RULES §2.3–2.4",
        valid_from=date(2021, 8, 1),
        valid_to=None,
        note=(
            "Bổ nhiệm lần đầu hoặc giới thiệu ứng cử: thời gian công tác còn lại (tuổi nghỉ hưu "
            "thực tế theo BLLĐ 2019 và NĐ 135/2020 trừ tuổi tại thời điểm cơ quan tham mưu tổ "
            "chức cán bộ nhận tờ trình và hồ sơ) phải đủ một nhiệm kỳ 5 năm. Trường hợp đặc biệt "
            "do cấp có thẩm quyền quyết định; không áp dụng khi bổ nhiệm chức vụ ngang hoặc thấp "
            "hơn (RULES §2.7)."
        ),
    ),
    LegalRule(
        key=CITIZEN_ID_STRUCTURE,
        value=CitizenIdStructure(
            length=12,
            province_digits=3,
            year_digits=2,
            serial_digits=6,
            century_gender_digits=(
                (1900, 0, 1),
                (2000, 2, 3),
                (2100, 4, 5),
                (2200, 6, 7),
                (2300, 8, 9),
            ),
        ),
        source=(
            "Thông tư 07/2016/TT-BCA Điều 7; thay thế bởi Thông tư 59/2021/TT-BCA Điều 7 "
            "(cùng cấu trúc)"
        ),
        ref="RULES §8.3 (mục 8: Số CCCD)",
        valid_from=None,
        valid_to=None,
        note=(
            "Áp dụng cho mọi số CCCD 12 chữ số đã cấp. Mã tỉnh là mã 63 tỉnh, thành phố trước "
            "khi sắp xếp năm 2025; số đã cấp giữ nguyên. Văn bản hướng dẫn Luật Căn cước 2023 "
            "chưa được đối chiếu."
        ),
    ),
)


def rule(key: str, on: date | None = None) -> LegalRule:
    """The row `key` in force on the date `on`; the latest row if `on` is None.

    Raises LookupError if there is no such key, or none of its rows is in force on `on`.
    """
    rows = [r for r in RULES if r.key == key]
    if not rows:
        raise LookupError(gettext("Không có quy định nào mang mã “%(key)s”.") % {"key": key})
    if on is not None:
        rows = [r for r in rows if r.in_force(on)]
        if not rows:
            raise LookupError(
                gettext("Quy định “%(key)s” không có hiệu lực vào ngày %(on)s.")
                % {"key": key, "on": on.strftime("%d/%m/%Y")}
            )
    return max(rows, key=lambda r: r.valid_from or date.min)

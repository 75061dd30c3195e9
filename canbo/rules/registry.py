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

# evaluation and rating, confidence votes (RULES §4, §3, §6.2.11): canbo.rules.evaluation
EVALUATION_SCORE_SCALE = "evaluation.score_scale"
EVALUATION_EXCELLENT_CAP = "evaluation.excellent_cap"
EVALUATION_COLLECTIVE_EXCELLENT_CAP = "evaluation.collective_excellent_cap"
EVALUATION_SANCTION_FORCES_INCOMPLETE = "evaluation.sanction_forces_incomplete"
EVALUATION_WORK_TIME = "evaluation.work_time"
EVALUATION_HEAD_CAPPED_BY_UNIT = "evaluation.head_capped_by_unit"
EVALUATION_INCOMPLETE_CONSEQUENCES = "evaluation.incomplete_consequences"
CONFIDENCE_VOTE_THRESHOLDS = "confidence_vote.thresholds"
CONFIDENCE_VOTE_EXEMPTIONS = "confidence_vote.exemptions"
EVALUATION_TASK_SCORING = "evaluation.task_scoring"


@dataclass(frozen=True, slots=True)
class ScoreScale:
    """The 100-point scale: maxima of the two parts and the lowest score of each rating."""

    general_max: int
    results_max: int
    excellent_min: int
    good_min: int
    complete_min: int


@dataclass(frozen=True, slots=True)
class ExcellentCap:
    """At most `numerator`/`denominator` of the number rated "good" may be rated "excellent"
    within one agency (and one group of similar tasks)."""

    numerator: int
    denominator: int


@dataclass(frozen=True, slots=True)
class WorkTime:
    """Worked less than `min_months` in the year: not rated. Absent `absence_cap_months` to
    < `min_months`: rated, at most `absence_cap_rating`."""

    min_months: int
    absence_cap_months: int
    absence_cap_rating: str


@dataclass(frozen=True, slots=True)
class IncompleteConsequence:
    """`count` ratings "incomplete" within `window_years` years (`consecutive`: in a row) of a
    person of `applies_to` ("can_bo", "cong_chuc", "leader", "non_leader") → `code`."""

    code: str
    applies_to: str
    count: int
    window_years: int
    consecutive: bool


@dataclass(frozen=True, slots=True)
class TaskScoring:
    """Scoring of task results (percentages): each major error takes `error_deduction` % of the
    quality part, each delay `delay_deduction` % of the progress part; the task score is the mean
    of its quantity, quality and progress parts weighted by `parts` (quantity, quality, progress)."""

    error_deduction: int
    delay_deduction: int
    parts: tuple[int, int, int]
    parts_provisional: bool


@dataclass(frozen=True, slots=True)
class VoteThresholds:
    """Confidence votes: quorum and the shares of "low" that trigger consequences, as fractions
    (numerator, denominator) of `base` ("convened": those summoned)."""

    quorum: tuple[int, int]
    planning_removal_above: tuple[int, int]
    dismissal_from: tuple[int, int]
    base: str
    base_provisional: bool


@dataclass(frozen=True, slots=True)
class VoteExemptions:
    """Who a confidence vote is not held on: only holders of leadership or management titles
    are voted on (`leadership_only`); not those already notified of leave pending retirement
    (`retirement_notice`), nor those who took a post in the year of the vote by one of
    `appointed_kinds` (assignment kinds: appointment, election…)."""

    leadership_only: bool
    retirement_notice: bool
    appointed_kinds: tuple[str, ...]


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
    LegalRule(
        key=EVALUATION_SCORE_SCALE,
        value=ScoreScale(
            general_max=30, results_max=70, excellent_min=90, good_min=70, complete_min=50
        ),
        source="NĐ 335/2025/NĐ-CP (từ 01/01/2026); QĐ 366-QĐ/TW (30/8/2025) Đ11",
        ref="RULES §4.2.2–4.2.5, §4.3.1, §4.3.3",
        valid_from=date(2026, 1, 1),
        valid_to=None,
        note=(
            "Thang 100 điểm = tiêu chí chung 30 + kết quả nhiệm vụ 70. HTXS từ 90 điểm, HTT từ 70 "
            "đến dưới 90, HT từ 50 đến dưới 70, dưới 50 là KHT (NĐ 335). Ngưỡng KHT của QĐ 366 "
            "chưa tìm thấy (RULES §4.2.6). Trước năm 2026 xếp loại theo tiêu chí, không theo điểm."
        ),
    ),
    LegalRule(
        key=EVALUATION_EXCELLENT_CAP,
        value=ExcellentCap(numerator=1, denominator=5),
        source="NĐ 335/2025/NĐ-CP",
        ref="RULES §4.3.2",
        valid_from=date(2026, 1, 1),
        valid_to=None,
        note=(
            "Số HTXS không quá 20% số HTT trong cùng cơ quan, đơn vị và nhóm có nhiệm vụ tương "
            "đồng. Ngoại lệ cho cơ quan, tổ chức nổi bật chưa rõ nội dung (RULES §11). Trước 2026 "
            "(NĐ 48/2023) tỷ lệ HTXS của CBCCVC không quá tỷ lệ đảng viên HTXS: chưa kiểm tra tự "
            "động."
        ),
    ),
    LegalRule(
        key=EVALUATION_COLLECTIVE_EXCELLENT_CAP,
        value=ExcellentCap(numerator=1, denominator=5),
        source="QĐ 124-QĐ/TW (04/10/2023)",
        ref="RULES §4.2.7",
        valid_from=date(2023, 10, 4),
        valid_to=date(2025, 8, 29),
        note="Tập thể HTXS không quá 20% số tập thể HTT trong từng nhóm tương đồng.",
    ),
    LegalRule(
        key=EVALUATION_SANCTION_FORCES_INCOMPLETE,
        value=True,
        source="HD 21-HD/BTCTW (2019)",
        ref="RULES §4.2.9",
        valid_from=date(2019, 1, 1),
        valid_to=date(2023, 9, 14),
        note=(
            "Đảng viên bị kỷ luật trong năm xếp loại KHT (một vi phạm chỉ tính một lần). Ngày "
            "hiệu lực của HD 21 chưa đối chiếu: dùng 01/01/2019."
        ),
    ),
    LegalRule(
        key=EVALUATION_SANCTION_FORCES_INCOMPLETE,
        value=True,
        source="NĐ 48/2023/NĐ-CP (15/9/2023); QĐ 124-QĐ/TW; NĐ 335/2025/NĐ-CP",
        ref="RULES §4.3.8, §4.2.8, §4.3.1, §6.2.11",
        valid_from=date(2023, 9, 15),
        valid_to=None,
        note=(
            "Bị kỷ luật (Đảng hoặc hành chính, từ khiển trách trở lên) trong năm đánh giá thì xếp "
            "loại KHT; vi phạm đã dùng để xếp KHT không tính lại ở năm có quyết định kỷ luật."
        ),
    ),
    LegalRule(
        key=EVALUATION_WORK_TIME,
        value=WorkTime(min_months=6, absence_cap_months=3, absence_cap_rating="complete"),
        source="NĐ 90/2020/NĐ-CP Đ2 k3",
        ref="RULES §4.3.4",
        valid_from=date(2020, 8, 13),
        valid_to=None,
        note=(
            "Công tác dưới 6 tháng trong năm: không xếp loại (vẫn tự kiểm điểm), trừ nghỉ thai "
            "sản. Nghỉ 3 đến dưới 6 tháng: được xếp loại nhưng không cao hơn HT. Quy định tương "
            "ứng của NĐ 335/2025 chưa đối chiếu (RULES §0.1): áp dụng tạm."
        ),
    ),
    LegalRule(
        key=EVALUATION_HEAD_CAPPED_BY_UNIT,
        value=True,
        source=(
            "GIẢ ĐỊNH cần xác nhận: chưa có văn bản nguồn (có thể QĐ 124-QĐ/TW hoặc "
            "NĐ 48/2023/NĐ-CP, chưa đối chiếu văn bản gốc)"
        ),
        ref="RULES §4 (không có dòng riêng: GIẢ ĐỊNH)",
        valid_from=date(2023, 9, 15),
        valid_to=None,
        note=(
            "GIẢ ĐỊNH cần xác nhận. Mức xếp loại của người đứng đầu không cao hơn mức xếp loại "
            "của cơ quan, đơn vị do mình phụ trách. RULES.md không ghi số mục, văn bản hay ngày "
            "hiệu lực của quy tắc này (ngày 15/9/2023 cũng là giả định): giữ quy tắc, cần kiểm "
            "tra văn bản gốc trước khi dùng chính thức."
        ),
    ),
    LegalRule(
        key=EVALUATION_INCOMPLETE_CONSEQUENCES,
        value=(
            IncompleteConsequence("dismissal", "can_bo", 2, 2, True),
            IncompleteConsequence("termination", "cong_chuc", 2, 2, True),
            IncompleteConsequence("not_reappointed", "leader", 2, 5, False),
            IncompleteConsequence("lower_position", "non_leader", 2, 3, False),
        ),
        source="Luật CBCC 2008 sửa đổi 2019 (52/2019/QH14) Đ29, Đ58",
        ref="RULES §4.3.10–4.3.13",
        valid_from=date(2020, 7, 1),
        valid_to=None,
        note=(
            "Nhiệm kỳ bổ nhiệm lấy 5 năm. Luật CBCC 2025 Đ27 giao Chính phủ quy định chi tiết "
            "(RULES §4.3.15): chưa đối chiếu."
        ),
    ),
    LegalRule(
        key=CONFIDENCE_VOTE_THRESHOLDS,
        value=VoteThresholds(
            quorum=(2, 3),
            planning_removal_above=(1, 2),
            dismissal_from=(2, 3),
            base="convened",
            base_provisional=True,
        ),
        source="QĐ 96-QĐ/TW (02/02/2023); mẫu số tính tỷ lệ: giả định (RULES §3.11)",
        ref="RULES §3.6–3.8 (ngưỡng, có nguồn), §3.11 (mẫu số: GIẢ ĐỊNH)",
        valid_from=date(2023, 2, 2),
        valid_to=None,
        note=(
            "Có mặt ít nhất 2/3 số được triệu tập. Trên 1/2 đến dưới 2/3 phiếu tín nhiệm thấp: "
            "không quy hoạch lên chức vụ cao hơn, xem xét cho thôi giữ chức vụ hoặc bỏ phiếu tín "
            "nhiệm. Từ 2/3 trở lên: miễn nhiệm, bố trí công tác khác (RULES §3.6–3.8, có nguồn). "
            "Mẫu số (tổng số được triệu tập) là GIẢ ĐỊNH cần xác nhận — RULES §3.11 ghi NOT FOUND "
            "cho QĐ 96, suy ra theo quy tắc giới thiệu nhân sự (RULES §2.23)."
        ),
    ),
    LegalRule(
        key=CONFIDENCE_VOTE_EXEMPTIONS,
        value=VoteExemptions(
            leadership_only=True,
            retirement_notice=True,
            appointed_kinds=("appointment", "election", "reappointment"),
        ),
        source="QĐ 96-QĐ/TW (02/02/2023) Đ3",
        ref="RULES §3.2–3.3",
        valid_from=date(2023, 2, 2),
        valid_to=None,
        note=(
            "Lấy phiếu đối với người giữ chức vụ lãnh đạo, quản lý; không lấy phiếu đối với người "
            "đã có thông báo nghỉ công tác chờ nghỉ hưu và người được bổ nhiệm, bầu giữ chức vụ "
            "trong năm lấy phiếu. Bổ nhiệm lại được tính là bổ nhiệm (cách hiểu của canbo)."
        ),
    ),
    LegalRule(
        key=EVALUATION_TASK_SCORING,
        value=TaskScoring(
            error_deduction=25, delay_deduction=25, parts=(1, 1, 1), parts_provisional=True
        ),
        source="NĐ 335/2025/NĐ-CP (trừ 25%); tỷ trọng: giả định",
        ref="RULES §4.3.3 (mức trừ 25%, có nguồn); tỷ trọng: không có (GIẢ ĐỊNH)",
        valid_from=date(2026, 1, 1),
        valid_to=None,
        note=(
            "Điểm kết quả nhiệm vụ tính từ số lượng, chất lượng, tiến độ sản phẩm đã quy đổi; mỗi "
            "lỗi lớn trừ 25% điểm chất lượng, mỗi lần chậm trừ 25% điểm tiến độ (RULES §4.3.3, có "
            "nguồn). GIẢ ĐỊNH cần xác nhận: tỷ trọng ba phần (ở đây bằng nhau) và việc bình quân "
            "các nhiệm vụ theo trọng số do đơn vị giao — RULES.md không ghi cách tính này."
        ),
    ),
)


_index: tuple[tuple, dict[str, tuple[list[LegalRule], LegalRule]]] | None = None


def _latest(rows: list[LegalRule]) -> LegalRule:
    return max(rows, key=lambda r: r.valid_from or date.min)


def _rows_of(key: str) -> tuple[list[LegalRule], LegalRule | None]:
    """The rows of `key` and the latest of them, from an index of `RULES` built once (again if
    `RULES` is replaced): a check of a 100,000-row roster asks for the same rule hundreds of
    thousands of times."""
    global _index
    if _index is None or _index[0] is not RULES:
        by_key: dict[str, list[LegalRule]] = {}
        for r in RULES:
            by_key.setdefault(r.key, []).append(r)
        _index = (RULES, {k: (rows, _latest(rows)) for k, rows in by_key.items()})
    return _index[1].get(key, ([], None))


def rule(key: str, on: date | None = None) -> LegalRule:
    """The row `key` in force on the date `on`; the latest row if `on` is None.

    Raises LookupError if there is no such key, or none of its rows is in force on `on`.
    """
    rows, latest = _rows_of(key)
    if latest is None:
        raise LookupError(gettext("Không có quy định nào mang mã “%(key)s”.") % {"key": key})
    if on is None:
        return latest
    rows = [r for r in rows if r.in_force(on)]
    if not rows:
        raise LookupError(
            gettext("Quy định “%(key)s” không có hiệu lực vào ngày %(on)s.")
            % {"key": key, "on": on.strftime("%d/%m/%Y")}
        )
    return _latest(rows)

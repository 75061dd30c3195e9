"""Evaluation, rating and confidence-vote rules (RULES §3, §4, §6.2.11) as pure functions.

The numbers come from :mod:`canbo.rules.registry`; a cycle of year Y is judged by the rows in
force on 31 December of Y (the rating is made at the end of the year, RULES §4.3.5), so a 2024
cycle is judged by the 2024 rules. Ratings are the strings of
:class:`canbo.evaluation.choices.Rating`: "excellent" > "good" > "complete" > "incomplete".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext

from canbo.evaluation.choices import RATING_ORDER, Rating
from canbo.rules.registry import (
    CONFIDENCE_VOTE_EXEMPTIONS,
    CONFIDENCE_VOTE_THRESHOLDS,
    EVALUATION_COLLECTIVE_EXCELLENT_CAP,
    EVALUATION_EXCELLENT_CAP,
    EVALUATION_HEAD_CAPPED_BY_UNIT,
    EVALUATION_INCOMPLETE_CONSEQUENCES,
    EVALUATION_SANCTION_FORCES_INCOMPLETE,
    EVALUATION_SCORE_SCALE,
    EVALUATION_TASK_SCORING,
    EVALUATION_WORK_TIME,
    ExcellentCap,
    IncompleteConsequence,
    LegalRule,
    ScoreScale,
    TaskScoring,
    VoteExemptions,
    VoteThresholds,
    WorkTime,
    rule,
)


def rules_date(year: int) -> date:
    """The day whose rules judge the ratings of `year`."""
    return date(year, 12, 31)


def _rule(key: str, year: int) -> LegalRule | None:
    try:
        return rule(key, on=rules_date(year))
    except LookupError:
        return None


def rating_label(rating: str) -> str:
    return str(Rating(rating).label)


def rank(rating: str) -> int:
    """0 for "excellent" … 3 for "incomplete" (lower is better)."""
    return RATING_ORDER.index(rating)


def is_above(rating: str, cap: str) -> bool:
    """True if `rating` is better than `cap`."""
    return rank(rating) < rank(cap)


def worse_of(a: str, b: str) -> str:
    return a if rank(a) >= rank(b) else b


@dataclass(frozen=True, slots=True)
class Violation:
    """A rule a rating breaks, with the reason in Vietnamese and the rule it comes from."""

    code: str
    message: str
    source: str = ""
    person_id: int | None = None


# --- the 100-point scale -------------------------------------------------------------------


def score_scale(year: int) -> ScoreScale | None:
    """The 100-point scale of `year`, or None for a year rated by criteria, not points."""
    row = _rule(EVALUATION_SCORE_SCALE, year)
    return row.value if row else None  # type: ignore[return-value]


def check_score(general: Decimal | int, results: Decimal | int, year: int) -> Decimal:
    """The total of the two parts; ValueError (Vietnamese) if a part is out of its range."""
    scale = score_scale(year)
    if scale is None:
        raise ValueError(
            gettext("Năm %(year)d chưa áp dụng thang 100 điểm: xếp loại theo tiêu chí.")
            % {"year": year}
        )
    general, results = Decimal(general), Decimal(results)
    if not 0 <= general <= scale.general_max:
        raise ValueError(
            gettext("Điểm tiêu chí chung phải từ 0 đến %(max)d (đang ghi %(v)s).")
            % {"max": scale.general_max, "v": general}
        )
    if not 0 <= results <= scale.results_max:
        raise ValueError(
            gettext("Điểm kết quả thực hiện nhiệm vụ phải từ 0 đến %(max)d (đang ghi %(v)s).")
            % {"max": scale.results_max, "v": results}
        )
    return general + results


def rating_from_score(score: Decimal | int | float, year: int) -> str:
    """The rating a total score proposes in `year` (RULES §4.3.1: ≥ 90, 70–< 90, 50–< 70, < 50)."""
    scale = score_scale(year)
    if scale is None:
        raise ValueError(
            gettext("Năm %(year)d chưa áp dụng thang 100 điểm: xếp loại theo tiêu chí.")
            % {"year": year}
        )
    score = Decimal(str(score))
    top = scale.general_max + scale.results_max
    if not 0 <= score <= top:
        raise ValueError(
            gettext("Tổng điểm phải từ 0 đến %(max)d (đang ghi %(v)s).") % {"max": top, "v": score}
        )
    if score >= scale.excellent_min:
        return Rating.EXCELLENT
    if score >= scale.good_min:
        return Rating.GOOD
    if score >= scale.complete_min:
        return Rating.COMPLETE
    return Rating.INCOMPLETE


@dataclass(frozen=True, slots=True)
class TaskResult:
    """One task (product, KPI) of the year: its weight, how much of it was done (0–100 %), the
    major errors found in it and the times it was late."""

    weight: Decimal | int
    done_percent: Decimal | int = 100
    major_errors: int = 0
    delays: int = 0


def task_fraction(task: TaskResult, scoring: TaskScoring) -> Decimal:
    """The share (0–1) of a task's points earned: quantity = done share; quality loses
    `error_deduction` % per major error, progress `delay_deduction` % per delay (RULES §4.3.3)."""
    quantity = min(max(Decimal(task.done_percent), Decimal(0)), Decimal(100)) / 100
    quality = max(Decimal(0), 1 - Decimal(scoring.error_deduction * task.major_errors) / 100)
    progress = max(Decimal(0), 1 - Decimal(scoring.delay_deduction * task.delays) / 100)
    wq, wl, wp = scoring.parts
    return (quantity * wq + quality * wl + progress * wp) / (wq + wl + wp)


def results_score(tasks: Sequence[TaskResult], year: int) -> Decimal:
    """The task-results part of the 100-point scale (0 to 70 in 2026) from the year's tasks,
    weighted; ValueError for a year without the scale or without tasks."""
    scale = score_scale(year)
    row = _rule(EVALUATION_TASK_SCORING, year)
    if scale is None or row is None:
        raise ValueError(
            gettext("Năm %(year)d chưa áp dụng thang 100 điểm: xếp loại theo tiêu chí.")
            % {"year": year}
        )
    total_weight = sum(Decimal(t.weight) for t in tasks)
    if not tasks or total_weight <= 0:
        raise ValueError(gettext("Chưa có nhiệm vụ nào có trọng số để tính điểm kết quả."))
    earned = sum(Decimal(t.weight) * task_fraction(t, row.value) for t in tasks)  # type: ignore[arg-type]
    return (earned / total_weight * scale.results_max).quantize(Decimal("0.01"))


# --- who is rated ----------------------------------------------------------------------------


def months_worked(start: date | None, year: int, end: date | None = None) -> int:
    """Whole months worked in `year` between `start` (first day of work; None = long before) and
    `end` (last day; None = still working): a month counts when worked from its first day."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    begin = max(start, first) if start else first
    finish = min(end, last) if end else last
    if begin > finish:
        return 0
    start_month = begin.month if begin.day == 1 else begin.month + 1
    # the month of `finish` counts only if worked to its end
    next_day = date.fromordinal(finish.toordinal() + 1)
    end_month = finish.month if next_day.month != finish.month else finish.month - 1
    return max(0, end_month - start_month + 1)


def work_time_rule(year: int) -> WorkTime | None:
    row = _rule(EVALUATION_WORK_TIME, year)
    return row.value if row else None  # type: ignore[return-value]


def evaluable_by_months(worked: int, year: int, *, maternity: bool = False) -> tuple[bool, str]:
    """(True, "") or (False, reason): fewer than the minimum months worked are not rated
    (RULES §4.3.4), except maternity leave."""
    wt = work_time_rule(year)
    if wt is None or maternity or worked >= wt.min_months:
        return True, ""
    return False, gettext(
        "Công tác %(n)d tháng trong năm %(year)d, dưới %(min)d tháng: không xếp loại (vẫn tự "
        "kiểm điểm) — %(source)s."
    ) % {
        "n": worked,
        "year": year,
        "min": wt.min_months,
        "source": _rule(EVALUATION_WORK_TIME, year).source,  # type: ignore[union-attr]
    }


def evaluable(person, year: int) -> tuple[bool, str]:
    """Whether `person` is rated for `year`, with the reason when not: not yet recruited, or
    fewer than the minimum months of work in the year (from `recruited_on`)."""
    recruited = getattr(person, "recruited_on", None)
    if recruited is not None and recruited > rules_date(year):
        return False, gettext("Chưa được tuyển dụng trong năm %(year)d.") % {"year": year}
    return evaluable_by_months(months_worked(recruited, year), year)


# --- checks of one rating and of a unit's ratings ---------------------------------------------


@dataclass(frozen=True, slots=True)
class RatingItem:
    """One person's rating with what the rules look at."""

    person_id: int | None
    rating: str
    name: str = ""
    sanctioned_in_year: bool = False
    months_worked: int = 12
    months_absent: int = 0
    is_head: bool = False


def max_rating(
    item: RatingItem, year: int, unit_rating: str | None = None
) -> tuple[str, list[str]]:
    """The best rating the rules allow for `item` in `year`, with the reasons that cap it."""
    best, reasons = Rating.EXCELLENT.value, []
    sanction = _rule(EVALUATION_SANCTION_FORCES_INCOMPLETE, year)
    if item.sanctioned_in_year and sanction and sanction.value:
        best = Rating.INCOMPLETE
        reasons.append(
            gettext("Bị kỷ luật trong năm %(year)d: xếp loại không hoàn thành nhiệm vụ (%(src)s).")
            % {"year": year, "src": sanction.source}
        )
    wt = work_time_rule(year)
    if wt and wt.absence_cap_months <= item.months_absent < wt.min_months:
        best = worse_of(best, wt.absence_cap_rating)
        reasons.append(
            gettext(
                "Nghỉ %(n)d tháng trong năm (từ %(lo)d đến dưới %(hi)d tháng): không xếp loại cao "
                "hơn “%(cap)s” (%(src)s)."
            )
            % {
                "n": item.months_absent,
                "lo": wt.absence_cap_months,
                "hi": wt.min_months,
                "cap": rating_label(wt.absence_cap_rating),
                "src": _rule(EVALUATION_WORK_TIME, year).source,  # type: ignore[union-attr]
            }
        )
    head = _rule(EVALUATION_HEAD_CAPPED_BY_UNIT, year)
    if item.is_head and unit_rating and head and head.value:
        best = worse_of(best, unit_rating)
        reasons.append(
            gettext(
                "Người đứng đầu không được xếp loại cao hơn đơn vị mình (đơn vị: “%(unit)s”) — "
                "%(src)s."
            )
            % {"unit": rating_label(unit_rating), "src": head.source}
        )
    return best, reasons


def excellent_cap(year: int, collective: bool = False) -> tuple[ExcellentCap, str] | None:
    row = _rule(
        EVALUATION_COLLECTIVE_EXCELLENT_CAP if collective else EVALUATION_EXCELLENT_CAP, year
    )
    return (row.value, row.source) if row else None  # type: ignore[return-value]


def excellent_allowed(good_count: int, year: int, collective: bool = False) -> int | None:
    """How many "excellent" the cap allows next to `good_count` "good"; None = no cap that year."""
    cap = excellent_cap(year, collective)
    if cap is None:
        return None
    c = cap[0]
    return good_count * c.numerator // c.denominator


def check_ratings(
    items: Sequence[RatingItem], year: int, unit_rating: str | None = None
) -> list[Violation]:
    """Every rule the ratings of one unit (one comparable group) break in `year`."""
    out: list[Violation] = []
    for item in items:
        if item.rating not in RATING_ORDER:
            out.append(
                Violation("unknown_rating", gettext("Mức xếp loại “%(r)s” không hợp lệ.") % {"r": item.rating}, person_id=item.person_id)
            )  # fmt: skip
            continue
        ok, reason = evaluable_by_months(item.months_worked, year)
        if not ok:
            out.append(Violation("not_evaluable", reason, person_id=item.person_id))
            continue
        best, reasons = max_rating(item, year, unit_rating)
        if is_above(item.rating, best):
            out.append(
                Violation(
                    "above_cap",
                    gettext("%(name)sxếp loại “%(r)s” cao hơn mức tối đa “%(best)s”: %(why)s")
                    % {
                        "name": f"{item.name}: " if item.name else "",
                        "r": rating_label(item.rating),
                        "best": rating_label(best),
                        "why": " ".join(reasons),
                    },
                    person_id=item.person_id,
                )
            )
    out.extend(_cap_violations([i.rating for i in items], year, collective=False))
    return out


def check_collective_ratings(ratings: Iterable[str], year: int) -> list[Violation]:
    """The cap on "excellent" collectives in one comparable group (RULES §4.2.7)."""
    return _cap_violations(list(ratings), year, collective=True)


def _cap_violations(ratings: list[str], year: int, collective: bool) -> list[Violation]:
    excellent = sum(1 for r in ratings if r == Rating.EXCELLENT)
    good = sum(1 for r in ratings if r == Rating.GOOD)
    allowed = excellent_allowed(good, year, collective)
    if allowed is None or excellent <= allowed:
        return []
    cap, source = excellent_cap(year, collective)  # type: ignore[misc]
    return [
        Violation(
            "excellent_cap",
            gettext(
                "%(n)d “hoàn thành xuất sắc” vượt giới hạn: không quá %(num)d/%(den)d số “hoàn "
                "thành tốt” (%(good)d), tức tối đa %(allowed)d — %(src)s."
            )
            % {
                "n": excellent,
                "num": cap.numerator,
                "den": cap.denominator,
                "good": good,
                "allowed": allowed,
                "src": source,
            },
            source=source,
        )
    ]


# --- consequences of "incomplete" ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Consequence:
    code: str
    message: str
    years: tuple[int, ...]
    source: str


_CONSEQUENCE_TEXT = {
    "dismissal": "miễn nhiệm hoặc cho thôi làm nhiệm vụ (cán bộ)",
    "termination": "giải quyết thôi việc (công chức)",
    "not_reappointed": "bố trí công tác khác hoặc không bổ nhiệm lại (lãnh đạo, quản lý)",
    "lower_position": "bố trí vị trí việc làm có yêu cầu thấp hơn",
}


def incomplete_consequences(
    history: Mapping[int, str], year: int, applies_to: Iterable[str]
) -> list[Consequence]:
    """What the law requires after the ratings "incomplete" in `history` ({year: rating}) up to
    `year`, for a person of the kinds `applies_to` ("can_bo", "cong_chuc", "leader",
    "non_leader") — RULES §4.3.10–4.3.13."""
    row = _rule(EVALUATION_INCOMPLETE_CONSEQUENCES, year)
    if row is None:
        return []
    kinds = set(applies_to)
    out = []
    for c in row.value:  # type: ignore[attr-defined]
        assert isinstance(c, IncompleteConsequence)
        if c.applies_to not in kinds:
            continue
        window = range(year - c.window_years + 1, year + 1)
        bad = tuple(y for y in window if history.get(y) == Rating.INCOMPLETE)
        if history.get(year) != Rating.INCOMPLETE or len(bad) < c.count:
            continue
        if c.consecutive and not all(history.get(y) == Rating.INCOMPLETE for y in window):
            continue
        out.append(
            Consequence(
                code=c.code,
                message=gettext(
                    "%(count)d năm không hoàn thành nhiệm vụ (%(years)s) trong %(window)d năm: "
                    "%(what)s — %(src)s."
                )
                % {
                    "count": len(bad),
                    "years": ", ".join(map(str, bad)),
                    "window": c.window_years,
                    "what": gettext(_CONSEQUENCE_TEXT[c.code]),
                    "src": row.source,
                },
                years=bad,
                source=row.source,
            )
        )
    return out


# --- confidence votes --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VoteOutcome:
    quorum_met: bool
    base: int
    high_share: Decimal
    normal_share: Decimal
    low_share: Decimal
    consequence: str  # "", "planning_removal", "dismissal"
    message: str
    provisional: bool


def vote_thresholds(on: date) -> tuple[VoteThresholds, str]:
    row = rule(CONFIDENCE_VOTE_THRESHOLDS, on=on)
    return row.value, row.source  # type: ignore[return-value]


def quorum_met(convened: int, present: int, on: date) -> bool:
    """At least 2/3 of those convened present (RULES §3.6)."""
    t, _src = vote_thresholds(on)
    n, d = t.quorum
    return convened > 0 and present * d >= n * convened


def check_vote_counts(convened: int, present: int, high: int, normal: int, low: int) -> list[str]:
    """Vietnamese reasons why the counts cannot be right (empty if they can)."""
    errors = []
    if min(convened, present, high, normal, low) < 0:
        errors.append(gettext("Số phiếu và số người không được âm."))
    if present > convened:
        errors.append(
            gettext("Số có mặt (%(p)d) lớn hơn số được triệu tập (%(c)d).")
            % {"p": present, "c": convened}
        )
    if high + normal + low > present:
        errors.append(
            gettext("Tổng số phiếu (%(b)d) lớn hơn số người có mặt (%(p)d).")
            % {"b": high + normal + low, "p": present}
        )
    return errors


@dataclass(frozen=True, slots=True)
class VoteFacts:
    """What the exemptions of a confidence vote look at, for one person on the session's date:
    still working, holding a leadership or management title, the assignments taken in the
    year of the vote up to that date (kind, start date), the date of the notice of leave
    pending retirement."""

    active: bool = True
    holds_leadership: bool = True
    taken_in_year: tuple[tuple[str, date], ...] = ()
    retirement_notified_on: date | None = None


def vote_exemption(facts: VoteFacts, held_on: date) -> str:
    """Why the person may not be voted on at a session held on `held_on` (RULES §3.2–3.3),
    in Vietnamese with the source, or "" if he may."""
    try:
        row = rule(CONFIDENCE_VOTE_EXEMPTIONS, on=held_on)
    except LookupError:
        return gettext("Không có quy định về lấy phiếu tín nhiệm có hiệu lực ngày %(d)s.") % {
            "d": held_on.strftime("%d/%m/%Y")
        }
    ex: VoteExemptions = row.value  # type: ignore[assignment]
    if not facts.active:
        return gettext("Không còn công tác: không lấy phiếu.")
    notified = facts.retirement_notified_on
    if ex.retirement_notice and notified is not None and notified <= held_on:
        return gettext(
            "Đã có thông báo nghỉ công tác chờ nghỉ hưu (%(d)s): không lấy phiếu (%(src)s)."
        ) % {"d": notified.strftime("%d/%m/%Y"), "src": row.source}
    taken = [
        start
        for kind, start in facts.taken_in_year
        if kind in ex.appointed_kinds and start.year == held_on.year and start <= held_on
    ]
    if taken:
        return gettext(
            "Được bổ nhiệm hoặc bầu giữ chức vụ trong năm lấy phiếu (%(d)s): không lấy phiếu "
            "(%(src)s)."
        ) % {"d": min(taken).strftime("%d/%m/%Y"), "src": row.source}
    if ex.leadership_only and not facts.holds_leadership:
        return gettext(
            "Không giữ chức vụ lãnh đạo, quản lý vào ngày lấy phiếu: chỉ lấy phiếu người giữ "
            "chức vụ (%(src)s)."
        ) % {"src": row.source}
    return ""


def _share(part: int, base: int) -> Decimal:
    return (Decimal(part) * 100 / base).quantize(Decimal("0.01")) if base else Decimal(0)


def vote_outcome(
    *, convened: int, present: int, high: int, normal: int, low: int, on: date
) -> VoteOutcome:
    """Shares on the base the rules define and the consequence the "low" share triggers
    (RULES §3.7–3.8: > 1/2 and < 2/3 → out of planning for higher posts; ≥ 2/3 → dismissal)."""
    t, src = vote_thresholds(on)
    base = convened if t.base == "convened" else present
    met = quorum_met(convened, present, on)
    consequence, message = "", ""
    if met and base:
        dn, dd = t.dismissal_from
        pn, pd = t.planning_removal_above
        if low * dd >= dn * base:
            consequence = "dismissal"
            message = gettext(
                "Phiếu tín nhiệm thấp từ 2/3 trở lên: miễn nhiệm, bố trí công tác khác, không chờ "
                "hết nhiệm kỳ — %(src)s."
            ) % {"src": src}
        elif low * pd > pn * base:
            consequence = "planning_removal"
            message = gettext(
                "Phiếu tín nhiệm thấp trên 1/2 đến dưới 2/3: đưa ra khỏi quy hoạch chức vụ cao "
                "hơn; xem xét cho thôi giữ chức vụ, bố trí công tác khác, cho từ chức hoặc bỏ "
                "phiếu tín nhiệm — %(src)s."
            ) % {"src": src}
    elif not met:
        message = gettext("Không đủ 2/3 số được triệu tập có mặt: kết quả không có giá trị.")
    return VoteOutcome(
        quorum_met=met,
        base=base,
        high_share=_share(high, base),
        normal_share=_share(normal, base),
        low_share=_share(low, base),
        consequence=consequence,
        message=message,
        provisional=t.base_provisional,
    )


# --- criteria frameworks and a unit's adapted criteria -------------------------------------


GENERAL, RESULTS = "general", "results"


@dataclass(frozen=True, slots=True)
class CriteriaGroup:
    """A group of the year's framework (e.g. general criteria, 30 points): the points of the
    group are fixed by the rules; a unit may only split them into sub-criteria."""

    code: str
    label: str
    points: int


@dataclass(frozen=True, slots=True)
class CriterionSpec:
    """One criterion of a unit's adapted template: its group, name and maximum points."""

    group: str
    name: str
    points: Decimal | int


def framework(year: int) -> tuple[CriteriaGroup, ...] | None:
    """The criteria groups of `year`'s framework with their points (from the year's score scale:
    30 general + 70 task results from 2026, RULES §4.2.2, §4.3.3); None for a year rated by
    criteria without points."""
    scale = score_scale(year)
    if scale is None:
        return None
    return (
        CriteriaGroup(GENERAL, gettext("Tiêu chí chung"), scale.general_max),
        CriteriaGroup(RESULTS, gettext("Kết quả thực hiện nhiệm vụ"), scale.results_max),
    )


def check_criteria(criteria: Sequence[CriterionSpec], year: int) -> list[str]:
    """Why a unit's adapted criteria are not allowed in `year` (Vietnamese; empty if they are):
    a group that is split must keep its points exactly (the rules fix the group totals and the
    score bands); each criterion needs a name, unique in its group, and positive points."""
    groups = framework(year)
    if groups is None:
        return [
            gettext("Năm %(year)d chưa áp dụng thang 100 điểm: không có khung tiêu chí chấm điểm.")
            % {"year": year}
        ]
    by_code = {g.code: g for g in groups}
    errors: list[str] = []
    seen: set[tuple[str, str]] = set()
    sums: dict[str, Decimal] = {}
    for c in criteria:
        group = by_code.get(c.group)
        if group is None:
            errors.append(gettext("Nhóm tiêu chí “%(g)s” không có trong khung.") % {"g": c.group})
            continue
        name = c.name.strip()
        if not name:
            errors.append(gettext("Nhóm “%(g)s”: có tiêu chí chưa ghi tên.") % {"g": group.label})
        key = (c.group, name.casefold())
        if name and key in seen:
            errors.append(
                gettext("Nhóm “%(g)s”: tiêu chí “%(n)s” bị trùng.") % {"g": group.label, "n": name}
            )
        seen.add(key)
        points = Decimal(c.points)
        if points <= 0:
            errors.append(
                gettext("Tiêu chí “%(n)s”: số điểm phải lớn hơn 0 (đang ghi %(p)s).")
                % {"n": name or "—", "p": points}
            )
        sums[c.group] = sums.get(c.group, Decimal(0)) + points
    for code, total in sums.items():
        group = by_code[code]
        if total != group.points:
            errors.append(
                gettext(
                    "Nhóm “%(g)s”: tổng điểm các tiêu chí là %(s)s, phải đúng %(p)d điểm như khung "
                    "của năm %(year)d (không được thay đổi điểm của nhóm)."
                )
                % {"g": group.label, "s": _plain(total), "p": group.points, "year": year}
            )
    return errors


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def score_by_criteria(
    criteria: Sequence[CriterionSpec], scores: Sequence[Decimal | int | None], year: int
) -> dict[str, Decimal | None]:
    """The points of each framework group from the scores given per criterion (same order as
    `criteria`): {"general": …, "results": …}, None for a group the template does not split.
    ValueError (Vietnamese) for a missing score or one outside 0 … the criterion's points."""
    groups = framework(year)
    if groups is None:
        raise ValueError(
            gettext("Năm %(year)d chưa áp dụng thang 100 điểm: xếp loại theo tiêu chí.")
            % {"year": year}
        )
    if len(scores) != len(criteria):
        raise ValueError(gettext("Số điểm chấm không khớp với số tiêu chí."))
    out: dict[str, Decimal | None] = {g.code: None for g in groups}
    for c, s in zip(criteria, scores, strict=True):
        if s is None:
            raise ValueError(gettext("Tiêu chí “%(n)s”: chưa chấm điểm.") % {"n": c.name})
        s = Decimal(s)
        if not 0 <= s <= Decimal(c.points):
            raise ValueError(
                gettext("Tiêu chí “%(n)s”: điểm phải từ 0 đến %(max)s (đang ghi %(v)s).")
                % {"n": c.name, "max": _plain(Decimal(c.points)), "v": _plain(s)}
            )
        out[c.group] = (out[c.group] or Decimal(0)) + s
    return out

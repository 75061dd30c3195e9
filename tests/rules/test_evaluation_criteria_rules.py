"""A unit's criteria within the year's framework (QĐ 366-QĐ/TW; NĐ 335/2025: 30 general + 70
task results from 2026): sub-criteria must sum to the group's points, each score within its
criterion's points; no framework of points before 2026."""

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from canbo.rules import evaluation as ev
from canbo.rules.evaluation import CriterionSpec

YEARS_100 = st.integers(min_value=2026, max_value=2040)
YEARS_BEFORE = st.integers(min_value=2015, max_value=2025)
points = st.integers(min_value=1, max_value=30)


def split(total: int, parts: list[int]) -> list[int]:
    """`parts` scaled to integers summing exactly to `total` (the last one takes the rest)."""
    out, rest = [], total
    for p in parts[:-1]:
        take = max(1, min(rest - (len(parts) - len(out) - 1), p))
        out.append(take)
        rest -= take
    out.append(rest)
    return out


def test_framework_of_2026_is_30_plus_70():
    groups = ev.framework(2026)
    assert [(g.code, g.points) for g in groups] == [("general", 30), ("results", 70)]


@given(YEARS_BEFORE)
def test_no_framework_of_points_before_2026(year):
    assert ev.framework(year) is None
    assert "chưa áp dụng thang 100 điểm" in ev.check_criteria([CriterionSpec("general", "A", 30)], year)[0]  # fmt: skip


@given(st.lists(points, min_size=1, max_size=8), YEARS_100)
def test_a_split_of_the_30_general_points_is_allowed(parts, year):
    assume(len(parts) <= 30)
    criteria = [
        CriterionSpec("general", f"Tiêu chí {i}", p) for i, p in enumerate(split(30, parts))
    ]
    assert ev.check_criteria(criteria, year) == []


@given(st.lists(points, min_size=1, max_size=8), YEARS_100)
def test_a_group_total_other_than_the_framework_is_refused(parts, year):
    total = sum(parts)
    assume(total != 30)
    criteria = [CriterionSpec("general", f"Tiêu chí {i}", p) for i, p in enumerate(parts)]
    errors = ev.check_criteria(criteria, year)
    assert len(errors) == 1
    assert f"tổng điểm các tiêu chí là {total}, phải đúng 30 điểm" in errors[0]


def test_results_group_split_must_total_70():
    ok = [CriterionSpec("results", "Khối lượng", 40), CriterionSpec("results", "Chất lượng", 30)]
    assert ev.check_criteria(ok, 2026) == []
    bad = [CriterionSpec("results", "Khối lượng", 40), CriterionSpec("results", "Chất lượng", 20)]
    assert "phải đúng 70 điểm" in ev.check_criteria(bad, 2026)[0]


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ([CriterionSpec("bonus", "Thưởng", 5)], "không có trong khung"),
        ([CriterionSpec("general", " ", 30)], "chưa ghi tên"),
        ([CriterionSpec("general", "A", 15), CriterionSpec("general", "a", 15)], "bị trùng"),
        ([CriterionSpec("general", "A", 31), CriterionSpec("general", "B", -1)], "phải lớn hơn 0"),
    ],
)
def test_malformed_criteria_are_refused_in_vietnamese(criteria, message):
    assert any(message in e for e in ev.check_criteria(criteria, 2026))


@given(st.lists(points, min_size=1, max_size=6), st.data(), YEARS_100)
def test_scores_sum_per_group_and_propose_the_rating_by_the_bands(parts, data, year):
    maxima = split(30, parts)
    criteria = [CriterionSpec("general", f"T{i}", p) for i, p in enumerate(maxima)]
    scores = [data.draw(st.integers(min_value=0, max_value=m)) for m in maxima]
    groups = ev.score_by_criteria(criteria, scores, year)
    assert groups == {"general": Decimal(sum(scores)), "results": None}
    results = data.draw(st.integers(min_value=0, max_value=70))
    total = ev.check_score(groups["general"], results, year)
    expected = "excellent" if total >= 90 else "good" if total >= 70 else "complete" if total >= 50 else "incomplete"  # fmt: skip
    assert ev.rating_from_score(total, year) == expected


@given(st.integers(min_value=11, max_value=100))
def test_a_score_above_its_criterion_is_refused(score):
    criteria = [CriterionSpec("general", "Phẩm chất chính trị", 10), CriterionSpec("general", "Đạo đức", 20)]  # fmt: skip
    with pytest.raises(ValueError, match="điểm phải từ 0 đến 10"):
        ev.score_by_criteria(criteria, [score, 5], 2026)


def test_a_missing_score_is_refused():
    criteria = [CriterionSpec("general", "A", 10), CriterionSpec("general", "B", 20)]
    with pytest.raises(ValueError, match="“B”: chưa chấm điểm"):
        ev.score_by_criteria(criteria, [5, None], 2026)


def test_no_scoring_by_criteria_in_2025():
    with pytest.raises(ValueError, match="chưa áp dụng thang 100 điểm"):
        ev.score_by_criteria([CriterionSpec("general", "A", 30)], [20], 2025)


# --- the three rules flagged as guesses: the registry says so plainly --------------------------


def test_the_guessed_rules_say_they_are_assumptions():
    from datetime import date

    from canbo.rules.registry import (
        CONFIDENCE_VOTE_THRESHOLDS,
        EVALUATION_HEAD_CAPPED_BY_UNIT,
        EVALUATION_TASK_SCORING,
        rule,
    )

    on = date(2026, 12, 31)
    head = rule(EVALUATION_HEAD_CAPPED_BY_UNIT, on=on)
    assert head.source.startswith("GIẢ ĐỊNH cần xác nhận") and head.note.startswith("GIẢ ĐỊNH")
    vote = rule(CONFIDENCE_VOTE_THRESHOLDS, on=on)
    assert "§3.6–3.8" in vote.ref and "GIẢ ĐỊNH" in vote.ref and vote.value.base_provisional
    task = rule(EVALUATION_TASK_SCORING, on=on)
    assert "§4.3.3" in task.ref and "GIẢ ĐỊNH cần xác nhận" in task.note
    assert task.value.parts_provisional and (task.value.error_deduction, task.value.delay_deduction) == (25, 25)  # fmt: skip


def test_a_head_cap_violation_cites_the_assumption():
    from canbo.rules.evaluation import RatingItem, check_ratings

    item = RatingItem(1, "excellent", is_head=True)
    [v] = [v for v in check_ratings([item], 2026, unit_rating="good") if v.code == "above_cap"]
    assert "GIẢ ĐỊNH cần xác nhận" in v.message

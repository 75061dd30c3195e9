"""Evaluation, rating and confidence-vote rules, each with the year it belongs to."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from canbo.rules import evaluation as ev
from canbo.rules.registry import (
    CONFIDENCE_VOTE_THRESHOLDS,
    EVALUATION_EXCELLENT_CAP,
    EVALUATION_SCORE_SCALE,
    rule,
)

E, G, C, I = "excellent", "good", "complete", "incomplete"  # noqa: E741
RATINGS = st.sampled_from([E, G, C, I])
YEARS_100 = st.integers(min_value=2026, max_value=2040)
scores = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False)


def personal(violations):
    """The violations of the person's own caps (not the unit-wide cap on "excellent")."""
    return [v for v in violations if v.code != "excellent_cap"]


# --- the 100-point scale (NĐ 335/2025, from 2026) ----------------------------------------------


@given(scores, YEARS_100)
def test_score_bands_from_2026(score, year):
    rating = ev.rating_from_score(score, year)
    expected = E if score >= 90 else G if score >= 70 else C if score >= 50 else I
    assert rating == expected


@pytest.mark.parametrize(
    ("score", "rating"),
    [(100, E), (90, E), (Decimal("89.99"), G), (70, G), (Decimal("69.99"), C), (50, C),
     (Decimal("49.99"), I), (0, I)],
)  # fmt: skip
def test_score_band_boundaries(score, rating):
    assert ev.rating_from_score(score, 2026) == rating


@given(st.integers(min_value=2000, max_value=2025))
def test_no_point_scale_before_2026(year):
    with pytest.raises(ValueError, match="chưa áp dụng thang 100 điểm"):
        ev.rating_from_score(95, year)


@given(
    st.decimals(min_value=-50, max_value=150, places=2, allow_nan=False),
    st.decimals(min_value=-50, max_value=150, places=2, allow_nan=False),
)
def test_score_parts_within_30_and_70(general, results):
    if 0 <= general <= 30 and 0 <= results <= 70:
        assert ev.check_score(general, results, 2026) == general + results
    else:
        with pytest.raises(ValueError):
            ev.check_score(general, results, 2026)


def test_scale_row_names_its_source():
    row = rule(EVALUATION_SCORE_SCALE, on=date(2026, 12, 31))
    assert "NĐ 335/2025" in row.source
    assert row.value.general_max + row.value.results_max == 100


# --- the cap on "excellent" (20 % of "good", NĐ 335 from 2026) ----------------------------------


@given(st.integers(0, 60), st.integers(0, 300), YEARS_100)
def test_excellent_cap_2026(excellent, good, year):
    ratings = [E] * excellent + [G] * good + [C] * 3
    items = [ev.RatingItem(i, r) for i, r in enumerate(ratings)]
    caps = [v for v in ev.check_ratings(items, year) if v.code == "excellent_cap"]
    assert bool(caps) == (excellent * 5 > good)
    if caps:
        assert "NĐ 335/2025" in caps[0].message
        assert f"tối đa {good // 5}" in caps[0].message


@given(st.integers(0, 400), st.integers(0, 400), st.integers(2011, 2025))
def test_no_individual_excellent_cap_before_2026(excellent, good, year):
    items = [ev.RatingItem(None, E)] * excellent + [ev.RatingItem(None, G)] * good
    assert not [v for v in ev.check_ratings(items, year) if v.code == "excellent_cap"]


def test_seed_2011_figures_break_no_rule_of_2011():
    """Tiên Lãng 2011: 318 excellent next to 276 good was lawful then (no cap)."""
    items = [ev.RatingItem(None, r) for r in [E] * 318 + [G] * 276 + [C] * 14 + [I] * 2]
    assert ev.check_ratings(items, 2011) == []
    assert [v.code for v in ev.check_ratings(items, 2026)] == ["excellent_cap"]


@given(st.integers(0, 30), st.integers(0, 150))
def test_collective_cap_only_under_qd_124(excellent, good):
    ratings = [E] * excellent + [G] * good
    assert bool(ev.check_collective_ratings(ratings, 2024)) == (excellent * 5 > good)
    assert ev.check_collective_ratings(ratings, 2022) == []
    assert ev.check_collective_ratings(ratings, 2026) == []


def test_cap_row_dates():
    assert rule(EVALUATION_EXCELLENT_CAP, on=date(2026, 1, 1)).value.denominator == 5
    with pytest.raises(LookupError):
        rule(EVALUATION_EXCELLENT_CAP, on=date(2025, 12, 31))


# --- sanction in the year → incomplete ----------------------------------------------------------


@given(RATINGS, st.integers(2019, 2040))
def test_sanction_in_year_forces_incomplete(rating, year):
    item = ev.RatingItem(1, rating, name="Lê Văn B", sanctioned_in_year=True)
    violations = personal(ev.check_ratings([item], year))
    assert bool(violations) == (rating != I)
    if violations:
        assert "kỷ luật trong năm" in violations[0].message


@given(RATINGS, st.integers(2000, 2018))
def test_no_sanction_rule_before_2019(rating, year):
    item = ev.RatingItem(1, rating, sanctioned_in_year=True)
    assert ev.check_ratings([item], year) == []


def test_sanction_source_changes_with_the_year():
    msg_2020 = ev.check_ratings([ev.RatingItem(1, G, sanctioned_in_year=True)], 2020)[0].message
    msg_2024 = ev.check_ratings([ev.RatingItem(1, G, sanctioned_in_year=True)], 2024)[0].message
    assert "HD 21" in msg_2020
    assert "NĐ 48/2023" in msg_2024


# --- months worked (NĐ 90/2020 Đ2 k3, from 2020) ----------------------------------------------


@given(st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)), st.integers(2016, 2034))
def test_months_worked_is_within_the_year(start, year):
    n = ev.months_worked(start, year)
    assert 0 <= n <= 12
    if start <= date(year, 1, 1):
        assert n == 12
    if start > date(year, 12, 1):
        assert n == 0


@pytest.mark.parametrize(
    ("start", "months", "ok"),
    [(date(2024, 7, 1), 6, True), (date(2024, 7, 2), 5, False), (date(2024, 6, 15), 6, True),
     (date(2024, 1, 1), 12, True), (date(2023, 3, 3), 12, True), (date(2025, 1, 1), 0, False)],
)  # fmt: skip
def test_six_months_boundary(start, months, ok):
    class P:
        recruited_on = start

    assert ev.months_worked(start, 2024) == months
    allowed, reason = ev.evaluable(P(), 2024)
    assert allowed is ok
    assert (reason == "") is ok


@given(st.integers(0, 12), st.integers(2000, 2019))
def test_no_months_rule_before_nd_90(months, year):
    assert ev.evaluable_by_months(months, year) == (True, "")


def test_maternity_is_rated_whatever_the_months():
    assert ev.evaluable_by_months(2, 2024, maternity=True) == (True, "")


@given(RATINGS, st.integers(0, 12), st.integers(2021, 2040))
def test_absence_three_to_six_months_caps_at_complete(rating, absent, year):
    violations = personal(ev.check_ratings([ev.RatingItem(1, rating, months_absent=absent)], year))
    expected = 3 <= absent < 6 and rating in (E, G)
    assert bool(violations) == expected


# --- head capped by the unit's rating (from 15/9/2023) -----------------------------------------


@given(RATINGS, RATINGS, st.integers(2024, 2040))
def test_head_not_above_unit(head_rating, unit_rating, year):
    item = ev.RatingItem(1, head_rating, is_head=True)
    violations = personal(ev.check_ratings([item], year, unit_rating=unit_rating))
    assert bool(violations) == ev.is_above(head_rating, unit_rating)


@given(RATINGS, RATINGS)
def test_head_cap_not_applied_in_2022_nor_to_others(head_rating, unit_rating):
    assert personal(ev.check_ratings([ev.RatingItem(1, head_rating, is_head=True)], 2022, unit_rating)) == []  # fmt: skip
    assert personal(ev.check_ratings([ev.RatingItem(1, head_rating)], 2025, unit_rating)) == []


# --- two years incomplete (Luật CBCC 2019 Đ29, Đ58) --------------------------------------------


def test_two_consecutive_years_incomplete():
    history = {2023: I, 2024: I}
    codes = {c.code for c in ev.incomplete_consequences(history, 2024, {"can_bo", "cong_chuc"})}
    assert codes == {"dismissal", "termination"}
    assert ev.incomplete_consequences({2022: I, 2023: C, 2024: I}, 2024, {"cong_chuc"}) == []


def test_leader_two_within_term_and_non_leader_two_of_three():
    history = {2021: I, 2022: G, 2023: G, 2024: I}
    assert [c.code for c in ev.incomplete_consequences(history, 2024, {"leader"})] == [
        "not_reappointed"
    ]
    assert ev.incomplete_consequences(history, 2024, {"non_leader"}) == []
    history = {2022: I, 2023: G, 2024: I}
    assert [c.code for c in ev.incomplete_consequences(history, 2024, {"non_leader"})] == [
        "lower_position"
    ]


@given(st.dictionaries(st.integers(2015, 2030), RATINGS), st.integers(2020, 2030))
def test_consequence_needs_this_year_incomplete_and_two(history, year):
    for c in ev.incomplete_consequences(history, year, {"can_bo", "cong_chuc", "leader", "non_leader"}):  # fmt: skip
        assert history[year] == I
        assert len(c.years) >= 2


# --- confidence votes (QĐ 96-QĐ/TW, 2023) -----------------------------------------------------

ON = date(2024, 6, 1)


@given(st.integers(1, 500), st.data())
def test_quorum_two_thirds(convened, data):
    present = data.draw(st.integers(0, convened))
    assert ev.quorum_met(convened, present, ON) == (3 * present >= 2 * convened)


@pytest.mark.parametrize(
    ("low", "consequence"),
    [(50, ""), (51, "planning_removal"), (66, "planning_removal"), (67, "dismissal"),
     (100, "dismissal")],
)  # fmt: skip
def test_vote_thresholds_at_the_boundaries_of_100(low, consequence):
    out = ev.vote_outcome(convened=100, present=100, high=100 - low, normal=0, low=low, on=ON)
    assert out.consequence == consequence
    assert out.low_share == Decimal(low)


@pytest.mark.parametrize(
    ("low", "consequence"), [(45, ""), (46, "planning_removal"), (59, "planning_removal"), (60, "dismissal")]
)  # fmt: skip
def test_two_thirds_exactly_is_dismissal(low, consequence):
    out = ev.vote_outcome(convened=90, present=80, high=80 - low, normal=0, low=low, on=ON)
    assert out.consequence == consequence


@given(st.integers(1, 300), st.data())
def test_vote_consequence_follows_low_share_of_convened(convened, data):
    present = data.draw(st.integers(0, convened))
    low = data.draw(st.integers(0, present))
    out = ev.vote_outcome(convened=convened, present=present, high=present - low, normal=0, low=low, on=ON)  # fmt: skip
    if 3 * present < 2 * convened:
        assert not out.quorum_met and out.consequence == ""
    elif 3 * low >= 2 * convened:
        assert out.consequence == "dismissal"
    elif 2 * low > convened:
        assert out.consequence == "planning_removal"
    else:
        assert out.consequence == ""
    assert out.provisional  # the base of QĐ 96 was not found (RULES §3.11)


def test_vote_base_is_flagged_as_a_guess():
    assert "GIẢ ĐỊNH" in rule(CONFIDENCE_VOTE_THRESHOLDS, on=ON).note
    with pytest.raises(LookupError):
        ev.vote_outcome(convened=10, present=10, high=10, normal=0, low=0, on=date(2022, 1, 1))


@given(
    st.integers(0, 50),
    st.integers(0, 50),
    st.integers(0, 50),
    st.integers(0, 50),
    st.integers(0, 50),
)
def test_vote_counts_checked(convened, present, high, normal, low):
    errors = ev.check_vote_counts(convened, present, high, normal, low)
    assert bool(errors) == (present > convened or high + normal + low > present)


# --- task results (NĐ 335/2025: −25 % quality per major error, −25 % progress per delay) -------

tasks = st.lists(
    st.builds(
        ev.TaskResult,
        weight=st.integers(1, 10),
        done_percent=st.integers(0, 100),
        major_errors=st.integers(0, 6),
        delays=st.integers(0, 6),
    ),
    min_size=1,
    max_size=12,
)


@given(tasks, YEARS_100)
def test_results_score_within_0_and_70(ts, year):
    assert Decimal(0) <= ev.results_score(ts, year) <= Decimal(70)


def test_results_score_examples():
    assert ev.results_score([ev.TaskResult(1)], 2026) == Decimal("70.00")
    # one major error: quality 75 % → (1 + 0.75 + 1) / 3 of 70
    assert ev.results_score([ev.TaskResult(1, major_errors=1)], 2026) == Decimal("64.17")
    # four delays wipe out the progress part, not more
    assert ev.results_score([ev.TaskResult(1, delays=4)], 2026) == ev.results_score([ev.TaskResult(1, delays=9)], 2026)  # fmt: skip
    # weights count
    heavy_failed = [ev.TaskResult(3, done_percent=0, major_errors=4, delays=4), ev.TaskResult(1)]
    assert ev.results_score(heavy_failed, 2026) == Decimal("17.50")


@given(tasks, st.integers(0, 11))
def test_each_error_or_delay_lowers_or_keeps_the_score(ts, i):
    t = ts[i % len(ts)]
    worse = list(ts)
    worse[i % len(ts)] = ev.TaskResult(t.weight, t.done_percent, t.major_errors + 1, t.delays + 1)
    assert ev.results_score(worse, 2026) <= ev.results_score(ts, 2026)


def test_no_task_scoring_before_2026():
    with pytest.raises(ValueError, match="chưa áp dụng thang 100 điểm"):
        ev.results_score([ev.TaskResult(1)], 2025)
    with pytest.raises(ValueError, match="Chưa có nhiệm vụ"):
        ev.results_score([], 2026)

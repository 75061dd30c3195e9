"""Who a confidence vote is not held on (QĐ 96-QĐ/TW Đ3, RULES §3.2–3.3), as a pure rule."""

from datetime import date, timedelta

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from canbo.rules.evaluation import VoteFacts, vote_exemption
from canbo.rules.registry import CONFIDENCE_VOTE_EXEMPTIONS, rule

HELD = date(2026, 6, 1)


def _why(facts, on=HELD):
    with translation.override(None):
        return vote_exemption(facts, on)


def test_registry_row_names_qd96():
    row = rule(CONFIDENCE_VOTE_EXEMPTIONS, on=HELD)
    assert "QĐ 96" in row.source and row.ref == "RULES §3.2–3.3"
    assert row.value.leadership_only and row.value.retirement_notice
    assert {"appointment", "election"} <= set(row.value.appointed_kinds)


def test_a_leader_in_post_before_the_year_is_voted_on():
    assert _why(VoteFacts(taken_in_year=())) == ""


def test_each_exemption_with_its_reason():
    assert "Không còn công tác" in _why(VoteFacts(active=False))
    assert "chờ nghỉ hưu (01/03/2026)" in _why(VoteFacts(retirement_notified_on=date(2026, 3, 1)))
    assert "trong năm lấy phiếu (02/02/2026)" in _why(
        VoteFacts(taken_in_year=(("election", date(2026, 2, 2)),))
    )
    assert "Không giữ chức vụ lãnh đạo, quản lý" in _why(VoteFacts(holds_leadership=False))
    assert "QĐ 96-QĐ/TW" in _why(VoteFacts(holds_leadership=False))


def test_a_transfer_or_a_concurrent_post_in_the_year_does_not_exempt():
    taken = (("transfer", date(2026, 2, 1)), ("concurrent", date(2026, 3, 1)))
    assert _why(VoteFacts(taken_in_year=taken)) == ""


def test_before_qd96_no_rule_is_a_refusal_with_the_reason():
    assert "Không có quy định" in _why(VoteFacts(), on=date(2022, 6, 1))


@given(st.integers(min_value=-800, max_value=800))
def test_retirement_notice_exempts_from_its_date_on(days):
    notified = HELD + timedelta(days=days)
    why = _why(VoteFacts(retirement_notified_on=notified))
    assert bool(why) == (notified <= HELD)


@given(
    st.integers(min_value=-500, max_value=500),
    st.sampled_from(["appointment", "election", "reappointment"]),
)
def test_appointment_exempts_only_in_the_year_and_up_to_the_vote(days, kind):
    start = HELD + timedelta(days=days)
    why = _why(VoteFacts(taken_in_year=((kind, start),)))
    assert bool(why) == (start.year == HELD.year and start <= HELD)

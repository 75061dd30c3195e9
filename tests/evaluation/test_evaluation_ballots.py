"""Individual confidence ballots (anonymous): entered by hand or from a sheet, tallied into the
counts and checked against them; the outcomes flow to the person's profile with the
consequences the rules flag."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import Workbook

from canbo.evaluation import services
from canbo.evaluation.importing import import_ballots, parse_choice
from canbo.evaluation.models import Ballot, BallotMark, VoteResult
from canbo.evaluation.selectors import ballot_check, ballot_tally, person_outcomes
from canbo.evaluation.services import imported_ratings_save
from tests.factories import PersonFactory, make_leader, unit, user_with_grant

pytestmark = pytest.mark.django_db
H, N, L = "high", "normal", "low"


@pytest.fixture
def session():
    where = unit("bch", "Ban Chấp hành")
    a = make_leader(PersonFactory(unit=where, full_name="Trần Văn An"))
    b = make_leader(PersonFactory(unit=where, full_name="Lê Thị Bình"))
    vote = services.vote_create(actor=None, unit=where, body="Hội nghị BCH", held_on=date(2026, 6, 1), convened=6, present=5)  # fmt: skip
    return where, vote, a, b


def test_ballots_are_tallied_into_the_counts(session):
    _w, vote, a, b = session
    services.ballots_add(
        actor=None, vote=vote,
        ballots=[{a: H, b: L}, {a: H, b: L}, {a: N, b: L}, {a: L, b: L}, {a: H}],
    )  # fmt: skip
    assert sorted(Ballot.objects.filter(vote=vote).values_list("number", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
    ]
    assert BallotMark.objects.count() == 9  # a blank is no mark; no voter is recorded anywhere
    assert ballot_tally(vote) == {a.pk: (3, 1, 1), b.pk: (0, 0, 4)}
    assert services.ballots_to_counts(actor=None, vote=vote) == 2
    counts = {r.person_id: (r.high, r.normal, r.low) for r in VoteResult.objects.all()}
    assert counts == {a.pk: (3, 1, 1), b.pk: (0, 0, 4)}
    # 4 low of 6 convened ≥ 2/3: dismissal; the base is the assumption of RULES §3.11
    assert VoteResult.objects.get(person=b).outcome().consequence == "dismissal"
    assert all(row["agrees"] for row in ballot_check(vote))


def test_check_finds_counts_that_differ_from_the_ballots(session):
    _w, vote, a, b = session
    services.vote_result_add(actor=None, vote=vote, person=a, high=3, normal=1, low=1)
    services.vote_result_add(actor=None, vote=vote, person=b, high=2, normal=2, low=1)
    services.ballots_add(actor=None, vote=vote, ballots=[{a: H, b: H}, {a: H}, {a: H, b: N}, {a: N}, {a: L}])  # fmt: skip
    rows = {r["person"].pk: r for r in ballot_check(vote)}
    assert rows[a.pk]["agrees"] and rows[a.pk]["tally"] == (3, 1, 1)
    assert not rows[b.pk]["agrees"] and rows[b.pk]["tally"] == (1, 1, 0)


def test_more_ballots_than_present_refused(session):
    _w, vote, a, _b = session
    with pytest.raises(ValidationError, match="vượt số người có mặt"):
        services.ballots_add(actor=None, vote=vote, ballots=[{a: H}] * 6)
    services.ballots_add(actor=None, vote=vote, ballots=[{a: H}] * 4)
    with pytest.raises(ValidationError, match=r"Số phiếu \(6\) vượt số người có mặt \(5\)"):
        services.ballots_add(actor=None, vote=vote, ballots=[{a: H}] * 2)
    assert Ballot.objects.count() == 4


def test_exempt_person_and_bad_choice_refused(session):
    where, vote, a, _b = session
    retired = PersonFactory(unit=where, full_name="Đã Nghỉ Hưu", status="retired")
    with pytest.raises(ValidationError, match="Không còn công tác"):
        services.ballots_add(actor=None, vote=vote, ballots=[{a: H, retired: L}])
    with pytest.raises(ValidationError, match="không hợp lệ"):
        services.ballots_add(actor=None, vote=vote, ballots=[{a: "x"}])
    assert not Ballot.objects.exists()


def test_only_change_rights_enter_ballots(session):
    where, vote, a, _b = session
    with pytest.raises(PermissionDenied):
        services.ballots_add(actor=user_with_grant("leader", where), vote=vote, ballots=[{a: H}])
    services.ballots_add(actor=user_with_grant("org-board", where), vote=vote, ballots=[{a: H}])


@pytest.mark.parametrize(
    ("text", "choice"),
    [("Tín nhiệm cao", H), ("tin nhiem cao", H), ("TNC", H), ("Tín nhiệm", N), ("TN", N),
     ("Tín nhiệm thấp", L), ("thấp", L), ("", "")],
)  # fmt: skip
def test_parse_choice(text, choice):
    assert parse_choice(text) == choice


def test_parse_choice_refuses_anything_else():
    with pytest.raises(ValueError, match="không phải mức tín nhiệm"):
        parse_choice("x")


def _book(tmp_path, rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    path = tmp_path / "phieu.xlsx"
    wb.save(path)
    return path


def test_ballot_sheet_all_or_nothing(session, tmp_path):
    _w, vote, a, b = session
    bad = _book(tmp_path, [["Phiếu số", a.citizen_id, b.citizen_id], [1, "Tín nhiệm cao", "thấp"], [2, "cao", "có"]])  # fmt: skip
    result = import_ballots(bad, vote=vote)
    assert [(p.row, p.column, p.value) for p in result.problems] == [(3, "C", "có")]
    assert not Ballot.objects.exists()
    unknown = _book(tmp_path, [["Phiếu số", "001099000001"], [1, "cao"]])
    assert "Không có cán bộ" in import_ballots(unknown, vote=vote).problems[0].message
    good = _book(tmp_path, [["Phiếu số", a.citizen_id, b.citizen_id], [1, "Tín nhiệm cao", "thấp"], [2, "TN", None], [3, None, None]])  # fmt: skip
    assert import_ballots(good, vote=vote).saved == 2
    assert ballot_tally(vote) == {a.pk: (1, 1, 0), b.pk: (0, 0, 1)}


def test_session_page_ballots_by_hand_and_tally(client, session):
    where, vote, a, b = session
    client.force_login(user_with_grant("org-board", where))
    url = reverse("evaluation:vote", args=[vote.pk])
    services.vote_result_add(actor=None, vote=vote, person=a, high=0, normal=0, low=0)
    services.vote_result_add(actor=None, vote=vote, person=b, high=0, normal=0, low=0)
    for choice in (H, H, L):
        r = client.post(url, {"action": "ballot", f"p{a.pk}": choice, f"p{b.pk}": N})
        assert r.status_code == 302
    page = client.get(url).content.decode()
    assert "Đã nhập 3 phiếu" in page and 'data-agrees="0"' in page
    assert client.post(url, {"action": "tally"}).status_code == 302
    assert VoteResult.objects.get(person=a).high == 2
    assert 'data-agrees="0"' not in client.get(url).content.decode()


def test_profile_shows_ratings_votes_and_flags(client, session):
    where, vote, a, _b = session
    imported_ratings_save(
        rows=[(a, 2024, "incomplete"), (a, 2025, "incomplete"), (a, 2023, "good")]
    )
    services.vote_result_add(actor=None, vote=vote, person=a, high=1, normal=1, low=3)
    out = person_outcomes(a)
    assert [e.year for e in out["ratings"]] == [2025, 2024, 2023]
    flags = " ".join(out["flags"])
    assert "2 năm không hoàn thành nhiệm vụ (2024, 2025)" in flags
    # 3 low of 6 convened is exactly 1/2: not "more than 1/2", no vote consequence
    assert "tín nhiệm thấp" not in flags
    VoteResult.objects.filter(person=a).update(low=4, high=0)
    assert "Phiếu tín nhiệm thấp từ 2/3 trở lên" in " ".join(person_outcomes(a)["flags"])
    client.force_login(user_with_grant("org-board", where))
    page = client.get(reverse("people:detail", args=[a.pk])).content.decode()
    assert 'id="evaluation-outcomes"' in page and 'id="evaluation-flags"' in page
    assert "Hội nghị BCH" in page

"""The people voted on are added to a session before any count (those the rules exempt refused
with the reason, QĐ 96-QĐ/TW Đ3), then ballots are entered by hand and tallied."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from canbo.evaluation import services
from canbo.evaluation.models import Ballot, VoteCandidate, VoteResult
from tests.factories import PersonFactory, make_leader, unit, user_with_grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    where = unit("bch", "Ban Chấp hành")
    vote = services.vote_create(actor=None, unit=where, body="Hội nghị BCH", held_on=date(2026, 6, 1), convened=6, present=5)  # fmt: skip
    return where, vote


def test_add_a_leader_then_enter_a_ballot(session):
    where, vote = session
    a = make_leader(PersonFactory(unit=where, full_name="Trần Văn An"))
    services.vote_person_add(actor=None, vote=vote, person=a)
    assert VoteCandidate.objects.filter(vote=vote, person=a).exists()
    with pytest.raises(ValidationError, match="đã có trong danh sách"):
        services.vote_person_add(actor=None, vote=vote, person=a)
    services.ballots_add(actor=None, vote=vote, ballots=[{a: "low"}, {a: "high"}])
    services.ballots_to_counts(actor=None, vote=vote)
    assert VoteResult.objects.get(vote=vote, person=a).low == 1


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        (lambda p: None, "Không giữ chức vụ lãnh đạo, quản lý"),
        (
            lambda p: make_leader(p, since=date(2026, 3, 1)),
            "bổ nhiệm hoặc bầu giữ chức vụ trong năm",
        ),  # fmt: skip
        (lambda p: make_leader(p, since=date(2026, 3, 1), kind="election"), "trong năm lấy phiếu"),
        (
            lambda p: (make_leader(p), _set(p, retirement_notified_on=date(2026, 5, 1))),
            "thông báo nghỉ công tác chờ nghỉ hưu",
        ),  # fmt: skip
        (lambda p: (make_leader(p), _set(p, status="retired")), "Không còn công tác"),
    ],
)
def test_exempt_people_refused_with_the_reason(session, setup, reason):
    where, vote = session
    person = PersonFactory(unit=where, full_name="Người Được Xét")
    setup(person)
    person.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.vote_person_add(actor=None, vote=vote, person=person)
    assert "Người Được Xét" in exc.value.messages[0] and reason in exc.value.messages[0]
    assert not VoteCandidate.objects.exists()
    # the same reason stops counts and ballots for him
    with pytest.raises(ValidationError, match=reason):
        services.vote_result_add(actor=None, vote=vote, person=person, high=1, normal=1, low=1)
    with pytest.raises(ValidationError, match=reason):
        services.ballots_add(actor=None, vote=vote, ballots=[{person: "high"}])


def _set(person, **fields):
    for k, v in fields.items():
        setattr(person, k, v)
    person.save()


def test_notice_after_the_session_does_not_exempt(session):
    where, vote = session
    person = make_leader(PersonFactory(unit=where, retirement_notified_on=date(2026, 9, 1)))
    services.vote_person_add(actor=None, vote=vote, person=person)


def test_appointed_the_year_before_is_voted_on(session):
    where, vote = session
    person = make_leader(PersonFactory(unit=where), since=date(2025, 12, 31))
    services.vote_person_add(actor=None, vote=vote, person=person)


def test_only_change_rights_add_people(session):
    where, vote = session
    person = make_leader(PersonFactory(unit=where))
    viewer = user_with_grant("org-board", where, actions=["view"])
    with pytest.raises(PermissionDenied):
        services.vote_person_add(actor=viewer, vote=vote, person=person)
    staff = user_with_grant("org-board", where)
    services.vote_person_add(actor=staff, vote=vote, person=person)


def test_empty_session_page_adds_people_then_ballots_by_hand(staff_client, session):
    where, vote = session
    a = make_leader(PersonFactory(unit=where, full_name="Trần Văn An"))
    new = make_leader(PersonFactory(unit=where, full_name="Mới Bổ Nhiệm"), since=date(2026, 2, 1))
    PersonFactory(unit=where, full_name="Không Chức Vụ")
    url = reverse("evaluation:vote", args=[vote.pk])
    page = staff_client.get(url).content.decode()
    assert 'id="no-ballot-people"' in page and 'id="ballot-entry"' not in page
    # only holders of a leadership post are offered
    assert "Trần Văn An" in page and "Mới Bổ Nhiệm" in page and "Không Chức Vụ" not in page

    refused = staff_client.post(url, {"action": "person", "person": new.pk}, follow=True)
    assert "bổ nhiệm hoặc bầu giữ chức vụ trong năm" in refused.content.decode()
    assert not VoteCandidate.objects.exists()

    staff_client.post(url, {"action": "person", "person": a.pk})
    page = staff_client.get(url).content.decode()
    assert 'id="ballot-entry"' in page and f'name="p{a.pk}"' in page

    staff_client.post(url, {"action": "ballot", f"p{a.pk}": "normal"})
    staff_client.post(url, {"action": "ballot", f"p{a.pk}": "high"})
    assert Ballot.objects.filter(vote=vote).count() == 2
    staff_client.post(url, {"action": "tally"})
    result = VoteResult.objects.get(vote=vote, person=a)
    assert (result.high, result.normal, result.low) == (1, 1, 0)
    # once on the ballot, he is no longer offered
    page = staff_client.get(url).content.decode()
    assert f'<option value="{a.pk}"' not in page


def test_person_outside_the_scope_cannot_be_added_from_the_page(client, session):
    where, vote = session
    outsider = make_leader(PersonFactory(unit=unit("khac", "Đơn vị khác")))
    client.force_login(user_with_grant("org-board", where))
    url = reverse("evaluation:vote", args=[vote.pk])
    response = client.post(url, {"action": "person", "person": outsider.pk}, follow=True)
    assert "Hãy chọn người được lấy phiếu" in response.content.decode()
    assert not VoteCandidate.objects.exists()


def test_session_before_the_rules_in_the_registry_is_refused():
    with pytest.raises(ValidationError, match="Chưa có quy định lấy phiếu tín nhiệm"):
        services.vote_create(actor=None, unit=unit("u", "U"), body="Hội nghị", held_on=date(2022, 6, 1), convened=5, present=5)  # fmt: skip


def test_a_person_added_by_mistake_is_taken_back_until_something_is_entered(staff_client, session):
    where, vote = session
    a = make_leader(PersonFactory(unit=where, full_name="Trần Văn An"))
    b = make_leader(PersonFactory(unit=where, full_name="Lê Thị Bình"))
    services.vote_person_add(actor=None, vote=vote, person=a)
    services.vote_person_add(actor=None, vote=vote, person=b)
    url = reverse("evaluation:vote", args=[vote.pk])
    assert staff_client.get(url).content.decode().count("Bỏ khỏi danh sách") == 2
    staff_client.post(url, {"action": "unperson", "person": b.pk})
    assert list(VoteCandidate.objects.values_list("person_id", flat=True)) == [a.pk]
    services.ballots_add(actor=None, vote=vote, ballots=[{a: "high"}])
    with pytest.raises(ValidationError, match="đã có phiếu"):
        services.vote_person_remove(actor=None, vote=vote, person=a)
    assert "Bỏ khỏi danh sách" not in staff_client.get(url).content.decode()


def test_profile_shows_the_retirement_notice(staff_client, session):
    where, _vote = session
    person = PersonFactory(unit=where, retirement_notified_on=date(2026, 4, 1))
    page = staff_client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert 'id="retirement-notice"' in page and "01/04/2026" in page


def test_profile_form_edits_the_retirement_notice():
    from canbo.people.forms import PersonForm

    assert "retirement_notified_on" in PersonForm.base_fields

"""The audit browse page and the profile's history tab: filters, scoping by "audit" grants."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from canbo.audit import audit_context
from canbo.audit.models import AuditEntry
from canbo.people.services import person_update
from canbo.posts.services import assignment_create
from tests.factories import (
    DecisionFactory,
    PersonFactory,
    TitleFactory,
    post,
    unit,
    user_with_grant,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def province():
    root = unit("tinh", kind="province")
    return root, unit("xa-a", parent=root), unit("xa-b", parent=root)


def _change(person, user=None, **fields):
    for key, value in fields.items():
        setattr(person, key, value)
    with audit_context(source="web", user=user):
        person_update(person=person, expected_version=person.version)


def test_superuser_browses_everything_and_filters(staff_client, user, province):
    _, a, b = province
    mai = PersonFactory(unit=a, full_name="Lê Thị Mai")
    nam = PersonFactory(unit=b, full_name="Trần Văn Nam")
    _change(mai, user=user, phone="0912")
    _change(nam, phone="0988")
    url = reverse("audit:list")
    body = staff_client.get(url).content.decode()
    assert "Lê Thị Mai" in body and "Trần Văn Nam" in body

    by_person = staff_client.get(url, {"person": mai.pk}).content.decode()
    assert "Lê Thị Mai" in by_person and "Trần Văn Nam" not in by_person
    by_user = staff_client.get(url, {"user": user.username}).content.decode()
    assert "0912" in by_user and "0988" not in by_user
    assert "0912" not in staff_client.get(url, {"action": "create"}).content.decode()
    assert "0912" in staff_client.get(url, {"action": "update", "source": "web"}).content.decode()
    today = timezone.localdate()
    assert "0912" in staff_client.get(url, {"date_from": today, "date_to": today}).content.decode()
    tomorrow = today + timedelta(days=1)
    empty = staff_client.get(url, {"date_from": tomorrow}).content.decode()
    assert "Không có mục nào khớp bộ lọc" in empty


def test_browse_page_is_paginated(staff_client, province):
    person = PersonFactory(unit=province[1])
    for i in range(55):
        _change(person, phone=f"09{i:08d}")
    first = staff_client.get(reverse("audit:list")).content.decode()
    assert "Trang 1 / 2" in first
    second = staff_client.get(reverse("audit:list"), {"page": 2}).content.decode()
    assert "Trang 2 / 2" in second


def test_an_auditor_sees_only_entries_about_people_in_the_grant(client, province):
    root, a, b = province
    inside = PersonFactory(unit=a, full_name="Lê Thị Mai")
    outside = PersonFactory(unit=b, full_name="Trần Văn Nam")
    _change(inside, phone="0912")
    _change(outside, phone="0988")
    auditor = user_with_grant("org-board", a, actions=["view", "audit"])
    client.force_login(auditor)
    body = client.get(reverse("audit:list")).content.decode()
    assert "Lê Thị Mai" in body and "Trần Văn Nam" not in body and "0988" not in body
    # asking for the outsider by id answers as if there were nothing
    assert (
        "Trần Văn Nam"
        not in client.get(reverse("audit:list"), {"person": outside.pk}).content.decode()
    )
    # the history tab of a person outside the grant does not exist for the auditor
    assert client.get(reverse("audit:person_history", args=[outside.pk])).status_code == 404
    assert client.get(reverse("audit:person_history", args=[inside.pk])).status_code == 200


def test_without_the_audit_action_the_log_is_closed(client, province):
    viewer = user_with_grant("org-board", province[0], actions=["view", "change"])
    client.force_login(viewer)
    assert client.get(reverse("audit:list")).status_code == 403
    person = PersonFactory(unit=province[1])
    assert client.get(reverse("audit:person_history", args=[person.pk])).status_code == 404
    body = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert 'id="history"' not in body


def test_history_tab_shows_what_changed_by_whom_and_the_decision(staff_client, user, province):
    _, a, b = province
    person = PersonFactory(unit=a, full_name="Lê Thị Mai")
    _change(person, user=user, phone="0912 345 678")
    decision = DecisionFactory(number="208-QĐ/HU", issued_on=date(2024, 1, 1))
    with audit_context(source="web", user=user):
        assignment_create(person=person, post=post(b, TitleFactory(name="Bí thư Đảng ủy")),
                          kind="appointment", start_date=date(2024, 1, 2), decision=decision)  # fmt: skip
    profile = staff_client.get(reverse("people:detail", args=[person.pk])).content.decode()
    history_url = reverse("audit:person_history", args=[person.pk])
    assert 'id="history"' in profile and history_url in profile
    body = staff_client.get(history_url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in body
    assert "Điện thoại" in body and "0912 345 678" in body and user.username in body
    assert "208-QĐ/HU" in body and "Bí thư Đảng ủy" in body
    # the unit change shows names, not ids
    assert "xa-b" in body
    # views are in the log but not in the history tab
    assert AuditEntry.objects.filter(action="view", person_id=person.pk).exists()
    assert "Xem hồ sơ" not in body

"""The audit log: one entry per change wherever it comes from, in the change's transaction;
views and exports logged; entries immutable."""

import sys
from datetime import date

import pytest
from django.db import connections, transaction
from django.db.models import Max
from django.urls import reverse

from canbo.audit import audit_context, record_export
from canbo.audit.models import AuditEntry, ImmutableError
from canbo.people.models import Award, Person
from canbo.people.services import person_create, person_update
from canbo.posts.models import Title
from canbo.posts.services import assignment_create
from tests.factories import DecisionFactory, PersonFactory, TitleFactory, post, unit

pytestmark = pytest.mark.django_db


def last_id() -> int:
    return AuditEntry.objects.aggregate(m=Max("id"))["m"] or 0


def entries(**filters):
    return list(AuditEntry.objects.filter(**filters).order_by("id"))


def test_service_create_update_delete_each_write_one_entry_with_before_and_after():
    u = unit("xa-a")
    start = last_id()
    person = Person(full_name="Lê Thị Mai", gender="female", birth_date=date(1985, 2, 3), unit=u)
    with audit_context(source="cli", username="cli:tester"):
        person_create(person=person)
    [created] = entries(id__gt=start)
    assert (created.action, created.model, created.object_id) == (
        "create",
        "people.Person",
        str(person.pk),
    )
    assert (
        created.person_id == person.pk
        and created.source == "cli"
        and created.username == "cli:tester"
    )
    assert created.after["full_name"] == "Lê Thị Mai" and created.after["unit"] == u.pk
    assert created.before is None

    mark = last_id()
    person.phone = "0912 345 678"
    person.residence = "Phường Tân Dân"
    person_update(person=person, expected_version=1)
    [updated] = entries(id__gt=mark)
    assert updated.action == "update" and updated.source == "system"
    assert updated.before == {"phone": "", "residence": ""}
    assert updated.after == {"phone": "0912 345 678", "residence": "Phường Tân Dân"}

    mark = updated.id
    pk = person.pk
    person.delete()
    [deleted] = entries(id__gt=mark)
    assert (deleted.action, deleted.object_id, deleted.person_id) == ("delete", str(pk), pk)
    assert deleted.object_repr == "Lê Thị Mai" and deleted.before["phone"] == "0912 345 678"


def test_a_saved_section_row_is_about_its_person():
    person = PersonFactory(unit=unit("u"))
    mark = last_id()
    award = Award.objects.create(person=person, year=2020, form="Bằng khen của Chủ tịch UBND tỉnh")
    award.delete()
    create, delete = entries(id__gt=mark)
    assert (create.action, create.model, create.person_id) == ("create", "people.Award", person.pk)
    assert (delete.action, delete.person_id) == ("delete", person.pk)


def test_an_assignment_entry_carries_its_decision_and_so_does_the_profile_change():
    old, new = unit("xa-cu"), unit("xa-moi")
    person = PersonFactory(unit=old)
    decision = DecisionFactory(number="208-QĐ/HU", issuer="Ban Thường vụ Huyện ủy")
    mark = last_id()
    with audit_context(source="web"):
        assignment_create(
            person=person, post=post(new, TitleFactory()), kind="appointment",
            start_date=date(2024, 1, 2), decision=decision,
        )  # fmt: skip
    rows = entries(id__gt=mark, person_id=person.pk)
    assignment = next(e for e in rows if e.model == "posts.Assignment")
    profile = next(e for e in rows if e.model == "people.Person")
    assert "208-QĐ/HU" in assignment.note and "Ban Thường vụ Huyện ủy" in assignment.note
    assert profile.before == {"unit": old.pk} and profile.after == {"unit": new.pk}
    assert profile.note == assignment.note


def test_a_rolled_back_change_leaves_no_entry():
    person = PersonFactory(unit=unit("u"))
    mark = last_id()
    with pytest.raises(RuntimeError), transaction.atomic():
        person.phone = "0999"
        person_update(person=person, expected_version=1)
        raise RuntimeError("disk full")
    assert not entries(id__gt=mark)
    person.refresh_from_db()
    assert person.phone == ""


def test_a_failed_validation_writes_nothing():
    person = PersonFactory(unit=unit("u"))
    mark = last_id()
    person.full_name = ""
    with pytest.raises(Exception):  # noqa: B017 — ValidationError
        person_update(person=person, expected_version=1)
    assert not entries(id__gt=mark)


def test_web_form_change_is_one_entry_with_user_ip_and_request_id(staff_client, user):
    from tests.test_views import _flatten, _management

    person = PersonFactory(unit=unit("u"))
    url = reverse("people:edit", args=[person.pk])
    form = staff_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(_management(form_prefixes=("trainings", "work_history", "family", "awards")))
    data.update({"full_name": "Nguyễn Văn Sửa", "birth": "17/05/1980", "unit": person.unit_id, "version": 1})  # fmt: skip
    mark = last_id()
    response = staff_client.post(
        url, _flatten(data), HTTP_X_REQUEST_ID="req-42", REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 302
    assert response["X-Request-ID"] == "req-42"
    [entry] = entries(id__gt=mark)
    assert (entry.action, entry.source, entry.user, entry.username) == (
        "update",
        "web",
        user,
        user.username,
    )
    assert (entry.ip, entry.request_id) == ("10.1.2.3", "req-42")
    assert entry.before == {"full_name": person.full_name} and entry.after == {
        "full_name": "Nguyễn Văn Sửa"
    }


def test_a_request_without_id_gets_one(staff_client):
    response = staff_client.get(reverse("people:list"))
    assert len(response["X-Request-ID"]) == 32
    bad = staff_client.get(reverse("people:list"), HTTP_X_REQUEST_ID="<script>")
    assert bad["X-Request-ID"] != "<script>"


def test_admin_change_is_one_entry(staff_client, user):
    title = TitleFactory(name="Chủ tịch UBND xã", group="government")
    url = reverse("admin:posts_title_change", args=[title.pk])
    mark = last_id()
    response = staff_client.post(url, {"code": title.code, "name": "Chủ tịch Ủy ban nhân dân xã", "group": "government", "rank": 0, "is_leadership": "on"})  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    [entry] = entries(id__gt=mark, model="posts.Title")
    assert entry.action == "update" and entry.user == user and entry.source == "web"
    assert entry.before["name"] == "Chủ tịch UBND xã"
    assert entry.after["name"] == "Chủ tịch Ủy ban nhân dân xã"
    assert Title.objects.get(pk=title.pk).name == "Chủ tịch Ủy ban nhân dân xã"


def test_command_line_change_is_one_entry_as_cli(monkeypatch):
    from canbo.__main__ import main

    mark = last_id()
    monkeypatch.setattr(sys, "argv", ["canbo", "units", "add", "xa-lenh", "--name", "Xã Lệnh", "--kind", "commune"])  # fmt: skip
    # run_from_argv closes every connection at the end: keep the test's own open
    monkeypatch.setattr(connections, "close_all", lambda: None)
    main()
    [entry] = entries(id__gt=mark, model="units.Unit")
    assert entry.action == "create" and entry.source == "cli"
    assert entry.username.startswith("cli") and entry.user is None
    assert entry.object_repr == "Xã Lệnh"


def test_viewing_a_profile_is_logged(staff_client, user):
    person = PersonFactory(unit=unit("u"))
    staff_client.get(reverse("people:detail", args=[person.pk]), REMOTE_ADDR="10.0.0.9")
    [entry] = entries(action="view")
    assert (entry.user, entry.person_id, entry.ip, entry.source) == (
        user,
        person.pk,
        "10.0.0.9",
        "web",
    )


def test_export_is_logged_with_its_filters_and_count(user):
    entry = record_export(
        user, "Danh sách cán bộ (xlsx)", {"unit": "xa-a", "as_of": date(2025, 1, 1)}, 37
    )
    entry.refresh_from_db()
    assert entry.action == "export" and entry.username == user.username
    assert entry.after == {"params": {"unit": "xa-a", "as_of": "2025-01-01"}, "count": 37}


def test_failed_login_is_logged_without_the_password(client):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user(username="thu", password="Mat-khau-rat-dai-2025")
    client.post(reverse("login"), {"username": "thu", "password": "sai-mat-khau-9"})
    [entry] = entries(action="login_failed")
    assert entry.username == "thu" and entry.user is None
    assert "sai-mat-khau" not in str(entry.before) + str(entry.after) + entry.note


def test_password_changes_are_logged_masked():
    from django.contrib.auth import get_user_model

    u = get_user_model().objects.create_user(username="mai", password="Mat-khau-rat-dai-2025")
    mark = last_id()
    u.set_password("Mat-khau-moi-dai-2026")
    u.save()
    [entry] = entries(id__gt=mark)
    assert entry.before == {"password": "******"} and entry.after == {"password": "******"}


def test_entries_cannot_be_changed_or_deleted():
    person = PersonFactory(unit=unit("u"))
    entry = AuditEntry.objects.filter(person_id=person.pk).get()
    entry.note = "sửa"
    with pytest.raises(ImmutableError):
        entry.save()
    with pytest.raises(ImmutableError):
        entry.delete()
    with pytest.raises(ImmutableError):
        AuditEntry.objects.filter(pk=entry.pk).update(note="sửa")
    with pytest.raises(ImmutableError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).note == ""


def test_admin_shows_the_log_read_only(staff_client):
    person = PersonFactory(unit=unit("u"))
    entry = AuditEntry.objects.filter(person_id=person.pk).get()
    assert staff_client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    assert staff_client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert (
        staff_client.post(
            reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    change = staff_client.post(
        reverse("admin:audit_auditentry_change", args=[entry.pk]), {"note": "x"}
    )
    assert change.status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk, note="").exists()


def test_a_server_error_in_a_web_request_rolls_back_the_change_and_its_entry(
    staff_client, monkeypatch
):
    from canbo.posts import views as post_views

    person = PersonFactory(unit=unit("u"))
    p = post(unit("u2"), TitleFactory())
    real = post_views.assignment_create

    def create_then_fail(**kwargs):
        real(**kwargs)
        raise RuntimeError("lỗi sau khi ghi")

    monkeypatch.setattr(post_views, "assignment_create", create_then_fail)
    staff_client.raise_request_exception = False
    mark = last_id()
    response = staff_client.post(
        reverse("posts:assign", args=[person.pk]),
        {"post": p.pk, "kind": "appointment", "start_date": "2024-01-02", "end_current": "on"},
    )
    assert response.status_code == 500
    assert not person.assignments.exists()
    assert not entries(id__gt=mark)


def test_deleting_a_user_keeps_their_name_in_the_log():
    from django.contrib.auth import get_user_model

    clerk = get_user_model().objects.create_user(
        username="can.bo.to.chuc", password="Mat-khau-rat-dai-2025"
    )
    person = PersonFactory(unit=unit("u"))
    with audit_context(source="web", user=clerk):
        person.phone = "0912"
        person_update(person=person, expected_version=1)
    entry = AuditEntry.objects.get(person_id=person.pk, action="update")
    clerk.delete()
    entry.refresh_from_db()
    assert entry.user is None and entry.username == "can.bo.to.chuc"
    assert AuditEntry.objects.filter(
        model="auth.User", action="delete", object_repr="can.bo.to.chuc"
    ).exists()


def test_forwarded_address_is_believed_only_behind_a_configured_proxy(staff_client, settings):
    person = PersonFactory(unit=unit("u"))
    url = reverse("people:detail", args=[person.pk])
    staff_client.get(url, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    settings.CANBO_TRUSTED_PROXY_COUNT = 1
    staff_client.get(url, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    staff_client.get(url, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="không-phải-IP")
    assert [e.ip for e in entries(action="view")] == ["10.0.0.1", "203.0.113.7", None]


def test_api_change_and_view_are_logged_as_api_with_the_token_user():
    from tests.api.conftest import token_client
    from tests.factories import user_with_grant

    u = unit("xa-api")
    person = PersonFactory(unit=u)
    officer = user_with_grant("org-board", u, actions=["view", "change"])
    api = token_client(officer)
    mark = last_id()
    response = api.patch(f"/api/people/{person.pk}/", {"phone": "0977"}, format="json", HTTP_IF_MATCH=f'"{person.version}"', HTTP_X_REQUEST_ID="api-1")  # fmt: skip
    assert response.status_code == 200, response.content
    [entry] = entries(id__gt=mark, action="update")
    assert (entry.source, entry.user, entry.request_id) == ("api", officer, "api-1")
    assert entry.after == {"phone": "0977"}
    api.get(f"/api/people/{person.pk}/")
    view = AuditEntry.objects.filter(action="view", person_id=person.pk).get()
    assert (view.source, view.user) == ("api", officer)

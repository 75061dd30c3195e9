"""The API answers within the user's grants: out of scope is a 404 exactly like missing, and
no list or count leaks what lies outside."""

from __future__ import annotations

import pytest

from tests.api.api_helpers import token_client
from tests.factories import user_with_grant

pytestmark = pytest.mark.django_db


def test_lists_hold_only_the_granted_subtree(officer_a_api, province):
    data = officer_a_api.get("/api/people/").json()
    assert data["count"] == 2
    assert {r["full_name"] for r in data["results"]} == {"Lê Văn An", "Trần Thị Bình"}
    # a filter on a unit outside the grant does not reveal that it has people
    assert officer_a_api.get("/api/people/", {"unit": "xa-b"}).json()["count"] == 0
    assert officer_a_api.get("/api/people/", {"unit": "tinh"}).json()["count"] == 2
    assert [u["code"] for u in officer_a_api.get("/api/units/").json()["results"]] == ["xa-a"]
    assert officer_a_api.get("/api/assignments/").json()["count"] == 1
    assert officer_a_api.get("/api/posts/").json()["count"] == 1


def test_out_of_scope_is_the_same_404_as_missing(officer_a_api, province):
    outside = officer_a_api.get(f"/api/people/{province['chi'].pk}/")
    missing = officer_a_api.get("/api/people/999999/")
    assert outside.status_code == missing.status_code == 404
    assert outside.json() == missing.json() == {"detail": "Không tìm thấy."}
    assert officer_a_api.get(f"/api/people/{province['an'].pk}/").status_code == 200
    assert officer_a_api.get("/api/units/xa-b/").status_code == 404
    assert officer_a_api.get("/api/units/tinh/").status_code == 404
    assert officer_a_api.get("/api/units/xa-a/").status_code == 200


def test_unit_counts_count_only_the_granted_people(province):
    # a grant on the province limited to a management tier nobody has: units visible, people not
    leader = user_with_grant("leader", province["province"], tiers=("TINH",))
    api = token_client(leader)
    detail = api.get("/api/units/tinh/").json()
    assert detail["people_total"] == 0
    assert api.get("/api/people/").json()["count"] == 0


def test_writes_out_of_scope_are_404_and_into_another_unit_400(officer_a_api, province):
    chi = province["chi"]
    response = officer_a_api.patch(f"/api/people/{chi.pk}/", {"phone": "1"}, format="json", HTTP_IF_MATCH=f'"{chi.version}"')  # fmt: skip
    assert response.status_code == 404
    an = province["an"]
    response = officer_a_api.patch(f"/api/people/{an.pk}/", {"unit": "xa-b"}, format="json", HTTP_IF_MATCH=f'"{an.version}"')  # fmt: skip
    assert response.status_code == 400
    assert response.json()["unit"] == ["Không tìm thấy “xa-b”."]
    body = {"full_name": "Mới", "gender": "male", "birth": "1980", "unit": "xa-b"}
    assert officer_a_api.post("/api/people/", body, format="json").status_code == 400


def test_view_only_grant_cannot_write(province):
    leader = token_client(user_with_grant("leader", province["a"]))
    an = province["an"]
    response = leader.patch(f"/api/people/{an.pk}/", {"phone": "1"}, format="json", HTTP_IF_MATCH=f'"{an.version}"')  # fmt: skip
    assert response.status_code == 403
    assert response.json()["detail"] == "Bạn chỉ được xem hồ sơ này, không được sửa."
    body = {"full_name": "Mới", "gender": "male", "birth": "1980", "unit": "xa-a"}
    response = leader.post("/api/people/", body, format="json")
    assert response.status_code == 400
    assert "không có quyền" in response.json()["unit"][0]
    body = {"person": an.pk, "post": province["post"].pk, "kind": "appointment", "start_date": "2025-01-01"}  # fmt: skip
    response = leader.post("/api/assignments/", body, format="json")
    assert response.json()["person"] == ["Bạn không có quyền sửa hồ sơ này."]


def test_decisions_follow_the_people_they_concern(officer_a_api, province):
    b_officer = token_client(user_with_grant("leader", province["b"]))
    assert officer_a_api.get("/api/decisions/").json()["count"] == 1
    assert b_officer.get("/api/decisions/").json()["count"] == 0
    assert b_officer.get(f"/api/decisions/{province['decision'].pk}/").status_code == 404


def test_a_user_without_grants_sees_nothing(django_user_model, province):
    api = token_client(django_user_model.objects.create_user(username="khong-quyen"))
    for resource in ("people", "units", "posts", "assignments", "decisions"):
        assert api.get(f"/api/{resource}/").json()["count"] == 0, resource


def test_reading_a_profile_is_audited(officer_a_api, officer_a, province):
    from canbo.audit.models import AuditEntry

    an = province["an"]
    officer_a_api.get(f"/api/people/{an.pk}/")
    assert AuditEntry.objects.filter(action="view", person_id=an.pk, user=officer_a).exists()

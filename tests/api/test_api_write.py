"""Writing through the API: profiles through the services with optimistic concurrency (ETag /
If-Match: 200 / 412 / 428), Vietnamese validation errors, assignments through the posts service."""

from __future__ import annotations

from datetime import date

import pytest

from canbo.people.models import Person

pytestmark = pytest.mark.django_db

NEW = {
    "full_name": "  Đặng   Thị Hoa ",
    "gender": "female",
    "birth": "03/1980",
    "unit": "xa-b",
    "ethnicity": "01",
    "party_joined_on": "2005-03-03",
}


def test_create_a_profile_by_codes_with_a_partial_birth_date(admin_api, province):
    response = admin_api.post("/api/people/", NEW, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["full_name"] == "Đặng Thị Hoa"  # cleaned as the form does
    assert data["birth"] == "03/1980" and data["birth_date_precision"] == "month"
    assert data["unit"]["code"] == "xa-b" and data["version"] == 1
    assert response["ETag"] == '"1"'
    assert response["Location"].endswith(f"/api/people/{data['id']}/")
    assert Person.objects.get(pk=data["id"]).ethnicity.code == "01"


def test_create_reports_every_error_in_vietnamese_and_writes_nothing(admin_api, province):
    before = Person.objects.count()
    body = {**NEW, "birth": "31/02/1980", "unit": "khong-co", "gender": "x", "ethnicity": "99"}
    del body["full_name"]
    response = admin_api.post("/api/people/", body, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert errors["full_name"] == ["Trường này là bắt buộc."]
    assert "không có trong tháng 02/1980" in errors["birth"][0]
    assert errors["unit"] == ["Không tìm thấy “khong-co”."]
    assert errors["gender"] == ["“x” không phải là một lựa chọn hợp lệ."]
    assert errors["ethnicity"] == ["Không tìm thấy “99”."]
    assert Person.objects.count() == before


def test_create_applies_the_profile_rules_of_the_web_form(admin_api, province):
    body = {**NEW, "birth": "2000", "party_joined_on": "2010-01-01"}
    response = admin_api.post("/api/people/", body, format="json")
    assert response.status_code == 400
    [message] = response.json()["party_joined_on"]
    assert message.startswith("Ngày vào Đảng 01/01/2010 khi chưa đủ 18 tuổi")


def test_a_duplicate_citizen_id_is_refused(admin_api, province):
    body = {**NEW, "birth": "17/05/1980", "gender": "male", "citizen_id": province["an"].citizen_id}
    response = admin_api.post("/api/people/", body, format="json")
    assert response.status_code == 400
    assert "citizen_id" in response.json()


def test_patch_with_the_current_etag_saves_and_bumps_the_version(admin_api, province):
    an = province["an"]
    url = f"/api/people/{an.pk}/"
    etag = admin_api.get(url)["ETag"]
    response = admin_api.patch(url, {"phone": "0912 345 678"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.json()
    assert response.json()["phone"] == "0912 345 678"
    assert response.json()["version"] == an.version + 1
    assert response["ETag"] == f'"{an.version + 1}"'


def test_the_version_field_works_instead_of_if_match(admin_api, province):
    an = province["an"]
    body = {"phone": "0912", "version": an.version}
    response = admin_api.patch(f"/api/people/{an.pk}/", body, format="json")
    assert response.status_code == 200
    # the same body again is now stale
    response = admin_api.patch(f"/api/people/{an.pk}/", body, format="json")
    assert response.status_code == 412


def test_a_stale_etag_is_refused_with_412_and_what_differs(admin_api, province):
    an = province["an"]
    url = f"/api/people/{an.pk}/"
    etag = admin_api.get(url)["ETag"]
    # someone else saves first
    assert admin_api.patch(url, {"phone": "111"}, format="json", HTTP_IF_MATCH=etag).status_code == 200  # fmt: skip
    response = admin_api.patch(url, {"phone": "222"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    data = response.json()
    assert "CHƯA được lưu" in data["detail"]
    assert data["version"] == an.version + 1
    assert {"field": "điện thoại", "current": "111", "yours": "222"} in data["changed"]
    assert response["ETag"] == f'"{an.version + 1}"'
    an.refresh_from_db()
    assert an.phone == "111"  # nothing overwritten


def test_an_update_without_a_version_is_refused_with_428(admin_api, province):
    an = province["an"]
    response = admin_api.patch(f"/api/people/{an.pk}/", {"phone": "1"}, format="json")
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    response = admin_api.patch(
        f"/api/people/{an.pk}/", {"phone": "1"}, format="json", HTTP_IF_MATCH="*"
    )
    assert response.status_code == 428


def test_a_malformed_if_match_is_a_400(admin_api, province):
    an = province["an"]
    response = admin_api.patch(
        f"/api/people/{an.pk}/", {"phone": "1"}, format="json", HTTP_IF_MATCH="abc"
    )
    assert response.status_code == 400
    assert "If-Match" in response.json()


def test_put_replaces_the_form_fields(admin_api, province):
    an = province["an"]
    body = {**NEW, "full_name": "Lê Văn An", "gender": "male", "birth": "1975", "unit": "xa-a"}
    response = admin_api.put(
        f"/api/people/{an.pk}/", body, format="json", HTTP_IF_MATCH=f'"{an.version}"'
    )
    assert response.status_code == 200, response.json()
    an.refresh_from_db()
    assert an.birth_date == date(1975, 1, 1) and an.birth_date_precision == "year"


def test_create_an_assignment_through_the_service(admin_api, province):
    binh = province["binh"]
    body = {
        "person": binh.pk,
        "post": province["post"].pk,
        "kind": "concurrent",
        "start_date": "2024-01-01",
        "decision": province["decision"].pk,
    }
    response = admin_api.post("/api/assignments/", body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["is_concurrent"] is True  # kind "concurrent" implies it, as in the service
    assert data["person"]["id"] == binh.pk and data["is_current"] is True


def test_an_assignment_that_moves_a_person_changes_the_profile(admin_api, province):
    chi = province["chi"]
    body = {"person": chi.pk, "post": province["post"].pk, "kind": "transfer", "start_date": "2025-01-01"}  # fmt: skip
    assert admin_api.post("/api/assignments/", body, format="json").status_code == 201
    chi.refresh_from_db()
    assert chi.unit == province["a"] and chi.version == 2  # an ETag read before is now stale


def test_assignment_errors_are_vietnamese(admin_api, province):
    body = {"person": 999999, "post": province["post"].pk, "kind": "appointment", "start_date": "2025-01-01", "end_date": "2024-01-01"}  # fmt: skip
    errors = admin_api.post("/api/assignments/", body, format="json").json()
    assert errors["person"] == ["Không tìm thấy mục có mã số 999999."]
    body["person"] = province["binh"].pk
    errors = admin_api.post("/api/assignments/", body, format="json").json()
    assert errors["end_date"] == ["Ngày thôi giữ chức vụ không được trước ngày bắt đầu."]


def test_read_only_resources_refuse_writes(admin_api, province):
    response = admin_api.post("/api/units/", {"code": "x"}, format="json")
    assert response.status_code == 405
    assert response.json()["detail"] == "Không hỗ trợ phương thức POST ở địa chỉ này."
    assert admin_api.delete(f"/api/people/{province['an'].pk}/").status_code == 405


def test_api_changes_are_audited_with_the_token_user(admin_api, user, province):
    from canbo.audit.models import AuditEntry

    an = province["an"]
    response = admin_api.patch(
        f"/api/people/{an.pk}/", {"phone": "0987"}, format="json", HTTP_IF_MATCH=f'"{an.version}"'
    )
    assert response.status_code == 200
    entry = AuditEntry.objects.filter(person_id=an.pk, action="update").latest("pk")
    assert entry.user == user and entry.source == "api"


def test_bounds_and_bad_characters_are_refused_in_vietnamese(admin_api, province):
    body = {**NEW, "full_name": "A" * 121, "height_cm": -1, "phone": "0912\x00"}
    errors = admin_api.post("/api/people/", body, format="json").json()
    assert errors["full_name"] == ["Tối đa 120 ký tự."]
    assert errors["height_cm"] == ["Không được nhỏ hơn 0."]
    assert errors["phone"] == ["Không được có ký tự NUL (\\x00)."]
    errors = admin_api.post("/api/people/", {**NEW, "salary_step": 10**20}, format="json").json()
    assert errors["salary_step"][0].startswith("Không được lớn hơn")


def test_filters_that_would_leave_the_calendar_are_answered_not_crashed(admin_api, province):
    def count(query):
        response = admin_api.get("/api/people/", query)
        assert response.status_code == 200, response.content
        return response.json()["count"]

    assert count({"as_of": "0001-01-01", "age_min": 5}) == 0  # nobody was 5 in year 1
    assert count({"as_of": "0001-06-01", "age_max": 150}) == 3  # not born yet: under 150
    response = admin_api.get("/api/assignments/", {"person": 10**20})
    assert response.status_code == 400

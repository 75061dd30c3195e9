"""Reading through the API: resources, the web list's filters, pagination, token auth."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_without_a_token_the_api_answers_401_json_not_a_login_redirect(province):
    response = APIClient().get("/api/people/")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response["WWW-Authenticate"] == "Token"
    assert "Chưa xác thực" in response.json()["detail"]


def test_a_wrong_token_is_refused_in_vietnamese(province):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token khong-dung")
    response = client.get("/api/people/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Token không hợp lệ, hoặc tài khoản đã bị khóa."


def test_root_lists_every_resource(admin_api):
    data = admin_api.get("/api/").json()
    assert set(data) == {"units", "people", "titles", "posts", "assignments", "decisions"}


def test_people_list_is_compact_paginated_and_active_by_default(admin_api, province):
    data = admin_api.get("/api/people/").json()
    assert data["count"] == 3  # the retired one is left out, as on the web list
    names = [row["full_name"] for row in data["results"]]
    assert names == ["Lê Văn An", "Trần Thị Bình", "Ngô Văn Chí"]  # by given name: An, Bình, Chí
    an = data["results"][0]
    assert an["unit"] == {"id": province["a"].pk, "code": "xa-a", "name": "Xã An"}
    assert an["birth"] == "05/03/1975"
    assert [p["title"]["name"] for p in an["current_posts"]] == ["Bí thư"]
    assert "trainings" not in an


def test_people_filters_are_the_web_lists(admin_api, province):
    def names(query):
        return [r["full_name"] for r in admin_api.get("/api/people/", query).json()["results"]]

    assert names({"unit": "xa-b"}) == ["Ngô Văn Chí"]
    assert names({"unit": "tinh"}) == ["Lê Văn An", "Trần Thị Bình", "Ngô Văn Chí"]  # subtree
    assert names({"q": "binh"}) == ["Trần Thị Bình"]  # without diacritics
    assert names({"gender": "female"}) == ["Trần Thị Bình"]
    assert names({"title": province["title"].pk}) == ["Lê Văn An"]
    assert names({"key_post": "yes"}) == ["Lê Văn An"]
    assert names({"birth_year_max": 1980}) == ["Lê Văn An", "Ngô Văn Chí"]
    assert names({"status": "retired"}) == ["Phạm Văn Cũ"]
    assert names({"sort": "birth"})[0] == "Lê Văn An"  # oldest first
    assert names({"sort": "-birth"})[0] == "Trần Thị Bình"


def test_a_bad_filter_value_is_a_400_in_vietnamese(admin_api, province):
    response = admin_api.get("/api/people/", {"gender": "khac"})
    assert response.status_code == 400
    assert "gender" in response.json()
    response = admin_api.get("/api/people/", {"birth_year_min": 100000})
    assert response.status_code == 400


def test_pagination_page_size_and_missing_page(admin_api, province):
    first = admin_api.get("/api/people/", {"page_size": 2}).json()
    assert first["count"] == 3 and len(first["results"]) == 2 and first["next"]
    second = admin_api.get("/api/people/", {"page_size": 2, "page": 2}).json()
    assert [r["full_name"] for r in second["results"]] == ["Ngô Văn Chí"]
    response = admin_api.get("/api/people/", {"page": 9})
    assert response.status_code == 404
    assert response.json()["detail"] == "Trang “9” không tồn tại."


def test_person_detail_has_the_2c_sections_and_an_etag(admin_api, province):
    an = province["an"]
    response = admin_api.get(f"/api/people/{an.pk}/")
    assert response.status_code == 200
    assert response["ETag"] == f'"{an.version}"'
    data = response.json()
    assert data["version"] == an.version
    for section in ("trainings", "work_history", "family", "awards", "salary_history"):
        assert data[section] == []
    [current] = data["current_assignments"]
    assert current["post"]["title"]["code"] == "bi-thu"
    assert current["decision"]["number"] == "12-QĐ/TU"
    assert data["past_assignments"] == []
    assert data["ethnicity"]["code"] == "01"


def test_a_missing_person_is_404_in_vietnamese(admin_api, province):
    response = admin_api.get("/api/people/999999/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}


def test_units_tree_and_detail_counts(admin_api, province):
    data = admin_api.get("/api/units/", {"parent": "tinh"}).json()
    assert [u["code"] for u in data["results"]] == ["xa-a", "xa-b"]
    assert data["results"][0]["parent"]["code"] == "tinh"
    detail = admin_api.get("/api/units/tinh/").json()
    assert detail["people_here"] == 0 and detail["people_total"] == 3
    assert [c["code"] for c in detail["children"]] == ["xa-a", "xa-b"]
    assert admin_api.get("/api/units/", {"under": "xa-a"}).json()["count"] == 1


def test_titles_posts_assignments_decisions(admin_api, province):
    assert admin_api.get("/api/titles/", {"is_key": True}).json()["results"][0]["code"] == "bi-thu"
    [row] = admin_api.get("/api/posts/", {"under": "tinh"}).json()["results"]
    assert row["unit"]["code"] == "xa-a" and row["title"]["code"] == "bi-thu"
    [row] = admin_api.get("/api/assignments/", {"current": True}).json()["results"]
    assert row["person"]["full_name"] == "Lê Văn An"
    assert row["unit_name_then"] == "Xã An"
    [row] = admin_api.get("/api/decisions/", {"q": "Bí thư"}).json()["results"]
    assert row["number"] == "12-QĐ/TU"


def test_session_login_works_too(client, user, province):
    client.force_login(user)
    assert client.get("/api/people/", HTTP_ACCEPT="application/json").status_code == 200


def test_schema_and_docs_are_served_offline(admin_api, client, user):
    schema = admin_api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/people/{id}/" in schema.json()["paths"]
    client.force_login(user)
    for url in ("/api/docs/", "/api/redoc/"):
        html = client.get(url).content.decode()
        assert "/static/drf_spectacular_sidecar/" in html
        assert "https://" not in html  # nothing fetched from the internet


def test_docs_pages_ask_a_browser_to_log_in(client):
    response = client.get("/api/docs/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_people_list_costs_the_same_queries_whatever_the_page_size(admin_api, province):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import PersonFactory

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert admin_api.get("/api/people/").status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for _ in range(10):
        PersonFactory(unit=province["b"])
    assert queries() == few  # no query per row (no N+1)

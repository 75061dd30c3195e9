from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from canbo.people.models import Person
from canbo.posts.services import assignment_create
from tests.factories import DecisionFactory, PersonFactory, TitleFactory, post, unit

pytestmark = pytest.mark.django_db


def test_pages_require_login(client):
    response = client.get(reverse("people:list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_login_page_is_vietnamese(client):
    body = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in body and "Mật khẩu" in body


def test_people_list_filters_and_counts(staff_client):
    u = unit("xa-a", name="Xã An Bình")
    PersonFactory(unit=u, full_name="Nguyễn Thị Hoa", gender="female", citizen_id=None)
    PersonFactory(unit=u, full_name="Trần Văn Nam")
    body = staff_client.get(reverse("people:list"), {"q": "nguyen thi hoa"}).content.decode()
    assert "Nguyễn Thị Hoa" in body and "Trần Văn Nam" not in body
    assert "1 cán bộ" in body


def test_people_list_query_count_does_not_grow_with_rows(staff_client):
    u = unit("u")
    t = TitleFactory()
    p = post(u, t)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert staff_client.get(reverse("people:list")).status_code == 200
        return len(ctx)

    PersonFactory(unit=u)
    few = queries()
    for person in PersonFactory.create_batch(15, unit=u):
        assignment_create(person=person, post=p, kind="appointment", start_date=date(2020, 1, 1), end_current=False)  # fmt: skip
    assert queries() == few


def test_htmx_request_returns_only_the_results(staff_client):
    PersonFactory(unit=unit("u"))
    body = staff_client.get(reverse("people:list"), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in body and 'id="people-table"' in body


def test_profile_shows_post_history_with_the_unit_name_of_that_time(staff_client):
    from canbo.units.services import unit_merge, unit_rename

    old = unit("xa-cu", name="Xã Cũ", kind="commune")
    new = unit("xa-moi", name="Xã Mới", kind="commune")
    person = PersonFactory(unit=new)
    decision = DecisionFactory(number="208-QĐ/HU")
    assignment_create(person=person, post=post(old, TitleFactory(name="Bí thư Đảng ủy")), kind="election", start_date=date(2015, 10, 1), end_date=date(2020, 9, 30), decision=decision)  # fmt: skip
    unit_rename(unit=old, new_name="Xã Cũ (đổi tên)", on=date(2022, 1, 1))
    unit_merge(units=[old], into=new, on=date(2025, 7, 1))
    body = staff_client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "Xã Cũ" in body and "nay là" in body
    assert "Xã Mới" in body and "208-QĐ/HU" in body
    assert "Ngày nghỉ hưu dự kiến" in body and "31/05/2042" in body  # man born 05/1980: 62y


def test_edit_saves_and_bumps_the_version(staff_client):
    person = PersonFactory(unit=unit("u"))
    url = reverse("people:edit", args=[person.pk])
    form = staff_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(_management(form_prefixes=("trainings", "work_history", "family", "awards")))
    data.update({"full_name": "Nguyễn Văn Sửa", "birth": "17/05/1980", "unit": person.unit_id, "version": 1})  # fmt: skip
    response = staff_client.post(url, _flatten(data))
    assert response.status_code == 302, response.context["form"].errors
    person.refresh_from_db()
    assert (person.full_name, person.version) == ("Nguyễn Văn Sửa", 2)


def test_edit_with_stale_version_is_refused_with_what_changed(staff_client):
    person = PersonFactory(unit=unit("u"), phone="0912")
    Person.objects.filter(pk=person.pk).update(phone="0988", version=2)  # someone else saved
    url = reverse("people:edit", args=[person.pk])
    form = staff_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(_management(form_prefixes=("trainings", "work_history", "family", "awards")))
    data.update({"birth": "17/05/1980", "unit": person.unit_id, "version": 1, "phone": "0977"})
    response = staff_client.post(url, _flatten(data))
    assert response.status_code == 200
    body = response.content.decode()
    assert "vừa được người khác lưu" in body and "0988" in body and "0977" in body
    person.refresh_from_db()
    assert person.phone == "0988"


def test_edit_shows_field_errors_in_vietnamese(staff_client):
    person = PersonFactory(unit=unit("u"))
    url = reverse("people:edit", args=[person.pk])
    data = _management(form_prefixes=("trainings", "work_history", "family", "awards"))
    data.update({"full_name": "", "gender": "male", "birth": "31/02/1980", "unit": person.unit_id, "version": 1, "citizen_id": "12345"})  # fmt: skip
    response = staff_client.post(url, data)
    errors = response.context["form"].errors
    assert "full_name" in errors and "birth" in errors and "citizen_id" in errors
    assert "12 chữ số" in " ".join(errors["citizen_id"])
    person.refresh_from_db()
    assert person.version == 1


def test_unit_tree_and_children(staff_client):
    root = unit("tinh", name="Tỉnh Thử")
    child = unit("xa", name="Xã Thử", parent=root)
    PersonFactory(unit=child)
    body = staff_client.get(reverse("units:tree")).content.decode()
    assert "Tỉnh Thử" in body and "0 / 1" in body
    body = staff_client.get(reverse("units:children", args=["tinh"])).content.decode()
    assert "Xã Thử" in body and "1 / 1" in body
    assert staff_client.get(reverse("units:detail", args=["xa"])).status_code == 200


def test_area_options_match_former_and_current_names(staff_client):
    body = staff_client.get(reverse("units:area_options"), {"hometown": "phuc xa"}).content.decode()
    assert "LW00001" in body


def _management(form_prefixes):
    data = {}
    for prefix in form_prefixes:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


def _flatten(data):
    out = {}
    for key, value in data.items():
        if hasattr(value, "pk"):
            value = value.pk
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        out[key] = value
    return out


@pytest.mark.parametrize(
    "params",
    [
        {"as_of": "0001-01-01", "age_min": 5},
        {"as_of": "0001-01-01", "age_max": 5},
        {"birth_year_min": "99999999999"},
        {"birth_year_max": "-3"},
        {"age_min": "1e9"},
    ],
)
def test_out_of_range_filters_are_refused_not_crashing(staff_client, params):
    PersonFactory(unit=unit("xa-a"))
    response = staff_client.get(reverse("people:list"), params)
    assert response.status_code == 200


def test_missing_page_is_explained_in_vietnamese_in_the_app_layout(staff_client):
    response = staff_client.get("/people/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy trang" in page
    assert "ngoài phạm vi bạn được giao quản lý" in page
    assert 'href="/people/"' in page  # the main navigation, as on every page
    assert 'rel="icon" href="data:,"' in page  # no /favicon.ico request behind it


def test_server_error_page_needs_no_database_and_is_vietnamese():
    from django.template import loader

    page = loader.get_template("500.html").render()  # as django.views.defaults.server_error
    assert "Lỗi máy chủ" in page
    assert 'rel="icon" href="data:,"' in page

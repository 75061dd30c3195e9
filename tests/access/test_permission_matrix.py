"""The permission matrix: for every role × action × in-scope / out-of-scope person and unit, the
web pages answer as they should (200 / 403 / 404), and lists and counts hold only the scope."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from canbo.catalogs.models import ManagementTier
from canbo.people.models import Person
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

PEOPLE = ["pt", "pa", "pa1", "pb"]
UNITS = ["tinh", "xa-a", "xa-a-ub", "xa-b"]

# role → (grant, people it may view, people it may change, units it may view, units it may change)
ROLES = {
    "administrator": ({"role": "administrator"}, PEOPLE, PEOPLE, UNITS, UNITS),
    "superuser": (None, PEOPLE, PEOPLE, UNITS, UNITS),
    "org-board-commune": (
        {"role": "org-board", "unit": "xa-a"}, ["pa", "pa1"], ["pa", "pa1"],
        ["xa-a", "xa-a-ub"], ["xa-a", "xa-a-ub"],
    ),
    "leader-province-tinh": (
        {"role": "leader", "unit": "tinh", "tiers": ("TINH",)}, ["pt"], [], UNITS, [],
    ),
    "inspection-province": ({"role": "inspection", "unit": "tinh"}, PEOPLE, [], UNITS, []),
    "unit-officer-own-unit": (
        {"role": "unit-officer", "unit": "xa-a", "include_subtree": False}, ["pa"], ["pa"],
        ["xa-a"], ["xa-a"],
    ),
    "org-board-view-only": (
        {"role": "org-board", "unit": "xa-b", "actions": ["view"]}, ["pb"], [], ["xa-b"], [],
    ),
    "cadre": ({"role": "cadre"}, ["pb"], [], [], []),
    "no-grant": (None, [], [], [], []),
    "expired": ({"role": "org-board", "unit": "tinh", "valid_to": date(2020, 1, 1)}, [], [], [], []),
}  # fmt: skip


@pytest.fixture
def world():
    tiers = {t.code: t for t in ManagementTier.objects.all()}
    units = {"tinh": unit("tinh", "Tỉnh Thử", kind="province")}
    units["xa-a"] = unit("xa-a", "Xã An", parent=units["tinh"], kind="commune")
    units["xa-a-ub"] = unit("xa-a-ub", "UBND Xã An", parent=units["xa-a"], kind="peoples_committee")
    units["xa-b"] = unit("xa-b", "Xã Bình", parent=units["tinh"], kind="commune")
    people = {
        "pt": PersonFactory(unit=units["tinh"], full_name="Lê Tỉnh Ủy", management_tier=tiers["TINH"]),
        "pa": PersonFactory(unit=units["xa-a"], full_name="Phạm Xã An", management_tier=tiers["XA"]),
        "pa1": PersonFactory(unit=units["xa-a-ub"], full_name="Vũ Ủy Ban", management_tier=tiers["DONVI"]),
        "pb": PersonFactory(unit=units["xa-b"], full_name="Đỗ Xã Bình", management_tier=tiers["XA"]),
    }  # fmt: skip
    title = TitleFactory(name="Chủ tịch thử")
    decision = DecisionFactory(number="1-QĐ/TU", summary="bổ nhiệm thử")
    for key, person in people.items():
        assignment_create(
            person=person, post=post(units[key_unit(key)], title), kind="appointment",
            start_date=date(2021, 1, 1), decision=decision,
        )  # fmt: skip
    return {"units": units, "people": people, "title": title, "decision": decision}


def key_unit(person_key: str) -> str:
    return {"pt": "tinh", "pa": "xa-a", "pa1": "xa-a-ub", "pb": "xa-b"}[person_key]


def login(client, world, role_key: str):
    spec = ROLES[role_key][0]
    if role_key == "superuser":
        user = get_user_model().objects.create_user(username="root", is_superuser=True)
    elif spec is None:
        user = get_user_model().objects.create_user(username="nobody")
    else:
        spec = dict(spec)
        valid_to = spec.pop("valid_to", None)
        code = spec.pop("unit", None)
        user = user_with_grant(unit=world["units"][code] if code else None, **spec)
        if valid_to:
            user.grants.update(valid_to=valid_to)
        if spec["role"] == "cadre":
            Person.objects.filter(pk=world["people"]["pb"].pk).update(user=user)
    client.force_login(user)
    return user


def expected(role_key: str, column: int, key: str) -> bool:
    return key in ROLES[role_key][column]


@pytest.mark.parametrize("role_key", ROLES)
@pytest.mark.parametrize("person_key", PEOPLE)
def test_profile_pages(client, world, role_key, person_key):
    login(client, world, role_key)
    pk = world["people"][person_key].pk
    may_view, may_change = expected(role_key, 1, person_key), expected(role_key, 2, person_key)
    view_status = 200 if may_view else 404
    change_status = 200 if may_change else (403 if may_view else 404)
    assert client.get(reverse("people:detail", args=[pk])).status_code == view_status
    assert client.get(reverse("people:edit", args=[pk])).status_code == change_status
    assert client.get(reverse("posts:assign", args=[pk])).status_code == change_status
    if may_view:
        body = client.get(reverse("people:detail", args=[pk])).content.decode()
        assert (reverse("people:edit", args=[pk]) in body) == may_change


def _page_apart_from_token_and_path(response, path: str) -> str:
    """The page without what differs on every page anyway: the CSRF token (masked afresh for
    each response) and the address the user asked for (echoed in the language switch)."""
    body = response.content.decode().replace(path, "<path>")
    return re.sub(r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', r"\1…", body)


@pytest.mark.parametrize("role_key", ROLES)
def test_missing_and_forbidden_look_the_same(client, world, role_key):
    login(client, world, role_key)
    missing_path = reverse("people:detail", args=[999999])
    missing = client.get(missing_path)
    assert missing.status_code == 404
    expected_page = _page_apart_from_token_and_path(missing, missing_path)
    for key in PEOPLE:
        if not expected(role_key, 1, key):
            path = reverse("people:detail", args=[world["people"][key].pk])
            response = client.get(path)
            assert response.status_code == 404
            assert _page_apart_from_token_and_path(response, path) == expected_page


@pytest.mark.parametrize("role_key", ROLES)
def test_people_list_holds_only_the_scope_and_counts_it(client, world, role_key):
    login(client, world, role_key)
    response = client.get(reverse("people:list"))
    assert response.status_code == 200
    shown = {p.pk for p in response.context["page"].object_list}
    assert shown == {world["people"][k].pk for k in ROLES[role_key][1]}
    assert response.context["page"].paginator.count == len(ROLES[role_key][1])
    body = response.content.decode()
    for key, person in world["people"].items():
        assert (person.full_name in body) == expected(role_key, 1, key)
    # a filter for a unit out of scope finds nobody, rather than revealing a count
    response = client.get(reverse("people:list"), {"unit": "xa-b"})
    assert response.context["page"].paginator.count == len(
        [k for k in ROLES[role_key][1] if k == "pb"]
    )


@pytest.mark.parametrize("role_key", ROLES)
@pytest.mark.parametrize("unit_key", UNITS)
def test_unit_pages_and_their_counts(client, world, role_key, unit_key):
    login(client, world, role_key)
    may_view = expected(role_key, 3, unit_key)
    response = client.get(reverse("units:detail", args=[unit_key]))
    assert response.status_code == (200 if may_view else 404)
    children = client.get(reverse("units:children", args=[unit_key]))
    assert children.status_code == (200 if may_view else 404)
    if may_view:
        subtree = {"tinh": PEOPLE, "xa-a": ["pa", "pa1"], "xa-a-ub": ["pa1"], "xa-b": ["pb"]}
        visible = [k for k in subtree[unit_key] if expected(role_key, 1, k)]
        assert response.context["people_total"] == len(visible)
        holders = {a.person_id for a in response.context["holders"]}
        assert holders <= {world["people"][k].pk for k in ROLES[role_key][1]}
        for node in children.context["nodes"]:
            assert node.code in ROLES[role_key][3]


@pytest.mark.parametrize("role_key", ROLES)
def test_unit_tree_starts_at_the_granted_units(client, world, role_key):
    login(client, world, role_key)
    nodes = client.get(reverse("units:tree")).context["nodes"]
    units = ROLES[role_key][3]
    tops = [u for u in units if not any(u != o and u.startswith(o + "-") for o in units)]
    if "tinh" in units:
        tops = ["tinh"]
    assert sorted(n.code for n in nodes) == sorted(tops)
    for n in nodes:
        subtree = {"tinh": PEOPLE, "xa-a": ["pa", "pa1"], "xa-a-ub": ["pa1"], "xa-b": ["pb"]}
        assert n.people_total == len([k for k in subtree[n.code] if expected(role_key, 1, k)])


@pytest.mark.parametrize("role_key", ROLES)
def test_create_only_into_units_with_change(client, world, role_key):
    login(client, world, role_key)
    change_units = ROLES[role_key][4]
    response = client.get(reverse("people:create"))
    assert response.status_code == (200 if change_units else 403)
    listing = client.get(reverse("people:list")).content.decode()
    assert (reverse("people:create") in listing) == bool(change_units)
    if not change_units:
        return
    choices = {u.code for u in response.context["form"].fields["unit"].queryset}
    assert choices == set(change_units)
    outside = [u for u in UNITS if u not in change_units]
    if outside:
        before = Person.objects.count()
        data = {
            "full_name": "Hồ Sơ Lạ", "gender": "male", "birth": "1980",
            "unit": world["units"][outside[0]].pk, "status": "active",
        }  # fmt: skip
        response = client.post(reverse("people:create"), data)
        assert response.status_code == 200
        assert "unit" in response.context["form"].errors
        assert Person.objects.count() == before


@pytest.mark.parametrize("role_key", ROLES)
def test_edit_post_out_of_scope_changes_nothing(client, world, role_key):
    login(client, world, role_key)
    person = world["people"]["pb"]
    response = client.post(reverse("people:edit", args=[person.pk]), {"full_name": "Đã Đổi"})
    if expected(role_key, 2, "pb"):
        assert response.status_code == 200  # the incomplete form comes back with its errors
    else:
        assert response.status_code == (403 if expected(role_key, 1, "pb") else 404)
    person.refresh_from_db()
    assert person.full_name == "Đỗ Xã Bình"


@pytest.mark.parametrize("role_key", ROLES)
def test_titles_and_decisions_count_only_the_scope(client, world, role_key):
    login(client, world, role_key)
    n_people = len(ROLES[role_key][1])
    titles = client.get(reverse("posts:titles")).context["titles"]
    title = next(t for t in titles if t.pk == world["title"].pk)
    assert title.n_holders == n_people
    assert title.n_posts == len(ROLES[role_key][3])
    response = client.get(reverse("posts:decisions"))
    decisions = list(response.context["page"].object_list)
    if n_people:
        assert [d.n for d in decisions] == [n_people]
    else:
        assert decisions == []
    assert response.context["may_record"] == bool(ROLES[role_key][4])
    if not ROLES[role_key][4]:
        assert client.post(reverse("posts:decisions"), {}).status_code == 403


def test_unit_options_list_only_visible_units(client, world):
    login(client, world, "org-board-commune")
    body = client.get(reverse("units:unit_options"), {"q": "Xã"}).content.decode()
    assert "Xã An" in body and "Xã Bình" not in body


def test_tree_hides_children_out_of_scope(client, world):
    login(client, world, "unit-officer-own-unit")
    (node,) = client.get(reverse("units:tree")).context["nodes"]
    assert node.code == "xa-a" and not node.has_children
    assert client.get(reverse("units:children", args=["xa-a"])).context["nodes"] == []


def test_scoped_list_queries_do_not_grow_with_rows(client, world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, world, "org-board-commune")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("people:list"))
    for i in range(30):
        PersonFactory(unit=world["units"]["xa-a-ub"], full_name=f"Thêm Người {i}")
    with django_assert_max_num_queries(len(few)):
        response = client.get(reverse("people:list"))
    assert response.context["page"].paginator.count == 32

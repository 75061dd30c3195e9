"""The "Phân quyền" page, the cadre's home, and the admin kept inside the grants."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from canbo.access import scope
from canbo.access.demo import demo_users
from canbo.access.models import Grant
from canbo.people.models import Person
from tests.factories import PersonFactory, RoleFactory, unit, user_with_grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    t = unit("tinh", "Tỉnh Thử", kind="province")
    a = unit("xa-a", "Xã An", parent=t, kind="commune")
    b = unit("xa-b", "Xã Bình", parent=t, kind="commune")
    return {"tinh": t, "xa-a": a, "xa-b": b}


def test_user_sees_own_grants_only(client, tree):
    me = user_with_grant("leader", tree["xa-a"], tiers=("XA",), username="toi")
    user_with_grant("org-board", tree["xa-b"], username="nguoi-khac")
    client.force_login(me)
    response = client.get(reverse("access:grants"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Lãnh đạo" in body and "Xã An" in body and "Ban Thường vụ Đảng ủy xã" in body
    assert "Xã Bình" not in body and "nguoi-khac" not in body
    assert client.get(reverse("access:grants"), {"user": "nguoi-khac"}).status_code == 404


def test_administrator_sees_and_filters_everyone(client, tree):
    admin = user_with_grant("administrator", username="quan-tri")
    user_with_grant("org-board", tree["xa-b"], username="nguoi-khac")
    client.force_login(admin)
    body = client.get(reverse("access:grants")).content.decode()
    assert "nguoi-khac" in body and "Xã Bình" in body and "Vai trò và quyền mặc định" in body
    response = client.get(reverse("access:grants"), {"user": "quan-tri"})
    assert [g.user.username for g in response.context["grants"]] == ["quan-tri"]


def test_cadre_lands_on_own_profile(client, tree):
    cadre = user_with_grant("cadre")
    person = PersonFactory(unit=tree["xa-a"])
    Person.objects.filter(pk=person.pk).update(user=cadre)
    client.force_login(cadre)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("people:detail", args=[person.pk])
    officer = user_with_grant("org-board", tree["xa-a"])
    client.force_login(officer)
    assert client.get(reverse("home")).url == reverse("people:list")


def test_admin_lists_and_opens_only_the_scope(client, tree):
    inside, outside = PersonFactory(unit=tree["xa-a"]), PersonFactory(unit=tree["xa-b"])
    staff = user_with_grant("org-board", tree["xa-a"])
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_person", "view_unit", "change_unit"])
    )
    client.force_login(staff)
    response = client.get(reverse("admin:people_person_changelist"))
    assert response.status_code == 200
    assert {p.pk for p in response.context["cl"].result_list} == {inside.pk}
    assert client.get(reverse("admin:people_person_change", args=[inside.pk])).status_code == 200
    assert client.get(reverse("admin:people_person_change", args=[outside.pk])).status_code == 302
    units = client.get(reverse("admin:units_unit_changelist")).context["cl"].result_list
    assert {u.code for u in units} == {"xa-a"}
    # roles and grants are for administrators only
    assert client.get(reverse("admin:access_grant_changelist")).status_code == 403


def test_admin_records_who_granted(client, tree, django_user_model):
    root = django_user_model.objects.create_user("root", is_superuser=True, is_staff=True)
    target = django_user_model.objects.create_user("nv")
    client.force_login(root)
    response = client.post(
        reverse("admin:access_grant_add"),
        {
            "user": target.pk,
            "role": RoleFactory(code="org-board").pk,
            "unit": tree["xa-a"].pk,
            "include_subtree": "on",
            "actions": ["view", "export"],
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    grant = Grant.objects.get(user=target)
    assert grant.granted_by == root and grant.actions == ["view", "export"]
    assert grant.role.code == "org-board"


def test_demo_users_show_scoping(client, tree):
    inside, outside = PersonFactory(unit=tree["xa-a"]), PersonFactory(unit=tree["xa-b"])
    logins = dict(demo_users("Mat-khau-Rat-dai-2025"))
    assert set(logins) == {"nhansu.xa", "lanhdao.tinh", "ubkt.tinh", "canbo.demo"}
    assert client.login(username="nhansu.xa", password="Mat-khau-Rat-dai-2025")
    officer = Person.objects.get(pk=inside.pk)
    user = get_user_model().objects.get(username="nhansu.xa")
    assert list(scope.people_for(user)) == [officer]
    assert client.get(reverse("people:detail", args=[outside.pk])).status_code == 404
    cadre = get_user_model().objects.get(username="canbo.demo")
    assert list(scope.people_for(cadre)) == [officer]  # the first person of the first commune
    assert demo_users("Mat-khau-Rat-dai-2025")  # a second run resets, does not duplicate
    assert Grant.objects.filter(user=user).count() == 1


def test_tier_limited_grant_only_puts_profiles_in_its_tiers(client, tree):
    from canbo.catalogs.models import ManagementTier

    user = user_with_grant("org-board", tree["xa-a"], tiers=("XA",))
    client.force_login(user)
    form = client.get(reverse("people:create")).context["form"]
    assert [t.code for t in form.fields["management_tier"].queryset] == ["XA"]
    data = {
        "full_name": "Hồ Sơ Mới", "gender": "male", "birth": "1980", "status": "active",
        "unit": tree["xa-a"].pk, "management_tier": ManagementTier.objects.get(code="TINH").pk,
    }  # fmt: skip
    response = client.post(reverse("people:create"), data)
    assert "management_tier" in response.context["form"].errors
    assert not Person.objects.exists()
    data["management_tier"] = ManagementTier.objects.get(code="XA").pk
    response = client.post(reverse("people:create"), data)
    assert response.status_code == 302
    assert scope.can(user, "change", Person.objects.get())

"""Demo logins with grants, so that a reviewer sees scoping at work (`canbo demo`)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from canbo.catalogs.models import ManagementTier
from canbo.people.models import Person
from canbo.units.models import Unit

from .models import Grant, Role


@transaction.atomic
def demo_users(password: str) -> list[tuple[str, str]]:
    """Create (or reset) the demo logins and their grants; (username, what they see) pairs.
    Nothing is created when the demo tree is missing."""
    root = Unit.objects.filter(parent__isnull=True, valid_to__isnull=True).order_by("path").first()
    commune = Unit.objects.filter(kind="commune", valid_to__isnull=True).order_by("path").first()
    if root is None or commune is None:
        return []
    cadre = Person.objects.filter(unit__in=Unit.objects.in_subtree(commune)).order_by("pk").first()
    tier = ManagementTier.objects.filter(code="TINH").first()
    specs = [
        ("nhansu.xa", "unit-officer", commune, [],
         _("cán bộ phụ trách nhân sự %(u)s: xem, sửa hồ sơ của xã") % {"u": commune.name}),
        ("lanhdao.tinh", "leader", root, [tier] if tier else [],
         _("lãnh đạo: xem, phê duyệt cán bộ diện Ban Thường vụ Tỉnh ủy quản lý")),
        ("ubkt.tinh", "inspection", root, [],
         _("Ủy ban Kiểm tra: xem hồ sơ, kỷ luật, nhật ký toàn tỉnh")),
    ]  # fmt: skip
    if cadre is not None:
        specs.append(
            ("canbo.demo", "cadre", None, [],
             _("cán bộ %(p)s: chỉ hồ sơ của chính mình") % {"p": cadre.full_name})
        )  # fmt: skip
    result = []
    User = get_user_model()
    for username, role_code, unit, tiers, what in specs:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.is_active = True
        user.is_staff = user.is_superuser = False
        user.set_password(password)
        user.save()
        Grant.objects.filter(user=user).delete()
        grant = Grant.objects.create(
            user=user, role=Role.objects.get(code=role_code), unit=unit, include_subtree=True
        )
        if tiers:
            grant.tiers.set(tiers)
        if role_code == "cadre":
            Person.objects.filter(user=user).exclude(pk=cadre.pk).update(user=None)
            Person.objects.filter(pk=cadre.pk).update(user=user)
        result.append((username, what))
    return result

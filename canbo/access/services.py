"""Writes on users and grants: keyword-only, atomic, validated, with Vietnamese messages."""

from __future__ import annotations

import secrets
import string
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from canbo.catalogs.models import ManagementTier
from canbo.people.models import Person
from canbo.units.models import Unit

from . import scope
from .choices import Action
from .models import Grant, Role


def random_password(length: int = 16) -> str:
    """A random password that passes the configured password rules."""
    alphabet = string.ascii_letters + string.digits
    while True:
        password = "".join(secrets.choice(alphabet) for _i in range(length))
        try:
            validate_password(password)
        except ValidationError:
            continue
        return password


def find_user(username: str):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise ValidationError(_("Không có người dùng “%(u)s”.") % {"u": username})
    return user


def find_role(code: str) -> Role:
    role = Role.objects.filter(code=code).first()
    if role is None:
        codes = ", ".join(Role.objects.values_list("code", flat=True))
        raise ValidationError(
            _("Không có vai trò “%(r)s”. Các vai trò: %(all)s.") % {"r": code, "all": codes}
        )
    return role


def find_unit(code: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise ValidationError(
            _("Không có đơn vị mã “%(c)s” (xem `canbo units list`).") % {"c": code}
        )
    return unit


def find_tiers(codes: list[str]) -> list[ManagementTier]:
    tiers = {t.code: t for t in ManagementTier.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in tiers]
    if unknown:
        known = ", ".join(ManagementTier.objects.values_list("code", flat=True))
        raise ValidationError(
            _("Không có diện quản lý “%(t)s”. Các diện: %(all)s.")
            % {"t": ", ".join(unknown), "all": known}
        )
    return [tiers[c] for c in dict.fromkeys(codes)]


def parse_actions(text: str | None) -> list[str]:
    """ "view,change" → ["view", "change"]; unknown codes are refused."""
    if not text:
        return []
    actions = [a.strip() for a in text.split(",") if a.strip()]
    unknown = [a for a in actions if a not in Action.values]
    if unknown:
        raise ValidationError(
            _("Quyền không hợp lệ: %(a)s. Các quyền: %(all)s.")
            % {"a": ", ".join(unknown), "all": ", ".join(Action.values)}
        )
    return list(dict.fromkeys(actions))


def find_person(ref: str) -> Person:
    """A person by id or by citizen ID number."""
    ref = ref.strip()
    person = Person.objects.filter(citizen_id=ref).first() if len(ref) == 12 else None
    if person is None and ref.isdigit():
        person = Person.objects.filter(pk=int(ref)).first()
    if person is None:
        raise ValidationError(_("Không có cán bộ có mã hoặc số CCCD “%(p)s”.") % {"p": ref})
    return person


@transaction.atomic
def user_add(
    *,
    username: str,
    password: str,
    email: str = "",
    admin: bool = False,
    person: Person | None = None,
):
    """A new login. `admin`: superuser (every right, the admin site). `person`: the cadre's own
    profile, for the role "cadre"."""
    User = get_user_model()
    username = username.strip()
    if not username:
        raise ValidationError(_("Tên đăng nhập không được để trống."))
    if User.objects.filter(username=username).exists():
        raise ValidationError(_("Người dùng “%(u)s” đã có.") % {"u": username})
    user = User(username=username, email=email, is_staff=admin, is_superuser=admin)
    user.full_clean(exclude=["password"])
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError(
            _("Mật khẩu chưa đủ mạnh: %(m)s") % {"m": " ".join(error.messages)}
        ) from error
    user.set_password(password)
    user.save()
    if person is not None:
        person_link(user=user, person=person)
    return user


@transaction.atomic
def person_link(*, user, person: Person) -> Person:
    if person.user_id and person.user_id != user.pk:
        raise ValidationError(_("Hồ sơ %(p)s đã gắn với tài khoản khác.") % {"p": person.full_name})
    Person.objects.filter(user=user).exclude(pk=person.pk).update(user=None)
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    return person


@transaction.atomic
def user_disable(*, user) -> None:
    user.is_active = False
    user.save(update_fields=["is_active"])


@transaction.atomic
def grant_create(
    *,
    user,
    role: Role,
    unit: Unit | None = None,
    tiers: list[ManagementTier] | tuple = (),
    actions: list[str] | None = None,
    include_subtree: bool = True,
    valid_from: date | None = None,
    valid_to: date | None = None,
    granted_by=None,
) -> Grant:
    grant = Grant(
        user=user,
        role=role,
        unit=unit,
        include_subtree=include_subtree,
        actions=list(actions or []),
        valid_from=valid_from,
        valid_to=valid_to,
        granted_by=granted_by,
    )
    grant.full_clean()
    grant.save()
    if tiers:
        grant.tiers.set(tiers)
    scope.forget(user)
    return grant


@transaction.atomic
def grant_revoke(*, user, role: Role | None = None, unit: Unit | None = None) -> int:
    """Delete the user's grants of this role and/or on this unit; how many were deleted."""
    if role is None and unit is None:
        raise ValidationError(_("Hãy nêu vai trò (--role) hoặc đơn vị (--unit) cần thu hồi."))
    grants = Grant.objects.filter(user=user)
    if role is not None:
        grants = grants.filter(role=role)
    if unit is not None:
        grants = grants.filter(unit=unit)
    count = 0
    for grant in grants:  # one by one, so that every deletion is seen (audit log)
        grant.delete()
        count += 1
    scope.forget(user)
    return count

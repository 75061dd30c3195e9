"""Roles and grants: who may do what on which people and units (see `canbo.access.scope`)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Action


def _valid_actions(value) -> None:
    if not isinstance(value, list) or any(a not in Action.values for a in value):
        raise ValidationError(
            _("Quyền không hợp lệ: %(v)s. Các quyền: %(all)s."),
            params={"v": value, "all": ", ".join(Action.values)},
        )


class Role(models.Model):
    """A role (cán bộ Ban Tổ chức, lãnh đạo, Ủy ban Kiểm tra …): data, editable by an administrator.

    `actions` are the actions a grant of this role gives when the grant names none.
    `is_administrator`: a grant of it gives every action on everything (like a superuser).
    `own_profile_only`: a grant of it covers only the user's own profile (`Person.user`).
    """

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    description = models.TextField(_("mô tả"), blank=True)
    actions = models.JSONField(
        _("quyền mặc định"), default=list, blank=True, validators=[_valid_actions]
    )
    is_administrator = models.BooleanField(_("quản trị toàn hệ thống"), default=False)
    own_profile_only = models.BooleanField(_("chỉ hồ sơ của chính mình"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def action_labels(self) -> str:
        return ", ".join(str(Action(a).label) for a in self.actions)


class GrantQuerySet(models.QuerySet):
    def in_force(self, on: date | None = None) -> GrantQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )


class Grant(models.Model):
    """A user is granted a role's actions on a unit (and its subtree) for some management tiers."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="grants",
    )
    role = models.ForeignKey(
        Role, verbose_name=_("vai trò"), on_delete=models.PROTECT, related_name="grants"
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="grants",
        help_text=_("Bỏ trống chỉ với vai trò quản trị hoặc vai trò “chỉ hồ sơ của mình”."),
    )
    include_subtree = models.BooleanField(_("gồm các đơn vị cấp dưới"), default=True)
    tiers = models.ManyToManyField(
        "catalogs.ManagementTier",
        verbose_name=_("diện quản lý"),
        blank=True,
        related_name="+",
        help_text=_("Bỏ trống: mọi diện quản lý."),
    )
    actions = models.JSONField(
        _("quyền"),
        default=list,
        blank=True,
        validators=[_valid_actions],
        help_text=_("Bỏ trống: theo quyền mặc định của vai trò."),
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cấp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        ordering = ["user__username", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="grant_valid_range",
                violation_error_message=_("Ngày hết hiệu lực không được trước ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        where = self.unit.name if self.unit_id else _("toàn hệ thống")
        return f"{self.user} — {self.role} — {where}"

    @property
    def effective_actions(self) -> list[str]:
        return list(self.actions or self.role.actions)

    @property
    def action_labels(self) -> str:
        return ", ".join(str(Action(a).label) for a in self.effective_actions)

    def clean(self) -> None:
        if (
            self.role_id
            and self.unit_id is None
            and not (self.role.is_administrator or self.role.own_profile_only)
        ):
            raise ValidationError({"unit": _("Vai trò này cần một đơn vị.")})

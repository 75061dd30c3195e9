"""The audit log: one immutable row per change, profile view, export and login."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Action, Source


class ImmutableError(Exception):
    """The audit log is written once and never changed or deleted through canbo."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableError(_("Nhật ký không được sửa."))

    def delete(self):
        raise ImmutableError(_("Nhật ký không được xóa."))

    def about_person(self, person_id: int) -> AuditEntryQuerySet:
        return self.filter(person_id=person_id)


class AuditEntry(models.Model):
    """Who did what to which record, when and from where; before/after values of a change."""

    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # audit_user_at (user, -at) serves the same lookups
    )
    username = models.CharField(_("tên đăng nhập"), max_length=150, blank=True)
    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    request_id = models.CharField(_("mã yêu cầu"), max_length=64, blank=True)
    action = models.CharField(_("hành động"), max_length=20, choices=Action.choices)
    model = models.CharField(_("loại bản ghi"), max_length=100, blank=True)
    object_id = models.CharField(_("mã bản ghi"), max_length=64, blank=True)
    object_repr = models.CharField(_("bản ghi"), max_length=255, blank=True)
    # a plain id, not a foreign key: the history of a person outlives the profile
    person_id = models.BigIntegerField(_("mã cán bộ liên quan"), null=True, blank=True)
    before = models.JSONField(_("giá trị trước"), null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("giá trị sau"), null=True, blank=True, encoder=DjangoJSONEncoder)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("mục nhật ký")
        verbose_name_plural = _("nhật ký")
        ordering = ["-at", "-id"]
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["-at", "-id"], name="audit_at"),
            models.Index(fields=["person_id", "-at"], name="audit_person_at"),
            models.Index(fields=["user", "-at"], name="audit_user_at"),
            models.Index(fields=["username", "-at"], name="audit_username_at"),
            models.Index(fields=["action", "-at"], name="audit_action_at"),
            models.Index(fields=["model", "object_id"], name="audit_object"),
        ]

    def __str__(self) -> str:
        who = self.username or "—"
        return f"{self.at:%d/%m/%Y %H:%M} {who} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ImmutableError(_("Nhật ký không được sửa."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError(_("Nhật ký không được xóa."))

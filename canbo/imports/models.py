"""Imports: the header synonyms users extend, saved column mappings, and the record of each run."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from canbo.core.models import TimeStampedModel

from .choices import FIELD_CHOICES, ImportKind, ImportStatus


class HeaderSynonym(models.Model):
    """A header text that names a column ("Ngày, tháng, năm sinh" → birth date).

    `text` may name the lower cell of a two-row header under its upper cell: "Trình độ > LLCT".
    """

    field = models.CharField(_("cột"), max_length=40, choices=FIELD_CHOICES)
    text = models.CharField(_("tiêu đề cột"), max_length=200)
    key = models.CharField(max_length=200, editable=False, unique=True)

    class Meta:
        verbose_name = _("tên gọi khác của cột")
        verbose_name_plural = _("tên gọi khác của cột")
        ordering = ["field", "text"]

    def __str__(self) -> str:
        return f"{self.text} → {self.get_field_display()}"

    def save(self, *args, **kwargs) -> None:
        from .headers import header_key

        self.key = header_key(self.text)
        super().save(*args, **kwargs)


class SavedMapping(TimeStampedModel):
    """A column mapping kept under a name to reuse with the next file of the same layout.

    `columns` maps a header text (as the file writes it, folded) or a column letter ("C") to a
    field key; "" ignores the column.
    """

    name = models.SlugField(_("tên"), max_length=60, unique=True)
    description = models.CharField(_("mô tả"), max_length=255, blank=True)
    columns = models.JSONField(_("cột"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("cách ghép cột đã lưu")
        verbose_name_plural = _("cách ghép cột đã lưu")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ImportRun(models.Model):
    """One import (preview, dry run or real): who, when, the file kept, and what it did."""

    kind = models.CharField(
        _("loại"), max_length=20, choices=ImportKind.choices, default=ImportKind.PEOPLE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("bắt đầu"), auto_now_add=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    file = models.FileField(_("tệp"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    sheet = models.CharField(_("trang tính"), max_length=120, blank=True)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    create_units = models.BooleanField(_("tạo đơn vị mới"), default=False)
    mapping = models.JSONField(_("ghép cột"), default=dict, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    list_date = models.DateField(_("danh sách tính đến ngày"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("số dòng"), default=0)
    created = models.PositiveIntegerField(_("thêm mới"), default=0)
    updated = models.PositiveIntegerField(_("cập nhật"), default=0)
    unchanged = models.PositiveIntegerField(_("không đổi"), default=0)
    errors = models.PositiveIntegerField(_("lỗi"), default=0)
    warnings = models.PositiveIntegerField(_("cảnh báo"), default=0)
    units_created = models.JSONField(_("đơn vị được tạo"), default=list, blank=True)
    problems = models.JSONField(_("các vấn đề"), default=list, blank=True)

    class Meta:
        verbose_name = _("lần nhập dữ liệu")
        verbose_name_plural = _("các lần nhập dữ liệu")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.started_at:%d/%m/%Y %H:%M})"

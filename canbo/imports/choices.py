from django.db import models
from django.utils.translation import gettext_lazy as _

from .data import FIELDS


class ImportKind(models.TextChoices):
    PEOPLE = "people", _("Danh sách cán bộ")


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Đang xem trước")
    REJECTED = "rejected", _("Bị từ chối (có lỗi)")
    DRY_RUN = "dry_run", _("Chạy thử")
    IMPORTED = "imported", _("Đã nhập")
    FAILED = "failed", _("Lỗi hệ thống")


FIELD_CHOICES = [(key, _(label)) for key, label in FIELDS]  # noqa: INT001

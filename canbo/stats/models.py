"""Indicators (chỉ tiêu): targets declared as data by staff, computed live or entered by hand."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from canbo.core.models import TimeStampedModel
from canbo.units.choices import UnitKind

from .choices import Comparison, ConditionRole, CountBy, IndicatorKind, Measure, Operator
from .conditions import field_choices


class Indicator(TimeStampedModel):
    """A target set by a resolution for a unit and its subtree, e.g. "50% of commune party
    secretaries and chairs non-local" (Nghị quyết 04-NQ/TU)."""

    code = models.SlugField(_("mã chỉ tiêu"), max_length=60, unique=True)
    name = models.CharField(_("tên chỉ tiêu"), max_length=300)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("phạm vi (đơn vị và cấp dưới)"),
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    resolution = models.CharField(
        _("văn bản đặt chỉ tiêu"), max_length=200, help_text=_("Ví dụ: Nghị quyết 09-NQ/HU")
    )
    adopted_on = models.DateField(
        _("ngày ban hành"),
        null=True,
        blank=True,
        help_text=_("Mốc bắt đầu tính tiến độ; bỏ trống thì tính từ ngày khai báo chỉ tiêu."),
    )
    deadline = models.DateField(_("thời hạn"))
    kind = models.CharField(
        _("cách tính"), max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.COMPUTED
    )
    measure = models.CharField(
        _("đại lượng"), max_length=15, choices=Measure.choices, default=Measure.SHARE
    )
    count_by = models.CharField(
        _("đếm theo"), max_length=10, choices=CountBy.choices, default=CountBy.PEOPLE
    )
    comparison = models.CharField(
        _("yêu cầu"), max_length=10, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    target = models.DecimalField(
        _("chỉ tiêu"),
        max_digits=14,
        decimal_places=2,
        help_text=_("Phần trăm với đại lượng tỷ lệ (ví dụ 50), số lượng với đại lượng số lượng."),
    )
    per_unit_kind = models.CharField(
        _("mỗi đơn vị loại"),
        max_length=20,
        choices=UnitKind.choices,
        blank=True,
        help_text=_("Với “tỷ lệ đơn vị”: loại đơn vị được xét, ví dụ xã."),
    )
    per_unit_min = models.PositiveSmallIntegerField(
        _("số tối thiểu mỗi đơn vị"), default=1, help_text=_("Ví dụ: ít nhất 1 người mỗi xã.")
    )
    value_unit = models.CharField(
        _("đơn vị tính (chỉ tiêu nhập tay)"), max_length=40, blank=True, help_text=_("Ví dụ: %")
    )
    description = models.TextField(_("ghi chú"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang theo dõi"), default=True)
    version = models.PositiveIntegerField(
        _("phiên bản"), default=1, editable=False,
        help_text=_("Tăng mỗi lần lưu: hai người sửa cùng lúc không ghi đè lên nhau."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["sort_order", "deadline", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target__gte=0),
                name="indicator_target_not_negative",
                violation_error_message=_("Chỉ tiêu không được âm."),
            ),
            models.CheckConstraint(
                condition=Q(adopted_on__isnull=True) | Q(deadline__gte=models.F("adopted_on")),
                name="indicator_deadline_after_adoption",
                violation_error_message=_("Thời hạn không được trước ngày ban hành."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.measure == Measure.UNITS_COVERED and not self.per_unit_kind:
            errors["per_unit_kind"] = _("Chọn loại đơn vị được xét (ví dụ xã).")
        if (
            self.measure in (Measure.SHARE, Measure.UNITS_COVERED)
            and self.target is not None
            and self.target > 100
        ):
            errors["target"] = _("Tỷ lệ không quá 100%.")
        if errors:
            raise ValidationError(errors)


class IndicatorCondition(models.Model):
    """One row of an indicator's population or condition: field, operator, value."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="conditions", verbose_name=_("chỉ tiêu")
    )
    role = models.CharField(_("vai trò"), max_length=10, choices=ConditionRole.choices)
    field = models.CharField(_("trường"), max_length=30, choices=field_choices)
    operator = models.CharField(_("phép so sánh"), max_length=10, choices=Operator.choices)
    value = models.CharField(_("giá trị"), max_length=500)

    class Meta:
        verbose_name = _("điều kiện")
        verbose_name_plural = _("điều kiện")
        ordering = ["role", "pk"]

    def __str__(self) -> str:
        return f"{self.field} {self.operator} {self.value}"

    def clean(self) -> None:
        from .conditions import ConditionError, check

        try:
            check(self.field, self.operator, self.value)
        except ConditionError as exc:
            raise ValidationError({"value": str(exc)}) from None


class IndicatorEntry(TimeStampedModel):
    """A value entered by hand, with its source and date (targets canbo cannot compute)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="entries", verbose_name=_("chỉ tiêu")
    )
    value = models.DecimalField(_("giá trị"), max_digits=14, decimal_places=2)
    as_of = models.DateField(_("số liệu đến ngày"))
    source = models.CharField(
        _("nguồn"), max_length=300, help_text=_("Ví dụ: Báo cáo sơ kết giữa nhiệm kỳ, 30/6/2023")
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("số liệu nhập tay")
        verbose_name_plural = _("số liệu nhập tay")
        ordering = ["-as_of", "-pk"]

    def __str__(self) -> str:
        return f"{self.value} ({self.as_of:%d/%m/%Y})"

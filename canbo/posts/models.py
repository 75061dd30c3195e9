"""Titles and their standards, posts (a title at a unit), decisions and assignments."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from canbo.core.models import TimeStampedModel

from .choices import AssignmentKind, DecisionKind, EndReason, TitleGroup


class Title(models.Model):
    """A title (chức danh) with its standards: what a holder must have."""

    code = models.SlugField(_("mã chức danh"), max_length=40, unique=True)
    name = models.CharField(_("tên chức danh"), max_length=200)
    group = models.CharField(_("khối"), max_length=20, choices=TitleGroup.choices)
    is_key = models.BooleanField(_("chủ chốt"), default=False)
    is_leadership = models.BooleanField(_("lãnh đạo, quản lý"), default=True)
    management_tier = models.ForeignKey(
        "catalogs.ManagementTier",
        verbose_name=_("diện quản lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    min_qualification = models.ForeignKey(
        "catalogs.QualificationLevel",
        verbose_name=_("chuyên môn tối thiểu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    min_political_theory = models.ForeignKey(
        "catalogs.PoliticalTheoryLevel",
        verbose_name=_("lý luận chính trị tối thiểu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    min_state_management = models.ForeignKey(
        "catalogs.StateManagementRank",
        verbose_name=_("quản lý nhà nước tối thiểu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    rank = models.PositiveSmallIntegerField(
        _("thứ bậc"), default=0, help_text=_("Cao hơn là chức danh cao hơn (để xếp thứ tự).")
    )
    description = models.TextField(_("ghi chú tiêu chuẩn"), blank=True)

    class Meta:
        verbose_name = _("chức danh")
        verbose_name_plural = _("chức danh")
        ordering = ["-rank", "name"]

    def __str__(self) -> str:
        return self.name


class Post(models.Model):
    """A title at a unit, e.g. "Bí thư Đảng ủy" at the party committee of a commune."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="posts"
    )
    title = models.ForeignKey(
        Title, verbose_name=_("chức danh"), on_delete=models.PROTECT, related_name="posts"
    )
    seats = models.PositiveSmallIntegerField(_("số lượng"), default=1)

    class Meta:
        verbose_name = _("vị trí")
        verbose_name_plural = _("vị trí")
        ordering = ["unit__path", "-title__rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "title"],
                name="post_unit_title_unique",
                violation_error_message=_("Đơn vị này đã có vị trí với chức danh này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title.name} — {self.unit.name}"


def decision_upload_to(instance: Decision, filename: str) -> str:
    return f"decisions/{instance.issued_on:%Y}/{filename}"


class Decision(TimeStampedModel):
    """A decision (quyết định) that changes people and posts; the legal basis of assignments."""

    number = models.CharField(_("số quyết định"), max_length=60, help_text=_("Ví dụ 208-QĐ/HU"))
    issued_on = models.DateField(_("ngày ký"))
    effective_on = models.DateField(_("ngày hiệu lực"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    kind = models.CharField(_("loại quyết định"), max_length=20, choices=DecisionKind.choices)
    summary = models.TextField(_("trích yếu"), blank=True)
    file = models.FileField(_("tệp đính kèm"), upload_to=decision_upload_to, blank=True)

    class Meta:
        verbose_name = _("quyết định")
        verbose_name_plural = _("quyết định")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["number", "issued_on", "issuer"],
                name="decision_unique_number",
                violation_error_message=_("Quyết định cùng số, ngày và cơ quan ban hành đã có."),
            ),
            models.CheckConstraint(
                condition=Q(effective_on__isnull=True) | Q(effective_on__gte=models.F("issued_on")),
                name="decision_effective_after_issue",
                violation_error_message=_("Ngày hiệu lực không được trước ngày ký."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.issued_on:%d/%m/%Y})"


class AssignmentQuerySet(models.QuerySet):
    def active_on(self, on: date) -> AssignmentQuerySet:
        return self.filter(start_date__lte=on).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )


class Assignment(TimeStampedModel):
    """A person in a post from a date to a date, backed by a decision."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("cán bộ"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    post = models.ForeignKey(
        Post, verbose_name=_("vị trí"), on_delete=models.PROTECT, related_name="assignments"
    )
    kind = models.CharField(_("hình thức"), max_length=20, choices=AssignmentKind.choices)
    is_concurrent = models.BooleanField(_("kiêm nhiệm"), default=False)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    end_reason = models.CharField(
        _("lý do thôi giữ"), max_length=20, choices=EndReason.choices, blank=True
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("quá trình giữ chức vụ")
        verbose_name_plural = _("quá trình giữ chức vụ")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="assignment_end_after_start",
                violation_error_message=_("Ngày thôi giữ chức vụ không được trước ngày bắt đầu."),
            )
        ]
        indexes = [models.Index(fields=["post", "end_date"], name="assignment_post_end")]

    def __str__(self) -> str:
        return f"{self.person} — {self.post}"

    @property
    def is_current(self) -> bool:
        return self.end_date is None or self.end_date >= date.today()

    def unit_name_then(self) -> str:
        """The unit's name during the assignment (before any later rename)."""
        return self.post.unit.name_on(self.end_date or self.start_date)

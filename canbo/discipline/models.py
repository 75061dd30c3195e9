"""Sanctions (2C item 35.2). Inspections and campaigns come with the discipline capability."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import SanctionForm, SanctionSystem


class Sanction(models.Model):
    """A disciplinary sanction decided against a person."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("cán bộ"),
        on_delete=models.CASCADE,
        related_name="sanctions",
    )
    system = models.CharField(_("hệ thống"), max_length=10, choices=SanctionSystem.choices)
    form = models.CharField(_("hình thức kỷ luật"), max_length=30, choices=SanctionForm.choices)
    decided_on = models.DateField(_("ngày quyết định"))
    ends_on = models.DateField(_("hết hiệu lực"), null=True, blank=True)
    issuer = models.CharField(_("cấp quyết định"), max_length=255)
    reason = models.CharField(_("lý do, hành vi vi phạm"), max_length=500, blank=True)
    decision = models.ForeignKey(
        "posts.Decision",
        verbose_name=_("quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sanctions",
    )

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["-decided_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("decided_on")),
                name="sanction_end_after_decision",
                violation_error_message=_("Ngày hết hiệu lực không được trước ngày quyết định."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_form_display()} ({self.decided_on:%d/%m/%Y})"

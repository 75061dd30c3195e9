"""The filters of the audit browse page."""

from __future__ import annotations

import datetime

import django_filters as df
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Action, Source
from .models import AuditEntry


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class AuditFilter(df.FilterSet):
    person = df.NumberFilter(field_name="person_id", label=_("Mã cán bộ"), min_value=1)
    user = df.CharFilter(field_name="username", lookup_expr="iexact", label=_("Người dùng"))
    date_from = df.DateFilter(
        label=_("Từ ngày"), method="filter_from", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = df.DateFilter(
        label=_("Đến ngày"), method="filter_to", widget=forms.DateInput(attrs={"type": "date"})
    )
    action = df.ChoiceFilter(label=_("Hành động"), choices=Action.choices)
    source = df.ChoiceFilter(label=_("Nguồn"), choices=Source.choices)
    q = df.CharFilter(
        field_name="object_repr", lookup_expr="icontains", label=_("Bản ghi (tìm theo tên)")
    )

    class Meta:
        model = AuditEntry
        fields: list[str] = []

    def filter_from(self, queryset, name, value):
        return queryset.filter(at__gte=_start_of(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(at__lt=_start_of(value + datetime.timedelta(days=1)))

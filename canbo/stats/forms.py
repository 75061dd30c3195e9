from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.catalogs.models import ManagementTier

from .models import IndicatorEntry


class ReportForm(forms.Form):
    as_of = forms.DateField(
        label=_("Tính đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tier = forms.ModelChoiceField(
        label=_("Diện quản lý"),
        queryset=ManagementTier.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("Tất cả"),
    )
    period_from = forms.DateField(
        label=_("Biến động từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_to = forms.DateField(
        label=_("đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_to")
        if (start is None) != (end is None):
            raise forms.ValidationError(_("Chọn cả ngày đầu và ngày cuối của khoảng biến động."))
        if start and end and end < start:
            raise forms.ValidationError(_("Ngày cuối của khoảng biến động trước ngày đầu."))
        return data

    @property
    def period(self):
        if self.is_bound and self.is_valid() and self.cleaned_data.get("period_from"):
            return self.cleaned_data["period_from"], self.cleaned_data["period_to"]
        return None


class IndicatorEntryForm(forms.ModelForm):
    class Meta:
        model = IndicatorEntry
        fields = ["value", "as_of", "source", "note"]
        widgets = {"as_of": forms.DateInput(attrs={"type": "date"})}

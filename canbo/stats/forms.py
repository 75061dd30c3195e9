from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.catalogs.models import ManagementTier

from .choices import ConditionRole, Operator
from .conditions import ConditionError, check, field_choices
from .models import Indicator, IndicatorEntry

# ages, retirement and the trend reach back up to a few centuries from the date
MIN_YEAR, MAX_YEAR = 1900, 2200


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

    def clean_as_of(self):
        value = self.cleaned_data.get("as_of")
        if value and not (MIN_YEAR <= value.year <= MAX_YEAR):
            raise forms.ValidationError(
                _("Chọn ngày trong khoảng năm %(min)d–%(max)d.")
                % {"min": MIN_YEAR, "max": MAX_YEAR}
            )
        return value

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


RESERVED_CODES = {"new"}  # /stats/<unit>/indicators/new/ is the declaration page


class IndicatorForm(forms.ModelForm):
    """Declare or edit an indicator (its conditions are a formset, `ConditionFormSet`); the
    unit is one of those the user may change."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Indicator
        fields = [
            "code", "name", "unit", "resolution", "adopted_on", "deadline", "kind", "measure",
            "count_by", "comparison", "target", "per_unit_kind", "per_unit_min", "value_unit",
            "description", "sort_order", "is_active",
        ]  # fmt: skip
        widgets = {
            "adopted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)

    def clean_code(self):
        code = self.cleaned_data["code"]
        if code in RESERVED_CODES:
            raise forms.ValidationError(
                _("Mã “%(c)s” được dành riêng, hãy chọn mã khác.") % {"c": code}
            )
        return code


class ConditionForm(forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=[("", "—"), *ConditionRole.choices])
    field = forms.ChoiceField(label=_("Trường"), choices=())
    operator = forms.ChoiceField(label=_("Phép so sánh"), choices=[("", "—"), *Operator.choices])
    value = forms.CharField(label=_("Giá trị"), max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", "—"), *field_choices()]

    def clean(self):
        data = super().clean()
        if all(data.get(k) for k in ("field", "operator", "value")):
            try:
                check(data["field"], data["operator"], data["value"])
            except ConditionError as exc:
                self.add_error("value", str(exc))
        return data


ConditionFormSet = forms.formset_factory(ConditionForm, extra=2, can_delete=True)


def condition_rows(formset) -> list[tuple[str, str, str, str]]:
    """(role, field, operator, value) of the filled, not deleted rows of a valid formset."""
    return [
        (f.cleaned_data["role"], f.cleaned_data["field"], f.cleaned_data["operator"],
         f.cleaned_data["value"].strip())
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]  # fmt: skip

"""Profile forms: the 2C fields grouped as on the paper form, with Vietnamese messages."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.forms import inlineformset_factory
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from canbo.core.dates import PartialDate, parse_partial_date
from canbo.units.models import Area, Unit

from .models import Award, FamilyMember, Person, Training, WorkHistory


class PartialDateField(forms.CharField):
    """A date as written on forms: "05/03/1975", "03/1975" or "1975"."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            _("Ngày/tháng/năm, tháng/năm hoặc chỉ năm, ví dụ 05/03/1975, 03/1975, 1975."),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_partial_date(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc

    def prepare_value(self, value):
        return str(value) if isinstance(value, PartialDate) else value


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AreaChoiceField(forms.ModelChoiceField):
    """An area chosen by code or name through a datalist (14,000 areas: no giant <select>)."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text", _("Gõ tên xã, phường (cả tên cũ) rồi chọn trong gợi ý; giữ mã ở đầu.")
        )
        super().__init__(queryset=Area.objects.all(), to_field_name="code", **kwargs)
        self.widget = forms.TextInput(
            attrs={
                "list": "area-options",
                "autocomplete": "off",
                "hx-get": reverse_lazy("units:area_options"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#area-options",
            }
        )

    def prepare_value(self, value):
        if isinstance(value, int):
            value = Area.objects.select_related("parent").filter(pk=value).first()
        if isinstance(value, Area):
            return f"{value.code} {value.full_name()}"
        return value

    def to_python(self, value):
        value = (value or "").strip().split(" ", 1)[0]
        if not value:
            return None
        try:
            return Area.objects.get(code=value)
        except Area.DoesNotExist as exc:
            raise forms.ValidationError(
                _("Không tìm thấy địa bàn có mã “%(code)s”. Hãy chọn trong danh sách gợi ý."),
                code="invalid_choice",
                params={"code": value},
            ) from exc


FIELDSETS = [
    (_("Sơ yếu"), ["full_name", "other_names", "gender", "birth", "citizen_id", "citizen_id_issued_on",
                   "birthplace", "birthplace_text", "hometown", "hometown_text", "residence", "phone",
                   "ethnicity", "religion", "family_background", "policy_beneficiary"]),
    (_("Công tác"), ["unit", "management_tier", "status", "main_duty", "strengths", "occupation_before",
                     "recruited_on", "recruited_by", "joined_unit_on", "retirement_notified_on"]),
    (_("Đảng, đoàn thể, quân ngũ"), ["party_joined_on", "party_official_on", "party_unit",
                                      "mass_org_joined_on", "military_enlisted_on",
                                      "military_discharged_on", "military_rank"]),
    (_("Trình độ"), ["general_education", "qualification_level", "qualification_field",
                     "academic_title", "political_theory", "state_management", "foreign_language",
                     "it_skill", "state_honours"]),
    (_("Ngạch, lương"), ["civil_service_rank", "salary_step", "salary_coefficient", "salary_since"]),
    (_("Sức khỏe, lịch sử bản thân"), ["health", "height_cm", "weight_kg", "blood_type",
                                        "personal_history", "remarks"]),
]  # fmt: skip


class PersonForm(forms.ModelForm):
    birth = PartialDateField(label=_("Ngày sinh"))
    birthplace = AreaChoiceField(label=_("Nơi sinh (địa bàn)"), required=False)
    hometown = AreaChoiceField(label=_("Quê quán (địa bàn)"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Person
        fields = [name for _legend, names in FIELDSETS for name in names if name != "birth"]
        widgets = {
            name: DateInput()
            for name in [
                "citizen_id_issued_on", "recruited_on", "joined_unit_on", "party_joined_on",
                "party_official_on", "mass_org_joined_on", "military_enlisted_on",
                "military_discharged_on", "salary_since", "retirement_notified_on",
            ]
        } | {"personal_history": forms.Textarea(attrs={"rows": 3}), "remarks": forms.Textarea(attrs={"rows": 3})}  # fmt: skip

    def __init__(self, *args, units=None, **kwargs):
        """`units`: the units the profile may be put in (the user's "change" scope);
        a profile's current unit stays choosable."""
        super().__init__(*args, **kwargs)
        choices = Unit.objects.all() if units is None else units
        if units is not None and self.instance.pk and self.instance.unit_id:
            choices = Unit.objects.filter(
                Q(pk__in=units.values("pk")) | Q(pk=self.instance.unit_id)
            )
        self.fields["unit"].queryset = choices.only("pk", "name", "code", "path")
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and field.empty_label:
                field.empty_label = "—"
        if self.instance.pk:
            self.initial["birth"] = str(self.instance.birth)
            self.initial.setdefault("version", self.instance.version)

    def fieldsets(self):
        for legend, names in FIELDSETS:
            yield legend, [self[name] for name in names]

    def _post_clean(self):
        birth = self.cleaned_data.get("birth")
        if birth is not None:
            self.instance.birth_date = birth.value
            self.instance.birth_date_precision = birth.precision
        super()._post_clean()
        # model errors about the date of birth belong to the "birth" form field
        if "birth_date" in self._errors:
            self._errors.setdefault("birth", self.error_class()).extend(
                self._errors.pop("birth_date")
            )


def _formset(model, fields, widgets=None):
    return inlineformset_factory(
        Person, model, fields=fields, extra=1, can_delete=True, widgets=widgets or {}
    )


TrainingFormSet = _formset(
    Training,
    [
        "kind",
        "qualification_level",
        "field",
        "institution",
        "mode",
        "start_date",
        "end_date",
        "diploma",
    ],
    {"start_date": DateInput(), "end_date": DateInput()},
)
WorkHistoryFormSet = _formset(
    WorkHistory,
    ["start_date", "end_date", "description"],
    {"start_date": DateInput(), "end_date": DateInput()},
)
FamilyFormSet = _formset(FamilyMember, ["side", "relation", "full_name", "birth_year", "details"])
AwardFormSet = _formset(Award, ["year", "form", "issuer", "reason"])

SECTION_FORMSETS = [
    ("trainings", _("Đào tạo, bồi dưỡng"), TrainingFormSet),
    ("work_history", _("Tóm tắt quá trình công tác"), WorkHistoryFormSet),
    ("family", _("Quan hệ gia đình"), FamilyFormSet),
    ("awards", _("Khen thưởng"), AwardFormSet),
]

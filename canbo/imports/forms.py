from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.units.models import Unit

from .choices import FIELD_CHOICES
from .models import SavedMapping
from .reading import SUFFIXES, suffix_of


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách"),
        help_text=_("Tệp .xlsx, .xls hoặc .csv (UTF-8 hoặc Windows-1258)."),
    )
    unit = forms.ModelChoiceField(
        label=_("Đơn vị nhận"),
        queryset=Unit.objects.none(),
        help_text=_("Người không có dòng đơn vị, cột đơn vị riêng thì thuộc đơn vị này."),
    )
    sheet = forms.CharField(
        label=_("Trang tính"), required=False, help_text=_("Để trống: trang đầu tiên.")
    )
    create_units = forms.BooleanField(
        label=_("Tạo các đơn vị chưa có (dưới đơn vị nhận)"), required=False
    )
    mapping = forms.ModelChoiceField(
        label=_("Cách ghép cột đã lưu"), queryset=SavedMapping.objects.all(), required=False
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["unit"].empty_label = "—"
        self.fields["mapping"].empty_label = "—"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if suffix_of(upload.name) not in SUFFIXES:
            raise forms.ValidationError(_("Chỉ nhận tệp .xlsx, .xls hoặc .csv."))
        return upload


class MappingForm(forms.Form):
    """One select per column of the detected header: what the column holds."""

    save_as = forms.SlugField(
        label=_("Lưu cách ghép cột này với tên"),
        required=False,
        help_text=_("Chữ thường, số và dấu gạch, ví dụ so-noi-vu-2025."),
    )

    def __init__(self, *args, columns=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— không nhập —")), *FIELD_CHOICES]
        self.columns = list(columns)
        for column in self.columns:
            label = f"{column.letter}: {column.header or '—'}"
            self.fields[f"col_{column.letter}"] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=False,
                initial=column.field,
                widget=forms.Select(attrs={"aria-label": label}),
            )

    def mapping(self) -> dict[str, str]:
        return {c.letter: self.cleaned_data.get(f"col_{c.letter}", "") for c in self.columns}

    def column_fields(self):
        for column in self.columns:
            yield column, self[f"col_{column.letter}"]

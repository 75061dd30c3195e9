from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Assignment, Decision, Post


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AssignmentForm(forms.ModelForm):
    post = forms.ModelChoiceField(
        label=_("Vị trí (chức danh tại đơn vị)"),
        queryset=Post.objects.select_related("title", "unit").order_by(
            "unit__path", "-title__rank"
        ),
    )
    decision = forms.ModelChoiceField(
        label=_("Quyết định"), queryset=Decision.objects.all(), required=False
    )
    end_current = forms.BooleanField(
        label=_("Kết thúc chức vụ chính hiện tại vào ngày hôm trước"), required=False, initial=True
    )

    class Meta:
        model = Assignment
        fields = ["post", "kind", "is_concurrent", "start_date", "end_date", "decision", "note"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = [
            "number",
            "issued_on",
            "effective_on",
            "issuer",
            "signer",
            "kind",
            "summary",
            "file",
        ]
        widgets = {"issued_on": DateInput(), "effective_on": DateInput()}

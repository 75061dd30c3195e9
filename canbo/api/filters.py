"""Query-string filters of the API. People use the web list's own `PersonFilter` (same names,
same meaning); the other resources have small FilterSets of their own."""

from __future__ import annotations

from datetime import date

import django_filters as df
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from canbo.people.filters import MINORITY, NULL, PersonFilter
from canbo.posts.choices import AssignmentKind, DecisionKind, TitleGroup
from canbo.posts.models import Assignment, Decision, Post, Title
from canbo.units.choices import UnitKind
from canbo.units.models import Unit, path_upper_bound


@extend_schema_field(OpenApiTypes.INT)
class TitleIdFilter(df.ModelChoiceFilter):
    """A title by its id (the schema cannot guess it from a filter method)."""


class ApiPersonFilter(PersonFilter):
    """The web list's filters. Only the schema differs: `ethnicity` takes an id or "minority"
    (its choices are read from the catalog when the filter is built)."""

    ethnicity = df.CharFilter(
        label=_("Dân tộc (mã số, “%(m)s”: dân tộc thiểu số, “%(n)s”: chưa ghi)")
        % {"m": MINORITY, "n": NULL},
        method="filter_ethnicity",
    )
    title = TitleIdFilter(
        label=_("Chức danh (mã số) đang giữ"), queryset=Title.objects.all(), method="filter_title"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["ethnicity"].extra.pop("choices", None)  # set by PersonFilter for its select

    def filter_ethnicity(self, queryset, name, value):
        value = value.strip()
        if value not in (MINORITY, NULL) and not value.isdigit():
            return queryset.none()
        return super().filter_ethnicity(queryset, name, value)


ID_BOUNDS = {"min_value": 1, "max_value": 2**63 - 1}  # a 64-bit id: beyond is a 400, not a crash


def _subtree(queryset, prefix: str, code: str):
    """Rows whose unit (at `prefix`) lies in the subtree of the unit with this code."""
    unit = Unit.objects.filter(code=code.strip()).only("path").first()
    if unit is None:
        return queryset.none()
    return queryset.filter(
        **{f"{prefix}path__gte": unit.path, f"{prefix}path__lt": path_upper_bound(unit.path)}
    )


class UnitFilter(df.FilterSet):
    q = df.CharFilter(label=_("Tên hoặc mã có chứa"), method="filter_q")
    kind = df.ChoiceFilter(label=_("Loại đơn vị"), choices=UnitKind.choices)
    parent = df.CharFilter(label=_("Mã đơn vị cấp trên (con trực tiếp)"), field_name="parent__code")
    roots = df.BooleanFilter(label=_("Chỉ đơn vị gốc"), field_name="parent", lookup_expr="isnull")
    under = df.CharFilter(label=_("Mã đơn vị: cả cây đơn vị bên dưới"), method="filter_under")
    area = df.CharFilter(label=_("Mã địa bàn"), field_name="area__code")
    active = df.BooleanFilter(label=_("Đang hoạt động"), method="filter_active")

    class Meta:
        model = Unit
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))

    def filter_under(self, queryset, name, value):
        return _subtree(queryset, "", value)

    def filter_active(self, queryset, name, value):
        active = Q(valid_to__isnull=True) | Q(valid_to__gte=date.today())
        return queryset.filter(active) if value else queryset.exclude(active)


class TitleFilter(df.FilterSet):
    q = df.CharFilter(label=_("Tên có chứa"), field_name="name", lookup_expr="icontains")
    group = df.ChoiceFilter(label=_("Khối"), choices=TitleGroup.choices)
    is_key = df.BooleanFilter(label=_("Chủ chốt"))

    class Meta:
        model = Title
        fields: list[str] = []


class PostFilter(df.FilterSet):
    unit = df.CharFilter(label=_("Mã đơn vị"), field_name="unit__code")
    under = df.CharFilter(label=_("Mã đơn vị: cả cây đơn vị bên dưới"), method="filter_under")
    title = df.CharFilter(label=_("Mã chức danh"), field_name="title__code")
    is_key = df.BooleanFilter(label=_("Chức danh chủ chốt"), field_name="title__is_key")

    class Meta:
        model = Post
        fields: list[str] = []

    def filter_under(self, queryset, name, value):
        return _subtree(queryset, "unit__", value)


class AssignmentFilter(df.FilterSet):
    person = df.NumberFilter(label=_("Mã số cán bộ"), field_name="person_id", **ID_BOUNDS)
    unit = df.CharFilter(label=_("Mã đơn vị"), field_name="post__unit__code")
    under = df.CharFilter(label=_("Mã đơn vị: cả cây đơn vị bên dưới"), method="filter_under")
    title = df.CharFilter(label=_("Mã chức danh"), field_name="post__title__code")
    kind = df.ChoiceFilter(label=_("Hình thức"), choices=AssignmentKind.choices)
    decision = df.NumberFilter(label=_("Mã số quyết định"), field_name="decision_id", **ID_BOUNDS)
    current = df.BooleanFilter(label=_("Đang giữ (hôm nay)"), method="filter_current")
    on = df.DateFilter(label=_("Đang giữ vào ngày"), method="filter_on")

    class Meta:
        model = Assignment
        fields: list[str] = []

    def filter_under(self, queryset, name, value):
        return _subtree(queryset, "post__unit__", value)

    def filter_current(self, queryset, name, value):
        current = Assignment.objects.active_on(date.today()).values("pk")
        return queryset.filter(pk__in=current) if value else queryset.exclude(pk__in=current)

    def filter_on(self, queryset, name, value):
        return queryset.active_on(value)


class DecisionFilter(df.FilterSet):
    q = df.CharFilter(label=_("Số hoặc trích yếu có chứa"), method="filter_q")
    kind = df.ChoiceFilter(label=_("Loại quyết định"), choices=DecisionKind.choices)
    issued_from = df.DateFilter(label=_("Ký từ ngày"), field_name="issued_on", lookup_expr="gte")
    issued_to = df.DateFilter(label=_("Ký đến ngày"), field_name="issued_on", lookup_expr="lte")

    class Meta:
        model = Decision
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(number__icontains=value) | Q(summary__icontains=value))

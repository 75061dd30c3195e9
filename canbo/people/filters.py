"""The one FilterSet behind the people list, its exports and (later) the API."""

from __future__ import annotations

from datetime import date

import django_filters as df
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from canbo.catalogs.models import (
    Ethnicity,
    ManagementTier,
    PoliticalTheoryLevel,
    QualificationLevel,
    Religion,
    StateManagementRank,
)
from canbo.core.choices import Gender
from canbo.core.text import fold
from canbo.posts.models import Assignment, Title
from canbo.stats.populations import LOCALITIES, RETIREMENT_BANDS, key_post_locality, retirement_q
from canbo.units.models import Unit

from .choices import PersonStatus
from .models import Person

YES_NO = [("yes", _("Có")), ("no", _("Không"))]
MINORITY = "minority"
NULL = "null"  # "not recorded" (django-filter's null choice value)
NOT_RECORDED = _("Chưa ghi")
YEAR = {"min_value": 1, "max_value": 9999, "decimal_places": 0}
AGE = {"min_value": 0, "max_value": 150, "decimal_places": 0}

SORTS = {
    "name": ("given_name", "search_name", "pk"),
    "-name": ("-given_name", "-search_name", "-pk"),
    "birth": ("birth_date", "pk"),
    "-birth": ("-birth_date", "-pk"),
    "unit": ("unit__path", "given_name", "pk"),
    "-unit": ("-unit__path", "given_name", "pk"),
}


def _birthday_years_ago(on: date, years: int) -> date:
    if on.year - years < date.min.year:
        return date.min  # before the calendar starts: nobody is born before it
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


class PersonFilter(df.FilterSet):
    q = df.CharFilter(label=_("Tìm theo tên"), method="filter_q")
    unit = df.CharFilter(label=_("Đơn vị (mã)"), method="filter_unit")
    subtree = df.BooleanFilter(
        label=_("Gồm đơn vị cấp dưới"), method="filter_noop", widget=forms.CheckboxInput
    )
    gender = df.ChoiceFilter(label=_("Giới tính"), choices=Gender.choices)
    birth_year_min = df.NumberFilter(
        label=_("Sinh từ năm"), field_name="birth_date", lookup_expr="year__gte", **YEAR
    )
    birth_year_max = df.NumberFilter(
        label=_("Sinh đến năm"), field_name="birth_date", lookup_expr="year__lte", **YEAR
    )
    age_min = df.NumberFilter(label=_("Tuổi từ"), method="filter_age_min", **AGE)
    age_max = df.NumberFilter(label=_("Tuổi đến"), method="filter_age_max", **AGE)
    as_of = df.DateFilter(
        label=_("Tính tuổi đến ngày"),
        method="filter_noop",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    title = df.ModelChoiceFilter(
        label=_("Chức danh"), queryset=Title.objects.all(), method="filter_title"
    )
    key_post = df.ChoiceFilter(
        label=_("Giữ chức danh chủ chốt"), choices=YES_NO, method="filter_key_post"
    )
    key_post_locality = df.ChoiceFilter(
        label=_("Giữ chức danh chủ chốt: người địa phương"),
        choices=LOCALITIES,
        method="filter_key_post_locality",
    )
    management_tier = df.ModelChoiceFilter(
        label=_("Diện quản lý"), queryset=ManagementTier.objects.all(), null_label=NOT_RECORDED
    )
    political_theory = df.ModelChoiceFilter(
        label=_("Lý luận chính trị"),
        queryset=PoliticalTheoryLevel.objects.all(),
        null_label=_("Chưa có"),
    )
    political_theory_min = df.ModelChoiceFilter(
        label=_("Lý luận chính trị từ"),
        queryset=PoliticalTheoryLevel.objects.all(),
        method="filter_political_theory_min",
    )
    qualification_level = df.ModelChoiceFilter(
        label=_("Chuyên môn"), queryset=QualificationLevel.objects.all(), null_label=NOT_RECORDED
    )
    qualification_min = df.ModelChoiceFilter(
        label=_("Chuyên môn từ"),
        queryset=QualificationLevel.objects.all(),
        method="filter_qualification_min",
    )
    state_management = df.ModelChoiceFilter(
        label=_("Quản lý nhà nước"),
        queryset=StateManagementRank.objects.all(),
        null_label=_("Chưa có"),
    )
    retirement = df.ChoiceFilter(
        label=_("Thời gian công tác còn lại"),
        choices=[(k, label) for k, label, _lo, _hi in RETIREMENT_BANDS],
        method="filter_retirement",
    )
    party_member = df.ChoiceFilter(label=_("Đảng viên"), choices=YES_NO, method="filter_party")
    party_joined_to = df.DateFilter(
        label=_("Vào Đảng đến ngày"),
        field_name="party_joined_on",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    recruited_to = df.DateFilter(
        label=_("Tuyển dụng đến ngày (kể cả hồ sơ không ghi)"),
        method="filter_recruited_to",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    ethnicity = df.ChoiceFilter(label=_("Dân tộc"), choices=[], method="filter_ethnicity")
    religion = df.ModelChoiceFilter(
        label=_("Tôn giáo"), queryset=Religion.objects.all(), null_label=NOT_RECORDED
    )
    status = df.ChoiceFilter(
        label=_("Trạng thái"), choices=PersonStatus.choices, empty_label=_("Tất cả")
    )
    sort = df.ChoiceFilter(
        label=_("Sắp xếp"),
        method="filter_noop",
        empty_label=None,
        choices=[
            ("name", _("Tên A→Z")),
            ("-name", _("Tên Z→A")),
            ("birth", _("Tuổi: lớn nhất trước")),
            ("-birth", _("Tuổi: nhỏ nhất trước")),
            ("unit", _("Đơn vị")),
        ],
    )

    class Meta:
        model = Person
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            data.setdefault("status", PersonStatus.ACTIVE)
            data.setdefault("sort", "name")
            if "unit" in data and "subtree" not in data and not data.get("_submitted"):
                data["subtree"] = "on"
        super().__init__(data, *args, **kwargs)
        self.filters["ethnicity"].extra["choices"] = (
            [(MINORITY, _("Dân tộc thiểu số"))]
            + [(str(e.pk), e.name) for e in Ethnicity.objects.all()]
            + [(NULL, NOT_RECORDED)]
        )

    # -- helpers
    @property
    def as_of_date(self) -> date:
        value = self.form.cleaned_data.get("as_of") if hasattr(self.form, "cleaned_data") else None
        return value or date.today()

    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_q(self, queryset, name, value):
        words = fold(value).split()
        for word in words:
            queryset = queryset.filter(search_name__contains=word)
        return queryset

    def filter_unit(self, queryset, name, value):
        unit = Unit.objects.filter(code=value.strip()).first()
        if unit is None:
            return queryset.none()
        if self.form.cleaned_data.get("subtree"):
            return queryset.in_subtree(unit)
        return queryset.filter(unit=unit)

    def filter_age_min(self, queryset, name, value):
        # at least N years old on the date: born on or before the date N years earlier
        return queryset.filter(birth_date__lte=_birthday_years_ago(self.as_of_date, int(value)))

    def filter_age_max(self, queryset, name, value):
        # at most N years old: born after the date N+1 years earlier
        return queryset.filter(birth_date__gt=_birthday_years_ago(self.as_of_date, int(value) + 1))

    def _current_posts(self):
        on = self.as_of_date
        return Assignment.objects.filter(person=OuterRef("pk"), start_date__lte=on).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )

    def filter_title(self, queryset, name, value):
        return queryset.filter(Exists(self._current_posts().filter(post__title=value)))

    def filter_key_post(self, queryset, name, value):
        holds = Exists(self._current_posts().filter(post__title__is_key=True))
        return queryset.filter(holds if value == "yes" else ~holds)

    def filter_key_post_locality(self, queryset, name, value):
        # a few holders per unit; their locality follows area links (stats.populations)
        holders = key_post_locality(queryset, self.as_of_date)[value]
        return queryset.filter(pk__in=sorted(holders))

    def filter_political_theory_min(self, queryset, name, value):
        return queryset.filter(political_theory__rank__gte=value.rank)

    def filter_qualification_min(self, queryset, name, value):
        return queryset.filter(qualification_level__rank__gte=value.rank)

    def filter_retirement(self, queryset, name, value):
        return queryset.filter(retirement_q(value, self.as_of_date))

    def filter_recruited_to(self, queryset, name, value):
        return queryset.filter(Q(recruited_on__isnull=True) | Q(recruited_on__lte=value))

    def filter_party(self, queryset, name, value):
        return queryset.filter(party_joined_on__isnull=(value == "no"))

    def filter_ethnicity(self, queryset, name, value):
        if value == NULL:
            return queryset.filter(ethnicity__isnull=True)
        if value == MINORITY:
            # the catalog is small: its minority ids inline, so the count needs no join
            minority = Ethnicity.objects.filter(is_majority=False).values_list("pk", flat=True)
            return queryset.filter(ethnicity_id__in=list(minority))
        return queryset.filter(ethnicity_id=value)

    @property
    def qs(self):
        queryset = super().qs
        sort = (
            self.form.cleaned_data.get("sort") if self.is_bound and self.form.is_valid() else None
        )
        return queryset.order_by(*SORTS.get(sort or "name", SORTS["name"]))

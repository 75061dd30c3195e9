from django.contrib import admin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .conditions import FIELDS
from .models import Indicator, IndicatorCondition, IndicatorEntry


class IndicatorConditionInline(admin.TabularInline):
    model = IndicatorCondition
    extra = 1


class IndicatorEntryInline(admin.TabularInline):
    model = IndicatorEntry
    extra = 0
    fields = ["value", "as_of", "source", "note", "entered_by"]
    readonly_fields = ["entered_by"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "resolution", "deadline", "kind", "measure", "target"]
    list_filter = ["kind", "measure", "is_active"]
    search_fields = ["name", "code", "resolution"]
    autocomplete_fields = ["unit"]
    inlines = [IndicatorConditionInline, IndicatorEntryInline]
    fieldsets = [
        (None, {"fields": ["code", "name", "unit", "resolution", "adopted_on", "deadline",
                           "is_active", "sort_order"]}),
        (_("Cách tính"), {
            "fields": ["kind", "measure", "count_by", "comparison", "target", "per_unit_kind",
                       "per_unit_min", "value_unit", "description"],
            "description": format_lazy(
                "{}{}", _("Trường điều kiện: "), ", ".join(FIELDS)
            ),
        }),
    ]  # fmt: skip

from django.contrib import admin

from .models import (
    CivilServiceRank,
    Ethnicity,
    ManagementTier,
    PoliticalTheoryLevel,
    QualificationLevel,
    Religion,
    StateManagementRank,
)


@admin.register(
    Ethnicity,
    Religion,
    QualificationLevel,
    PoliticalTheoryLevel,
    StateManagementRank,
    CivilServiceRank,
    ManagementTier,
)
class CatalogAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "rank", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    search_fields = ["code", "name"]

from django.contrib import admin

from canbo.access.admin import ScopedAdminMixin

from .models import Assignment, Decision, Post, Title


@admin.register(Title)
class TitleAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "group",
        "is_key",
        "management_tier",
        "min_qualification",
        "min_political_theory",
    ]
    list_filter = ["group", "is_key", "management_tier"]
    search_fields = ["code", "name"]


@admin.register(Post)
class PostAdmin(ScopedAdminMixin, admin.ModelAdmin):
    scope_kind, scope_through = "unit", "unit"

    list_display = ["title", "unit", "seats"]
    raw_id_fields = ["unit"]
    search_fields = ["title__name", "unit__name"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["number", "issued_on", "issuer", "kind"]
    list_filter = ["kind"]
    search_fields = ["number", "summary"]
    date_hierarchy = "issued_on"


@admin.register(Assignment)
class AssignmentAdmin(ScopedAdminMixin, admin.ModelAdmin):
    scope_through = "person"

    list_display = ["person", "post", "kind", "start_date", "end_date", "decision"]
    list_filter = ["kind", "is_concurrent"]
    raw_id_fields = ["person", "post", "decision"]

from django.contrib import admin

from canbo.access.admin import ScopedAdminMixin

from .models import Person


@admin.register(Person)
class PersonAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Profiles are edited in canbo's own pages (validation, versions); the admin only looks."""

    list_display = ["full_name", "gender", "birth_date", "unit", "status"]
    list_filter = ["status", "gender"]
    search_fields = ["search_name", "citizen_id"]
    raw_id_fields = ["unit", "hometown", "birthplace"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

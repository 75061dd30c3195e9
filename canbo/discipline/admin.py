from django.contrib import admin

from canbo.access.admin import ScopedAdminMixin

from .models import Sanction


@admin.register(Sanction)
class SanctionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    scope_through, scope_change_action = "person", "discipline"

    list_display = ["person", "form", "system", "decided_on", "issuer"]
    list_filter = ["form", "system"]
    raw_id_fields = ["person", "decision"]

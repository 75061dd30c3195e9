from django.contrib import admin

from .models import Sanction


@admin.register(Sanction)
class SanctionAdmin(admin.ModelAdmin):
    list_display = ["person", "form", "system", "decided_on", "issuer"]
    list_filter = ["form", "system"]
    raw_id_fields = ["person", "decision"]

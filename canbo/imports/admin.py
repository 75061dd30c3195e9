from django.contrib import admin

from .models import HeaderSynonym, ImportRun, SavedMapping


@admin.register(HeaderSynonym)
class HeaderSynonymAdmin(admin.ModelAdmin):
    list_display = ["text", "field"]
    list_filter = ["field"]
    search_fields = ["text", "key"]


@admin.register(SavedMapping)
class SavedMappingAdmin(admin.ModelAdmin):
    list_display = ["name", "description", "created_by", "updated_at"]
    search_fields = ["name", "description"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["original_name", "started_at", "user", "status", "created", "updated", "unchanged", "errors"]  # fmt: skip
    list_filter = ["status", "kind"]
    readonly_fields = [f.name for f in ImportRun._meta.fields]

    def has_add_permission(self, request):
        return False

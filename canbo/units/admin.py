from django.contrib import admin

from canbo.access.admin import ScopedAdminMixin

from .models import Area, Unit, UnitName, UnitSuccession


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "division_type", "level", "parent", "valid_to"]
    list_filter = ["level", "division_type"]
    search_fields = ["code", "name", "search_name"]
    raw_id_fields = ["parent", "province", "successors"]


class UnitNameInline(admin.TabularInline):
    model = UnitName
    extra = 0


@admin.register(Unit)
class UnitAdmin(ScopedAdminMixin, admin.ModelAdmin):
    scope_kind = "unit"

    list_display = ["code", "name", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent", "area"]
    readonly_fields = ["path", "depth"]
    inlines = [UnitNameInline]

    def save_model(self, request, obj, form, change):
        from .services import unit_create, unit_update

        if change:
            fields = {k: form.cleaned_data[k] for k in form.changed_data if k != "parent"}
            unit_update(unit=obj, parent=form.cleaned_data.get("parent"), **fields)
        else:
            data = {k: v for k, v in form.cleaned_data.items() if k in {
                "code", "name", "kind", "parent", "area", "valid_from", "sort_order"}}  # fmt: skip
            created = unit_create(**data)
            obj.pk, obj.path, obj.depth = created.pk, created.path, created.depth
            obj._state.adding = False


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "successor", "kind", "date"]
    raw_id_fields = ["predecessor", "successor", "decision"]

"""Roles and grants in the admin (administrators only), and the mixin that keeps the admin
pages of people, units and what hangs on them inside a non-superuser's grants."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import scope
from .choices import Action
from .models import Grant, Role


class ScopedAdminMixin:
    """For a ModelAdmin of Person, Unit, or a model with a `person` or `unit` FK: a user who is
    not an administrator lists and opens only the rows of the people / units of their "view"
    grants, and changes or deletes only those of their "change" grants. Set `scope_through`
    to the lookup path to the person or unit ("" for Person/Unit themselves, "person", "unit",
    "post__unit" …), `scope_kind` to "person" or "unit", and `scope_change_action` to the
    action that changing a row needs ("change"; "discipline" for sanctions)."""

    scope_through = ""
    scope_kind = "person"
    scope_change_action = "change"

    def _scoped(self, request, queryset, action="view"):
        if scope.is_administrator(request.user):
            return queryset
        if self.scope_kind == "person":
            allowed = scope.people_for(request.user, action)
        else:
            allowed = scope.units_for(request.user, action)
        lookup = f"{self.scope_through}__in" if self.scope_through else "pk__in"
        return queryset.filter(**{lookup: allowed.values("pk")})

    def get_queryset(self, request):
        return self._scoped(request, super().get_queryset(request))

    def _may(self, request, obj, action) -> bool:
        if obj is None or scope.is_administrator(request.user):
            return True
        return self._scoped(request, type(obj)._default_manager.filter(pk=obj.pk), action).exists()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may(
            request, obj, self.scope_change_action
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may(
            request, obj, self.scope_change_action
        )


class _ActionsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.pop("max_length", None)
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.pop("empty_value", None)
        super().__init__(choices=Action.choices, **kwargs)

    def prepare_value(self, value):
        return value or []


class _AdministratorsOnly:
    def has_module_permission(self, request):
        return scope.is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return scope.is_administrator(request.user)

    def has_add_permission(self, request, *args):
        return scope.is_administrator(request.user)

    def has_change_permission(self, request, obj=None):
        return scope.is_administrator(request.user)

    def has_delete_permission(self, request, obj=None):
        return scope.is_administrator(request.user)


class RoleForm(forms.ModelForm):
    actions = _ActionsField(label=_("quyền mặc định"), required=False)

    class Meta:
        model = Role
        fields = [
            "code", "name", "description", "actions", "is_administrator", "own_profile_only",
            "sort_order",
        ]  # fmt: skip


@admin.register(Role)
class RoleAdmin(_AdministratorsOnly, admin.ModelAdmin):
    form = RoleForm
    list_display = ["code", "name", "actions", "is_administrator", "own_profile_only"]
    search_fields = ["code", "name"]


class GrantForm(forms.ModelForm):
    actions = _ActionsField(
        label=_("quyền"), required=False, help_text=_("Bỏ trống: theo quyền mặc định của vai trò.")
    )

    class Meta:
        model = Grant
        fields = [
            "user", "role", "unit", "include_subtree", "tiers", "actions", "valid_from",
            "valid_to",
        ]  # fmt: skip


@admin.register(Grant)
class GrantAdmin(_AdministratorsOnly, admin.ModelAdmin):
    form = GrantForm
    list_display = [
        "user", "role", "unit", "include_subtree", "tier_codes", "effective_actions",
        "valid_from", "valid_to", "granted_by", "granted_at",
    ]  # fmt: skip
    list_filter = ["role"]
    search_fields = ["user__username", "unit__code", "unit__name"]
    raw_id_fields = ["unit"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["tiers"]
    list_select_related = ["user", "role", "unit", "granted_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tiers")

    @admin.display(description=_("diện quản lý"))
    def tier_codes(self, obj):
        return ", ".join(t.code for t in obj.tiers.all()) or _("mọi diện")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)

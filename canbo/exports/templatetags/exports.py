"""`{% load exports %}`: whether to show the export buttons (the views check again)."""

from django import template

from canbo.access import scope

register = template.Library()


@register.filter
def can_export_people(user) -> bool:
    """The user may export some people (an "export" grant in force, or an administrator)."""
    return scope.is_administrator(user) or any("export" in s.actions for s in scope.grants_of(user))


@register.filter
def can_export_person(user, person) -> bool:
    return scope.can(user, "export", person)

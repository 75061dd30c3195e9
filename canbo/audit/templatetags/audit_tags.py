from django import template

register = template.Library()


@register.simple_tag
def can_browse_audit(user) -> bool:
    from canbo.audit.selectors import can_browse

    return bool(user and user.is_authenticated and can_browse(user))


@register.simple_tag
def can_see_history(user, person) -> bool:
    from canbo.access import scope

    return bool(user and user.is_authenticated and scope.can(user, "audit", person))

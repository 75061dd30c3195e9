from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import render

from . import scope
from .models import Grant, Role


def grants_view(request):
    """ "Phân quyền": one's own grants; an administrator sees everyone's (filter `?user=NAME`)."""
    is_admin = scope.is_administrator(request.user)
    grants = (
        Grant.objects.select_related("user", "role", "unit", "granted_by")
        .prefetch_related("tiers")
        .order_by("user__username", "pk")
    )
    username = request.GET.get("user", "").strip()
    if not is_admin:
        if username and username != request.user.username:
            raise Http404
        grants = grants.filter(user=request.user)
    elif username:
        grants = grants.filter(user__username=username)
    users = (
        get_user_model().objects.order_by("username").only("username", "is_active", "is_superuser")
        if is_admin
        else []
    )
    context = {
        "grants": grants,
        "is_admin": is_admin,
        "users": users,
        "selected": username,
        "roles": Role.objects.all() if is_admin else [],
        "person": getattr(request.user, "person", None),
    }
    return render(request, "access/grants.html", context)

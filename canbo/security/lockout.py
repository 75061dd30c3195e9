"""What a locked-out login sees: the login page with how long to wait (django-axes'
AXES_LOCKOUT_CALLABLE)."""

from __future__ import annotations

from axes.helpers import get_client_username
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from canbo.core.forms import LoginForm

from .selectors import lockout_minutes, lockout_remaining

STATUS = 429  # Too Many Requests


def lockout_message(request, credentials=None) -> str:
    username = get_client_username(request, credentials)
    remaining = lockout_remaining(
        username=username, ip_address=getattr(request, "axes_ip_address", None), request=request
    )
    return _("Tài khoản tạm khóa do đăng nhập sai nhiều lần, thử lại sau %(minutes)s phút.") % {
        "minutes": lockout_minutes(remaining)
    }


def lockout_response(request, original_response=None, credentials=None):
    message = lockout_message(request, credentials)
    if request.path.startswith("/api/") or not request.accepts("text/html"):
        return JsonResponse({"detail": message}, status=STATUS)
    username = get_client_username(request, credentials) or ""
    form = LoginForm(request, initial={"username": username})
    next_url = request.POST.get("next", "") if request.method == "POST" else ""
    context = {"form": form, "lockout_message": message, "next": next_url}
    return render(request, "registration/login.html", context, status=STATUS)

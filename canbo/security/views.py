"""Login with an optional second step (TOTP code), the second-factor page, the CSRF failure page."""

from __future__ import annotations

import time
from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from canbo.core.forms import LoginForm

from . import services
from .forms import TotpCodeForm
from .selectors import confirmed_totp_device

PENDING = "canbo_login_pending"
PENDING_SECONDS = 300  # the code must follow the password within 5 minutes
PENDING_TRIES = 3  # wrong codes before the password must be typed again


class LoginView(auth_views.LoginView):
    """Django's login view with canbo's form; a user who turned the second factor on is signed in
    only after the code (the session holds who passed the password step, nothing more)."""

    authentication_form = LoginForm

    def form_valid(self, form):
        user = form.get_user()
        if confirmed_totp_device(user) is None:
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_redirect_url(),
            "since": time.time(),
            "failures": 0,
        }
        return redirect("security:login_code")


def _pending_user(request):
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending.get("since", 0) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None, None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return pending, user


@login_not_required
@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def login_code(request):
    """Second step of the login: the code of the authenticator app."""
    pending, user = _pending_user(request)
    device = confirmed_totp_device(user)
    if user is None or device is None:
        messages.error(request, _("Phiên đăng nhập đã hết hạn: hãy nhập lại mật khẩu."))
        return redirect("login")
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.totp_verify(device=device, token=form.cleaned_data["code"])
        except ValidationError as error:
            if error.code == "invalid":
                pending["failures"] += 1
                request.session[PENDING] = pending
                # counted by the failed-login lockout too (django-axes)
                user_login_failed.send(
                    sender=__name__, credentials={"username": user.get_username()}, request=request
                )
                if (
                    getattr(request, "axes_locked_out", False)
                    or pending["failures"] >= PENDING_TRIES
                ):
                    request.session.pop(PENDING, None)
                    if not getattr(request, "axes_locked_out", False):
                        messages.error(
                            request, _("Nhập sai mã quá nhiều lần: hãy đăng nhập lại từ đầu.")
                        )
                    return redirect("login")
            form.add_error(None, error)
        else:
            request.session.pop(PENDING, None)
            auth_login(request, user, backend=pending["backend"])
            otp_login(request, device)
            return redirect(pending.get("next") or resolve_url(settings.LOGIN_REDIRECT_URL))
    return render(request, "security/login_code.html", {"form": form, "username": user.username})


def _qr_svg(device) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#1d2430")


@sensitive_post_parameters("code")
@never_cache
def two_factor(request):
    """Turn the second factor (TOTP: an authenticator app) on or off for oneself."""
    user = request.user
    device = confirmed_totp_device(user)
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            if device is None:
                device = services.totp_device_confirm(user=user, token=code)
                otp_login(request, device)
                messages.success(request, _("Đã bật xác thực hai bước cho tài khoản."))
            else:
                services.totp_device_remove(user=user, token=code)
                request.session.pop("otp_device_id", None)
                messages.success(request, _("Đã tắt xác thực hai bước cho tài khoản."))
        except ValidationError as error:
            form.add_error("code", error)
        else:
            return redirect("security:two_factor")
    context = {"form": form, "enabled": device is not None}
    if device is None:
        pending = services.totp_device_start(user=user)
        context.update(
            qr_svg=_qr_svg(pending),
            secret=_grouped_secret(pending),
            issuer=getattr(settings, "OTP_TOTP_ISSUER", "canbo"),
        )
    return render(request, "security/two_factor.html", context)


def _grouped_secret(device) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_not_required
def csrf_failure(request, reason=""):
    """CSRF refusal in Vietnamese: usually an old page or an expired session."""
    response = render(request, "security/csrf_failure.html", status=403)
    if request.headers.get("HX-Request") == "true":
        response["HX-Refresh"] = "true"  # reload the page: it gets a fresh token
    return response

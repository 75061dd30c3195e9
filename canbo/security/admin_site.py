"""canbo's Django admin site: canbo's login page, and the second factor for those who have one."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from .selectors import session_is_verified


class CanboAdminSite(admin.AdminSite):
    site_header = _("canbo — quản trị")
    site_title = _("canbo — quản trị")

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        if getattr(settings, "CANBO_ADMIN_REQUIRE_OTP", False):
            is_verified = getattr(request.user, "is_verified", None)
            return bool(is_verified and is_verified())
        return session_is_verified(request)

    @method_decorator(never_cache)
    @method_decorator(login_not_required)
    def login(self, request, extra_context=None):
        """Sign in through canbo's login page (failed-login lockout, second factor), never
        through a second, unprotected form."""
        target = request.GET.get(REDIRECT_FIELD_NAME) or reverse(
            "admin:index", current_app=self.name
        )
        return redirect_to_login(target, login_url=reverse("login"))

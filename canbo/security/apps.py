from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    default = True
    name = "canbo.security"
    verbose_name = _("Bảo mật đăng nhập")


class CanboAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with canbo's site: signs in through canbo's login page (lockout,
    second factor) and refuses a session not verified by the second factor of a user who has one."""

    default = False
    default_site = "canbo.security.admin_site.CanboAdminSite"

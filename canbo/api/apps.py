from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "canbo.api"
    label = "canbo_api"
    verbose_name = _("API")

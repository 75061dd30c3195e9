from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisciplineConfig(AppConfig):
    name = "canbo.discipline"
    verbose_name = _("Kỷ luật")

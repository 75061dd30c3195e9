from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "canbo.stats"
    verbose_name = _("Thống kê, chỉ tiêu")

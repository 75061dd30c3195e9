from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "canbo.audit"
    verbose_name = _("Nhật ký, sao lưu")

    def ready(self) -> None:
        from . import signals

        signals.connect()

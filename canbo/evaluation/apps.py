from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "canbo.evaluation"
    verbose_name = _("Đánh giá, xếp loại, lấy phiếu tín nhiệm")

from django.db import models
from django.utils.translation import gettext_lazy as _


class SanctionForm(models.TextChoices):
    """RULES §6.1: Party (QĐ 69) and State (NĐ 172/2025; NĐ 112/2020 before 07/2025)."""

    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    SALARY_STEP_REDUCTION = "salary_step_reduction", _("Hạ bậc lương")
    DEMOTION = "demotion", _("Giáng chức")
    REMOVAL = "removal", _("Cách chức")
    DISMISSAL_FROM_SERVICE = "dismissal_from_service", _("Buộc thôi việc")
    RECALL = "recall", _("Bãi nhiệm")
    EXPULSION = "expulsion", _("Khai trừ")


class SanctionSystem(models.TextChoices):
    PARTY = "party", _("Đảng")
    STATE = "state", _("Chính quyền")
    MASS_ORG = "mass_org", _("Đoàn thể")

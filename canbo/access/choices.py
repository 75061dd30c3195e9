from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    """What a grant allows on the people and units of its scope (see `canbo.access.scope`)."""

    VIEW = "view", _("Xem")
    CHANGE = "change", _("Sửa, thêm")
    APPROVE = "approve", _("Phê duyệt")
    EXPORT = "export", _("Xuất dữ liệu")
    AUDIT = "audit", _("Xem nhật ký, lịch sử thay đổi")
    DISCIPLINE = "discipline", _("Ghi kỷ luật, kiểm tra")

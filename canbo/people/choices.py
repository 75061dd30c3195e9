from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonStatus(models.TextChoices):
    ACTIVE = "active", _("Đang công tác")
    RETIRED = "retired", _("Đã nghỉ hưu")
    LEFT = "left", _("Đã thôi việc, chuyển đi")
    DECEASED = "deceased", _("Đã từ trần")


class TrainingKind(models.TextChoices):
    PROFESSIONAL = "professional", _("Chuyên môn")
    POLITICAL_THEORY = "political_theory", _("Lý luận chính trị")
    STATE_MANAGEMENT = "state_management", _("Quản lý nhà nước")
    DEFENSE = "defense", _("Quốc phòng, an ninh")
    FOREIGN_LANGUAGE = "foreign_language", _("Ngoại ngữ, tiếng dân tộc")
    IT = "it", _("Tin học")
    OTHER = "other", _("Bồi dưỡng khác")


class StudyMode(models.TextChoices):
    FULL_TIME = "full_time", _("Chính quy")
    IN_SERVICE = "in_service", _("Tại chức, vừa làm vừa học")
    DISTANCE = "distance", _("Từ xa")
    SHORT_COURSE = "short_course", _("Bồi dưỡng ngắn hạn")
    OTHER = "other", _("Khác")


class FamilySide(models.TextChoices):
    OWN = "own", _("Về bản thân")
    SPOUSE = "spouse", _("Về bên vợ (chồng)")

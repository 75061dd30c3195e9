from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaLevel(models.IntegerChoices):
    PROVINCE = 1, _("Cấp tỉnh")
    DISTRICT = 2, _("Cấp huyện (trước 07/2025)")
    COMMUNE = 3, _("Cấp xã")


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    COMMUNE = "commune", _("Xã, phường, đặc khu")
    DISTRICT = "district", _("Huyện (trước 07/2025)")
    PARTY_COMMITTEE = "party_committee", _("Đảng bộ")
    PARTY_CELL = "party_cell", _("Chi bộ")
    PARTY_BODY = "party_body", _("Cơ quan Đảng")
    PEOPLES_COUNCIL = "peoples_council", _("Hội đồng nhân dân")
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    FRONT = "front", _("Mặt trận, đoàn thể")
    AGENCY = "agency", _("Cơ quan, sở, ngành")
    DEPARTMENT = "department", _("Phòng, ban")
    SCHOOL = "school", _("Trường học")
    HEALTH = "health", _("Cơ sở y tế")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang")
    OTHER = "other", _("Khác")


class SuccessionKind(models.TextChoices):
    MERGE = "merge", _("Sáp nhập")
    SPLIT = "split", _("Chia tách")
    RENAME = "rename", _("Đổi tên")
    TRANSFER = "transfer", _("Chuyển giao")

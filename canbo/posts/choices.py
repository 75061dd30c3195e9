from django.db import models
from django.utils.translation import gettext_lazy as _


class AssignmentKind(models.TextChoices):
    APPOINTMENT = "appointment", _("Bổ nhiệm")
    ELECTION = "election", _("Bầu cử")
    REAPPOINTMENT = "reappointment", _("Bổ nhiệm lại")
    TRANSFER = "transfer", _("Điều động")
    ROTATION = "rotation", _("Luân chuyển")
    SECONDMENT = "secondment", _("Biệt phái")
    CONCURRENT = "concurrent", _("Kiêm nhiệm")
    DESIGNATION = "designation", _("Phân công, chỉ định")
    RECRUITMENT = "recruitment", _("Tuyển dụng, tiếp nhận")


class EndReason(models.TextChoices):
    TERM_END = "term_end", _("Hết nhiệm kỳ, hết thời hạn")
    MOVED = "moved", _("Chuyển công tác")
    DISMISSAL = "dismissal", _("Miễn nhiệm")
    RESIGNATION = "resignation", _("Từ chức")
    REMOVAL = "removal", _("Cách chức")
    RETIREMENT = "retirement", _("Nghỉ hưu")
    REORGANISATION = "reorganisation", _("Sắp xếp tổ chức bộ máy")
    OTHER = "other", _("Khác")


class DecisionKind(models.TextChoices):
    APPOINTMENT = "appointment", _("Bổ nhiệm")
    REAPPOINTMENT = "reappointment", _("Bổ nhiệm lại")
    ELECTION = "election", _("Chuẩn y, phê chuẩn kết quả bầu cử")
    TRANSFER = "transfer", _("Điều động")
    ROTATION = "rotation", _("Luân chuyển")
    SECONDMENT = "secondment", _("Biệt phái")
    DESIGNATION = "designation", _("Phân công, chỉ định")
    DISMISSAL = "dismissal", _("Miễn nhiệm, cho thôi giữ chức")
    DISCIPLINE = "discipline", _("Kỷ luật")
    RETIREMENT = "retirement", _("Nghỉ hưu")
    PLANNING = "planning", _("Phê duyệt quy hoạch")
    RECRUITMENT = "recruitment", _("Tuyển dụng, tiếp nhận")
    ORGANISATION = "organisation", _("Tổ chức bộ máy")
    OTHER = "other", _("Khác")


class TitleGroup(models.TextChoices):
    PARTY = "party", _("Đảng")
    GOVERNMENT = "government", _("Chính quyền")
    COUNCIL = "council", _("Hội đồng nhân dân")
    FRONT = "front", _("Mặt trận, đoàn thể")
    PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    STAFF = "staff", _("Công chức, viên chức")

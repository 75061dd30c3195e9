from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorKind(models.TextChoices):
    COMPUTED = "computed", _("Tính từ dữ liệu")
    MANUAL = "manual", _("Nhập tay (có nguồn)")


class Measure(models.TextChoices):
    SHARE = "share", _("Tỷ lệ (%) đạt điều kiện")
    COUNT = "count", _("Số lượng đạt điều kiện")
    UNITS_COVERED = "units_covered", _("Tỷ lệ (%) đơn vị có đủ số người đạt điều kiện")


class CountBy(models.TextChoices):
    PEOPLE = "people", _("Người")
    POSTS = "posts", _("Vị trí đang giữ (một người giữ hai vị trí tính hai)")


class Comparison(models.TextChoices):
    AT_LEAST = "at_least", _("Đạt từ chỉ tiêu trở lên")
    AT_MOST = "at_most", _("Không vượt quá chỉ tiêu")


class ConditionRole(models.TextChoices):
    POPULATION = "population", _("Đối tượng (mẫu số)")
    CONDITION = "condition", _("Điều kiện (tử số)")


class Operator(models.TextChoices):
    IS = "is", _("là (có / không)")
    IN = "in", _("thuộc (danh sách mã, cách nhau bởi dấu phẩy)")
    NOT_IN = "not_in", _("không thuộc (danh sách mã)")
    GTE = "gte", _("từ … trở lên")
    LTE = "lte", _("từ … trở xuống")
    LT = "lt", _("dưới")
    GT = "gt", _("trên")
    BETWEEN = "between", _("trong khoảng (từ ngày..đến ngày)")


class Status(models.TextChoices):
    MET = "met", _("Đã đạt")
    ON_TRACK = "on_track", _("Đúng tiến độ")
    AT_RISK = "at_risk", _("Có nguy cơ không đạt")
    MISSED = "missed", _("Không đạt")
    NO_DATA = "no_data", _("Chưa có dữ liệu")

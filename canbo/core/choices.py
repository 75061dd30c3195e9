"""Choices shared across apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Ngày/tháng/năm")
    MONTH = "month", _("Tháng/năm")
    YEAR = "year", _("Năm")

"""Password rules with Vietnamese messages.

Django's validators (length, similarity, common, numeric) keep their logic; only their messages
are canbo's. `CharacterClassValidator` asks for several kinds of characters.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from django.contrib.auth import password_validation as django_validators
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

VIETNAMESE_COMMON = Path(__file__).resolve().parent / "data" / "common-passwords-vi.txt"


def character_classes(password: str) -> set[str]:
    """The kinds of characters in `password`: "lower", "upper", "digit", "other".

    Vietnamese letters count by their case (“đ” is lower, “Ă” upper); anything that is neither a
    cased letter nor a digit (punctuation, space, a caseless letter) is "other"."""
    classes = set()
    for char in password:
        if char.isdigit():
            classes.add("digit")
        elif char.islower():
            classes.add("lower")
        elif char.isupper():
            classes.add("upper")
        else:
            classes.add("other")
    return classes


class CharacterClassValidator:
    """At least `min_classes` of the four kinds: lower case, upper case, digit, other symbol."""

    def __init__(self, min_classes: int = 3):
        if not 1 <= min_classes <= 4:
            raise ValueError("min_classes must be between 1 and 4")
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        if len(character_classes(password)) < self.min_classes:
            raise ValidationError(
                self.get_error_message(),
                code="password_too_few_character_classes",
                params={"min_classes": self.min_classes},
            )

    def get_error_message(self) -> str:
        return _(
            "Mật khẩu phải có ít nhất %(min_classes)d trong 4 loại ký tự: chữ thường, chữ hoa, "
            "chữ số, ký hiệu (ví dụ - _ ! @ #)."
        )

    def get_help_text(self) -> str:
        return _(
            "Mật khẩu phải có ít nhất %(min_classes)d trong 4 loại ký tự: chữ thường, chữ hoa, "
            "chữ số, ký hiệu."
        ) % {"min_classes": self.min_classes}


class MinimumLengthValidator(django_validators.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.",
            "Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.",
            self.min_length,
        )

    def get_help_text(self) -> str:
        return ngettext(
            "Mật khẩu phải có ít nhất %(min_length)d ký tự.",
            "Mật khẩu phải có ít nhất %(min_length)d ký tự.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(django_validators.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("Mật khẩu quá giống thông tin cá nhân (%(verbose_name)s).")

    def get_help_text(self) -> str:
        return _("Mật khẩu không được giống tên đăng nhập, họ tên hay thư điện tử.")


class CommonPasswordValidator(django_validators.CommonPasswordValidator):
    """Django's list of 20,000 common passwords plus common Vietnamese ones."""

    def __init__(self, password_list_path=None):
        super().__init__()
        with open(VIETNAMESE_COMMON, encoding="utf-8") as lines:
            self.passwords |= {line.strip().lower() for line in lines if line.strip()}
        if password_list_path is not None:
            opener = gzip.open if str(password_list_path).endswith(".gz") else open
            with opener(password_list_path, "rt", encoding="utf-8") as lines:
                self.passwords |= {line.strip().lower() for line in lines if line.strip()}

    def get_error_message(self) -> str:
        return _("Mật khẩu này quá phổ biến, dễ bị đoán.")

    def get_help_text(self) -> str:
        return _("Mật khẩu không được là mật khẩu phổ biến.")


class NumericPasswordValidator(django_validators.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("Mật khẩu không được chỉ gồm chữ số.")

    def get_help_text(self) -> str:
        return _("Mật khẩu không được chỉ gồm chữ số.")

"""API errors in Vietnamese: one exception handler and the field messages of every serializer.

Django REST framework ships only a few Vietnamese messages; the ones a client meets are given
here (as gettext msgids, like every message of canbo). A `django.core.exceptions.ValidationError`
raised by a service (model `full_clean`, domain rules) becomes a 400 with the same messages the
web forms show.
"""

from __future__ import annotations

from django.core import validators
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, fields, relations
from rest_framework.utils.formatting import lazy_format
from rest_framework.validators import ProhibitSurrogateCharactersValidator
from rest_framework.views import exception_handler as drf_exception_handler

# field error key -> Vietnamese message (DRF formats the {placeholders})
FIELD_MESSAGES = {
    "required": gettext_lazy("Trường này là bắt buộc."),
    "null": gettext_lazy("Trường này không được để trống (null)."),
    "blank": gettext_lazy("Trường này không được bỏ trống."),
    "max_length": gettext_lazy("Tối đa {max_length} ký tự."),
    "min_length": gettext_lazy("Tối thiểu {min_length} ký tự."),
    "max_value": gettext_lazy("Không được lớn hơn {max_value}."),
    "min_value": gettext_lazy("Không được nhỏ hơn {min_value}."),
    "max_string_length": gettext_lazy("Số quá lớn."),
    "max_digits": gettext_lazy("Tối đa {max_digits} chữ số."),
    "max_decimal_places": gettext_lazy("Tối đa {max_decimal_places} chữ số sau dấu phẩy."),
    "max_whole_digits": gettext_lazy("Tối đa {max_whole_digits} chữ số trước dấu phẩy."),
    "invalid_choice": gettext_lazy("“{input}” không phải là một lựa chọn hợp lệ."),
    "does_not_exist": gettext_lazy("Không tìm thấy “{value}”."),
    "incorrect_type": gettext_lazy("Sai kiểu dữ liệu: nhận {data_type}."),
    "not_a_list": gettext_lazy("Cần một danh sách, nhận {input_type}."),
    "empty": gettext_lazy("Danh sách này không được rỗng."),
    "date": gettext_lazy("Cần một ngày (YYYY-MM-DD), không phải ngày giờ."),
    "overflow": gettext_lazy("Ngày giờ nằm ngoài khoảng cho phép."),
}
INVALID_BY_FIELD = [
    (fields.BooleanField, gettext_lazy("Cần giá trị đúng/sai (true/false).")),
    (fields.IntegerField, gettext_lazy("Cần một số nguyên.")),
    (fields.DecimalField, gettext_lazy("Cần một số (dấu chấm thập phân), ví dụ 4.98.")),
    (fields.DateField, gettext_lazy("Ngày không đúng định dạng: dùng YYYY-MM-DD, ví dụ 1975-03-05.")),
    (fields.DateTimeField, gettext_lazy("Ngày giờ không đúng định dạng ISO 8601.")),
    (fields.Field, gettext_lazy("Giá trị không hợp lệ.")),
]  # fmt: skip


class VietnameseSurrogateValidator(ProhibitSurrogateCharactersValidator):
    message = gettext_lazy("Có ký tự không hợp lệ (U+{code_point:X}).")


def _vietnamese_validator(validator):
    """The same check with a Vietnamese message (DRF builds its validators' messages when the
    field is created, so they are rebuilt, not edited: some are shared with model fields)."""
    bounds = [
        (validators.MaxLengthValidator, "max_length"),
        (validators.MinLengthValidator, "min_length"),
        (validators.MaxValueValidator, "max_value"),
        (validators.MinValueValidator, "min_value"),
    ]
    for cls, key in bounds:
        if type(validator) is cls:
            limit = validator.limit_value
            return cls(limit, message=lazy_format(FIELD_MESSAGES[key], **{key: limit}))
    if isinstance(validator, validators.ProhibitNullCharactersValidator):
        return validators.ProhibitNullCharactersValidator(
            message=gettext_lazy("Không được có ký tự NUL (\\x00).")
        )
    if isinstance(validator, ProhibitSurrogateCharactersValidator):
        return VietnameseSurrogateValidator()
    return validator


def vietnamese_messages(field: fields.Field) -> fields.Field:
    """Give a serializer field Vietnamese error messages (in place; returns the field)."""
    for key in list(field.error_messages):
        if key in FIELD_MESSAGES:
            field.error_messages[key] = FIELD_MESSAGES[key]
        elif key == "invalid":
            field.error_messages[key] = next(
                m for cls, m in INVALID_BY_FIELD if isinstance(field, cls)
            )
    if isinstance(field, relations.PrimaryKeyRelatedField):
        field.error_messages["does_not_exist"] = gettext_lazy(
            "Không tìm thấy mục có mã số {pk_value}."
        )
        field.error_messages["incorrect_type"] = gettext_lazy(
            "Cần mã số (số nguyên), nhận {data_type}."
        )
    field.validators = [_vietnamese_validator(v) for v in field.validators]
    child = getattr(field, "child", None) or getattr(field, "child_relation", None)
    if child is not None:
        vietnamese_messages(child)
    return field


class VietnameseErrorsMixin:
    """For serializers: every field answers in Vietnamese."""

    default_error_messages = {
        "invalid": gettext_lazy("Dữ liệu không hợp lệ: cần một đối tượng JSON, nhận {datatype}."),
        "null": gettext_lazy("Không có dữ liệu."),
    }

    def get_fields(self):
        result = super().get_fields()
        for field in result.values():
            vietnamese_messages(field)
        return result


def validation_error(exc: DjangoValidationError, rename: dict[str, str] | None = None):
    """A DRF ValidationError (400) with the messages of a Django one, per field."""
    rename = {"__all__": "non_field_errors", **(rename or {})}
    if hasattr(exc, "error_dict"):
        detail: dict[str, list[str]] = {}
        for field, messages in exc.message_dict.items():
            detail.setdefault(rename.get(field, field), []).extend(messages)
        return exceptions.ValidationError(detail)
    return exceptions.ValidationError({"non_field_errors": exc.messages})


def _message(exc: exceptions.APIException, request) -> str | None:
    """The Vietnamese message for DRF's own (English) exceptions; None to keep the detail."""
    if isinstance(exc, exceptions.NotAuthenticated):
        return _("Chưa xác thực: gửi kèm tiêu đề “Authorization: Token <khóa>” hoặc đăng nhập.")
    if isinstance(exc, exceptions.AuthenticationFailed):
        return _("Token không hợp lệ, hoặc tài khoản đã bị khóa.")
    if isinstance(exc, exceptions.MethodNotAllowed):
        method = request.method if request is not None else ""
        return _("Không hỗ trợ phương thức %(method)s ở địa chỉ này.") % {"method": method}
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return _("Không hỗ trợ kiểu dữ liệu gửi lên: hãy gửi application/json.")
    if isinstance(exc, exceptions.NotAcceptable):
        return _("Không trả được dữ liệu theo định dạng yêu cầu (tiêu đề Accept).")
    if isinstance(exc, exceptions.ParseError):
        return _("Dữ liệu gửi lên không đọc được (JSON không hợp lệ).")
    if isinstance(exc, exceptions.PermissionDenied) and str(exc.detail) == str(exc.default_detail):
        return _("Bạn không có quyền thực hiện thao tác này.")
    if isinstance(exc, exceptions.NotFound) and str(exc.detail) == str(exc.default_detail):
        return _("Không tìm thấy.")
    return None


def exception_handler(exc, context):
    """DRF's handler, with Vietnamese messages and Django validation errors as 400."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Không tìm thấy."))  # missing and out of scope alike
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = validation_error(exc)
    if isinstance(exc, exceptions.APIException):
        message = _message(exc, context.get("request"))
        if message is not None:
            exc.detail = exceptions.ErrorDetail(message, code=exc.default_code)
    return drf_exception_handler(exc, context)

"""Writes for the second factor: start, confirm and remove a user's TOTP device.

A wrong code is refused with a ValidationError raised *after* the transaction commits, so that
django-otp's throttling (a growing delay after each failure, kept on the device) is recorded."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "canbo"


def totp_device_start(*, user) -> TOTPDevice:
    """The user's unconfirmed device (a fresh secret key the first time). Refused when the
    second factor is already on."""
    with transaction.atomic():
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            raise ValidationError(_("Xác thực hai bước đã được bật cho tài khoản này."))
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
        return device


def totp_device_confirm(*, user, token: str) -> TOTPDevice:
    """Turn the second factor on: the code shown by the authenticator app must match the
    unconfirmed device's key. Other unconfirmed devices of the user are removed."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False)
            .order_by("pk")
            .first()
        )
        if device is None:
            raise ValidationError(_("Chưa có khóa bí mật để xác nhận: hãy tải lại trang."))
        error = token_error(device, token)
        if error is None:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    if error is not None:
        raise error
    return device


def totp_device_remove(*, user, token: str) -> int:
    """Turn the second factor off, proven by a current code. Returns the number of devices
    removed."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=True)
            .order_by("pk")
            .first()
        )
        if device is None:
            raise ValidationError(_("Xác thực hai bước chưa được bật."))
        error = token_error(device, token)
        if error is None:
            deleted, _details = TOTPDevice.objects.filter(user=user).delete()
    if error is not None:
        raise error
    return deleted


def totp_verify(*, device: TOTPDevice, token: str) -> None:
    """Check a code at login (the device's throttling and replay protection apply)."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        error = token_error(device, token)
    if error is not None:
        raise error


def token_error(device: TOTPDevice, token: str) -> ValidationError | None:
    """None when `token` is the device's current code; the error to show otherwise (the
    failure is counted on the device)."""
    allowed, _info = device.verify_is_allowed()
    if not allowed:
        return ValidationError(
            _("Nhập sai mã nhiều lần liên tiếp: hãy đợi vài giây rồi thử lại."), code="throttled"
        )
    if not device.verify_token(token):
        return ValidationError(_("Mã xác thực không đúng hoặc đã hết hạn."), code="invalid")
    return None

"""Reads about a user's login protection: second factor, lockout."""

from __future__ import annotations

import math
from datetime import timedelta

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.db.models import Max
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice


def confirmed_totp_device(user) -> TOTPDevice | None:
    """The user's confirmed TOTP device, if the second factor is on."""
    if user is None or not getattr(user, "pk", None):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_second_factor(user) -> bool:
    return confirmed_totp_device(user) is not None


def session_is_verified(request) -> bool:
    """True when the signed-in user has no second factor, or this session passed it."""
    user = request.user
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return True
    return not has_second_factor(user)


def lockout_remaining(*, username: str | None, ip_address: str | None, request=None) -> timedelta:
    """How long the username + IP stays locked: from its last counted failure, the cool-off
    period (django-axes' AXES_COOLOFF_TIME) minus the time elapsed since; zero when not locked."""
    cool_off = get_cool_off(request)
    if cool_off is None:
        return timedelta(0)
    last = AccessAttempt.objects.filter(username=username, ip_address=ip_address).aggregate(
        last=Max("attempt_time")
    )["last"]
    if last is None:
        return timedelta(0)
    return max(last + cool_off - timezone.now(), timedelta(0))


def lockout_minutes(remaining: timedelta) -> int:
    """Minutes to announce: rounded up, at least 1."""
    return max(1, math.ceil(remaining.total_seconds() / 60))

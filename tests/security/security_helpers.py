"""Shared by the login-protection tests: the administrator's password, a real TOTP code."""

from __future__ import annotations

import hashlib
import hmac
import struct
import time

ADMIN_PASSWORD = "Quan-tri-vien-2025!"


def totp(key: bytes, *, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """The code an authenticator app shows for `key` (RFC 6238, HMAC-SHA1), computed here
    independently of django-otp."""
    counter = int((time.time() if at is None else at) // step)
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    number = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 10**digits:0{digits}d}"

"""The client's IP address, trusting X-Forwarded-For only from a configured number of proxies."""

from __future__ import annotations

from django.conf import settings


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or, behind `CANBO_TRUSTED_PROXY_COUNT` reverse proxies, the address the
    outermost trusted proxy saw (counted from the right of X-Forwarded-For, which a client can
    prepend to but not append to)."""
    proxies = getattr(settings, "CANBO_TRUSTED_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR") or None
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) >= proxies:
        return forwarded[-proxies]
    return remote

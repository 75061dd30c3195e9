"""Per-request audit context: user, IP, request id; changes made by unsafe requests share one
transaction with their audit entries and are rolled back on a server error."""

from __future__ import annotations

import ipaddress
import re

from django.conf import settings
from django.db import transaction

from .choices import Source
from .context import AuditContext, _current, new_request_id

REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address as canbo's login protection sees it (X-Forwarded-For only behind
    CANBO_TRUSTED_PROXY_COUNT configured proxies), or None when it is not an IP address."""
    from canbo.security.ip import client_ip as security_client_ip

    return _valid_ip(security_client_ip(request) or "")


def request_id(request) -> str:
    given = request.headers.get(REQUEST_ID_HEADER, "")
    return given if _REQUEST_ID.match(given) else new_request_id()


def context_for(request) -> AuditContext:
    api_prefix = getattr(settings, "AUDIT_API_PREFIX", "/api/")
    return AuditContext(
        source=Source.API if request.path.startswith(api_prefix) else Source.WEB,
        ip=client_ip(request),
        request_id=request_id(request),
        request=request,
    )


def _unwrapped_paths() -> set[str]:
    """The login page: its POST hashes a password for a good fraction of a second and must not
    hold SQLite's write lock meanwhile; what it writes (last login, the login entry) stands
    alone."""
    from django.urls import NoReverseMatch, reverse

    try:
        return {reverse("login")}
    except NoReverseMatch:
        return set()


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ctx = context_for(request)
        request.audit_context = ctx
        request.request_id = ctx.request_id
        token = _current.set(ctx)
        try:
            if request.method in SAFE_METHODS or request.path in _unwrapped_paths():
                response = self.get_response(request)
            else:
                # the change and its audit entries commit together; a 5xx rolls both back
                with transaction.atomic():
                    response = self.get_response(request)
                    if response.status_code >= 500:
                        transaction.set_rollback(True)
        finally:
            _current.reset(token)
        response[REQUEST_ID_HEADER] = ctx.request_id
        return response

"""Production defaults come from the environment: with CANBO_DEBUG unset DEBUG is off, cookies are
secure, HSTS is on; the proxy header is trusted only when configured."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from django.conf import settings

PROBE = """
import json
from django.conf import settings
import django
django.setup()
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SECURE_PROXY_SSL_HEADER": getattr(settings, "SECURE_PROXY_SSL_HEADER", None),
    "SESSION_COOKIE_AGE": settings.SESSION_COOKIE_AGE,
    "SESSION_EXPIRE_AT_BROWSER_CLOSE": settings.SESSION_EXPIRE_AT_BROWSER_CLOSE,
    "CANBO_TRUSTED_PROXY_COUNT": settings.CANBO_TRUSTED_PROXY_COUNT,
    "X_FRAME_OPTIONS": settings.X_FRAME_OPTIONS,
}))
"""


def production_settings(tmp_path, **env) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CANBO_")}
    clean.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        CANBO_VAR_DIR=str(tmp_path),
        CANBO_SECRET_KEY="x" * 50,
        **env,
    )
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=clean,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_without_any_variable_production_is_secure(tmp_path):
    found = production_settings(tmp_path)
    assert found["DEBUG"] is False
    assert found["SESSION_COOKIE_SECURE"] is True
    assert found["CSRF_COOKIE_SECURE"] is True
    assert found["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert found["SECURE_PROXY_SSL_HEADER"] is None  # never trusted unless configured
    assert found["SESSION_COOKIE_AGE"] == 30 * 60
    assert found["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is False
    assert found["CANBO_TRUSTED_PROXY_COUNT"] == 0
    assert found["X_FRAME_OPTIONS"] == "DENY"


def test_development_relaxes_cookies_and_hsts(tmp_path):
    found = production_settings(tmp_path, CANBO_DEBUG="1")
    assert found["DEBUG"] is True
    assert found["SESSION_COOKIE_SECURE"] is False
    assert found["SECURE_HSTS_SECONDS"] == 0


def test_deployment_variables(tmp_path):
    found = production_settings(
        tmp_path,
        CANBO_PROXY_SSL_HEADER="X-Forwarded-Proto",
        CANBO_SSL_REDIRECT="1",
        CANBO_SESSION_SECONDS="900",
        CANBO_SESSION_BROWSER_CLOSE="1",
        CANBO_TRUSTED_PROXY_COUNT="1",
        CANBO_HSTS_SECONDS="600",
    )
    assert found["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert found["SECURE_SSL_REDIRECT"] is True
    assert found["SESSION_COOKIE_AGE"] == 900
    assert found["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert found["CANBO_TRUSTED_PROXY_COUNT"] == 1
    assert found["SECURE_HSTS_SECONDS"] == 600

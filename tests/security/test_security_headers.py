"""Security headers on every page: a Content-Security-Policy without inline scripts or styles,
X-Frame-Options, Referrer-Policy, nosniff, HSTS over HTTPS; templates hold no inline script,
style or event handler (the CSP would block them)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import PersonFactory, unit

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_secure_headers(response):
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval'
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.fixture
def person():
    return PersonFactory(full_name="Nguyễn Thị Hoa", unit=unit("xa-an-binh", kind="commune"))


def pages(person):
    return [
        "/people/",
        "/people/?gender=female",
        f"/people/{person.pk}/",
        f"/people/{person.pk}/edit/",
        "/units/",
        "/accounts/two-factor/",
        "/admin/",
        "/admin/auth/user/",
        "/admin/auth/user/add/",
    ]


def test_the_login_page_has_the_headers(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert_secure_headers(response)


def test_every_main_page_has_the_headers(client, admin_user, person):
    client.force_login(admin_user)
    for url in pages(person):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_secure_headers(response)


def test_htmx_fragments_have_the_headers(client, admin_user, person):
    client.force_login(admin_user)
    response = client.get("/people/?gender=female", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert_secure_headers(response)


def test_rendered_pages_hold_no_inline_script_or_style(client, admin_user, person):
    client.force_login(admin_user)
    for url in ["/accounts/login/", *pages(person)[:6]]:
        html = client.get(url).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"<style\b", html), url
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url
    # htmx is told not to inject its indicator <style> nor to evaluate code
    assert '"includeIndicatorStyles": false' in html
    assert '"allowEval": false' in html


def is_document(path: Path) -> bool:
    """Documents rendered to PDF by WeasyPrint, never served to a browser (the CSP does not
    apply): the templates under exports/ and those named *_pdf.html."""
    return (TEMPLATES / "exports") in path.parents or path.name.endswith("_pdf.html")


PAGE_TEMPLATES = sorted(p for p in TEMPLATES.rglob("*.html") if not is_document(p))


@pytest.mark.parametrize("path", PAGE_TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_templates_hold_no_inline_script_style_or_handler(path):
    """A size computed by the server goes in SVG attributes (templates/stats/_progress.html)."""
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script>"
    assert not re.search(r"<style\b", text), "<style> element"
    assert not re.search(r"\sstyle=", text), 'style="" attribute'
    assert not re.search(r"\son[a-z]+=", text), "onclick=/onchange=… handler"
    assert not re.search(r"\bhx-on", text), "hx-on (evaluated code)"
    assert "javascript:" not in text


def test_hsts_is_sent_over_https_only(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000  # the production default (test_production_settings)
    secure = client.get("/accounts/login/", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000"
    plain = client.get("/accounts/login/")
    assert "Strict-Transport-Security" not in plain


def test_session_and_csrf_cookies_are_secure_when_configured(client, user, settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    response = client.post(
        "/accounts/login/",
        {"username": user.username, "password": "Mat-khau-rat-dai-2025"},
        secure=True,
    )
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"]
    assert cookie["samesite"] == "Lax"

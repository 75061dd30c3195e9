"""CSRF everywhere: every form that posts carries the token, htmx requests send it in a header,
a request without it is refused with a Vietnamese page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware
from django.test import Client

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
POST_FORM = re.compile(r"<form\b[^>]*\bmethod=[\"']post[\"'][^>]*>(.*?)</form>", re.S | re.I)


def test_csrf_middleware_is_on_and_nothing_is_exempt():
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    sources = Path(settings.BASE_DIR, "canbo").rglob("*.py")
    offenders = [str(p) for p in sources if "csrf_exempt" in p.read_text(encoding="utf-8")]
    assert offenders == []
    assert CsrfViewMiddleware  # imported: the setting names a real class


@pytest.mark.parametrize("path", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: p.name)
def test_every_posting_form_carries_the_token(path):
    text = path.read_text(encoding="utf-8")
    for body in POST_FORM.findall(text):
        assert "{% csrf_token %}" in body, f"a POST form without {{% csrf_token %}} in {path}"


def test_pages_give_htmx_the_token_in_a_header(client, admin_user):
    client.force_login(admin_user)
    html = client.get("/people/").text
    match = re.search(r"<body hx-headers='([^']+)'", html)
    assert match, "htmx requests must send X-CSRFToken"
    token = json.loads(match.group(1))["X-CSRFToken"]
    assert len(token) >= 32


def test_a_post_without_the_token_is_refused_in_vietnamese(user):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": "Mat-khau-rat-dai-2025"}
    )
    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in response.text
    assert "_auth_user_id" not in client.session


def test_an_htmx_post_without_the_token_reloads_the_page(admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    response = client.post("/i18n/setlang/", {"language": "en"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert response["HX-Refresh"] == "true"


def test_a_post_with_the_token_in_the_htmx_header_is_accepted(user):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/accounts/login/")
    token = re.search(r"<body hx-headers='([^']+)'", page.text).group(1)
    response = client.post(
        "/accounts/login/",
        {"username": user.username, "password": "Mat-khau-rat-dai-2025"},
        HTTP_X_CSRFTOKEN=json.loads(token)["X-CSRFToken"],
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

"""Sessions end after 30 minutes without activity; every request pushes the end further; an htmx
request of an expired session sends the whole page to the login form."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

pytestmark = pytest.mark.django_db

PAGE = "/people/"


def session_row(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_sessions_last_thirty_minutes_of_inactivity():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_each_request_pushes_the_end_of_the_session(client, admin_user):
    client.force_login(admin_user)
    # 25 minutes without a request: 5 left
    Session.objects.filter(pk=client.session.session_key).update(
        expire_date=timezone.now() + timedelta(minutes=5)
    )
    response = client.get(PAGE)
    assert response.status_code == 200
    left = session_row(client).expire_date - timezone.now()
    assert timedelta(minutes=29) < left <= timedelta(minutes=30)
    assert response.cookies["sessionid"]["max-age"] == 30 * 60


def test_an_idle_session_has_ended(client, admin_user):
    client.force_login(admin_user)
    Session.objects.filter(pk=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/people/")


def test_an_htmx_request_of_an_ended_session_reloads_the_page_on_the_login_form(client):
    response = client.get(
        "/people/?gender=female",
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/people/?q=hoa",
    )
    # not a login form swapped into the results table
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/accounts/login/?next=%2Fpeople%2F%3Fq%3Dhoa"
    assert response.content == b""


def test_a_normal_redirect_of_an_htmx_request_is_left_alone(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/", HTTP_HX_REQUEST="true")
    assert response.status_code == 302
    assert "HX-Redirect" not in response

"""Failed logins: after 5 failures for one username from one IP the login is locked for 15
minutes with a clear message; the period ends by itself; an administrator can unlock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "Mat-khau-rat-dai-2025"  # tests/conftest.py `user`
LOGIN = "/accounts/login/"
LOCKED = "Tài khoản tạm khóa do đăng nhập sai nhiều lần, thử lại sau"


def attempt(client, username, password, ip="10.0.0.1"):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, follow=False
    )


def fail(client, username, times, ip="10.0.0.1"):
    return [attempt(client, username, "sai-mat-khau", ip) for _i in range(times)]


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_lockout_settings_are_five_failures_for_fifteen_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0] == "canbo.security.backends.LoginLockoutBackend"


def test_four_failures_only_say_the_password_is_wrong_and_the_fifth_locks(html_client, user):
    for response in fail(html_client, user.username, 4):
        assert response.status_code == 200
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.text
        assert LOCKED not in response.text

    response = attempt(html_client, user.username, "sai-mat-khau")
    assert response.status_code == 429
    assert f"{LOCKED} 15 phút." in response.text
    # the login page again, username kept, so the user knows where they are
    assert 'name="username"' in response.text
    assert f'value="{user.username}"' in response.text


def test_a_locked_login_refuses_even_the_right_password(html_client, user):
    fail(html_client, user.username, 5)
    response = attempt(html_client, user.username, PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.text
    assert not logged_in(html_client)


def test_the_lock_is_per_username_and_ip(html_client, client, user, django_user_model):
    fail(html_client, user.username, 5, ip="10.0.0.1")
    other = django_user_model.objects.create_user(username="khac", password=PASSWORD)
    # the same user from another address, another user from the same address: not locked
    response = attempt(html_client, user.username, PASSWORD, ip="10.0.0.2")
    assert response.status_code == 302
    html_client.logout()
    response = attempt(html_client, other.username, PASSWORD, ip="10.0.0.1")
    assert response.status_code == 302


def test_the_message_counts_down_and_the_lock_ends_after_the_period(html_client, user):
    fail(html_client, user.username, 5)
    # ten minutes pass
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=10))
    response = attempt(html_client, user.username, PASSWORD)
    assert response.status_code == 429
    assert f"{LOCKED} 5 phút." in response.text
    # a failure while locked does not extend the lock
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14, seconds=30))
    response = attempt(html_client, user.username, "sai-mat-khau")
    assert f"{LOCKED} 1 phút." in response.text

    # fifteen minutes after the last counted failure the right password works again
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = attempt(html_client, user.username, PASSWORD)
    assert response.status_code == 302
    assert logged_in(html_client)
    # and a success clears the failures of this username + IP
    assert not AccessAttempt.objects.filter(username=user.username).exists()
    assert AccessLog.objects.filter(username=user.username).count() == 1


def test_success_before_the_limit_resets_the_count(html_client, user):
    fail(html_client, user.username, 4)
    assert attempt(html_client, user.username, PASSWORD).status_code == 302
    html_client.logout()
    responses = fail(html_client, user.username, 4)
    assert all(r.status_code == 200 for r in responses)


def test_an_administrator_unlocks_in_the_admin(html_client, client, user, admin_user):
    fail(html_client, user.username, 5)
    locked = AccessAttempt.objects.get(username=user.username)

    client.force_login(admin_user)
    page = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert page.status_code == 200
    assert user.username in page.text
    response = client.post(
        reverse("admin:axes_accessattempt_delete", args=[locked.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()

    response = attempt(html_client, user.username, PASSWORD)
    assert response.status_code == 302
    assert logged_in(html_client)


def test_a_lockout_answers_json_to_a_client_that_does_not_ask_for_html(client, user):
    for _i in range(5):
        response = client.post(
            LOGIN,
            {"username": user.username, "password": "sai"},
            HTTP_ACCEPT="application/json",
        )
    assert response.status_code == 429
    assert LOCKED in response.json()["detail"]


def test_the_admin_login_form_is_canbo_login_page(client):
    """No second, unprotected login form: /admin/login/ sends to canbo's login page."""
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert "next=/admin/" in response["Location"]

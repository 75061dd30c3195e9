"""`canbo token NAME [--rotate]` prints a working API token."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def _token(*args) -> str:
    out = StringIO()
    call_command("token", *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def test_prints_the_same_token_until_rotated_and_the_token_works(user):
    key = _token(user.username)
    assert len(key) == 40 and _token(user.username) == key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/units/").status_code == 200

    new = _token(user.username, "--rotate")
    assert new != key
    assert client.get("/api/units/").status_code == 401  # the old token is dead at once
    client.credentials(HTTP_AUTHORIZATION=f"Token {new}")
    assert client.get("/api/units/").status_code == 200


def test_unknown_or_locked_users_get_no_token(django_user_model):
    with pytest.raises(CommandError, match="Không có người dùng “ai-do”"):
        _token("ai-do")
    django_user_model.objects.create_user(username="bi-khoa", is_active=False)
    with pytest.raises(CommandError, match="đang bị khóa"):
        _token("bi-khoa")

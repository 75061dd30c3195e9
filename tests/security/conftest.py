"""Fixtures for the login-protection tests."""

from __future__ import annotations

import pytest

from tests.security.security_helpers import ADMIN_PASSWORD


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser(
        username="quantri", password=ADMIN_PASSWORD, email="quantri@example.vn"
    )


@pytest.fixture
def html_client(client):
    """A client that asks for HTML, as a browser does."""
    client.defaults["HTTP_ACCEPT"] = "text/html,application/xhtml+xml,*/*;q=0.8"
    return client

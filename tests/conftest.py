import pytest


@pytest.fixture
def user(django_user_model):
    """An administrator (sees everything); scoped logins: `tests.factories.user_with_grant`."""
    return django_user_model.objects.create_user(
        username="canbo.ttc", password="Mat-khau-rat-dai-2025", first_name="Thu", last_name="Trần",
        is_superuser=True, is_staff=True,
    )  # fmt: skip


@pytest.fixture
def staff_client(client, user):
    client.force_login(user)
    return client

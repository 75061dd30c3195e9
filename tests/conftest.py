import pytest


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(
        username="canbo.ttc", password="Mat-khau-rat-dai-2025", first_name="Thu", last_name="Trần"
    )


@pytest.fixture
def staff_client(client, user):
    client.force_login(user)
    return client

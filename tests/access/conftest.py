import pytest


@pytest.fixture(autouse=True)
def _seeded_roles(request):
    """The roles the migration seeds, back if a transactional test of another area flushed them."""
    if "django_db_setup" not in request.fixturenames and not request.node.get_closest_marker(
        "django_db"
    ):
        return
    request.getfixturevalue("db")
    from canbo.access.models import Role
    from canbo.access.roles import ROLES, seed_roles

    if Role.objects.filter(code__in=[r[0] for r in ROLES]).count() < len(ROLES):
        seed_roles(Role)

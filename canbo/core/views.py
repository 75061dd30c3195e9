from django.shortcuts import redirect

from canbo.access import scope


def home(request):
    """The people list; a cadre whose only grant is their own profile lands on it."""
    grants = scope.grants_of(request.user)
    person = getattr(request.user, "person", None)
    if (
        person is not None
        and grants
        and not request.user.is_superuser
        and all(g.own_profile_only for g in grants)
    ):
        return redirect("people:detail", pk=person.pk)
    return redirect("people:list")

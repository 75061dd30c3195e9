"""django-axes' lockout check as the first authentication backend."""

from axes.backends import AxesStandaloneBackend


class LoginLockoutBackend(AxesStandaloneBackend):
    """Refuses every login of a locked-out username + IP (raises PermissionDenied).

    An authentication without a request (a management command, Django's test client
    `login()`) is not a login attempt over the network: it is left to the next backends instead
    of failing as django-axes would."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

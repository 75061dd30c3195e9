from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import resolve_url
from django_htmx.http import HttpResponseClientRedirect


class HtmxLoginRedirectMiddleware:
    """When a session has expired, an htmx request answered by a redirect to the login page
    makes the whole page go there (HX-Redirect) instead of swapping the login form into a
    fragment of the page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.headers.get("HX-Request") != "true" or response.status_code not in (301, 302):
            return response
        location = response.get("Location", "")
        login_url = resolve_url(settings.LOGIN_URL)
        if location.split("?")[0] != login_url:
            return response
        # Come back to the page the user was on, not to the fragment's URL.
        current = request.headers.get("HX-Current-URL")
        if current and REDIRECT_FIELD_NAME + "=" in location:
            parts = urlsplit(current)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            location = f"{login_url}?{urlencode({REDIRECT_FIELD_NAME: path})}"
        return HttpResponseClientRedirect(location)

"""The address a failed login is counted against: X-Forwarded-For is believed only from the
configured number of proxies (a client cannot choose its address to escape the lockout)."""

from __future__ import annotations

from django.test import RequestFactory

from canbo.security.ip import client_ip


def request(remote="203.0.113.9", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_header_is_ignored(settings):
    settings.CANBO_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request(forwarded="1.2.3.4")) == "203.0.113.9"


def test_behind_one_proxy_the_address_it_saw_is_used(settings):
    settings.CANBO_TRUSTED_PROXY_COUNT = 1
    # the client forged "1.2.3.4"; the proxy appended the real address
    assert client_ip(request(remote="10.0.0.2", forwarded="1.2.3.4, 198.51.100.7")) == (
        "198.51.100.7"
    )


def test_behind_two_proxies(settings):
    settings.CANBO_TRUSTED_PROXY_COUNT = 2
    assert client_ip(request(forwarded="1.2.3.4, 198.51.100.7, 10.0.0.1")) == "198.51.100.7"


def test_a_missing_header_falls_back_to_the_connection(settings):
    settings.CANBO_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request(remote="10.0.0.2")) == "10.0.0.2"

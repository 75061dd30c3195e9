"""Schemathesis against the running app (Django's WSGI application in-process, on the test
database): every operation of the API schema gets generated requests, valid and invalid, with an
administrator's token; no answer may be a 5xx, and every answer must match the schema (status
code, content type, headers, body).

The schema is the one `/api/schema/` serves (`test_the_fuzzed_schema_is_the_served_one`), built
at collection time so that pytest lists one test per operation."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis import checks

checks.load_all_checks()
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]
EXAMPLES = 10  # per operation: the whole run stays well under two minutes on two cores
OPENAPI = SchemaGenerator().get_schema(request=None, public=True)
schema = schemathesis.openapi.from_dict(OPENAPI).exclude(method="PUT")
schema.config.generation.update(max_examples=EXAMPLES)
# PUT takes the same body as PATCH, whose boundary cases (the coverage phase, 500 requests)
# already run: PUT gets the generated requests only
put_schema = schemathesis.openapi.from_dict(OPENAPI).include(method="PUT")
put_schema.config.generation.update(max_examples=EXAMPLES)
put_schema.config.phases.coverage.enabled = False
HYPOTHESIS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same requests on every run: CI stays reproducible
    database=None,
    suppress_health_check=list(HealthCheck),
)
APP = get_wsgi_application()


@pytest.fixture
def auth_headers(province, user):
    return {"Authorization": f"Token {Token.objects.get_or_create(user=user)[0].key}"}


@pytest.fixture
def keep_connection():
    """Requests through the WSGI application must not close the database connection at their
    end (it holds the test's transaction), as Django's test client ensures for its own."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_the_fuzzed_schema_is_the_served_one(client, auth_headers):
    served = client.get("/api/schema/", {"format": "json"}, headers=auth_headers)
    assert served.status_code == 200
    assert served.json()["paths"] == OPENAPI["paths"]


@pytest.mark.django_db
@schema.parametrize()
@HYPOTHESIS
def test_every_operation_answers_as_its_schema_says(case, auth_headers, keep_connection):
    case.call_and_validate(app=APP, headers=auth_headers, checks=CHECKS)


@pytest.mark.django_db
@put_schema.parametrize()
@HYPOTHESIS
def test_put_answers_as_its_schema_says(case, auth_headers, keep_connection):
    case.call_and_validate(app=APP, headers=auth_headers, checks=CHECKS)

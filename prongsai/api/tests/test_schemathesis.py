"""The API against its own OpenAPI document, with schemathesis: generated requests to every operation,
public and with a staff token, and no answer may be a server error, an undocumented status, a body that
breaks its schema or the wrong content type. A bounded number of cases per operation keeps `make test` fast;
raise SCHEMATHESIS_MAX_EXAMPLES to dig deeper."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from prongsai.wsgi import application

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "6"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _schema():
    # The document the site serves at /api/v1/openapi.json, built without a request (serving it opens a
    # database transaction, which test collection may not); the calls then go to the WSGI application.
    import json

    from prongsai.api.api import api

    loaded = schemathesis.openapi.from_dict(
        json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/")))
    )
    loaded.app = application
    return loaded


schema = _schema()


@pytest.fixture
def _connections_kept():
    """The WSGI application, called straight (not through Django's test client), closes database
    connections when a request ends; inside a test's transaction that would close the test's own. Django's
    test client turns that off the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def staff_token(world, _connections_kept):
    from prongsai.api.services import api_token_create

    _token, secret = api_token_create(user=world.coordinator, name="schemathesis")
    return secret


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_api_keeps_to_its_schema(case, staff_token):
    if "slug" in (case.path_parameters or {}):
        case.path_parameters["slug"] = "pathumwan"  # the agency the token belongs to: real routes, not 404s
    case.call_and_validate(headers={"Authorization": f"Bearer {staff_token}"}, checks=CHECKS)

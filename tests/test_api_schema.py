"""The API's OpenAPI description (/api/schema/) holds: schemathesis sends generated requests to
every endpoint (a bounded number per operation) against a small indexed archive;
no answer is a server error, and every status, content type and body matches the description."""

from __future__ import annotations

import importlib

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from archive.search import backend
from archive.views import schema as schema_module
from archive.views.schema import OPENAPI
from archive.wsgi import application

# Examples per operation: enough to reach every parameter and both formats, few enough that the
# whole run stays within seconds.
MAX_EXAMPLES = 20
# Every endpoint of the API: its list path, and the parameter naming one item (None: no detail path).
ENDPOINTS = {
    "search": None,
    "articles": "id",
    "people": "slug",
    "outlets": "slug",
    "stories": "id",
    "facets": None,
}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


# The description as the site serves it (a test below checks the served one is this one), driven
# through the WSGI app. schemathesis.pytest.from_fixture would load it per test, but fails under
# pytest 9 (schemathesis 4.32.5 sets a private node attribute pytest no longer has).
schema = schemathesis.openapi.from_dict(OPENAPI)
schema.app = application


@pytest.fixture
def api_archive(lisbon_archive, settings):
    settings.ALLOWED_HOSTS = ["localhost"]  # the host schemathesis's WSGI client sends
    # As Django's test client does: a request must not close the test's connection, whose open
    # transaction holds the archive (on PostgreSQL, closing it loses the data and the connection;
    # SQLite's in-memory test database never closes).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield lisbon_archive
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_its_openapi_description_says(case, api_archive):
    case.call_and_validate(checks=CHECKS)


def test_the_description_is_served_at_api_schema(client):
    document = client.get("/api/schema/").json()
    assert document == OPENAPI and document["openapi"].startswith("3.0")
    assert set(document["paths"]) == {f"/api/{name}/" for name in ENDPOINTS} | {
        f"/api/{name}/{{{key}}}/" for name, key in ENDPOINTS.items() if key
    }


def test_the_description_names_the_unknown_buckets_from_their_one_home(monkeypatch):
    # Were the search backend to spell its no-outlet and undated buckets otherwise, the
    # description would follow (it reads them from archive.search.backend, not a copy).
    monkeypatch.setattr(backend, "UNKNOWN_SOURCE", "~nowhere")
    monkeypatch.setattr(backend, "UNKNOWN_YEAR", "undated")
    try:
        described = {p["name"]: p["description"] for p in importlib.reload(schema_module).SEARCH_PARAMETERS}
    finally:
        monkeypatch.undo()
        importlib.reload(schema_module)
    assert "~nowhere: articles with no outlet" in described["source"]
    assert "undated: undated articles" in described["year"]

"""Reads that scale out (archive/routers.py): with DATABASE_REPLICA_URL set, public GET pages read from
the `replica` database; writes, the admin, POSTs and commands use the primary."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connections
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from archive import routers
from archive.models import Article
from archive.routers import ReplicaReadsMiddleware, ReplicaRouter, reads_on_replica

router = ReplicaRouter()


@pytest.fixture
def replica(monkeypatch):
    """A replica is configured (the routing decisions, without a second connection)."""
    monkeypatch.setattr(routers, "replica_configured", lambda: True)


def routed_during(method: str, path: str) -> tuple[str, str]:
    """(where reads went, where writes went) while the middleware handled the request."""
    seen = {}

    def view(request):
        seen["read"], seen["write"] = router.db_for_read(Article), router.db_for_write(Article)
        return None

    ReplicaReadsMiddleware(view)(RequestFactory().generic(method, path))
    return seen["read"], seen["write"]


def test_a_public_get_reads_from_the_replica_and_writes_to_the_primary(replica):
    assert routed_during("GET", "/search/") == ("replica", "default")
    assert routed_during("HEAD", "/stories/") == ("replica", "default")


def test_the_admin_and_posts_read_from_the_primary(replica):
    assert routed_during("GET", "/admin/archive/article/") == ("default", "default")
    assert routed_during("POST", "/search/") == ("default", "default")


def test_a_readers_saved_searches_and_sign_in_read_from_the_primary(replica):
    assert routed_during("GET", "/saved/") == ("default", "default")
    assert routed_during("GET", "/saved/3/") == ("default", "default")
    assert routed_during("GET", "/login/") == ("default", "default")


def test_without_a_replica_everything_uses_the_primary(monkeypatch):
    monkeypatch.setattr(routers, "replica_configured", lambda: False)
    assert routed_during("GET", "/search/") == ("default", "default")


def test_outside_a_request_reads_use_the_primary_and_the_mark_never_leaks(replica):
    assert router.db_for_read(Article) == "default"  # commands, tasks, the shell
    routed_during("GET", "/search/")
    assert router.db_for_read(Article) == "default"
    with reads_on_replica():
        assert router.db_for_read(Article) == "replica"
    assert router.db_for_read(Article) == "default"


def test_only_the_primary_is_migrated():
    assert router.allow_migrate("default", "archive") and not router.allow_migrate("replica", "archive")


@pytest.mark.skipif(
    "replica" not in settings.DATABASES, reason="needs DATABASE_REPLICA_URL (CI's PostgreSQL pass sets it)"
)
@pytest.mark.django_db(databases=["default", "replica"])
def test_a_page_runs_its_queries_on_the_replica_connection(client):
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        assert client.get("/sources/").status_code == 200
    assert any("archive_" in q["sql"] for q in on_replica.captured_queries)

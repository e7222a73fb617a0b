"""Reads that scale out: with DATABASE_REPLICA_URL set, the public pages' reads go to a PostgreSQL
streaming replica (the `replica` database), everything else to the primary (`default`).

A request is "read-only" when it is a GET or HEAD outside the admin: ReplicaReadsMiddleware marks it
for the duration of the response (a context variable, so threads and async tasks never see another
request's mark) and ReplicaRouter sends that request's reads to the replica. Writes, migrations,
the admin (an editor must see what they just saved), a reader's saved searches, POSTs and commands
always use the primary. The replica may lag the primary by a moment; public pages can afford that,
an editor's cannot.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
PRIMARY = "default"
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Paths whose reads stay on the primary even for a GET: the admin, and a reader's own saved searches
# and sign-in (what they just saved, or the session they just opened, must not lag).
PRIMARY_PATHS = ("/admin/", "/saved/", "/login/", "/logout/")

_reads_on_replica: ContextVar[bool] = ContextVar("reads_on_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def is_read_only(method: str, path: str) -> bool:
    return method in READ_ONLY_METHODS and not path.startswith(PRIMARY_PATHS)


@contextmanager
def reads_on_replica(enabled: bool = True):
    """Inside this block the ORM reads from the replica (when one is configured)."""
    token = _reads_on_replica.set(enabled)
    try:
        yield
    finally:
        _reads_on_replica.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _reads_on_replica.get() and replica_configured() else PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, replicated: objects from either side relate

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY  # the replica receives the schema by replication


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with reads_on_replica(replica_configured() and is_read_only(request.method, request.path_info)):
            return self.get_response(request)

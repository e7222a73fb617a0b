"""The search interface. Views, admin and commands call get_backend(); only the engine packages under
archive/search/backends/ import whoosh or PostgreSQL search classes.

search/ is plain search: it never imports the archive's glue or web edge. Names a reader typed are
resolved to the archive's people before a query reaches it (archive/searching.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from archive.search.backends import InvalidSearchBackendError, get_backend
from archive.search.indexing import bulk_indexing

__all__ = ["InvalidSearchBackendError", "bulk_indexing", "get_backend", "schedule"]


def schedule(ids: Iterable[int]) -> None:
    """Have the saved or deleted articles `ids` indexed once the current transaction commits (the
    models' signals call it; settings.PARALLAX_INDEX_ON_SAVE switches it off)."""
    if settings.PARALLAX_INDEX_ON_SAVE:
        get_backend().schedule(set(ids))

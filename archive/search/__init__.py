"""The search interface. Views, admin and commands call get_backend(); only backend modules import
whoosh (or, later, PostgreSQL search classes)."""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.utils.module_loading import import_string

from archive.search.aliases import resolve_people
from archive.search.backend import SearchBackend, SearchError, SearchRequest
from archive.search.indexing import bulk_indexing
from archive.search.query import parse_query

__all__ = ["bulk_indexing", "get_backend", "search_article_ids"]

log = logging.getLogger(__name__)
_backends: dict[str, SearchBackend] = {}
_confs: dict[str, dict] = {}
_lock = threading.Lock()


def get_backend(alias: str = "default") -> SearchBackend:
    """The backend named `alias` in settings.SEARCH_BACKENDS, one instance per process. A changed PATH
    (each test gets its own index folder) gives a fresh instance, so no state leaks between indexes."""
    conf = settings.SEARCH_BACKENDS[alias]
    with _lock:
        backend = _backends.get(alias)
        if backend is not None and _confs.get(alias) == conf:
            return backend
        if backend is not None:
            backend.close()
        cls = import_string(conf["BACKEND"])
        loader = import_string(conf.get("BODY_LOADER", "archive.search.documents.load_bodies"))
        backend = _backends[alias] = cls(alias, dict(conf), loader)
        _confs[alias] = dict(conf)
        return backend


def search_article_ids(text: str, limit: int = 1000) -> list[int] | None:
    """Article ids matching `text` (for the admin search box), best first, or None when search is
    unavailable (the admin then falls back to the ORM)."""
    try:
        backend = get_backend()
        parsed = resolve_people(parse_query(text))
        ids = backend.matching_ids(parsed, SearchRequest(parsed).filters, "relevance")
        return [i for _, i in zip(range(limit), ids, strict=False)]
    except (SearchError, OSError) as e:
        log.warning("admin search fell back to the database: %s", e)
        return None

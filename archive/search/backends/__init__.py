"""Search engines behind one interface, named in settings (Wagtail's search/backends/__init__.py).

base.py runs the shared flow once; whoosh/ and postgres/ supply the engine steps. get_backend(alias)
loads the backend settings.SEARCH_BACKENDS names, and a bad setting raises InvalidSearchBackendError.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from archive.search.backends.base import BaseSearchBackend

DEFAULT_BODY_LOADER = "archive.search.documents.load_bodies"

_backends: dict[str, BaseSearchBackend] = {}
_confs: dict[str, dict] = {}
_lock = threading.Lock()


class InvalidSearchBackendError(ImproperlyConfigured):
    """settings.SEARCH_BACKENDS (or PARALLAX_SEARCH_BACKEND) names no usable backend."""


def get_backend(alias: str = "default") -> BaseSearchBackend:
    """The backend named `alias` in settings.SEARCH_BACKENDS, one instance per process. A changed
    configuration (each test gets its own index folder) gives a fresh instance, so no state leaks
    between indexes."""
    try:
        conf = settings.SEARCH_BACKENDS[alias]
    except KeyError:
        known = ", ".join(settings.SEARCH_BACKENDS) or "none"
        raise InvalidSearchBackendError(
            f"no search backend {alias!r} in settings.SEARCH_BACKENDS (it has {known})"
        ) from None
    with _lock:
        backend = _backends.get(alias)
        if backend is not None and _confs.get(alias) == conf:
            return backend
        if backend is not None:
            backend.close()
        cls = backend_class(conf.get("BACKEND", ""))
        loader = _load(conf.get("BODY_LOADER", DEFAULT_BODY_LOADER), "BODY_LOADER")
        cached = _load(conf["CACHE"], "CACHE") if conf.get("CACHE") else None
        backend = _backends[alias] = cls(alias, dict(conf), loader, cached)
        _confs[alias] = dict(conf)
        return backend


def backend_class(path: str) -> type[BaseSearchBackend]:
    """The backend class the dotted `path` names (PARALLAX_SEARCH_BACKEND's "whoosh" and "postgres"
    are names for two of them in settings)."""
    from archive.search.backends.base import BaseSearchBackend

    hint = "PARALLAX_SEARCH_BACKEND is whoosh, postgres or a dotted path to a search backend class"
    try:
        found = import_string(path)
    except ImportError as e:
        raise InvalidSearchBackendError(f"unknown search backend {path!r} ({e}); {hint}") from None
    if not (isinstance(found, type) and issubclass(found, BaseSearchBackend)):
        raise InvalidSearchBackendError(f"{path!r} is not a search backend class; {hint}")
    return found


def _load(path: str, option: str):
    try:
        return import_string(path)
    except ImportError as e:
        raise InvalidSearchBackendError(f"search backend option {option}: {e}") from None

"""The search interface. Views, admin and commands call get_backend(); only backend modules import
whoosh or PostgreSQL search classes. (Stub until the search issue builds it.)"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


def get_backend(alias: str = "default"):
    raise NotImplementedError("search backend not built yet")


@contextmanager
def bulk_indexing() -> Iterator[None]:
    """Inside this block, saved articles are indexed together in one commit at the end."""
    yield


def search_article_ids(text: str, limit: int = 1000) -> list[int] | None:
    """Article ids matching `text` (for the admin search box), or None when search is unavailable."""
    return None

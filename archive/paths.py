"""Paths of the site's views, each reversed once per URL configuration and script prefix.

A search page links to a handful of views about fifty times (each result to its article, every facet
value and sort link to the search), and django.urls.reverse costs ~15 µs a call: a tenth of the page's
own time. `view_path` reverses a view once, with a stand-in id where the view takes one, and fills in
the id of each later call. The key holds what reverse's answer depends on: the URL configuration in
force (its resolver, which Django replaces when the setting changes) and the script prefix (a site
served under /news/). Not the language: the site's patterns are not translated (no i18n_patterns).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache

from django.urls import URLResolver, get_resolver, get_script_prefix, get_urlconf, reverse

# Reversed in place of the id: digits no path of the site holds otherwise (checked once per pattern).
_STAND_IN = 987654321


def view_path(view: str, pk: int | None = None) -> str:
    """reverse(view), or reverse(view, args=[pk]) for a view that takes one integer."""
    if pk is not None:
        return paths_by_id(view)(pk)
    return _path(view, get_resolver(get_urlconf()), get_script_prefix())


def paths_by_id(view: str) -> Callable[[int], str]:
    """view_path(view, pk) as a function of pk, the pattern looked up once (for a list of links)."""
    parts = _around_id(view, get_resolver(get_urlconf()), get_script_prefix())
    if parts is None:
        return lambda pk: reverse(view, args=[pk])
    head, tail = parts
    return lambda pk: f"{head}{int(pk)}{tail}"


# The resolver and the prefix are arguments only to key the caches: reverse() reads both itself.
@lru_cache(maxsize=256)
def _path(view: str, resolver: URLResolver, prefix: str) -> str:
    return reverse(view)


@lru_cache(maxsize=256)
def _around_id(view: str, resolver: URLResolver, prefix: str) -> tuple[str, str] | None:
    """The view's path before and after its id; None when the stand-in does not stand exactly once
    in it (the caller then reverses each time)."""
    head, found, tail = reverse(view, args=[_STAND_IN]).partition(str(_STAND_IN))
    return (head, tail) if found and str(_STAND_IN) not in tail else None


def named_paths() -> Mapping[str, str]:
    """The paths of the archive's views by URL name, and the admin's index as "admin", each reversed
    on first use: `{{ paths.story_list }}` in a template (archive/context_processors.py) is the path
    `{% url 'archive:story_list' %}` gives, for a fifth of the time."""
    return _named(get_resolver(get_urlconf()), get_script_prefix())


class _NamedPaths(dict):
    def __missing__(self, name: str) -> str:
        path = view_path("admin:index" if name == "admin" else f"archive:{name}")
        self[name] = path
        return path


@lru_cache(maxsize=64)
def _named(resolver: URLResolver, prefix: str) -> _NamedPaths:
    return _NamedPaths()

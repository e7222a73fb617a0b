"""Paths of the site's views, each reversed once per URL configuration and script prefix.

A search page links to a handful of views about fifty times (each result to its article, every facet
value and sort link to the search), and django.urls.reverse costs ~15 µs a call: a tenth of the page's
own time. `view_path` reverses a view once, with a stand-in id where the view takes one, and fills in
the id of each later call. The key holds what reverse's answer depends on: the URL configuration in
force (its resolver, which Django replaces when the setting changes) and the script prefix (a site
served under /news/). Not the language: the site's patterns are not translated (no i18n_patterns).
"""

from __future__ import annotations

from functools import lru_cache

from django.urls import URLResolver, get_resolver, get_script_prefix, get_urlconf, reverse

# Reversed in place of the id: digits no path of the site holds otherwise (checked once per pattern).
_STAND_IN = 987654321


def view_path(view: str, pk: int | None = None) -> str:
    """reverse(view), or reverse(view, args=[pk]) for a view that takes one integer."""
    parts = _pattern(view, pk is not None, get_resolver(get_urlconf()), get_script_prefix())
    if parts is None:
        return reverse(view, args=[pk])
    head, tail = parts
    return head if pk is None else f"{head}{int(pk)}{tail}"


@lru_cache(maxsize=256)
def _pattern(view: str, with_id: bool, resolver: URLResolver, prefix: str) -> tuple[str, str] | None:
    """The view's path around its id (the whole path and "" for a view without one); None when the
    stand-in does not stand exactly once in the path (the caller reverses each time)."""
    if not with_id:
        return reverse(view), ""
    head, found, tail = reverse(view, args=[_STAND_IN]).partition(str(_STAND_IN))
    return (head, tail) if found and str(_STAND_IN) not in tail else None

"""A saved search read back into the search page's request, and its matches imported since a time.

"New" is counted with the search backend, as the page counts: the saved query string goes through
the page's form (archive/search_forms.py, person aliases resolved by archive/searching.py) and the
backend's matching ids; of those, the ones imported (Article.created_at) after the time are new.
The articles imported since then are read first, off the created_at index: when none were, the
backend is not asked at all (the common case of a page of saved searches)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from urllib.parse import parse_qsl

from django.utils.datastructures import MultiValueDict

from archive.models import Article, SavedSearch
from archive.search import get_backend
from archive.search.backend import SearchRequest
from archive.search_forms import SearchForm


def search_request_for(query_string: str) -> SearchRequest:
    """The search page's request for these URL parameters, newest first."""
    # The parameters as the page's request.GET holds them (repeated ones kept), read without
    # django.http: the glue never handles a request.
    params = MultiValueDict()
    for name, value in parse_qsl(query_string.lstrip("?"), keep_blank_values=True):
        params.appendlist(name, value)
    request = SearchForm(params).search_request()
    return replace(request, sort="newest", page=1, facets=False)


def new_matches(saved: SavedSearch, since: dt.datetime, until: dt.datetime | None = None) -> list[int]:
    """Ids of the articles matching `saved` imported after `since` (up to `until`), newest first."""
    # No ordering: with the model's (newest published first) SQLite walked the date index over
    # every article (49 ms at 5,000) instead of the created_at one.
    imported = Article.objects.order_by().filter(created_at__gt=since)
    if until is not None:
        imported = imported.filter(created_at__lte=until)
    fresh = set(imported.values_list("pk", flat=True))
    if not fresh:
        return []
    request = search_request_for(saved.query_string)
    ids = get_backend().matching_ids(request.query, request.filters, request.sort)
    return [i for i in ids if i in fresh]


def new_since_seen(saved: SavedSearch) -> int:
    """How many matches of `saved` were imported since its owner last opened it."""
    return len(new_matches(saved, saved.last_seen_at))

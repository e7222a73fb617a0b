"""Values every page's template may read, beside Django's request, user and messages."""

from __future__ import annotations

from django.http import HttpRequest

from archive.paths import named_paths


def site_paths(request: HttpRequest) -> dict:
    """`paths`: the site's own links by URL name ({{ paths.search_help }}), for the links every page
    repeats (base.html's navigation and footer, the search page's forms)."""
    return {"paths": named_paths()}

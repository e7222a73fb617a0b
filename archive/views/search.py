"""Search page, query-language help and the search API (the work lives in archive/search/)."""

from __future__ import annotations

import itertools

from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from archive import browsing, outlets
from archive.ingest.exports import CSV_START
from archive.search.backend import UNKNOWN_YEAR
from archive.search.exports import csv_lines, jsonl_lines, page_as_json
from archive.search.query import And, Node, Phrase, Word
from archive.search_forms import SearchForm
from archive.searching import run_search
from archive.views import api_base
from archive.views.api_base import api_view

# Every match, streamed: format -> (lines, content type, file name, what the file starts with).
EXPORTS = {
    "csv": (csv_lines, "text/csv; charset=utf-8", "parallax-search.csv", CSV_START),
    "jsonl": (jsonl_lines, "application/x-ndjson; charset=utf-8", "parallax-search.jsonl", ""),
}


@require_GET
def search_page(request):
    form = SearchForm(request.GET)
    search_request = form.search_request()
    page, failure = run_search(search_request)
    notices = [*form.problems(), *(page.notices if page else [failure])]
    if "page" in form.errors or (page is not None and search_request.page > page.pages):
        raise Http404("No such page of results")
    # Ordered by date, undated articles come last either way: say how many.
    by_date = search_request.order != "relevance"
    undated = [f.count for f in (page.facets.get("year", ()) if page else ()) if f.value == UNKNOWN_YEAR]
    context = {
        "nav": None,
        "undated_last": sum(undated) if by_date else 0,
        "form": form,
        "search": search_request,
        "page": page,
        "notices": notices,
        "query": search_request.query.text,
        "shared_stories": browsing.stories_with_coverage(
            {h.story for h in page.hits if h.story} if page else set()
        ),
        "copies": browsing.originals_of(h.id for h in page.hits) if page else {},
    }
    if page is not None and search_request.page == 1 and not search_request.filters.sources:
        context["named_outlets"] = _outlets_named(search_request.query.node, search_request.query.text)
    return render(request, "archive/search.html", context)


# A query longer than this (in words) is not read for an outlet's name.
OUTLET_NAME_WORDS = 6


def _outlets_named(node: Node | None, text: str) -> list:
    """The outlets a query of plain words names ("Moscow Times", "Moscow Times Lavrov"), with the
    query's other words: the page offers each as a filter (outlets.named_in)."""
    atoms = node.children if isinstance(node, And) else (node,)
    plain = all(
        isinstance(a, Phrase | Word) and a.field is None and not getattr(a, "prefix", False) for a in atoms
    )
    if node is None or not plain or len(text.split()) > OUTLET_NAME_WORDS:
        return []
    return outlets.named_in(text)


@require_GET
def search_help(request):
    return render(request, "archive/search_help.html", {"nav": None})


@api_view
def api_search(request):
    """A page of matches with facets (JSON), or every match (format=csv or jsonl, streamed)."""
    export = EXPORTS.get(request.GET.get("format", ""))
    if export is not None:
        lines, content_type, filename, start = export
        ids, notices = api_base.export(request)
        # The file says what the page would: every cap the search reached, every cut it made.
        body = itertools.chain([start], lines(ids, notices=notices)) if start else lines(ids, notices=notices)
        response = StreamingHttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    page = api_base.search(request)
    head = api_base.page_head(request, page.total, page.page, page.pages)
    return JsonResponse({**head, **page_as_json(page), "notes": list(page.notices)})

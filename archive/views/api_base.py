"""What every /api/ view shares: errors as JSON ({"status", "error", "notes"}), a bad parameter as
400, pages with `next`/`previous` links (the pages come from archive.views.paging, whose 404 api_view
answers as JSON), and running a search for the API (400 for a parameter it cannot read, 503 when
search is unavailable, 404 past the last page)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from django import forms
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from archive.search.backend import SearchPage, SearchRequest
from archive.search_forms import SearchForm
from archive.searching import run_export, run_search


class ApiError(Exception):
    """An answer other than 200: its HTTP status and a sentence for the caller."""

    def __init__(self, status: int, message: str, notes: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.status, self.message, self.notes = status, message, list(notes)


def error_response(status: int, message: str, notes: Sequence[str] = ()) -> JsonResponse:
    return JsonResponse({"status": status, "error": message, "notes": list(notes)}, status=status)


def api_view(view: Callable) -> Callable:
    """A read-only API view: GET only, and an ApiError or a 404 answers as JSON."""

    @require_GET
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ApiError as error:
            return error_response(error.status, error.message, error.notes)
        except Http404 as error:
            return error_response(404, str(error) or "Nothing here.")

    return wrapped


def not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    """A path under /api/ that names no endpoint (archive.urls' 404 handler sends it here)."""
    return error_response(
        404, f"No API endpoint at {request.path}; the endpoints are listed at /api/schema/."
    )


def check(form: forms.Form) -> dict:
    """The form's cleaned data, or a 400 naming each parameter it could not read."""
    if form.is_valid():
        return form.cleaned_data
    problems = [
        f"{name}: {' '.join(errors)}" if name != "__all__" else " ".join(errors)
        for name, errors in form.errors.items()
    ]
    raise ApiError(400, "Bad parameter. " + " ".join(problems))


def links(request: HttpRequest, number: int, pages: int) -> dict:
    """{"next", "previous"}: the same request's URL for the neighbouring pages, or null."""

    def url(page: int) -> str:
        query = request.GET.copy()
        query["page"] = str(page)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "next": url(number + 1) if number < pages else None,
        "previous": url(number - 1) if number > 1 else None,
    }


def page_head(request: HttpRequest, count: int, number: int, pages: int) -> dict:
    """The paging fields every list answer starts with."""
    return {"count": count, "page": number, "pages": pages, **links(request, number, pages)}


def search_request(request: HttpRequest) -> SearchRequest:
    """The search the GET parameters describe (as /search/ reads them); 400 for one it cannot read."""
    form = SearchForm(request.GET)
    wanted = form.search_request()
    check(form)
    return wanted


def search(request: HttpRequest) -> SearchPage:
    """That search's page (503 when it cannot run, 404 past the last page)."""
    wanted = search_request(request)
    page, failure = run_search(wanted)
    if page is None:
        raise ApiError(503, failure)
    if wanted.page > max(page.pages, 1):
        raise ApiError(404, "There is no such page of results.", page.notices)
    return page


def export(request: HttpRequest) -> tuple[list[int], tuple[str, ...]]:
    """Every match of that search in its order, and the notices its page would give (503 when it
    cannot run)."""
    found, failure = run_export(search_request(request))
    if found is None:
        raise ApiError(503, failure)
    return found

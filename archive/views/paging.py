"""Pages of a list, for every page and API list that has them: `?page=` read from the request once,
here, and a page that is not a number or out of range is a 404 (as djangoproject.com's docs views do;
archive.views.api_base.api_view answers it as JSON)."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from archive import browsing
from archive.models import Article, Person


def paginate(request: HttpRequest, items: Sequence, per_page: int) -> Page:
    """The page of `items` named by ?page= (default 1)."""
    try:
        return Paginator(items, per_page).page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(f"There is no such page ({error}).") from error


def article_page(
    request: HttpRequest, articles: QuerySet[Article], per_page: int, *, count: int | None = None
) -> Page:
    """The page of `articles` (newest first), its articles ready for the list item; pass `count`
    when it is known more cheaply than by counting `articles`."""
    page = paginate(request, browsing.newest_ids(articles, count=count), per_page)
    page.object_list = browsing.listed(page.object_list)
    return page


def people_page(request: HttpRequest, *, sort: str, letter: str, per_page: int) -> tuple[Page, list[Person]]:
    """One page of the people list (browsing.people_ids) and its people with their counts."""
    page = paginate(request, browsing.people_ids(sort=sort, letter=letter), per_page)
    return page, browsing.with_counts(browsing.people_in_order(list(page.object_list)))

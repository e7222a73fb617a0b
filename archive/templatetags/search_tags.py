"""Template tags for the search page: links that add or remove a filter while keeping the rest of the
search (every link carries the same query string), and the active-filter list."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django import template
from django.urls import reverse

from archive.models.saved import question_pairs, search_address, with_question

register = template.Library()

FILTER_LABELS = {
    "source": "Outlet",
    "person": "Person",
    "year": "Year",
    "month": "Month",
    "from": "From",
    "to": "To",
}


@dataclass(frozen=True)
class FacetLink:
    value: str
    label: str
    count: int
    url: str
    active: bool

    @property
    def count_text(self) -> str:
        return f"{self.count:,}"  # not |intcomma: its locale lookups were a third of the page's render time


@dataclass(frozen=True)
class ActiveFilter:
    name: str
    label: str
    value: str
    remove_url: str


Params = list[tuple[str, str]]


def _params(context) -> Params:
    """This search's question as (name, value) pairs (without page and format). (Plain pairs, not
    QueryDict copies: a facet list builds ~100 links per page and QueryDict.copy deep-copies.)"""
    return question_pairs((k, v) for k, values in context["request"].GET.lists() for v in values)


def _url(params: Params, view: str = "archive:search") -> str:
    return search_address(urlencode(params), view)


def _without(params: Params, name: str, value: str) -> Params:
    # Months belong to a chosen year: dropping the year drops its months too.
    month_prefix = f"{value}-" if name == "year" else None
    return [
        (k, v)
        for k, v in params
        if not (k == name and v == value)
        and not (month_prefix and k == "month" and v.startswith(month_prefix))
    ]


@register.simple_tag(takes_context=True)
def search_url(context, **changes) -> str:
    """This search's URL with some parameters replaced (`page` is dropped unless given)."""
    params = [(k, v) for k, v in _params(context) if k not in changes]
    params += [(name, str(value)) for name, value in changes.items() if value not in (None, "")]
    return _url(params)


@register.simple_tag(takes_context=True)
def export_url(context, fmt: str) -> str:
    """The API URL of this search, as JSON or CSV."""
    params = _params(context) + ([("format", fmt)] if fmt != "json" else [])
    return _url(params, "archive:api_search")


@register.simple_tag(takes_context=True)
def facet_links(context, name: str, facets) -> list[FacetLink]:
    """Each facet value with a link that adds it as a filter, or removes it when already active."""
    params = _params(context)
    chosen = {v for k, v in params if k == name}
    # The path is reversed and this search's parameters encoded once per facet, not once per value
    # (a page lists ~100 values).
    path, kept = reverse("archive:search"), urlencode(params)
    links = []
    for facet in facets:
        if facet.value in chosen:
            url = with_question(path, urlencode(_without(params, name, facet.value)))
        else:
            added = urlencode([(name, facet.value)])
            url = with_question(path, f"{kept}&{added}" if kept else added)
        links.append(FacetLink(facet.value, facet.display, facet.count, url, facet.value in chosen))
    return links


@register.simple_tag(takes_context=True)
def active_filters(context) -> list[ActiveFilter]:
    """Every filter in force, each with a link that removes it."""
    params = _params(context)
    found = []
    for name, label in FILTER_LABELS.items():
        for value in (v for k, v in params if k == name):
            if value.strip():
                shown = "date unknown" if name == "year" and value == "unknown" else value
                found.append(ActiveFilter(name, label, shown, _url(_without(params, name, value))))
    return found

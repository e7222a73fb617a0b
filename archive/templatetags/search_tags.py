"""Template tags for the search page: links that add or remove a filter while keeping the rest of the
search (every link carries the same query string), and the active-filter list."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.http import QueryDict
from django.urls import reverse

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


@dataclass(frozen=True)
class ActiveFilter:
    name: str
    label: str
    value: str
    remove_url: str


def _params(context) -> QueryDict:
    params = context["request"].GET.copy()
    params.pop("page", None)
    params.pop("format", None)
    return params


def _url(params: QueryDict, path: str = "") -> str:
    encoded = params.urlencode()
    return f"{path}?{encoded}" if encoded else path or "?"


def _without(params: QueryDict, name: str, value: str) -> QueryDict:
    params = params.copy()
    params.setlist(name, [v for v in params.getlist(name) if v != value])
    if name == "year":
        # Months belong to a chosen year: dropping the year drops them too.
        params.setlist("month", [m for m in params.getlist("month") if not m.startswith(f"{value}-")])
    return params


@register.simple_tag(takes_context=True)
def search_url(context, **changes) -> str:
    """This search's URL with some parameters replaced (`page` is dropped unless given)."""
    params = _params(context)
    for name, value in changes.items():
        if value in (None, ""):
            params.pop(name, None)
        else:
            params[name] = str(value)
    return _url(params, reverse("archive:search"))


@register.simple_tag(takes_context=True)
def export_url(context, fmt: str) -> str:
    """The API URL of this search, as JSON or CSV."""
    params = _params(context)
    if fmt != "json":
        params["format"] = fmt
    return _url(params, reverse("archive:api_search"))


@register.simple_tag(takes_context=True)
def facet_links(context, name: str, facets) -> list[FacetLink]:
    """Each facet value with a link that adds it as a filter, or removes it when already active."""
    params = _params(context)
    chosen = set(params.getlist(name))
    links = []
    for facet in facets:
        active = facet.value in chosen
        if active:
            new = _without(params, name, facet.value)
        else:
            new = params.copy()
            new.appendlist(name, facet.value)
        links.append(
            FacetLink(facet.value, facet.display, facet.count, _url(new, reverse("archive:search")), active)
        )
    return links


@register.simple_tag(takes_context=True)
def active_filters(context) -> list[ActiveFilter]:
    """Every filter in force, each with a link that removes it."""
    params = _params(context)
    found = []
    for name, label in FILTER_LABELS.items():
        for value in params.getlist(name):
            if value.strip():
                shown = "date unknown" if name == "year" and value == "unknown" else value
                found.append(
                    ActiveFilter(
                        name, label, shown, _url(_without(params, name, value), reverse("archive:search"))
                    )
                )
    return found

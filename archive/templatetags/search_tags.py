"""Template tags for the search page: links that add or remove a filter while keeping the rest of the
search (every link carries the same query string), and the active-filter list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape
from urllib.parse import quote_plus, urlencode

from django import template
from django.utils.dates import MONTHS
from django.utils.safestring import mark_safe

from archive.compare.coverage import UNKNOWN_OUTLET
from archive.models.saved import question_pairs, search_address, with_question
from archive.paths import paths_by_id, view_path
from archive.search.backend import bucket_label

register = template.Library()

# escape is the standard library's: django.utils.html.escape calls it too, after a check for lazy
# text that cost as much again (the fragments below escape only plain strings, ~150 a page).

FILTER_LABELS = {
    "source": "Outlet",
    "person": "Person",
    "year": "Year",
    "month": "Month",
    "from": "From",
    "to": "To",
}


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


# One facet value's list item. Written here, not as a template loop: a page lists ~100 values, and
# the template engine spent more time resolving their five variables each than the search took.
_ITEM = '<li><a href="{url}"{current}>{selected}{label}</a> <span class="count">{count:,}</span></li>'
_CURRENT = ' aria-current="true" title="Remove this filter"'
_SELECTED = '<span aria-hidden="true">✓ </span><span class="visually-hidden">(selected) </span>'


@register.simple_tag(takes_context=True)
def facet_list(context, name: str, facets) -> str:
    """The facet's values as a list of links, each adding its value as a filter or removing it when
    already active; or a line saying there are none. (Counts as 1,200, not |intcomma: its locale
    lookups were a third of the page's render time.)"""
    if not facets:
        return mark_safe('<p class="muted">None among these matches</p>')
    params = _params(context)
    chosen = {v for k, v in params if k == name}
    # The path is reversed, this search's parameters encoded and both escaped once per facet, not once
    # per value: only the value's own part is added to a link (quote_plus leaves nothing to escape).
    path, kept = view_path("archive:search"), urlencode(params)
    adding = escape(f"{path}?{kept}&" if kept else f"{path}?") + quote_plus(name) + "="
    items = []
    for facet in facets:
        active = facet.value in chosen
        if active:
            url = escape(with_question(path, urlencode(_without(params, name, facet.value))))
        else:
            url = adding + quote_plus(str(facet.value))
        current, selected = (_CURRENT, _SELECTED) if active else ("", "")
        items.append(
            _ITEM.format(
                url=url, current=current, selected=selected, label=escape(facet.display), count=facet.count
            )
        )
    return mark_safe('<ul class="facet-list">\n    ' + "".join(items) + "\n  </ul>")


@register.simple_tag(takes_context=True)
def active_filters(context) -> list[ActiveFilter]:
    """Every filter in force, each with a link that removes it."""
    params = _params(context)
    found = []
    for name, label in FILTER_LABELS.items():
        for value in (v for k, v in params if k == name):
            if value.strip():
                shown = bucket_label(name, value)
                found.append(ActiveFilter(name, label, shown, _url(_without(params, name, value))))
    return found


# How many people a result names before "+N more".
PEOPLE_SHOWN = 6


@register.simple_tag
def result_list(hits, shared_stories, copies=None) -> str:
    """The page's results as list items (one tag, not a template loop of them: the loop cost a fifth of
    the results' time, and the article path is looked up once). `copies`: browsing.originals_of."""
    article_path = paths_by_id("archive:article")
    pickable = len(hits) > 1  # comparing needs two results of the page
    return mark_safe(
        "".join(_result(hit, shared_stories, article_path, pickable, copies or {}) for hit in hits)
    )


def _result(
    hit, shared_stories, article_path: Callable[[int], str], pickable: bool = True, copies=None
) -> str:
    """One result (written here for the reason facet_list is: a template per result cost about a
    millisecond each). The snippet is HTML already: the backend escapes the text and adds only <mark>
    tags (SearchBackend.search contract)."""
    title = escape(hit.title)
    headline = hit.title_html or title
    source = f'<span class="source">{escape(hit.source)}</span>' if hit.source else UNKNOWN_OUTLET
    if hit.published:
        day = f'<time datetime="{hit.published:%Y-%m-%d}">{_day(hit.published)}</time>'
    else:
        day = '<span class="tag tag-warn">date unknown</span>'
    if hit.story in shared_stories:
        day += f' · <a href="{view_path("archive:story", hit.story)}">other coverage</a>'
    if hit.id in (copies or {}):
        original, outlet = copies[hit.id]
        of = f"an article from {escape(outlet)}" if outlet else "another article"
        day += f' · <a href="{article_path(original)}">near-copy of {of}</a>'
    people = ""
    if hit.people:
        tags = "".join(f'<span class="tag">{escape(name)}</span>' for name in hit.people[:PEOPLE_SHOWN])
        more = len(hit.people) - PEOPLE_SHOWN
        tags += f'<span class="muted">+{more} more</span>' if more > 0 else ""
        people = f'\n  <p class="people-line"><span class="visually-hidden">People named: </span>{tags}</p>'
    pick = (
        f'    <label class="compare-pick"><input type="checkbox" name="a" value="{hit.id}"'
        f' form="compare-form"> Compare<span class="visually-hidden"> “{title}”</span></label>\n'
        if pickable
        else ""
    )
    return (
        f'<li class="result search-result">\n  <div class="result-head">\n'
        f'    <h3 dir="auto"><a href="{article_path(hit.id)}">{headline}</a></h3>\n{pick}  </div>\n'
        f'  <p class="meta">{source} · {day}</p>\n'
        f'  <p class="snippet" dir="auto">{hit.snippet}</p>{people}\n</li>'
    )


def _day(day: date) -> str:
    """The day as the date filter's "j F Y" writes it ("9 March 2014", the month in the active
    language), without the filter's formatter (a tenth of a result's time)."""
    return f"{day.day} {MONTHS[day.month]} {day.year:04d}"


@register.filter
def quoted(query: str) -> str:
    """The query as the page quotes it: in curly quotes, unless it is one quoted phrase already
    (`"Geneva 2"` read “"Geneva 2"”)."""
    text = query.strip()
    if len(text) > 1 and text[0] == text[-1] == '"' and '"' not in text[1:-1]:
        return text
    return f"“{query}”"

"""The values that cross the search backend interface (plain Python, no engine imports).

The interface itself, its flow and each engine step's contract, is archive/search/backends/base.py.
Results leave a backend as these dataclasses, never as engine objects, so every backend sits behind
the same views and passes the same behaviour suite (tests/test_search_backend.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from archive.compare.coverage import UNKNOWN_OUTLET
from archive.search.query import ParsedQuery

SORTS = ("relevance", "newest", "oldest")
FACETS = ("source", "year", "month", "person")
UNKNOWN_YEAR = "unknown"  # the year facet's bucket for undated articles
# The outlet facet's value for articles whose outlet is not known (a filter value no outlet name takes:
# names are stated words, never "~" and a word); its label is compare.coverage's UNKNOWN_OUTLET.
UNKNOWN_SOURCE = "~unknown"
# What a reader sees for a facet's bucket of articles without a value (facets, active filters, feeds).
BUCKET_LABELS = {("year", UNKNOWN_YEAR): "date unknown", ("source", UNKNOWN_SOURCE): UNKNOWN_OUTLET}


def bucket_label(facet: str, value: str) -> str:
    """How a facet value reads: its bucket's label for UNKNOWN_SOURCE and UNKNOWN_YEAR, else itself."""
    return BUCKET_LABELS.get((facet, value), value)


def name_order(name: str) -> tuple[str, str]:
    """Where a facet value stands among values of equal count: A-Z whatever the case ("daheim Solar"
    before "Vosges Matin"), then as written. Every backend orders its outlets so."""
    return name.casefold(), name


def unknown_bucket(facet: str, count: int) -> FacetCount:
    """The facet's bucket of `count` articles without a value (no outlet, no date), labelled."""
    value = {"source": UNKNOWN_SOURCE, "year": UNKNOWN_YEAR}[facet]
    return FacetCount(value, count, bucket_label(facet, value))


class SearchError(Exception):
    """Search could not run (e.g. the index is missing or unreadable)."""


class IndexBusyError(SearchError):
    """Another writer held the index lock for longer than the caller was willing to wait."""


@dataclass(frozen=True)
class SearchDocument:
    """What the index knows about one article, built by archive.search.documents.build_document."""

    id: int
    title: str
    subtitle: str = ""
    body: str = ""
    source: str = ""
    source_aliases: tuple[str, ...] = ()
    published: dt.date | None = None
    people: tuple[str, ...] = ()
    story: int | None = None
    url: str = ""
    digest: str = ""  # changes whenever any indexed value changes (check_index compares it)


@dataclass(frozen=True)
class Filters:
    """Facet filters. Values within sources/years/months are ORed; people are ANDed (articles
    naming all of them); every kind is ANDed with the others and with the query."""

    sources: tuple[str, ...] = ()  # outlet names, or UNKNOWN_SOURCE for articles with none
    people: tuple[str, ...] = ()
    years: tuple[str, ...] = ()  # "2014" or UNKNOWN_YEAR
    months: tuple[str, ...] = ()  # "2014-01"
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @property
    def year_numbers(self) -> list[int]:
        """The chosen years as numbers (ASCII digits only: "¹".isdigit() is true and int() fails)."""
        return [int(y) for y in self.years if y.isascii() and y.isdigit()]

    @property
    def month_numbers(self) -> list[int]:
        """The chosen months as yyyymm numbers, read as year_numbers are."""
        digits = (m.replace("-", "") for m in self.months)
        return [int(m) for m in digits if m.isascii() and m.isdigit()]

    @property
    def unknown_source(self) -> bool:
        """Whether articles with no outlet are among the chosen sources."""
        return UNKNOWN_SOURCE in self.sources

    @property
    def active(self) -> bool:
        return any((self.sources, self.people, self.years, self.months, self.date_from, self.date_to))


def merged_filters(filters: Filters, parsed: ParsedQuery) -> Filters:
    """The request's filters narrowed by the query's own from:/to: dates."""
    return Filters(
        filters.sources,
        filters.people,
        filters.years,
        filters.months,
        max(filter(None, (filters.date_from, parsed.date_from)), default=None),
        min(filter(None, (filters.date_to, parsed.date_to)), default=None),
    )


# People the facet lists unless a reader asks for more.
PEOPLE_FACET = 20


@dataclass(frozen=True)
class SearchRequest:
    query: ParsedQuery
    filters: Filters = field(default_factory=Filters)
    sort: str = "relevance"  # one of SORTS; an empty query sorts newest first whatever is asked
    page: int = 1  # 1-based; callers clamp it with SearchPage.pages
    per_page: int = 20
    facets: bool = True
    people_limit: int = PEOPLE_FACET  # top N people in the facet
    highlight: bool = True

    @property
    def order(self) -> str:
        """The order the page is in: `sort`, but newest first for an empty query (no words to rank by)."""
        return "newest" if self.sort == "relevance" and not self.query.text else self.sort


@dataclass(frozen=True)
class FacetCount:
    value: str  # what goes into the filter parameter
    count: int
    label: str = ""  # what a reader sees ("date unknown", "January 2014"); defaults to value

    @property
    def display(self) -> str:
        return self.label or self.value


@dataclass(frozen=True)
class Hit:
    id: int
    title: str
    source: str
    published: dt.date | None
    url: str
    people: tuple[str, ...]
    story: int | None
    snippet: str  # HTML: text escaped, matched words wrapped in <mark>
    score: float | None  # None when sorted by date
    title_html: str = ""  # HTML: the title escaped, matched words in <mark> ("": none matched)


@dataclass(frozen=True)
class SearchPage:
    total: int
    page: int
    per_page: int
    hits: tuple[Hit, ...]
    facets: Mapping[str, tuple[FacetCount, ...]]
    suggestion: str | None = None  # the corrected query text ("did you mean")
    notices: tuple[str, ...] = ()

    @property
    def start(self) -> int:
        """The 1-based rank of the first hit on this page."""
        return (self.page - 1) * self.per_page + 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


# A callable that returns article bodies by id, for highlighting when the body is not stored.
BodyLoader = Callable[[list[int]], Mapping[int, str]]

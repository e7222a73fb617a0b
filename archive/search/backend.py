"""The search backend interface and the values that cross it (plain Python, no engine imports).

Contracts are documented per method, like django-haystack's BaseSearchBackend. Results leave a
backend as these dataclasses, never as engine objects, so a second backend (e.g. PostgreSQL) can
sit behind the same views and pass the same behaviour suite (tests/test_search_backend.py).
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from archive.search.query import ParsedQuery

SORTS = ("relevance", "newest", "oldest")
FACETS = ("source", "year", "month", "person")
UNKNOWN_YEAR = "unknown"  # the year facet's bucket for undated articles


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

    sources: tuple[str, ...] = ()
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


@dataclass(frozen=True)
class SearchRequest:
    query: ParsedQuery
    filters: Filters = field(default_factory=Filters)
    sort: str = "relevance"  # one of SORTS; an empty query sorts newest first whatever is asked
    page: int = 1  # 1-based; callers clamp it with SearchPage.pages
    per_page: int = 20
    facets: bool = True
    people_limit: int = 20  # top N people in the facet
    highlight: bool = True


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


class SearchBackend(ABC):
    """One search engine. Built by archive.search.get_backend(alias) from settings.SEARCH_BACKENDS.

    Writers: every write method takes `timeout` (seconds to wait for the index's write lock) and
    raises IndexBusyError if it is not granted in time; it never raises the engine's own lock error.
    Readers never block writers and see a write on their next call after it commits.
    """

    # True when the index is the database itself (PostgreSQL's generated tsvector): a write is
    # searchable when its transaction commits, so nothing is journalled or sent to apply(), and
    # check_index asks check() instead of comparing digests.
    follows_database: bool = False

    def __init__(self, alias: str, options: Mapping[str, object], body_loader: BodyLoader | None = None):
        self.alias = alias
        self.options = options
        self.body_loader = body_loader

    @abstractmethod
    def apply(self, documents: Iterable[SearchDocument], removed: Iterable[int], *, timeout: float) -> int:
        """Add or replace `documents` (keyed on id) and remove the ids in `removed`, in ONE commit.
        Both iterables are consumed only after the write lock is granted, documents first (callers
        pass generators that read the database under the lock). Returns how many were written."""

    @abstractmethod
    def rebuild(
        self, documents: Iterable[SearchDocument], *, timeout: float, progress: Callable[[int], None] | None
    ) -> int:
        """Replace the whole index with `documents` (one commit at the end; searches go on against the
        old index meanwhile). `progress(n)` is called as documents are added. Returns the count."""

    @abstractmethod
    def clear(self, *, timeout: float) -> None:
        """Remove every document."""

    @abstractmethod
    def search(self, request: SearchRequest) -> SearchPage:
        """Run a query: the page of hits, the total, facet counts over ALL matches (not just the
        page), and a spelling suggestion when a positive word matches nothing. Undated articles match
        unless a date filter is given. Raises SearchError only when the index cannot be read."""

    @abstractmethod
    def matching_ids(self, query: ParsedQuery, filters: Filters, sort: str) -> Iterator[int]:
        """Every matching article id, in `sort` order, without a limit (for exports)."""

    @abstractmethod
    def digests(self) -> dict[int, str]:
        """{article id: digest} for every indexed document (check_index compares them with the DB)."""

    @abstractmethod
    def count(self) -> int:
        """How many documents the index holds."""

    def check(self) -> list[str]:
        """What is wrong with an index that follows the database (missing column, index, extension);
        empty when all is well. Backends with their own index are checked by digests instead."""
        return []

    def close(self) -> None:  # noqa: B027 (optional hook)
        """Release open files (tests and commands call it; the web process keeps it open)."""

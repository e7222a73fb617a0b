"""The base of every search backend: the flow of a search written once, and the engine steps it calls.

As Wagtail's wagtail/search/backends/base.py (BaseSearchBackend): an engine (whoosh/, postgres/)
subclasses BaseSearchBackend and supplies the steps marked abstract; what every engine shares runs
here, once: the request's Budget, the filters merged with the query's own from:/to: dates, when a
"did you mean" is worth looking up, the notices, and the page that leaves the backend. Keeping the
index in step with the database (the pending journal of archive/search/indexing.py, rebuild and
check) is a method too, so no caller asks which kind of engine it holds. Each method documents its
contract, like django-haystack's BaseSearchBackend; results leave as the dataclasses of
archive/search/backend.py, never as engine objects.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from archive.search import indexing
from archive.search.backend import (
    BodyLoader,
    FacetCount,
    Filters,
    Hit,
    SearchDocument,
    SearchPage,
    SearchRequest,
    merged_filters,
)
from archive.search.budget import Budget
from archive.search.documents import documents_for
from archive.search.query import ParsedQuery, parse_query, positive_atoms
from archive.search.variants import Held, spelled

# "Did you mean" is only worked out when a query finds fewer articles than this: a query that finds
# plenty is not a typo worth a lookup (and most requests then skip it altogether).
SUGGEST_BELOW = 5
STOPPED = (
    "The search stopped after {seconds:g} s without an answer: fewer phrases or more specific words "
    "will find the articles."
)

T = TypeVar("T")
# cached(name, compute, *key) -> compute(), or its value cached under name and key until the archive
# changes (settings.SEARCH_BACKENDS[alias]["CACHE"]; archive.figures.cached on the site).
Cached = Callable[..., Any]


def _uncached(name: str, compute: Callable[[], T], *key: object) -> T:
    return compute()


class DeadlineError(Exception):
    """An engine reached the request's deadline with no answer at all (the flow then answers with an
    empty page that says so). An engine that has part of an answer returns it and notes the budget."""


@dataclass(frozen=True)
class Found:
    """What an engine's find() step returns: the page's hits, the total and facet counts over every
    match, and whether the query had words to search (only then is a suggestion looked up)."""

    total: int
    hits: tuple[Hit, ...]
    facets: Mapping[str, tuple[FacetCount, ...]]
    words: bool


@dataclass(frozen=True)
class IndexCheck:
    """What check() found. `setup`: parts of the engine's set-up that are missing (then nothing else
    was compared). `out_of_step`: {what is wrong: article ids}, one entry per kind compared, empty
    lists included (an engine whose index is the database compares none). `in_step`: what to say when
    nothing is wrong."""

    articles: int
    in_step: str
    setup: tuple[str, ...] = ()
    out_of_step: Mapping[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def problems(self) -> set[int]:
        return {i for ids in dict(self.out_of_step).values() for i in ids}


class BaseSearchBackend(ABC):
    """One search engine. Built by archive.search.get_backend(alias) from settings.SEARCH_BACKENDS.

    Writers: every write method takes `timeout` (seconds to wait for the index's write lock) and
    raises IndexBusyError if it is not granted in time; it never raises the engine's own lock error.
    Readers never block writers and see a write on their next call after it commits.
    """

    def __init__(
        self,
        alias: str,
        options: Mapping[str, object],
        body_loader: BodyLoader | None = None,
        cached: Cached | None = None,
    ):
        self.alias = alias
        self.options = options
        self.body_loader = body_loader
        self.cached = cached or _uncached

    # ---- the flow, written once ------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchPage:
        """Run a query: the page of hits, the total, facet counts over ALL matches (not just the
        page), and a spelling suggestion when a positive word matches nothing. Undated articles match
        unless a date filter is given. Raises SearchError only when the index cannot be read."""
        budget = Budget()
        filters = merged_filters(request.filters, request.query)
        suggestion = None
        try:
            with self.reading(budget) as reader:
                widened = replace(request, query=self._spelled(reader, request.query))
                found = self.find(reader, widened, filters, budget)
                if found.words and found.total < SUGGEST_BELOW:
                    suggestion = self._suggestion(reader, request, found.total, budget)
        except DeadlineError:
            budget.note(STOPPED.format(seconds=budget.seconds))
            found = Found(0, (), {}, words=False)
        notices = (*request.query.notices, *budget.notices)
        return SearchPage(
            found.total, request.page, request.per_page, found.hits, found.facets, suggestion, notices
        )

    def _suggestion(self, reader: Any, request: SearchRequest, total: int, budget: Budget) -> str | None:
        """suggest()'s text when the search it suggests finds something, and no less than this one.
        Each word is corrected on its own, so two corrections can be words no article holds together
        ("BRICS Post" -> "Bring Port"): a suggestion leading nowhere is not offered. The check is a
        search within what is left of the request's time (its notices its own); a suggestion is
        offered unchecked when the check runs out of time, and when it names people (their names
        are read through the archive's aliases before a search, which the engine does not do)."""
        text = self.suggest(reader, request.query)
        if not text:
            return None
        query = parse_query(text)
        if any(atom.field == "person" for atom in positive_atoms(query.node)):
            return text
        check = replace(request, query=self._spelled(reader, query), page=1, per_page=1, facets=False)
        try:
            with self.attempt(reader):
                found = self.find(
                    reader, check, merged_filters(request.filters, query), Budget(budget.remaining())
                )
        except DeadlineError:
            return text
        return text if found.total and found.total >= total else None

    def attempt(self, reader: Any) -> AbstractContextManager[None]:
        """A step that may fail without failing the request (the suggestion's check): an engine whose
        reading a failed statement would spoil (a database transaction) keeps it apart, and raises
        DeadlineError for a step that ran out of time."""
        return nullcontext()

    def matching(self, query: ParsedQuery, filters: Filters, sort: str) -> tuple[list[int], tuple[str, ...]]:
        """Every matching article id in `sort` order, without a limit, and the notices a search page of
        them would give (caps reached): what an export needs, in one run of the query."""
        budget = Budget()
        with self.reading(None) as reader:
            spelled = self._spelled(reader, query)
            ids = self.all_ids(reader, spelled, merged_filters(filters, query), sort, budget)
        return ids, tuple(dict.fromkeys((*query.notices, *budget.notices)))

    def matching_ids(self, query: ParsedQuery, filters: Filters, sort: str) -> list[int]:
        """matching()'s ids alone (read in one go: no engine reader stays open while a caller uses them)."""
        return self.matching(query, filters, sort)[0]

    def _spelled(self, reader: Any, query: ParsedQuery) -> ParsedQuery:
        """The query with its words' other spellings and compound forms (archive/search/variants.py),
        the same on every engine; "did you mean" still reads the words as typed."""
        node = spelled(query.node, lambda words: self.known(reader, words))
        return query if node == query.node else replace(query, node=node)

    # ---- engine steps: reading --------------------------------------------------------------
    @abstractmethod
    def reading(self, budget: Budget | None) -> AbstractContextManager[Any]:
        """A context manager giving what one request reads through (a searcher, a cursor), passed to
        the steps below. Raises SearchError when the index cannot be read; with a budget, an engine
        that cannot stop itself in time may raise DeadlineError at the deadline."""

    @abstractmethod
    def find(self, reader: Any, request: SearchRequest, filters: Filters, budget: Budget) -> Found:
        """The page of `request`, its total and (when request.facets) its facet counts. `filters` are
        request.filters merged with the query's dates: they decide what matches; facets are counted
        as request.filters chose (a chosen facet value stays listed). Work capped by `budget` notes
        it there and answers with what it has."""

    @abstractmethod
    def suggest(self, reader: Any, parsed: ParsedQuery) -> str | None:
        """The query text with each positive word found nowhere replaced by the nearest known word
        (fewest edits, then most used), or None when there is nothing to correct."""

    @abstractmethod
    def known(self, reader: Any, words: set[str]) -> Held:
        """Those of `words` (lower-case, unstemmed) that the index holds as words of article text, with
        how many articles hold each, and how many articles the index holds (estimates where the engine
        keeps no exact count): a closed compound is tried as its two halves only when both are held,
        by few enough articles together (variants.Held.splits)."""

    @abstractmethod
    def all_ids(
        self, reader: Any, query: ParsedQuery, filters: Filters, sort: str, budget: Budget
    ) -> list[int]:
        """Every id matching `query` and the (merged) `filters`, in `sort` order, ranked as pages are;
        caps reached are noted in `budget` (whose deadline does not apply: nothing stops an export)."""

    # ---- engine steps: writing --------------------------------------------------------------
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
    def digests(self) -> dict[int, str]:
        """{article id: digest} for every indexed document (check() compares them with the DB)."""

    @abstractmethod
    def count(self) -> int:
        """How many documents the index holds."""

    def close(self) -> None:  # noqa: B027 (optional hook)
        """Release open files (tests and commands call it; the web process keeps it open)."""

    # ---- keeping the index in step with the database ------------------------------------------
    # An engine with its own index (Whoosh) is fed through the pending journal; an engine whose index
    # is the database (PostgreSQL) overrides these, as there is nothing to feed.
    def schedule(self, ids: set[int]) -> None:
        """Have the articles `ids` (saved or deleted) indexed once the current transaction commits,
        or at the end of a bulk_indexing block; never raises for an index problem."""
        indexing.journal_after_commit(self, ids)

    def catch_up(self, *, timeout: float) -> int:
        """Index what the pending journal still holds (a process died before indexing what it saved).
        Raises IndexBusyError if the lock is not granted within `timeout`. Returns how many."""
        return indexing.drain(self, timeout=timeout)

    def reindex(self, ids: Iterable[int], *, timeout: float) -> None:
        """Index (or drop, when gone from the database) the articles `ids` now, in one commit; they
        stay queued if the lock is not granted within `timeout` (IndexBusyError)."""
        indexing.journal_for(self.alias).add(ids)
        indexing.drain(self, timeout=timeout)

    def rebuild_from_database(self, *, timeout: float, progress: Callable[[int], None] | None = None) -> int:
        """rebuild() from every article of the database. Returns the count."""
        return self.rebuild(documents_for(), timeout=timeout, progress=progress)

    def check(self) -> IndexCheck:
        """Compare the index with the database article by article (by digest), and list what is
        still queued."""
        indexed = self.digests()
        missing, stale, seen = [], [], set()
        for doc in documents_for():
            seen.add(doc.id)
            if doc.id not in indexed:
                missing.append(doc.id)
            elif indexed[doc.id] != doc.digest:
                stale.append(doc.id)
        queued = set(indexing.journal_for(self.alias).read().values())
        return IndexCheck(
            articles=len(seen),
            in_step=f"The index is in step with the database ({len(seen)} articles).",
            out_of_step={
                "missing from the index": tuple(missing),
                "stale in the index": tuple(stale),
                "deleted but still in the index": tuple(sorted(set(indexed) - seen)),
                "queued for indexing": tuple(sorted(queued)),
            },
        )

"""The Whoosh (whoosh-reloaded 2.7.5) search backend: the engine steps of BaseSearchBackend (reading,
find, suggest, all_ids) and the index's lifecycle. The whoosh/ package is the only one importing whoosh.

Lifecycle as in django-haystack's WhooshSearchBackend: the folder comes from settings, the index is
opened lazily and created when missing (EmptyIndexError), documents are keyed on a unique id, one
commit per batch. The speed choices follow the measurements in WHOOSH.md:
- facets and filters come from per-segment value arrays (cached: segments never change), counted
  over the matched document numbers (archive/search/backends/whoosh/columns.py), never from `groupedby`;
- the page is fetched with its own limited search (trap 1), filters are docnum sets and an empty
  one short-circuits (trap 4);
- the body is indexed with character offsets (`chars=True`) but not stored (trap 7): the
  highlighter gets the text from the body loader and never re-analyses it;
- unfielded words search one catch-all field (body, title, subtitle, people) instead of an OR over
  four fields, and phrases find stop words through "common grams" (see CommonGramFilter): at 100k
  articles these were most of a query's time;
- the top page is scored without recording matched terms for every hit (that disabled Whoosh's
  block skipping); snippets look up the page's own postings instead (_snippet);
- prefixes expand over unstemmed words into an OR of stems, capped per request, and "did you mean"
  looks words up in SymSpell dictionaries built per segment (spelling.py), so no
  request walks the vocabulary; phrases stop at the request's deadline (archive/search/budget.py);
- a bulk build's postings go through Whoosh's sorted runs in chunks and take their field lengths
  from a table (whoosh_schema._ChunkedPostingPool, _LengthTable): 75 -> 110 articles per CPU-second on 2,000,
  128 -> 188 articles/s (79 -> 98 per CPU-second) for the 100k bench rebuild.
"""

from __future__ import annotations

import pickle
import threading
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import fields, index, writing
from whoosh.index import EmptyIndexError, LockError

from archive.search.backend import (
    Filters,
    Hit,
    IndexBusyError,
    SearchDocument,
    SearchError,
    SearchRequest,
)
from archive.search.backends.base import BaseSearchBackend, Found
from archive.search.backends.whoosh.collecting import EXACT_PHRASE_LOOKUPS, lookups, scored_pass
from archive.search.backends.whoosh.columns import Columns, count_facets, filter_mask, order_by_date, restrict
from archive.search.backends.whoosh.compile import Compiler, has_phrase, highlight_prefixes
from archive.search.backends.whoosh.hits import make_hits
from archive.search.backends.whoosh.postings import docnums, ranked_matches
from archive.search.backends.whoosh.schema import (
    ALL_FIELD,
    PLAIN_ANALYZER,
    build_schema,
    stem,
    to_fields,
)
from archive.search.backends.whoosh.segments import SegmentCache, read_again
from archive.search.backends.whoosh.spelling import SpellingIndex
from archive.search.budget import Budget
from archive.search.query import ParsedQuery, query_words, replace_words
from archive.search.variants import Held

# Memory per indexing process. 256 MB keeps a two-process rebuild of 100k articles well under 2 GB
# and its temporary runs on disk small (WHOOSH.md trap 5: 512 MB peaked at 6.9 GB of runs).
LIMIT_MB = 256


OLD_INDEX = "the search index was built by an older version of Parallax: run rebuild_index"


class OldIndexError(SearchError):
    """The index on disk was built with another schema (its analysers differ from the queries')."""


class WhooshBackend(BaseSearchBackend):
    def __init__(self, alias, options, body_loader=None, cached=None):
        super().__init__(alias, options, body_loader, cached)
        self.path = Path(str(options["PATH"]))
        self.schema = build_schema()
        self._ix: index.Index | None = None
        # A searcher per thread: Whoosh's readers keep file positions, and two threads of a threaded
        # worker reading one searcher got corrupt blocks (zlib and pickle errors). Each searcher
        # opens its own files; the value arrays they read are shared, per segment.
        self._local = threading.local()
        self._open: weakref.WeakSet = weakref.WeakSet()  # every thread's searcher, for close()
        self._generation = 0  # bumped by close(): threads then open a new searcher
        self._segments = SegmentCache()
        self._spelling = SpellingIndex(self.path.parent / f"{self.path.name}.spelling")
        self._read_lock = threading.RLock()  # opening and closing the index; building value arrays
        self._write_lock = threading.Lock()  # one writer per process; the index lock covers processes

    # ---- lifecycle -------------------------------------------------------------------------
    def _index(self) -> index.Index:
        if self._ix is None:
            try:
                self._ix = index.open_dir(str(self.path))
            except (AttributeError, ImportError, pickle.UnpicklingError) as e:
                # The index pickles its schema: one naming an analyser this version no longer has
                # cannot even be opened.
                raise OldIndexError(OLD_INDEX) from e
            except (EmptyIndexError, FileNotFoundError, OSError):
                self.path.mkdir(parents=True, exist_ok=True)
                try:
                    self._ix = index.open_dir(str(self.path))
                except EmptyIndexError:
                    self._ix = index.create_in(str(self.path), self.schema)
        return self._ix

    def _checked_index(self) -> index.Index:
        """The index, refusing one built with another schema (an older Parallax): its analysers differ
        from the ones queries are compiled with, so results would be silently wrong."""
        ix = self._index()
        if not _same_schema(read_again(lambda: ix.schema), self.schema):
            raise OldIndexError(OLD_INDEX)
        return ix

    def close(self) -> None:
        with self._read_lock:
            for searcher in list(self._open):
                searcher.close()
            self._open.clear()
            self._generation += 1
            if self._ix is not None:
                self._ix.close()
            self._ix = None

    def _current(self) -> tuple[object, Columns]:
        """This thread's up-to-date searcher and its value arrays (rebuilt only for new segments)."""
        local = self._local
        searcher = getattr(local, "searcher", None)
        if searcher is not None and getattr(local, "generation", None) != self._generation:
            searcher = None  # closed by close()
        if searcher is None or not searcher.up_to_date():
            # Not Searcher.refresh(): in whoosh-reloaded 2.7.5 it keeps the old segments next to
            # the new ones (index._reader merges `reuse.segments()` in), so merged or cleared
            # documents would come back. A fresh searcher costs little: value arrays are cached
            # per segment.
            with self._read_lock:
                fresh = read_again(lambda: self._checked_index().searcher())
                self._open.add(fresh)
                if searcher is not None:
                    self._open.discard(searcher)
                    searcher.close()
                local.searcher, local.generation, local.columns = fresh, self._generation, None
            searcher = fresh
        if local.columns is None:
            with self._read_lock:
                local.columns = (searcher, self._build_columns(searcher))
        return local.columns

    def _build_columns(self, searcher) -> Columns:
        cols, keys = self._segments.columns(searcher)
        self._spelling.forget_except(keys, on_disk=False)
        self._spelling.preload(keys)
        return cols

    # ---- writing ---------------------------------------------------------------------------
    def _writer(self, timeout: float, **kwargs):
        if not self._write_lock.acquire(timeout=max(timeout, 0.01)):
            raise IndexBusyError("another indexing job in this process is still running")
        try:
            # compound=False: whoosh-reloaded 2.7.5 opens a file inside a compound segment by copying
            # all of it into a BytesIO (filedb/compound.py + structfile.BufferFile), so every new
            # searcher copied the whole 1 GB index at 100k articles (0.6 s per save-then-search, GBs
            # of memory). Separate files are opened, not copied.
            return self._checked_index().writer(
                timeout=timeout, delay=0.05, limitmb=LIMIT_MB, compound=False, **kwargs
            )
        except LockError:
            self._write_lock.release()
            raise IndexBusyError(f"the search index stayed locked for {timeout:.0f} s") from None
        except BaseException:
            self._write_lock.release()
            raise

    def _commit(self, writer, **kwargs) -> None:
        try:
            writer.commit(**kwargs)
        except BaseException:
            writer.cancel()
            raise
        finally:
            self._write_lock.release()

    def apply(self, documents: Iterable[SearchDocument], removed: Iterable[int], *, timeout: float) -> int:
        # Both iterables are consumed only once the lock is held, so callers can pass generators that
        # read the database under it: two writers can then never commit older data over newer.
        writer = self._writer(timeout)
        count = 0
        try:
            for doc in documents:
                writer.update_document(**to_fields(doc))
                count += 1
            for article_id in removed:
                writer.delete_by_term("id", str(article_id))
        except BaseException:
            writer.cancel()
            self._write_lock.release()
            raise
        self._commit(writer)
        return count

    def rebuild(self, documents, *, timeout, progress=None) -> int:
        try:
            current = _same_schema(self._index().schema, self.schema)
        except OldIndexError:
            current = False
        if not current:
            # An index from an older schema cannot take the new documents: start it afresh (searches
            # see an empty index until the rebuild commits; only happens once, after an upgrade).
            self.close()
            index.create_in(str(self.path), self.schema)
        procs = int(self.options.get("PROCS", 1))
        multi = {"procs": procs, "multisegment": True} if procs > 1 else {}
        writer = self._writer(timeout, **multi)
        count = 0
        try:
            for doc in documents:
                writer.add_document(**to_fields(doc))
                count += 1
                if progress:
                    progress(1)
        except BaseException:
            writer.cancel()
            self._write_lock.release()
            raise
        # CLEAR drops the old segments at commit, so searches use the old index until then.
        self._commit(writer, mergetype=writing.CLEAR)
        # The spelling dictionaries are built with the index (a few seconds per 10,000 articles),
        # so no search waits for one; those of the replaced segments go.
        self._spelling.forget_except(set(self._spelling_keys(self._current()[0])), on_disk=True)
        return count

    def clear(self, *, timeout: float) -> None:
        self._commit(self._writer(timeout), mergetype=writing.CLEAR)

    # ---- reading ---------------------------------------------------------------------------
    def count(self) -> int:
        searcher, cols = self._current()
        return int(cols.live.sum())

    def digests(self) -> dict[int, str]:
        searcher, _ = self._current()
        return {int(f["id"]): f["meta"][5] for f in searcher.all_stored_fields()}

    def _matched(self, searcher, cols: Columns, q, filters: Filters, memo: dict):
        """(matched docnums, whether filters removed any), `filters` merged with the query's dates."""
        mask = filter_mask(cols, filters)
        found = None if q is None else docnums(searcher, q, memo)
        return restrict(cols, found, mask), mask is not None

    @contextmanager
    def reading(self, budget: Budget | None):
        """This thread's searcher and its value arrays (the budget is kept by find())."""
        try:
            current = self._current()
        except (OSError, EmptyIndexError) as e:
            raise SearchError(f"the search index cannot be read: {e}") from e
        yield current

    def find(self, reader, request: SearchRequest, filters: Filters, budget: Budget) -> Found:
        searcher, cols = reader
        compiler = Compiler(self.schema, searcher.reader(), budget)
        q = compiler.compile(request.query.node)
        start = (request.page - 1) * request.per_page
        scored = None
        memo: dict = {}  # term postings read for the match set, reused for ranking
        exact = q is not None and lookups(q) <= EXACT_PHRASE_LOOKUPS
        if exact and request.sort == "relevance" and has_phrase(q):
            # Verifying phrase positions is most of a phrase query's cost: one scored pass that also
            # records every match, instead of docs_for_query() and then a second, limited search.
            ranked = compiler.compile(request.query.node, rank=True)
            scored, recorded = scored_pass(searcher, cols, ranked, filters, start + request.per_page, budget)
            matched, filtered = restrict(cols, recorded, None), False
        else:
            matched, filtered = self._matched(searcher, cols, q, filters, memo)
        total = len(matched)
        page_hits: list[Hit] = []
        if start < total:
            if q is not None and request.sort == "relevance":
                if scored is None:
                    # Headline matches rank first through a title clause per word; a long query
                    # ranks by the text alone (the clauses doubled what a 32-word OR read).
                    ranked = compiler.compile(request.query.node, rank=exact)
                    limit = start + request.per_page
                    scored = ranked_matches(
                        searcher,
                        ranked,
                        matched,
                        limit,
                        memo,
                        self._segments.field_lengths,
                        phrases=not exact,
                    )
                if scored is None:
                    allowed = set(matched.tolist()) if filtered else None  # non-empty here (trap 4)
                    scored = searcher.search(ranked, limit=start + request.per_page, filter=allowed)
                hits = {hit.docnum: hit for hit in scored[start : start + request.per_page]}
                found = list(hits)
            else:
                ordered = order_by_date(cols, matched, newest=request.sort != "oldest")
                found = [int(d) for d in ordered[start : start + request.per_page]]
                hits = self._hits_for(searcher, q, found) if q is not None and request.highlight else {}
            terms = compiler.highlight_terms(request.query.node) if request.highlight else []
            heads = highlight_prefixes(request.query.node) if request.highlight else []
            page_hits = make_hits(searcher, found, hits, terms, self.body_loader, heads)
        facets = count_facets(cols, matched, request.filters, request.people_limit) if request.facets else {}
        return Found(total, tuple(page_hits), facets, words=q is not None)

    def _hits_for(self, searcher, q, page: list[int]) -> dict:
        results = searcher.search(q, limit=len(page), filter=set(page))
        return {hit.docnum: hit for hit in results}

    def all_ids(self, reader, query_: ParsedQuery, filters: Filters, sort: str, budget: Budget) -> list[int]:
        searcher, cols = reader
        compiler = Compiler(self.schema, searcher.reader(), budget)
        q = compiler.compile(query_.node)
        memo: dict = {}
        matched, _ = self._matched(searcher, cols, q, filters, memo)
        if q is None or sort != "relevance":
            return [int(cols.ids[d]) for d in order_by_date(cols, matched, newest=sort != "oldest")]
        if len(matched) == 0:
            return []
        # Ranked as the result pages are (title boost included).
        many = lookups(q) > EXACT_PHRASE_LOOKUPS
        ranked = compiler.compile(query_.node, rank=not many)
        results = ranked_matches(
            searcher, ranked, matched, len(matched), memo, self._segments.field_lengths, phrases=many
        )
        if results is None:
            results = searcher.search(ranked, limit=None, filter=set(matched.tolist()))
        return [int(cols.ids[hit.docnum]) for hit in results]

    def known(self, reader, words: set[str]) -> Held:
        """The words the catch-all holds in any form (its stemmed terms, which phrases match), with
        their document frequencies."""
        searcher, _ = reader
        counts = {w: n for w in words if (n := searcher.doc_frequency(ALL_FIELD, stem(w)))}
        return Held(counts, searcher.doc_count())

    # ---- spelling --------------------------------------------------------------------------
    def suggest(self, reader, parsed: ParsedQuery) -> str | None:
        """'Did you mean' from the segments' spelling dictionaries."""
        searcher, _ = reader
        replacements: dict[str, str] = {}
        for word in query_words(parsed.node):
            if word.prefix or word.field == "source":
                continue
            for token in PLAIN_ANALYZER(word.text):
                text = token.text
                known = searcher.doc_frequency("people_text", text) or searcher.doc_frequency(
                    ALL_FIELD, stem(text)
                )
                if not (known or len(text) < 3 or text.isdigit()):
                    found = self._spelling.suggest(self._spelling_keys(searcher), text)
                    if found:
                        replacements[text] = found
        return replace_words(parsed.text, replacements) if replacements else None

    def _spelling_keys(self, searcher) -> list[str]:
        """The segment ids of `searcher`, each with its spelling dictionary loaded (or built)."""
        keys = []
        words_field = self.schema[ALL_FIELD].spelling_fieldname(ALL_FIELD)
        for reader, _ in searcher.reader().leaf_readers():
            if reader.segment() is None:
                continue
            key = reader.segment().segment_id()
            self._spelling.dictionary(key, lambda r=reader: _word_counts(r, words_field))
            keys.append(key)
        return keys


def _word_counts(reader, fieldname: str) -> Iterator[tuple[str, int]]:
    """(word, how many documents of the segment hold it) of a segment's unstemmed words."""
    for btext, info in reader.iter_field(fieldname):
        yield btext.decode(), info.doc_frequency()


def _same_schema(a: fields.Schema, b: fields.Schema) -> bool:
    if a.names() != b.names():
        return False
    return all(
        type(a[n]) is type(b[n]) and getattr(a[n], "analyzer", None) == getattr(b[n], "analyzer", None)
        for n in a.names()
    )

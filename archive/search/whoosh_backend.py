"""The Whoosh (whoosh-reloaded 2.7.5) search backend. It and whoosh_schema.py (analysers, fields, writer
speed-ups) are the only modules that import whoosh.

Lifecycle as in django-haystack's WhooshSearchBackend: the folder comes from settings, the index is
opened lazily and created when missing (EmptyIndexError), documents are keyed on a unique id, one
commit per batch. The speed choices follow the measurements in WHOOSH.md:
- facets and filters come from per-segment value arrays (cached: segments never change), counted
  over the matched document numbers (archive/search/columns.py), never from `groupedby`;
- the page is fetched with its own limited search (trap 1), filters are docnum sets and an empty
  one short-circuits (trap 4);
- the body is indexed with character offsets (`chars=True`) but not stored (trap 7): the
  highlighter gets the text from the body loader and never re-analyses it;
- unfielded words search one catch-all field (body, title, subtitle, people) instead of an OR over
  four fields, and phrases find stop words through "common grams" (see CommonGramFilter): at 100k
  articles these were most of a query's time;
- the top page is scored without recording matched terms for every hit (that disabled Whoosh's
  block skipping); snippets look up the page's own postings instead (_snippet);
- a bulk build's postings go through Whoosh's sorted runs in chunks and take their field lengths
  from a table (whoosh_schema._ChunkedPostingPool, _LengthTable): 75 -> 110 articles per CPU-second on 2,000,
  128 -> 188 articles/s (79 -> 98 per CPU-second) for the 100k bench rebuild.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from whoosh import collectors, fields, highlight, index, matching, query, scoring, writing
from whoosh.analysis import Token
from whoosh.index import EmptyIndexError, LockError
from whoosh.lang.porter import stem as porter_stem

from archive.search import schema as spec
from archive.search.backend import (
    Filters,
    Hit,
    IndexBusyError,
    SearchBackend,
    SearchDocument,
    SearchError,
    SearchPage,
    SearchRequest,
)
from archive.search.columns import Columns, count_facets, filter_mask, order_by_date, restrict
from archive.search.query import Node, Not, Or, ParsedQuery, Phrase, Word, query_words, replace_words
from archive.search.whoosh_schema import (
    ALL_FIELD,
    GRAM_JOIN,
    PEOPLE_SEPARATOR,
    PLAIN_ANALYZER,
    build_schema,
    common_grams,
    to_fields,
)

# Memory per indexing process. 256 MB keeps a two-process rebuild of 100k articles well under 2 GB
# and its temporary runs on disk small (WHOOSH.md trap 5: 512 MB peaked at 6.9 GB of runs).
LIMIT_MB = 256
# Snippets: up to two fragments of about 200 characters around the matches.
SNIPPET_FRAGMENTS = 2
SNIPPET_CHARS = 200
SNIPPET_SURROUND = 70
# Without a match to show (empty query, title-only match) the snippet is the body's opening.
LEAD_CHARS = 240
# Prefix searches highlight at most this many of the words they expand to (snippets only).
HIGHLIGHT_PREFIX_TERMS = 64


class _SegmentCache:
    """Per-segment value arrays, keyed on the segment id (segments are immutable)."""

    def __init__(self) -> None:
        self.sources: dict[str, int] = {"": 0}
        self.people: dict[str, int] = {}
        self.segments: dict[str, tuple[np.ndarray, ...]] = {}
        self.lengths: dict[tuple[str, str], np.ndarray] = {}

    def field_lengths(self, reader, fieldname: str) -> np.ndarray:
        """Each document's length of `fieldname` as BM25 reads it (read once per segment)."""
        key = (reader.segment().segment_id(), fieldname)
        if key not in self.lengths:
            n = reader.doc_count_all()
            self.lengths[key] = np.fromiter(
                (reader.doc_field_length(d, fieldname, 0) or 0 for d in range(n)), dtype=np.float64, count=n
            )
        return self.lengths[key]

    def arrays(self, reader) -> tuple[np.ndarray, ...]:
        key = reader.segment().segment_id()
        if key not in self.segments:
            self.segments[key] = self._read(reader)
        return self.segments[key]

    def _read(self, reader) -> tuple[np.ndarray, ...]:
        n = reader.doc_count_all()
        ids = np.fromiter(reader.column_reader("aid", translate=False), dtype=np.int64, count=n)
        dates = np.fromiter(reader.column_reader("published", translate=False), dtype=np.int32, count=n)
        src = np.fromiter(
            (
                self.sources.setdefault(v.decode(), len(self.sources))
                for v in reader.column_reader("source", translate=False)
            ),
            dtype=np.int32,
            count=n,
        )
        owners: list[int] = []
        codes: list[int] = []
        for docnum, value in enumerate(reader.column_reader("people", translate=False)):
            for name in value.split(PEOPLE_SEPARATOR) if value else ():
                owners.append(docnum)
                codes.append(self.people.setdefault(name.decode(), len(self.people)))
        return ids, dates, src, np.array(owners, dtype=np.int64), np.array(codes, dtype=np.int32)

    def forget_except(self, keys: set[str]) -> None:
        for key in set(self.segments) - keys:
            del self.segments[key]
        for key in [k for k in self.lengths if k[0] not in keys]:
            del self.lengths[key]


class WhooshBackend(SearchBackend):
    def __init__(self, alias, options, body_loader=None):
        super().__init__(alias, options, body_loader)
        self.path = Path(str(options["PATH"]))
        self.schema = build_schema()
        self._ix: index.Index | None = None
        self._searcher = None
        self._columns: tuple[object, Columns] | None = None
        self._segments = _SegmentCache()
        self._read_lock = threading.RLock()
        self._write_lock = threading.Lock()  # one writer per process; the index lock covers processes

    # ---- lifecycle -------------------------------------------------------------------------
    def _index(self) -> index.Index:
        if self._ix is None:
            try:
                self._ix = index.open_dir(str(self.path))
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
        if not _same_schema(ix.schema, self.schema):
            raise SearchError("the search index was built by an older version of Parallax: run rebuild_index")
        return ix

    def close(self) -> None:
        with self._read_lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = self._columns = None
            if self._ix is not None:
                self._ix.close()
            self._ix = None

    def _current(self) -> tuple[object, Columns]:
        """An up-to-date searcher and its value arrays (rebuilt only for new segments)."""
        with self._read_lock:
            if self._searcher is None:
                self._searcher = self._checked_index().searcher()
            elif not self._searcher.up_to_date():
                # Not Searcher.refresh(): in whoosh-reloaded 2.7.5 it keeps the old segments next to
                # the new ones (index._reader merges `reuse.segments()` in), so merged or cleared
                # documents would come back. A fresh searcher costs little: value arrays are cached
                # per segment.
                old, self._searcher = self._searcher, self._index().searcher()
                old.close()
            if self._columns is None or self._columns[0] is not self._searcher:
                self._columns = (self._searcher, self._build_columns(self._searcher))
            return self._columns

    def _build_columns(self, searcher) -> Columns:
        parts, lives, offsets, keys = [], [], [], set()
        for reader, offset in searcher.reader().leaf_readers():
            if reader.segment() is None:  # an empty index's reader has no segment
                continue
            keys.add(reader.segment().segment_id())
            parts.append(self._segments.arrays(reader))
            n = reader.doc_count_all()
            live = np.ones(n, dtype=bool)
            if reader.has_deletions():
                live[np.fromiter(reader.deleted_docs_set, dtype=np.int64)] = False
            lives.append(live)
            offsets.append(offset)
        self._segments.forget_except(keys)

        def cat(i: int, dtype) -> np.ndarray:
            return np.concatenate([p[i] for p in parts]) if parts else np.zeros(0, dtype=dtype)

        owners = [p[3] + off for p, off in zip(parts, offsets, strict=True)]
        return Columns(
            ids=cat(0, np.int64),
            live=np.concatenate(lives) if lives else np.zeros(0, dtype=bool),
            date=cat(1, np.int32),
            source=cat(2, np.int32),
            people_owner=np.concatenate(owners) if owners else np.zeros(0, dtype=np.int64),
            people_idx=cat(4, np.int32),
            sources=tuple(self._segments.sources),
            people=tuple(self._segments.people),
        )

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
        if not _same_schema(self._index().schema, self.schema):
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

    def _matched(self, searcher, cols: Columns, q, parsed: ParsedQuery, filters: Filters, memo: dict):
        """(matched docnums, whether filters removed any)."""
        mask = filter_mask(cols, _merged_filters(filters, parsed))
        docnums = None if q is None else _docnums(searcher, q, memo)
        return restrict(cols, docnums, mask), mask is not None

    def search(self, request: SearchRequest) -> SearchPage:
        try:
            searcher, cols = self._current()
        except (OSError, EmptyIndexError) as e:
            raise SearchError(f"the search index cannot be read: {e}") from e
        q = self._compile(request.query.node)
        start = (request.page - 1) * request.per_page
        scored = None
        memo: dict = {}  # term postings read for the match set, reused for ranking
        if q is not None and request.sort == "relevance" and _has_phrase(q):
            # Verifying phrase positions is most of a phrase query's cost: one scored pass that also
            # records every match, instead of docs_for_query() and then a second, limited search.
            ranked = self._compile(request.query.node, rank=True)
            scored, recorded = self._scored_pass(searcher, cols, ranked, request, start + request.per_page)
            matched, filtered = restrict(cols, recorded, None), False
        else:
            matched, filtered = self._matched(searcher, cols, q, request.query, request.filters, memo)
        total = len(matched)
        page_hits: list[Hit] = []
        if start < total:
            if q is not None and request.sort == "relevance":
                if scored is None:
                    ranked = self._compile(request.query.node, rank=True)
                    scored = self._ranked(searcher, ranked, matched, start + request.per_page, memo)
                if scored is None:
                    allowed = set(matched.tolist()) if filtered else None  # non-empty here (trap 4)
                    scored = searcher.search(ranked, limit=start + request.per_page, filter=allowed)
                hits = {hit.docnum: hit for hit in scored[start : start + request.per_page]}
                docnums = list(hits)
            else:
                ordered = order_by_date(cols, matched, newest=request.sort != "oldest")
                docnums = [int(d) for d in ordered[start : start + request.per_page]]
                hits = self._hits_for(searcher, q, docnums) if q is not None and request.highlight else {}
            words = self._highlight_words(searcher, request.query.node) if request.highlight else []
            page_hits = self._make_hits(searcher, docnums, hits, words)
        facets = count_facets(cols, matched, request.filters, request.people_limit) if request.facets else {}
        suggestion = self._suggest(searcher, request.query) if q is not None else None
        return SearchPage(
            total, request.page, request.per_page, tuple(page_hits), facets, suggestion, request.query.notices
        )

    def _scored_pass(self, searcher, cols: Columns, q, request: SearchRequest, limit: int):
        """(top `limit` results with matched terms, every matching docnum that passes the filters)."""
        parsed = request.query
        mask = filter_mask(cols, _merged_filters(request.filters, parsed))
        top = _RecordingCollector(limit=limit, usequality=False)
        wrapped = top
        if mask is not None:
            allowed = set(np.flatnonzero(mask).tolist())
            if not allowed:  # trap 4: an empty allow set means "no filter" to Whoosh
                return [], np.zeros(0, dtype=np.int64)
            wrapped = collectors.FilterCollector(wrapped, allow=allowed)
        searcher.search_with_collector(q, wrapped)
        return wrapped.results(), np.array(top.recorded, dtype=np.int64)

    def _ranked(self, searcher, q, matched: np.ndarray, limit: int, memo: dict) -> list[_Scored] | None:
        """The top `limit` of `matched` by BM25F, computed over arrays, for a query of words joined
        by AND/OR/NOT (None for anything else: Whoosh scores it). Whoosh's collector scores every
        match in Python: 0.1 s for a person or a common word at 100k articles. Same formula and
        statistics as whoosh.scoring.BM25F; ties go to the lower document number, as in Whoosh."""
        terms = _scored_terms(q)
        weighting = searcher.weighting
        if terms is None or not isinstance(weighting, scoring.BM25F) or len(matched) == 0:
            return None
        scores = np.zeros(searcher.doc_count_all(), dtype=np.float64)
        k1 = weighting.K1
        for fieldname, text in terms:
            ids, weights = _postings(searcher, fieldname, text, memo)
            if not len(ids):
                continue
            b = weighting._field_B.get(fieldname, weighting.B)
            avgfl = searcher.avg_field_length(fieldname) or 1
            lengths = self._field_lengths(searcher, fieldname)[ids]
            idf = searcher.idf(fieldname, text)
            scores[ids] += idf * (weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / avgfl))
        got = scores[matched]
        order = np.lexsort((matched, -got))[:limit]
        return [_Scored(int(matched[i]), float(got[i])) for i in order]

    def _field_lengths(self, searcher, fieldname: str) -> np.ndarray:
        parts = [
            self._segments.field_lengths(reader, fieldname)
            for reader, _ in searcher.reader().leaf_readers()
            if reader.segment() is not None
        ]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.float64)

    def _hits_for(self, searcher, q, docnums: list[int]) -> dict:
        results = searcher.search(q, limit=len(docnums), filter=set(docnums))
        return {hit.docnum: hit for hit in results}

    def _highlight_words(self, searcher, node: Node | None) -> list[str]:
        """The catch-all terms a snippet marks: those of the query's positive unfielded words and
        phrases (a phrase's common grams mark just its real occurrences)."""
        words: list[str] = []
        for atom in _positive_atoms(node):
            if atom.field is not None:
                continue
            q = self._field_query(ALL_FIELD, atom)
            if isinstance(q, query.Prefix):
                found = q._btexts(searcher.reader())
                words += [b.decode() for _, b in zip(range(HIGHLIGHT_PREFIX_TERMS), found, strict=False)]
            elif isinstance(q, query.Phrase):
                words += q.words
            elif isinstance(q, query.Term):
                words.append(q.text)
        return list(dict.fromkeys(words))

    @staticmethod
    def _offsets(searcher, docnums: list[int], words: list[str]) -> dict[int, list]:
        """{docnum: [(startchar, endchar, word), ...]} where the index holds `words` in those documents:
        one postings reader per word, stepped forward through the page's documents in order."""
        reader = searcher.reader()
        found: dict[int, list] = {d: [] for d in docnums}
        for word in words:
            if (ALL_FIELD, word) not in reader:
                continue
            m = reader.postings(ALL_FIELD, word)
            for docnum in sorted(docnums):
                if not m.is_active():
                    break
                m.skip_to(docnum)
                if m.is_active() and m.id() == docnum:
                    found[docnum] += [(start, end, word) for _, start, end in m.value_as("characters")]
        return found

    @staticmethod
    def _snippet(body: str, offsets: list) -> str:
        """Up to SNIPPET_FRAGMENTS marked passages of `body` around the matched words' offsets
        (offsets past the body belong to the title and the other sections of the text)."""
        tokens = [
            Token(text=w, startchar=start, endchar=end) for start, end, w in offsets if end <= len(body)
        ]
        if not tokens:
            return ""
        tokens.sort(key=lambda t: (t.startchar, -t.endchar))
        # A phrase's grams overlap ("bank of", "of england"): mark their union as one passage (the
        # formatter would skip a token that starts inside the previous one).
        merged: list[Token] = []
        for token in tokens:
            if merged and token.startchar < merged[-1].endchar:
                merged[-1].endchar = max(merged[-1].endchar, token.endchar)
            else:
                merged.append(token)
        tokens = merged
        fragmenter = highlight.PinpointFragmenter(
            maxchars=SNIPPET_CHARS, surround=SNIPPET_SURROUND, autotrim=True
        )
        fragments = highlight.top_fragments(
            fragmenter.fragment_matches(body, tokens),
            SNIPPET_FRAGMENTS,
            highlight.BasicFragmentScorer(),
            highlight.FIRST,
        )
        return highlight.HtmlFormatter(tagname="mark", between=" … ").format(fragments)

    def _make_hits(self, searcher, docnums: list[int], hits: dict, words: list[str]) -> list[Hit]:
        stored = {d: searcher.stored_fields(d) for d in docnums}
        offsets = self._offsets(searcher, docnums, words) if words else {}
        ids = [int(f["id"]) for f in stored.values()]
        bodies = self.body_loader(ids) if self.body_loader else {}
        out = []
        for d in docnums:
            f = stored[d]
            source, published, url, people, story, _ = f["meta"]
            body = bodies.get(int(f["id"]), "")
            hit = hits.get(d)
            snippet = self._snippet(body, offsets[d]) if words and body else ""
            out.append(
                Hit(
                    id=int(f["id"]),
                    title=f.get("title", ""),
                    source=source,
                    published=dt.date.fromisoformat(published) if published else None,
                    url=url,
                    people=tuple(people),
                    story=story,
                    snippet=snippet or _lead(body),
                    score=float(hit.score) if hit is not None and hit.score is not None else None,
                )
            )
        return out

    def matching_ids(self, query_: ParsedQuery, filters: Filters, sort: str) -> Iterator[int]:
        searcher, cols = self._current()
        q = self._compile(query_.node)
        memo: dict = {}
        matched, _ = self._matched(searcher, cols, q, query_, filters, memo)
        if q is None or sort != "relevance":
            yield from (int(cols.ids[d]) for d in order_by_date(cols, matched, newest=sort != "oldest"))
            return
        if len(matched) == 0:
            return
        # Ranked as the result pages are (title boost included).
        ranked = self._compile(query_.node, rank=True)
        results = self._ranked(searcher, ranked, matched, len(matched), memo)
        if results is None:
            results = searcher.search(ranked, limit=None, filter=set(matched.tolist()))
        yield from (int(cols.ids[hit.docnum]) for hit in results)

    # ---- query compilation -----------------------------------------------------------------
    def _compile(self, node: Node | None, rank: bool = False):
        """Our AST -> a Whoosh query. None means "every document". `rank` adds the RANK_FIELDS
        clauses: the same matches, scored with the title boost (for ordering a page only)."""
        if node is None:
            return None
        compiled = self._compile_node(node, rank)
        if isinstance(compiled, _Negated):
            return query.And([query.Every(), query.Not(compiled.q)])
        return compiled

    def _compile_node(self, node: Node, rank: bool):
        if isinstance(node, Word | Phrase):
            names = spec.QUERY_FIELDS[node.field] + (spec.RANK_FIELDS.get(node.field, ()) if rank else ())
            parts = [self._field_query(f, node) for f in names]
            parts = [p for p in parts if p is not None]
            if not parts:
                return query.NullQuery
            return parts[0] if len(parts) == 1 else query.Or(parts)
        if isinstance(node, Not):
            inner = self._compile_node(node.child, False)
            return _Negated(inner.q if isinstance(inner, _Negated) else inner)
        children = [self._compile_node(c, rank) for c in node.children]
        if isinstance(node, Or):
            return query.Or([query.Not(c.q) if isinstance(c, _Negated) else c for c in children])
        positives = [c for c in children if not isinstance(c, _Negated)]
        negatives = [c.q for c in children if isinstance(c, _Negated)]
        if not positives:
            return _Negated(query.Or(negatives))
        if not negatives:
            return query.And(positives)
        return query.AndNot(query.And(positives), query.Or(negatives))

    def _field_query(self, fieldname: str, node: Word | Phrase):
        analyzer = self.schema[fieldname].analyzer
        if isinstance(node, Word) and node.prefix:
            # The shorter of word and stem: "ceasefire*" must reach the indexed stem "ceasefir".
            forms = [[t.text for t in a(node.text, mode="query")] for a in (analyzer, PLAIN_ANALYZER)]
            last = [f[-1] for f in forms if f]
            return _WordPrefix(fieldname, min(last, key=len)) if last else None
        words = [t.text for t in analyzer(node.text, mode="query")]
        if not words:
            return None
        if fieldname == ALL_FIELD:
            words = common_grams(words)
        return query.Term(fieldname, words[0]) if len(words) == 1 else query.Phrase(fieldname, words)

    def _suggest(self, searcher, parsed: ParsedQuery) -> str | None:
        """'Did you mean': each positive word found nowhere is replaced by its closest indexed word,
        looked up among people's names, then title words, then body stems."""
        replacements: dict[str, str] = {}
        for word in query_words(parsed.node):
            if word.prefix or word.field == "source":
                continue
            for token in PLAIN_ANALYZER(word.text):
                text = token.text
                stem = porter_stem(text)
                known = (
                    searcher.doc_frequency("people_text", text)
                    or searcher.doc_frequency(ALL_FIELD, stem)
                    or searcher.doc_frequency("title", stem)
                )
                if not (known or len(text) < 3 or text.isdigit()):
                    found = self._closest(searcher, text, stem)
                    if found and found != text:
                        replacements[text] = found
        return replace_words(parsed.text, replacements) if replacements else None

    @staticmethod
    def _closest(searcher, text: str, stem: str) -> str | None:
        for fieldname in ("people_text", "title"):  # unstemmed words (title has a spelling field)
            found = searcher.corrector(fieldname).suggest(text, limit=1, maxdist=2)
            if found:
                return found[0]
        found = [
            w for w in searcher.corrector(ALL_FIELD).suggest(stem, limit=5, maxdist=2) if GRAM_JOIN not in w
        ]
        if not found:
            return None
        # The text holds stems ("ceasefir"): put back the ending the reader typed when it fits.
        ending = text[len(stem) :] if text.startswith(stem) else ""
        return found[0] + ending if porter_stem(found[0] + ending) == found[0] else found[0]


def _docnums(searcher, q, memo: dict) -> np.ndarray:
    """The sorted docnums matching `q` (deleted ones included: restrict() drops them). Words and
    their AND/OR/NOT are combined as arrays, each word's postings read a block at a time:
    docs_for_query() steps through every match in Python (a third of a common word's time at
    100k articles). Anything else (phrases, prefixes) goes through docs_for_query()."""
    if isinstance(q, query.Term):
        return _postings(searcher, q.fieldname, q.text, memo)[0]
    if isinstance(q, query.And):
        arrays = sorted((_docnums(searcher, c, memo) for c in q.subqueries), key=len)
        out = arrays[0]
        for other in arrays[1:]:
            out = np.intersect1d(out, other, assume_unique=True)
        return out
    if isinstance(q, query.Or):
        return np.unique(np.concatenate([_docnums(searcher, c, memo) for c in q.subqueries]))
    if isinstance(q, query.AndNot):
        return np.setdiff1d(_docnums(searcher, q.a, memo), _docnums(searcher, q.b, memo), assume_unique=True)
    if isinstance(q, query.Every):
        return np.arange(searcher.doc_count_all(), dtype=np.int64)
    if isinstance(q, query.Not):
        return np.setdiff1d(
            np.arange(searcher.doc_count_all()), _docnums(searcher, q.query, memo), assume_unique=True
        )
    return np.fromiter(searcher.docs_for_query(q), dtype=np.int64)


def _leaf_postings(m) -> tuple[np.ndarray, np.ndarray]:
    """(docnums, weights) of one segment's postings matcher, a block at a time
    (whoosh-reloaded 2.7.5's block reader; a term in one document, or another matcher, is read one
    posting at a time)."""
    if isinstance(m, matching.FilterMatcher):  # a segment with deletions: restrict() drops them
        m = m.child
    ids: list = []
    found: list = []
    if all(hasattr(m, a) for a in ("_read_ids", "_read_weights", "_next_block", "_ids", "_weights", "_i")):
        while m.is_active():
            if m._ids is None:
                m._read_ids()
            ids.append(np.asarray(m._ids[m._i :], dtype=np.int64))
            if m._weights is None:
                m._read_weights()
            found.append(np.asarray(m._weights[m._i :], dtype=np.float64))
            m._next_block()
    else:
        while m.is_active():
            ids.append(np.array([m.id()], dtype=np.int64))
            found.append(np.array([m.weight()], dtype=np.float64))
            m.next()
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    return np.concatenate(ids), np.concatenate(found)


def _postings(searcher, fieldname: str, text: str, memo: dict) -> tuple[np.ndarray, np.ndarray]:
    """(docnums, weights) of one term over every segment, remembered in `memo` for one request
    (reading a common word's blocks is most of what is left of a query's time)."""
    if (fieldname, text) not in memo:
        memo[fieldname, text] = _read_postings(searcher, fieldname, text)
    return memo[fieldname, text]


def _read_postings(searcher, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    ids, weights = [], []
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if (fieldname, text) in reader:
            found, w = _leaf_postings(reader.postings(fieldname, text))
            ids.append(found + offset)
            weights.append(w)
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    return np.concatenate(ids), np.concatenate(weights)


def _scored_terms(q) -> list[tuple[str, str]] | None:
    """The (field, word) pairs whose BM25F scores add up to a match's score in Whoosh, when `q` is
    made only of words joined by AND, OR and AND NOT (the excluded part scores nothing)."""
    if isinstance(q, query.Term):
        return [(q.fieldname, q.text)] if q.boost == 1.0 else None
    if isinstance(q, query.And | query.Or) and type(q) in (query.And, query.Or):
        found = [_scored_terms(c) for c in q.subqueries]
        return None if any(f is None for f in found) else [t for f in found for t in f]
    if isinstance(q, query.AndNot):
        return _scored_terms(q.a)
    return None


@dataclass(frozen=True)
class _Scored:
    """One ranked match, as the page code reads a Whoosh hit."""

    docnum: int
    score: float


def _merged_filters(filters: Filters, parsed: ParsedQuery) -> Filters:
    """The request's filters narrowed by the query's own from:/to: dates."""
    return Filters(
        filters.sources,
        filters.people,
        filters.years,
        filters.months,
        max(filter(None, (filters.date_from, parsed.date_from)), default=None),
        min(filter(None, (filters.date_to, parsed.date_to)), default=None),
    )


def _has_phrase(q) -> bool:
    return any(isinstance(leaf, query.Phrase) for leaf in q.leaves())


def _positive_atoms(node: Node | None) -> Iterator[Word | Phrase]:
    """The words and phrases of a query that are not excluded."""
    if node is None or isinstance(node, Not):
        return
    if isinstance(node, Word | Phrase):
        yield node
        return
    for child in node.children:
        yield from _positive_atoms(child)


class _WordPrefix(query.Prefix):
    """A prefix over words only: the catch-all's grams start with their first word (so match no
    other document) but would multiply the terms a prefix expands to."""

    def _btexts(self, ixreader):
        return (t for t in super()._btexts(ixreader) if GRAM_JOIN.encode() not in t)


class _RecordingCollector(collectors.TopCollector):
    """A top-N collector that also records every document it is shown (block-quality skipping off,
    so it is shown them all)."""

    def prepare(self, top_searcher, q, context) -> None:
        super().prepare(top_searcher, q, context)
        self.recorded: list[int] = []

    def collect(self, sub_docnum):
        self.recorded.append(self.offset + sub_docnum)
        return super().collect(sub_docnum)


def _same_schema(a: fields.Schema, b: fields.Schema) -> bool:
    if a.names() != b.names():
        return False
    return all(
        type(a[n]) is type(b[n]) and getattr(a[n], "analyzer", None) == getattr(b[n], "analyzer", None)
        for n in a.names()
    )


class _Negated:
    """A compiled clause to exclude (Whoosh wants exclusions as AndNot on a positive query)."""

    def __init__(self, q) -> None:
        self.q = q


def _lead(body: str) -> str:
    from html import escape

    text = " ".join(body.split())
    if len(text) > LEAD_CHARS:
        text = text[:LEAD_CHARS].rsplit(" ", 1)[0] + " …"
    return escape(text, quote=False)

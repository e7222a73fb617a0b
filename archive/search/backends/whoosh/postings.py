"""Reading postings as numpy arrays (whoosh-reloaded 2.7.5 block internals): the matched document
numbers of word queries and their per-term weights for BM25F ranking over arrays.

Split from backend.py. Words and their AND/OR/NOT are combined as arrays, each word's postings
read a block at a time: docs_for_query() steps through every match in Python (a third of a common
word's time at 100k articles).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from whoosh import matching, query, scoring

EMPTY_IDS = np.zeros(0, dtype=np.int64)
# A word with this many times more documents than an AND has left is skipped through, not read
# (a skip costs about as much as decoding this many postings: measured at 100,000 articles, where
# 16 made a 12-word stop-word phrase skip 7,000 times, 0.9 s, and 512 took it to 0.16 s).
SKIP_RATIO = 512
# Decoded postings of words in at least CACHE_MIN_POSTINGS documents of a segment are kept, up to
# POSTINGS_CACHE_MB per process: at 100,000 articles a word in every article takes 1.6 MB, so 128 MB
# holds the ~80 commonest (what 32-word ORs of common words read again and again).
CACHE_MIN_POSTINGS = 1000
POSTINGS_CACHE_MB = 128
# An OR's parts holding more docnums than 1/UNION_MARK_RATIO of the index are joined by marking an
# array as long as the index (its cost), not by sorting them.
UNION_MARK_RATIO = 8


def docnums(searcher, q, memo: dict) -> np.ndarray:
    """The sorted docnums matching `q` (deleted ones included: restrict() drops them). Words (and the
    words a prefix expanded to) with their AND/OR/NOT are combined as arrays; anything else
    (phrases) goes through docs_for_query()."""
    if q is query.NullQuery:
        return EMPTY_IDS
    if isinstance(q, query.Term):
        return postings(searcher, q.fieldname, q.text, memo)[0]
    if isinstance(q, query.And):
        # Rarest word first; a much commoner word then only checks the documents left (skipping
        # through its postings) instead of reading all of them.
        parts = sorted(q.subqueries, key=lambda c: _size(searcher, c))
        out = docnums(searcher, parts[0], memo)
        for part in parts[1:]:
            if not len(out):
                break
            if isinstance(part, query.Term) and _skippable(searcher, part.fieldname, part.text, out, memo):
                out = _kept(searcher.reader().postings(part.fieldname, part.text), out)[0]
            else:
                out = _intersect(out, docnums(searcher, part, memo))
        return out
    if isinstance(q, query.Or):
        if not q.subqueries:
            return EMPTY_IDS
        return _union([docnums(searcher, c, memo) for c in q.subqueries], searcher.doc_count_all())
    if isinstance(q, query.AndNot):
        kept = docnums(searcher, q.a, memo)
        return kept[~_holds(docnums(searcher, q.b, memo), kept)]
    if isinstance(q, query.Every):
        return np.arange(searcher.doc_count_all(), dtype=np.int64)
    if isinstance(q, query.Not):
        return np.setdiff1d(
            np.arange(searcher.doc_count_all()), docnums(searcher, q.query, memo), assume_unique=True
        )
    if isinstance(q, query.Phrase):
        return _phrase_docnums(searcher, q, memo)
    return np.fromiter(searcher.docs_for_query(q), dtype=np.int64)


def _holds(sorted_ids: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Which of `ids` are in the sorted array `sorted_ids` (a binary search each, no sorting)."""
    if not len(sorted_ids):
        return np.zeros(len(ids), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_ids, ids), len(sorted_ids) - 1)
    return sorted_ids[at] == ids


def _intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The sorted docnums in both sorted arrays: the shorter one's looked up in the longer (numpy's
    intersect1d sorts both together: 0.25 s for 55 ANDs with common words at 100,000 articles)."""
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return small[_holds(big, small)]


def _union(parts: list[np.ndarray], n_docs: int) -> np.ndarray:
    """The sorted union of docnum arrays: sorting their concatenation, or, when they hold more
    than a few docnums per document of the index, marking them in one array (32 common words at
    100,000 articles are three million docnums: sorting them took 0.2 s, marking them 10 ms)."""
    if len(parts) == 1:
        return parts[0]
    if sum(len(p) for p in parts) * UNION_MARK_RATIO < n_docs:
        return np.unique(np.concatenate(parts))
    marked = np.zeros(n_docs, dtype=bool)
    for part in parts:
        marked[part] = True
    return np.flatnonzero(marked).astype(np.int64, copy=False)


def _phrase_docnums(searcher, q: query.Phrase, memo: dict) -> np.ndarray:
    """The documents holding phrase `q`: those with all its words (arrays), then the words'
    positions read in just those documents, word by word, keeping the documents where they follow
    each other. Whoosh's phrase matcher walks every document of its words in Python, and already
    does so when it is built (5 s for a 12-word stop-word phrase at 10,000 articles, loaded)."""
    found = docnums(searcher, query.And([query.Term(q.fieldname, w) for w in q.words]), memo)
    reader = searcher.reader()
    starts: dict[int, set[int]] | None = None  # document -> where the phrase may start in it
    for k, word in enumerate(q.words):
        if not len(found):
            return EMPTY_IDS
        matcher = reader.postings(q.fieldname, word)
        kept: dict[int, set[int]] = {}
        for docnum in _visit(matcher, found.tolist()):
            here = {p - k for p in matcher.value_as("positions")}
            here = here if starts is None else here & starts[docnum]
            if here:
                kept[docnum] = here
        starts = kept
        found = np.array(sorted(kept), dtype=np.int64)
    return found


def weights_of(searcher, fieldname: str, text: str, wanted: np.ndarray, memo: dict):
    """(docnums, weights) of a term in the `wanted` documents only: skipped to when they are few
    beside the term's documents, else read in full (and remembered)."""
    if _skippable(searcher, fieldname, text, wanted, memo):
        return _kept(searcher.reader().postings(fieldname, text), wanted)
    return postings(searcher, fieldname, text, memo)


def _skippable(searcher, fieldname: str, text: str, wanted: np.ndarray, memo: dict) -> bool:
    """Whether a term is cheaper to skip through to `wanted` than to read (not read already, and not
    among the decoded postings kept per process: at 100,000 articles a skip costs ~150 us in Python,
    so skipping 2,000 times through common words took 0.3 s that their kept arrays answer at once)."""
    if (fieldname, text) in memo or _all_decoded(searcher, fieldname, text):
        return False
    return len(wanted) * SKIP_RATIO < searcher.doc_frequency(fieldname, text)


def _all_decoded(searcher, fieldname: str, text: str) -> bool:
    """Whether every segment holding the term has its postings among the kept decoded ones."""
    keys = [
        (reader.segment().segment_id(), fieldname, text)
        for reader, _ in searcher.reader().leaf_readers()
        if reader.segment() is not None and (fieldname, text) in reader
    ]
    return bool(keys) and all(_DECODED.has(key) for key in keys)


def _kept(matcher, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(docnums, weights) of the sorted `wanted` documents that `matcher` matches, skipping to each."""
    kept, weights = [], []
    for docnum in _visit(matcher, wanted.tolist()):
        kept.append(docnum)
        weights.append(matcher.weight())
    return np.array(kept, dtype=np.int64), np.array(weights, dtype=np.float64)


def _visit(matcher, wanted: list[int]) -> Iterator[int]:
    """The sorted `wanted` documents that `matcher` holds, skipping to each; the matcher is on the
    document while it is yielded."""
    for docnum in wanted:
        if not matcher.is_active():
            return
        if matcher.id() < docnum:
            matcher.skip_to(docnum)
        if matcher.is_active() and matcher.id() == docnum:
            yield docnum


def _size(searcher, q) -> int:
    """A cheap upper bound of how many documents `q` matches (for ordering an AND)."""
    if isinstance(q, query.Term):
        return searcher.doc_frequency(q.fieldname, q.text)
    if isinstance(q, query.Phrase):
        return min((searcher.doc_frequency(q.fieldname, w) for w in q.words), default=0)
    return searcher.doc_count_all()


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


def postings(searcher, fieldname: str, text: str, memo: dict) -> tuple[np.ndarray, np.ndarray]:
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
            segment = reader.segment()
            key = (segment.segment_id() if segment is not None else None, fieldname, text)
            found, w = _DECODED.get(key) or _leaf_postings(reader.postings(fieldname, text))
            if key[0] is not None and len(found) >= CACHE_MIN_POSTINGS:
                _DECODED.put(key, (found, w))
            ids.append(found + offset)
            weights.append(w)
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    return np.concatenate(ids), np.concatenate(weights)


class _DecodedPostings:
    """The decoded postings of common words, per segment (segments never change; deleted documents
    are dropped later by restrict()), least recently used first out past `max_bytes`. The head of
    a news vocabulary recurs in most queries, and decoding its blocks was most of a 32-word OR."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()  # shared by the threads of a threaded worker

    def get(self, key: tuple) -> tuple[np.ndarray, np.ndarray] | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def has(self, key: tuple) -> bool:
        return key in self._items

    def put(self, key: tuple, value: tuple[np.ndarray, np.ndarray]) -> None:
        with self._lock:
            if key in self._items:
                return
            self._items[key] = value
            self._bytes += value[0].nbytes + value[1].nbytes
            while self._bytes > self.max_bytes and self._items:
                _, (ids, weights) = self._items.popitem(last=False)
                self._bytes -= ids.nbytes + weights.nbytes


_DECODED = _DecodedPostings(POSTINGS_CACHE_MB * 2**20)


def scored_terms(q, phrases: bool = False) -> list[tuple[str, str]] | None:
    """The (field, word) pairs whose BM25F scores add up to a match's score in Whoosh, when `q` is
    made only of words joined by AND, OR and AND NOT (the excluded part scores nothing). With
    `phrases`, a phrase scores as its words (close to Whoosh's own phrase score, not equal)."""
    if q is query.NullQuery:
        return []
    if phrases and isinstance(q, query.Phrase):
        return [(q.fieldname, w) for w in q.words]
    if isinstance(q, query.Term):
        return [(q.fieldname, q.text)] if q.boost == 1.0 else None
    if isinstance(q, query.And | query.Or) and type(q) in (query.And, query.Or):
        found = [scored_terms(c, phrases) for c in q.subqueries]
        return None if any(f is None for f in found) else [t for f in found for t in f]
    if isinstance(q, query.AndNot):
        return scored_terms(q.a, phrases)
    return None


@dataclass(frozen=True)
class Scored:
    """One ranked match, as the page code reads a Whoosh hit."""

    docnum: int
    score: float


def ranked_matches(
    searcher, q, matched: np.ndarray, limit: int, memo: dict, lengths: Callable, phrases: bool = False
) -> list[Scored] | None:
    """The top `limit` of `matched` by BM25F, computed over arrays, for a query of words joined
    by AND/OR/NOT (None for anything else: Whoosh scores it). Whoosh's collector scores every
    match in Python: 0.1 s for a person or a common word at 100k articles. Same formula and
    statistics as whoosh.scoring.BM25F; ties go to the lower document number, as in Whoosh.
    `lengths(searcher, fieldname)` gives each document's field length by docnum."""
    terms = scored_terms(q, phrases)
    weighting = searcher.weighting
    if terms is None or not isinstance(weighting, scoring.BM25F) or len(matched) == 0:
        return None
    scores = np.zeros(searcher.doc_count_all(), dtype=np.float64)
    matched_sorted = np.sort(matched)
    k1 = weighting.K1
    for fieldname, text in terms:
        ids, weights = weights_of(searcher, fieldname, text, matched_sorted, memo)
        if not len(ids):
            continue
        b = weighting._field_B.get(fieldname, weighting.B)
        avgfl = searcher.avg_field_length(fieldname) or 1
        field_lengths = lengths(searcher, fieldname)[ids]
        idf = searcher.idf(fieldname, text)
        scores[ids] += idf * (weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * field_lengths / avgfl))
    got = scores[matched]
    if 0 < limit < len(got):
        # Only the matches scoring at least the limit-th best (ties included) are sorted.
        kth = np.partition(got, len(got) - limit)[len(got) - limit]
        keep = np.flatnonzero(got >= kth)
        matched, got = matched[keep], got[keep]
    order = np.lexsort((matched, -got))[:limit]
    return [Scored(int(matched[i]), float(got[i])) for i in order]

"""Per-segment value arrays of a Whoosh index (article ids, dates, outlets, people, field lengths),
read once per segment (segments never change) and joined into the Columns of one searcher.

Split from backend.py. WHOOSH.md trap 3: rebuilding these on every reopen cost ~1 s at 100k.
"""

from __future__ import annotations

import time

import numpy as np

from archive.search.backends.whoosh.columns import Columns
from archive.search.backends.whoosh.schema import PEOPLE_SEPARATOR

# A commit in another process deletes the table of contents and segments it replaced: a reader that
# found the old generation gets FileNotFoundError opening it (Whoosh does not retry, so a search or a
# writer's schema check failed while a worker committed). Reading again finds the new generation.
READ_ATTEMPTS = 5


def read_again(read):
    """read(), again after a moment while the files it opens are gone (see READ_ATTEMPTS)."""
    for attempt in range(READ_ATTEMPTS):
        try:
            return read()
        except FileNotFoundError:
            if attempt == READ_ATTEMPTS - 1:
                raise
            time.sleep(0.01 * (attempt + 1))


class SegmentCache:
    """Per-segment value arrays, keyed on the segment id (segments are immutable)."""

    def __init__(self) -> None:
        self.sources: dict[str, int] = {"": 0}
        self.people: dict[str, int] = {}
        self.segments: dict[str, tuple[np.ndarray, ...]] = {}
        self.lengths: dict[tuple[str, str], np.ndarray] = {}

    def field_lengths(self, searcher, fieldname: str) -> np.ndarray:
        """Each document's length of `fieldname` as BM25 reads it, by docnum over all segments."""
        parts = [
            self._segment_lengths(reader, fieldname)
            for reader, _ in searcher.reader().leaf_readers()
            if reader.segment() is not None
        ]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.float64)

    def _segment_lengths(self, reader, fieldname: str) -> np.ndarray:
        """One segment's field lengths (read once: segments never change)."""
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

    def columns(self, searcher) -> tuple[Columns, set[str]]:
        """The value arrays of every live document of `searcher`, and its segment ids (the arrays of
        other segments are dropped)."""
        parts, lives, offsets, keys = [], [], [], set()
        for reader, offset in searcher.reader().leaf_readers():
            if reader.segment() is None:  # an empty index's reader has no segment
                continue
            keys.add(reader.segment().segment_id())
            parts.append(self.arrays(reader))
            n = reader.doc_count_all()
            live = np.ones(n, dtype=bool)
            if reader.has_deletions():
                live[np.fromiter(reader.deleted_docs_set, dtype=np.int64)] = False
            lives.append(live)
            offsets.append(offset)
        self.forget_except(keys)

        def cat(i: int, dtype) -> np.ndarray:
            return np.concatenate([p[i] for p in parts]) if parts else np.zeros(0, dtype=dtype)

        owners = [p[3] + off for p, off in zip(parts, offsets, strict=True)]
        cols = Columns(
            ids=cat(0, np.int64),
            live=np.concatenate(lives) if lives else np.zeros(0, dtype=bool),
            date=cat(1, np.int32),
            source=cat(2, np.int32),
            people_owner=np.concatenate(owners) if owners else np.zeros(0, dtype=np.int64),
            people_idx=cat(4, np.int32),
            sources=tuple(self.sources),
            people=tuple(self.people),
        )
        return cols, keys

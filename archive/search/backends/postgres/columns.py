"""Facet counts of the PostgreSQL backend from each article's facet values held by the process, as
the Whoosh backend holds its columns (split from backend.py). Same semantics as whoosh/columns.py:
counts over every match, undated articles and articles with no outlet in buckets of their own.

Why: counting a common word's 17,660 matches in SQL kept them (5 ms), grouped them by outlet (2)
and year (1), and unnested and hashed their 73,318 people ids (12.5): 20 of its 55 ms at 100,000
articles. Here the search reads only its matches' ids, with the sum and the exclusive or of their
row versions, in one statement, and NumPy counts them in about a millisecond.

Why the counts are still the database's: each search row carries a version (migration 0024: a new
number from one sequence at every write of the row, never given twice). A match whose version the
process does not hold (a new article, or one written since: the versions it holds do not add up to
the matches' sums, and each match's version is read to find it) is read again in the search's own
transaction before anything is counted, so the counts are those of the search's snapshot, whatever
other processes or machines wrote. The first search of a process reads every row (0.16-0.29 s at
100,000 articles); after that only what changed. The rows of deleted articles stay until the
process ends (they never match again). About 64 bytes an article and 8 a mention (9.7 MB at
100,000, measured).

Outlets and people are named by the database in a statement of their own, so a renamed outlet or
person, or one marked not a person, shows at once.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from archive.search.backends.postgres.compile import SEARCH_TABLE

# The day number of an undated article: before every date, so newest-first puts it last (dates
# are held within DAYS of 1970, about 23,000 years: a date past that sorts as its bound).
DAYS = 1 << 23
NO_DAY = -DAYS
# The year of an undated article: below any year the search table's smallint holds.
NO_YEAR = -(1 << 15) - 1
# More rows than this to read again: read every row instead (one scan beats a long list of ids).
RELOAD_ABOVE = 5_000
# Ids are found through an array as long as the highest id (8 bytes each); an id past this many more
# than the rows held is found through a dict instead (ids need not be dense).
SLOT_SLACK = 10_000_000
_NUMBER = np.dtype(">i8")  # int8send(): eight bytes, big-endian
_ITEM = np.dtype([("length", ">i4"), ("value", ">i8")])  # an item of array_send(bigint[])
# array_send()'s header for a one-dimensional array: dimensions, flags, type, length, lower bound.
_ARRAY_HEADER = 20

# Every held value of the search rows, each column packed as eight-byte numbers (int8send), the people
# as array_send's items past its header; all aggregates read the rows in one order.
_ROWS = (
    "SELECT string_agg(int8send(d.id), ''), string_agg(int8send(d.row_version), ''), "
    "string_agg(int8send(coalesce(d.source_id, -1)), ''), "
    f"string_agg(int8send(coalesce(d.year, {NO_YEAR})::bigint), ''), "
    f"string_agg(int8send(coalesce(d.published_date - DATE '1970-01-01', {NO_DAY})::bigint), ''), "
    "string_agg(int8send(cardinality(array_remove(d.people, NULL))::bigint), ''), "
    f"string_agg(substring(array_send(array_remove(d.people, NULL)) FROM {_ARRAY_HEADER + 1}), '') "
    f"FROM {SEARCH_TABLE} d"
)
# A list of numbers sent as one text (as_text), read back as an array of `kind`.
NUMBERS = "string_to_array(%s, ',')::{kind}[]"
# Outlets and people named, from (id, count) lists sent as text; people of one name summed, the
# first `limit` by count, then by name in code point order (as Whoosh and read_facets order them).
_NAMES = (
    f"SELECT 'source', s.name, c.n FROM unnest({NUMBERS.format(kind='bigint')}, "
    f"{NUMBERS.format(kind='int')}) AS c(id, n) JOIN archive_source s ON s.id = c.id "
    f"UNION ALL (SELECT 'person', p.name, sum(c.n)::int FROM unnest({NUMBERS.format(kind='bigint')}, "
    f"{NUMBERS.format(kind='int')}) AS c(id, n) JOIN archive_person p ON p.id = c.id "
    'WHERE NOT p.not_a_person GROUP BY p.name ORDER BY 3 DESC, p.name COLLATE "C" LIMIT %s)'
)


# What FacetColumns holds for each row, in the order of _ROWS's columns (the people apart).
_HELD_COLUMNS = ("ids", "versions", "source", "year", "day", "start", "length")


def checksum_of(versions: np.ndarray) -> tuple[int, int]:
    """Row versions summed modulo 2**64, and their exclusive or: what the matches' statement sums
    (sum() and bit_xor()) to tell whether the process holds each match as it stands. Versions only
    grow, so rows written since raise the sum; other versions with the same sum and the same
    exclusive or would need a held row newer than the search's snapshot beside one older, making
    up the difference exactly in both."""
    return int(versions.view(np.uint64).sum()), int(np.bitwise_xor.reduce(versions))


def numbers(packed: bytes | memoryview | None) -> np.ndarray:
    """int8send() values packed end to end, as an array."""
    return np.frombuffer(packed or b"", _NUMBER).astype(np.int64)


@contextmanager
def _no_timeout(cursor):
    """No statement_timeout for the statements inside (the request's budget is the transaction's
    setting): reading every row is done once a process, and cut short it would be tried again by every
    search, none finishing, on an archive large enough."""
    cursor.execute("SELECT current_setting('statement_timeout')")
    (before,) = cursor.fetchone()
    cursor.execute("SELECT set_config('statement_timeout', '0', true)")
    try:
        yield
    finally:
        cursor.execute("SELECT set_config('statement_timeout', %s, true)", [before])


def as_text(values) -> str:
    """Numbers as one text for NUMBERS: a list of a thousand numbers was a millisecond to write as SQL
    (each one its own literal), one text a fraction of that."""
    return ",".join(map(str, values.tolist() if isinstance(values, np.ndarray) else values))


class FacetColumns:
    """The facet values of one database's search rows, a row each in the order read: its id, row
    version, outlet (-1: none), year (NO_YEAR: undated), day number (NO_DAY: undated) and its slice of
    `people`; `slot` maps an id to its row (-1: not held), 8 bytes for each id up to the highest,
    and `far` the ids past the slots' reach (SLOT_SLACK)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        empty = np.empty(0, np.int64)
        self.ids = self.versions = self.source = self.year = self.day = empty
        self.start = self.length = self.people = self.slot = empty
        self.far: dict[int, int] = {}

    # ---- keeping in step ------------------------------------------------------------------
    def rows_of(self, ids: np.ndarray) -> np.ndarray:
        """The row of each id, -1 where it is not held."""
        inside = ids < len(self.slot)
        rows = np.where(inside, self.slot[np.where(inside, ids, 0)], -1) if len(self.slot) else ids * 0 - 1
        if self.far and not inside.all():
            rows[~inside] = [self.far.get(i, -1) for i in ids[~inside].tolist()]
        return rows

    def checked(self, cursor, ids: np.ndarray, checksum: tuple[int, int], versions_of) -> np.ndarray:
        """The rows of `ids`, whose row versions add up to `checksum` (as checksum_of sums them): the
        ids not held are read first; if the held versions still do not add up, a held row was
        written since it was read, and `versions_of()` gives each match's id and version (a statement
        of its own) for refresh() to read the rows that moved."""
        rows = self.refresh(cursor, ids)
        if len(rows) == len(ids) and checksum_of(self.versions[rows]) == checksum:
            return rows
        return self.refresh(cursor, *versions_of())

    def refresh(self, cursor, ids: np.ndarray, versions: np.ndarray | None = None) -> np.ndarray:
        """The rows of `ids`, after reading again each row not held or (with `versions`) whose version
        is not the one held. The reading is a statement of its own, so under READ COMMITTED it may
        see a later write than the matches did: a row written since is counted as it now stands, a
        row deleted since is not."""
        rows = self.rows_of(ids)
        stale = rows < 0
        if versions is not None:
            stale[~stale] = self.versions[rows[~stale]] != versions[~stale]
        count = int(stale.sum())
        if not count:
            return rows
        if count > RELOAD_ABOVE or not len(self.ids):
            with _no_timeout(cursor):  # once a process (about 0.2 s at 100,000): see the docstring
                cursor.execute(_ROWS)
                read = self._take(*cursor.fetchone())
        else:
            cursor.execute(
                f"{_ROWS} WHERE d.id = ANY({NUMBERS.format(kind='bigint')})", [as_text(ids[stale])]
            )
            read = self._take(*cursor.fetchone())
        rows = self.rows_of(ids)
        return rows[(rows >= 0) & (~stale | np.isin(ids, read))]

    def _take(self, ids, versions, source, year, day, lengths, people) -> np.ndarray:
        """Hold the rows _ROWS read (its columns, packed); returns their ids."""
        ids, versions, source, year, day, lengths = map(numbers, (ids, versions, source, year, day, lengths))
        items = np.frombuffer(people or b"", _ITEM)  # NULLs removed by _ROWS: eight bytes each
        starts = len(self.people) + np.cumsum(lengths) - lengths
        self.people = np.concatenate((self.people, items["value"].astype(np.int64)))
        reach = len(self.ids) + len(ids) + SLOT_SLACK
        reachable = ids[ids < reach]
        if len(reachable) and reachable.max() >= len(self.slot):
            grown = np.full(int(reachable.max()) + 1, -1, np.int64)
            grown[: len(self.slot)] = self.slot
            self.slot = grown
        rows = self.rows_of(ids)
        new = rows < 0
        placed = len(self.ids) + np.cumsum(new) - 1  # the row each new id takes
        near = new & (ids < len(self.slot))
        self.slot[ids[near]] = placed[near]
        self.far.update(zip(ids[new & ~near].tolist(), placed[new & ~near].tolist(), strict=True))
        read = (ids, versions, source, year, day, starts, lengths)
        for name, values in zip(_HELD_COLUMNS, read, strict=True):
            column = getattr(self, name)
            column[rows[~new]] = values[~new]
            setattr(self, name, np.concatenate((column, values[new])))
        if len(self.people) > 2 * int(self.length.sum()) + 4096:
            people = self.gather(np.arange(len(self.ids)))
            self.people, self.start = people, np.cumsum(self.length) - self.length
        return ids

    def gather(self, rows: np.ndarray) -> np.ndarray:
        """The person ids of the rows at `rows`, one after another."""
        lengths = self.length[rows]
        offsets = np.cumsum(lengths) - lengths
        return self.people[np.repeat(self.start[rows] - offsets, lengths) + np.arange(int(lengths.sum()))]

    # ---- counting ----------------------------------------------------------------------------
    def counts(self, rows: np.ndarray, years: list[int]) -> tuple[list[tuple], list[np.ndarray]]:
        """For the matches at `rows`: rows of (facet, value, count) as facets.read_facets reads them,
        but for the outlets and people, which come as ids and counts for named() to name."""
        found: list[tuple] = [("total", None, len(rows))]
        sources, source_counts = _counted(self.source[rows] + 1)
        sources -= 1
        if len(sources) and sources[0] == -1:  # no outlet: "Unknown outlet", so counts sum to the total
            found.append(("source", None, int(source_counts[0])))
            sources, source_counts = sources[1:], source_counts[1:]
        matched_years = self.year[rows]
        for year, count in zip(*_counted(matched_years - NO_YEAR), strict=True):
            value = None if year == 0 else str(year + NO_YEAR).rjust(4, "0")
            found.append(("year", value, int(count)))
        if len(years) == 1:
            days = self.day[rows][matched_years == years[0]]
            months = days.astype("datetime64[D]").astype("datetime64[M]")
            for month, count in zip(*np.unique(months, return_counts=True), strict=True):
                found.append(("month", str(month), int(count)))
        return found, [sources, source_counts, *_counted(self.gather(rows))]


def named(cursor, counted: list[np.ndarray], people_limit: int) -> list[tuple]:
    """The (facet, value, count) rows of the outlets and people FacetColumns.counts counted by id."""
    cursor.execute(_NAMES, [*map(as_text, counted), people_limit])
    return cursor.fetchall()


def _counted(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct values, how many of each) of non-negative numbers, by value: counted into an array as
    long as the largest (a fraction of a sort's time) unless that is far longer than the values."""
    if not len(values):
        return values, values
    if values.max() > 16 * len(values) + 1_000_000:
        return np.unique(values, return_counts=True)
    counts = np.bincount(values)
    distinct = np.flatnonzero(counts)
    return distinct, counts[distinct]


@dataclass(frozen=True)
class Matched:
    """A search's matches as counted: their ids and day numbers, to order them without reading them
    again (ranking.ordered), and the ids of those holding the query in their title (None: not read)."""

    ids: np.ndarray
    days: np.ndarray
    titled: np.ndarray | None = None

    def first(self, sort: str, start: int = 0, limit: int | None = None, excluding=()) -> list[int]:
        """The ids from `start` (at most `limit`) in `sort` order, "newest" or "oldest" (as
        ranking.DATE_ORDER: undated last; on one day the higher id first when newest, the lower when
        oldest), leaving out `excluding`."""
        keep = ~np.isin(self.ids, np.fromiter(excluding, np.int64)) if excluding else slice(None)
        ids, days = self.ids[keep], self.days[keep]
        if sort == "oldest":
            days = np.where(days == NO_DAY, DAYS, np.clip(days, -DAYS, DAYS - 1))  # undated last
        else:  # newest: both descending, as the negated numbers
            ids, days = -ids, -np.clip(days, -DAYS, DAYS)
        end = len(ids) if limit is None else min(len(ids), start + limit)
        if end <= start:
            return []
        if len(ids) and np.abs(ids).max() >= 1 << 39:  # too large for one number of day and id
            chosen = np.lexsort((ids, days))[:end]
        else:
            key = days * (1 << 39) + ids
            chosen = np.argpartition(key, end - 1)[:end] if end < len(key) else np.arange(len(key))
            chosen = chosen[np.argsort(key[chosen], kind="stable")]
        return np.abs(ids[chosen[start:end]]).tolist()

    def tiers(self, limit: int) -> tuple[list[int], list[int]]:
        """The relevance candidates (ranking.py): the `limit` newest matches holding the query in their
        title, and the `limit` newest of the others."""
        titled = np.zeros(len(self.ids), bool) if self.titled is None else self.titled
        headlines = Matched(self.ids[titled], self.days[titled]).first("newest", 0, limit)
        return headlines, Matched(self.ids[~titled], self.days[~titled]).first("newest", 0, limit)


def count_matches(
    cursor, matching: str, params: list, years: list[int], people_limit: int, titles=None
) -> tuple[list[tuple], Matched]:
    """(facet rows, matches) of `matching` (`<table> a WHERE ...` and `params`): rows of (facet,
    value, count) for facets.read_facets, the month facet when `years` is one year; with `titles`
    (SQL of the ids of the articles holding the query in their title, and its params) the matches
    know which of them those are."""
    title_ids = f", (SELECT string_agg(int8send(t.id), '') FROM {titles[0]} t)" if titles else ""
    cursor.execute(
        f"SELECT {_GENERATION}, string_agg(a.id::text, ','), sum(a.row_version), bit_xor(a.row_version)"
        f"{title_ids} FROM {matching}",
        [*(titles[1] if titles else ()), *params],
    )
    generation, ids, total, exclusive, *title_rows = cursor.fetchone()

    def versions_of() -> tuple[np.ndarray, np.ndarray]:
        cursor.execute(
            f"SELECT string_agg(int8send(a.id), ''), string_agg(int8send(a.row_version), '') FROM {matching}",
            params,
        )
        return tuple(map(numbers, cursor.fetchone()))

    store = held(cursor, generation)
    with store.lock:  # not held while the outlets and people are named: other threads may count
        checksum = (int(total or 0) % 2**64, int(exclusive or 0))
        rows = store.checked(cursor, np.fromstring(ids or "", np.int64, sep=","), checksum, versions_of)
        found, by_id = store.counts(rows, years)
        matched_ids, days = store.ids[rows], store.day[rows]
    titled = np.isin(matched_ids, numbers(title_rows[0])) if titles else None
    return found + named(cursor, by_id, people_limit), Matched(matched_ids, days, titled)


_HELD: dict[tuple, FacetColumns] = {}
_HELD_LOCK = threading.Lock()
# What a row's version is a version of: the database, the search table's file and the sequence. A row
# version could be given again only by winding the sequence back, which comes with a new database
# (a restore), a new file (TRUNCATE, then a data-only restore; VACUUM FULL) or a new sequence (0024
# migrated back and forth): each starts the held values afresh. A restore into a table emptied with
# DELETE keeps all three: restart the web processes after it (README, "PostgreSQL").
_GENERATION = (
    "(SELECT oid FROM pg_database WHERE datname = current_database())::text || ' ' || "
    f"pg_relation_filenode('{SEARCH_TABLE}')::text || ' ' || 'archive_searchdoc_version'::regclass::oid::text"
)


def server_of(cursor) -> tuple:
    """The database `cursor` reads: what a process holds of it is held under this."""
    settings = cursor.db.settings_dict
    return settings["HOST"], settings["PORT"], settings["NAME"]


def held(cursor, generation: str) -> FacetColumns:
    """The facet columns this process holds for the database `cursor` reads, in this `generation`
    (_GENERATION); those of an earlier generation are let go."""
    server = server_of(cursor)
    with _HELD_LOCK:
        for key in [k for k in _HELD if k[0] == server and k[1] != generation]:
            del _HELD[key]
        return _HELD.setdefault((server, generation), FacetColumns())

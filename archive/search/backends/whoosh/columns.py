"""Facet counting and filtering over per-document value arrays (numpy; no engine imports).

A backend builds one Columns value per open index view (from per-segment arrays it caches, since
segments never change) and asks it for filter masks, facet counts over the matched documents and
date-sorted pages. This is the "fast path" of WHOOSH.md: counting arrays indexed by document number
instead of the engine's grouping collectors.
"""

from __future__ import annotations

import calendar
import heapq
from dataclasses import dataclass

import numpy as np

from archive.search.backend import UNKNOWN_YEAR, FacetCount, Filters, name_order, unknown_bucket

NO_DATE = 0  # the date column's value for an undated article


@dataclass(frozen=True)
class Columns:
    """Values by document number. `source` and `people_idx` hold codes into the vocabularies;
    people is a multi-valued column stored as (owner docnum, code) pairs."""

    ids: np.ndarray  # article id
    live: np.ndarray  # bool: not deleted
    source: np.ndarray  # int32 code, 0 = none
    date: np.ndarray  # int32 yyyymmdd, 0 = undated
    people_owner: np.ndarray  # int64 docnum per (document, person) pair
    people_idx: np.ndarray  # int32 person code per pair
    sources: tuple[str, ...]  # code -> name (index 0 is "")
    people: tuple[str, ...]  # code -> name

    @property
    def size(self) -> int:
        return len(self.ids)


def filter_mask(cols: Columns, filters: Filters) -> np.ndarray | None:
    """A bool mask of documents passing the filters, or None when nothing is filtered."""
    if not filters.active:
        return None
    mask = cols.live.copy()
    if filters.sources:
        codes = [i for i, name in enumerate(cols.sources) if name in set(filters.sources) and i]
        codes += [0] if filters.unknown_source else []  # code 0: no outlet
        mask &= np.isin(cols.source, codes)
    for person in filters.people:
        mask &= _has_person(cols, person)
    if filters.years:
        wanted = filters.year_numbers
        ok = np.isin(cols.date // 10000, wanted)
        if UNKNOWN_YEAR in filters.years:
            ok |= cols.date == NO_DATE
        mask &= ok
    if filters.months:
        wanted = filters.month_numbers
        mask &= np.isin(cols.date // 100, wanted)
    if filters.date_from:
        mask &= cols.date >= _yyyymmdd(filters.date_from)
    if filters.date_to:
        mask &= (cols.date <= _yyyymmdd(filters.date_to)) & (cols.date != NO_DATE)
    return mask


def _has_person(cols: Columns, person: str) -> np.ndarray:
    has = np.zeros(cols.size, dtype=bool)
    try:
        code = cols.people.index(person)
    except ValueError:
        return has
    has[cols.people_owner[cols.people_idx == code]] = True
    return has


def _yyyymmdd(day) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def restrict(cols: Columns, docnums: np.ndarray | None, mask: np.ndarray | None) -> np.ndarray:
    """The matched document numbers: `docnums` (None = every document) that are live and pass `mask`."""
    keep = cols.live if mask is None else mask
    if docnums is None:
        return np.flatnonzero(keep)
    docnums = docnums[docnums < cols.size]
    return docnums[keep[docnums]]


def count_facets(cols: Columns, matched: np.ndarray, filters: Filters, people_limit: int) -> dict:
    """Facet counts over the matched documents: source, year, month (once one year is chosen), person."""
    facets: dict[str, tuple[FacetCount, ...]] = {}
    counts = np.bincount(cols.source[matched], minlength=len(cols.sources))
    order = sorted(
        (i for i in np.flatnonzero(counts) if i), key=lambda i: (-counts[i], name_order(cols.sources[i]))
    )
    source_facet = [FacetCount(cols.sources[i], int(counts[i])) for i in order]
    if len(counts) and counts[0]:
        # Last, as "date unknown" is in the year facet: the counts then sum to the total.
        source_facet.append(unknown_bucket("source", int(counts[0])))
    facets["source"] = tuple(source_facet)

    years = cols.date[matched] // 10000
    values, year_counts = np.unique(years, return_counts=True)
    facet = [FacetCount(str(y), int(c)) for y, c in zip(values, year_counts, strict=True) if y]
    facet.sort(key=lambda f: f.value, reverse=True)
    if len(values) and values[0] == 0:
        facet.append(unknown_bucket("year", int(year_counts[0])))
    facets["year"] = tuple(facet)

    chosen = filters.year_numbers
    months: list[FacetCount] = []
    if len(chosen) == 1:
        ym = cols.date[matched] // 100
        ym = ym[ym // 100 == int(chosen[0])]
        for value, count in zip(*np.unique(ym, return_counts=True), strict=True):
            year, month = divmod(int(value), 100)
            if 1 <= month <= 12:
                months.append(
                    FacetCount(f"{year}-{month:02d}", int(count), f"{calendar.month_name[month]} {year}")
                )
    facets["month"] = tuple(months)

    selected = np.zeros(cols.size, dtype=bool)
    selected[matched] = True
    person_counts = np.bincount(cols.people_idx[selected[cols.people_owner]], minlength=len(cols.people))
    nonzero = np.flatnonzero(person_counts)
    if len(nonzero) > people_limit:
        nonzero = _top_people(cols, person_counts, nonzero, people_limit)
    ranked = sorted(nonzero, key=lambda i: (-person_counts[i], cols.people[i]))
    facets["person"] = tuple(FacetCount(cols.people[i], int(person_counts[i])) for i in ranked)
    return facets


def order_by_date(cols: Columns, matched: np.ndarray, newest: bool) -> np.ndarray:
    """Matched docnums newest (or oldest) first; undated articles last either way; ties by id."""
    dates = cols.date[matched].astype(np.int64)
    ids = cols.ids[matched]
    if newest:
        order = np.lexsort((-ids, -dates))  # undated (0) sort last already
    else:
        dates = np.where(dates == NO_DATE, 99_999_999, dates)
        order = np.lexsort((ids, dates))
    return matched[order]


def _top_people(cols: Columns, counts: np.ndarray, codes: np.ndarray, limit: int) -> np.ndarray:
    """The `limit` codes of most articles, a tie at the cut going to the first names alphabetically,
    as PostgreSQL's facet orders them (a partial sort alone kept any of the tied, so the engines
    showed different people). Only the top N and the tied are ordered: there can be tens of
    thousands of people."""
    values = counts[codes]
    cut = -np.partition(-values, limit - 1)[limit - 1]
    above = codes[values > cut]
    tied = heapq.nsmallest(limit - len(above), codes[values == cut], key=lambda i: cols.people[i])
    return np.concatenate([above, np.array(tied, dtype=codes.dtype)])

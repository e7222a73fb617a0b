"""Facet filters as SQL, and facet counts over ALL matches in one statement (split from
backend.py). Same semantics as columns.py for the Whoosh backend: sources and years ORed,
people ANDed, undated articles kept unless a date bound is given, counts over every match."""

from __future__ import annotations

import calendar

from archive.search.backend import UNKNOWN_YEAR, FacetCount, Filters, unknown_bucket

_NAMED_PERSON = (
    "a.people && ARRAY(SELECT p.id FROM archive_person p WHERE NOT p.not_a_person AND p.name = %s)"
)


def _text(values) -> list[str]:
    """Filter values as PostgreSQL text, which cannot hold NUL (any other character is fine: they are
    bound parameters compared for equality)."""
    return [v.replace("\x00", "") for v in values]


# What facet_sql's `matched` selects of each match.
MATCHED_COLUMNS = "a.id, a.source_id, a.published_date, a.year, a.people"


def filter_sql(filters: Filters) -> tuple[list[str], list]:
    """(conditions over `a`, params) for the facet filters."""
    where: list[str] = []
    params: list = []
    if filters.sources:
        named = "a.source_id IN (SELECT s.id FROM archive_source s WHERE s.name = ANY(%s))"
        where.append(f"({named} OR a.source_id IS NULL)" if filters.unknown_source else named)
        params.append(_text(filters.sources))
    for person in _text(filters.people):
        where.append(_NAMED_PERSON)
        params.append(person)
    if filters.years:
        years = filters.year_numbers
        either = ["a.year = ANY(%s::int[])"]  # int: a year past smallint's range matches nothing
        if UNKNOWN_YEAR in filters.years:
            either.append("a.published_date IS NULL")
        where.append("(" + " OR ".join(either) + ")")
        params.append(years)
    if filters.months:
        where.append("to_char(a.published_date, 'YYYY-MM') = ANY(%s)")
        params.append(_text(filters.months))
    if filters.date_from:
        where.append("a.published_date >= %s")
        params.append(filters.date_from)
    if filters.date_to:
        where.append("a.published_date <= %s")
        params.append(filters.date_to)
    return where, params


def facet_sql(matched: str, filters: Filters, people_limit: int) -> tuple[str, list]:
    """One statement counting the total and every facet over `matched` (a SELECT of MATCHED_COLUMNS):
    rows of (facet, value, count). The matches are computed once
    (MATERIALIZED) and grouped four ways."""
    parts = [
        "SELECT 'total', NULL, count(*) FROM m",
        # Articles with no outlet count under NULL ("Unknown outlet"), so the counts sum to the total.
        "SELECT 'source', s.name, count(*) FROM m LEFT JOIN archive_source s ON s.id = m.source_id "
        "GROUP BY s.name",
        # The stored year (migration 0023), grouped as a number and then written out.
        "SELECT 'year', lpad(y.year::text, 4, '0'), y.n "
        "FROM (SELECT m.year, count(*) AS n FROM m GROUP BY 1) y",
    ]
    params: list = []
    chosen = filters.year_numbers
    if len(chosen) == 1:
        parts.append(
            "SELECT 'month', to_char(m.published_date, 'YYYY-MM'), count(*) FROM m "
            "WHERE m.year = %s GROUP BY 2"
        )
        params.append(chosen[0])
    parts.append(
        # Articles per person, from the people ids each match carries (migration 0014: joining the
        # matches to their mentions was 54 of a common word's 72 ms at 100,000), hashed on the id, then
        # named (grouping by name sorted them all). Two people of one name are summed, so an article
        # naming both counts twice for that name (the Whoosh backend counts it once). A tie at the cut
        # goes by code point, as Whoosh and read_facets order names, whatever the database's collation
        # (under en_US "al-Haddad" comes before "Zed Quill", and the engines kept different people).
        "(SELECT 'person', p.name, sum(c.n)::int FROM (SELECT x.person_id, count(*) AS n FROM "
        "(SELECT unnest(m.people) AS person_id FROM m) x GROUP BY x.person_id) c "
        "JOIN archive_person p ON p.id = c.person_id WHERE NOT p.not_a_person "
        'GROUP BY p.name ORDER BY 3 DESC, p.name COLLATE "C" LIMIT %s)'
    )
    params.append(people_limit)
    return f"WITH m AS MATERIALIZED ({matched}) " + " UNION ALL ".join(parts), params


def read_facets(rows: list[tuple[str, str | None, int]]) -> tuple[int, dict[str, tuple[FacetCount, ...]]]:
    """(total, facets) from facet_sql's rows, ordered as the Whoosh backend orders them."""
    total = 0
    found: dict[str, list[tuple[str | None, int]]] = {"source": [], "year": [], "month": [], "person": []}
    for name, value, count in rows:
        if name == "total":
            total = int(count)
        else:
            found[name].append((value, int(count)))
    sources = sorted(((v, c) for v, c in found["source"] if v is not None), key=lambda vc: (-vc[1], vc[0]))
    source_facet = [FacetCount(v, c) for v, c in sources]
    source_facet += [unknown_bucket("source", c) for v, c in found["source"] if v is None]
    years = sorted(((v, c) for v, c in found["year"] if v), reverse=True)
    year_facet = [FacetCount(v, c) for v, c in years]
    year_facet += [unknown_bucket("year", c) for v, c in found["year"] if not v]
    months = []
    for value, count in sorted(found["month"]):
        year, month = (int(p) for p in value.split("-"))
        months.append(FacetCount(value, count, f"{calendar.month_name[month]} {year}"))
    people = sorted(found["person"], key=lambda vc: (-vc[1], vc[0]))
    return total, {
        "source": tuple(source_facet),
        "year": tuple(year_facet),
        "month": tuple(months),
        "person": tuple(FacetCount(v, c) for v, c in people),
    }

"""Facet filters as SQL, and the facet counts read into the page's order (split from backend.py;
the counting is columns.py's). Same semantics as whoosh/columns.py: sources and years ORed, people
ANDed, undated articles kept unless a date bound is given, counts over every match."""

from __future__ import annotations

import calendar

from archive.search.backend import UNKNOWN_YEAR, FacetCount, Filters, name_order, unknown_bucket

_NAMED_PERSON = "ARRAY(SELECT p.id FROM archive_person p WHERE NOT p.not_a_person AND p.name = %s)"


def _text(values) -> list[str]:
    """Filter values as PostgreSQL text, which cannot hold NUL (any other character is fine: they are
    bound parameters compared for equality)."""
    return [v.replace("\x00", "") for v in values]


def filter_sql(filters: Filters, *, indexed: bool = True) -> tuple[list[str], list]:
    """(conditions over `a`, params) for the facet filters. `indexed` False (a query with words): the
    conditions are written so that no index answers them, and the words' own index comes first. The
    planner does not count reading a vector out of TOAST, so it took an outlet's or a period's
    articles from their index and read each one's vector to match the words: 28-623 ms for a common
    word in one outlet's two years at 100,000 articles (3,195 vectors read), against about 8 through
    the words' index with the filters checked on its matches' rows."""
    where: list[str] = []
    params: list = []
    # `+ 0` leaves a value as it is and out of reach of its column's index.
    source, date, people = (
        ("a.source_id", "a.published_date", "a.people")
        if indexed
        else (
            "(a.source_id + 0)",
            "(a.published_date + 0)",
            "(a.people || '{}'::bigint[])",
        )
    )
    if filters.sources:
        # An array, not IN (SELECT ...), which the planner joined as if the outlet had one article.
        named = f"{source} = ANY(ARRAY(SELECT s.id FROM archive_source s WHERE s.name = ANY(%s)))"
        where.append(f"({named} OR a.source_id IS NULL)" if filters.unknown_source else named)
        params.append(_text(filters.sources))
    for person in _text(filters.people):
        where.append(f"{people} && {_NAMED_PERSON}")
        params.append(person)
    if filters.years:
        # A year past the stored smallint's range matches nothing (and past int's, would not be sent).
        years = [y for y in filters.year_numbers if -(2**15) <= y < 2**15]
        either = ["a.year = ANY(%s::int[])"]
        if UNKNOWN_YEAR in filters.years:
            either.append("a.published_date IS NULL")
        where.append("(" + " OR ".join(either) + ")")
        params.append(years)
    if filters.months:
        where.append("to_char(a.published_date, 'YYYY-MM') = ANY(%s)")
        params.append(_text(filters.months))
    if filters.date_from:
        where.append(f"{date} >= %s")
        params.append(filters.date_from)
    if filters.date_to:
        where.append(f"{date} <= %s")
        params.append(filters.date_to)
    return where, params


def read_facets(rows: list[tuple[str, str | None, int]]) -> tuple[int, dict[str, tuple[FacetCount, ...]]]:
    """(total, facets) from columns.count_matches' rows, ordered as the Whoosh backend orders them."""
    total = 0
    found: dict[str, list[tuple[str | None, int]]] = {"source": [], "year": [], "month": [], "person": []}
    for name, value, count in rows:
        if name == "total":
            total = int(count)
        else:
            found[name].append((value, int(count)))
    sources = sorted(
        ((v, c) for v, c in found["source"] if v is not None), key=lambda vc: (-vc[1], name_order(vc[0]))
    )
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

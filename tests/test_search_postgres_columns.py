"""The PostgreSQL backend's facet columns (search/backends/postgres/columns.py): each article's facet
values held by the process, read again whenever its search row's version (migration 0024) moves.

The first tests need no database: the held columns against a plain dict of what was last read. The
others need PostgreSQL (CI's second pass): counts follow every write, within one transaction too."""

from __future__ import annotations

import datetime
import threading

import numpy as np
import pytest
from django.db import connection, connections
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.search.backends.postgres.columns import NO_DAY, NO_YEAR, FacetColumns, Matched, checksum_of
from tests.fixtures_search import POSTGRES

row = st.tuples(
    st.integers(1, 60) | st.sampled_from([10**12, 2**39 + 7]),  # id (some past the slot array's reach)
    st.integers(-1, 5),  # outlet (-1: none)
    st.integers(-200, 2030) | st.just(NO_YEAR),  # year
    st.integers(-30_000, 30_000) | st.just(NO_DAY),  # day
    st.lists(st.integers(1, 40), max_size=6),  # people
)


def _packed(rows: list[tuple], first_version: int) -> tuple[bytes, ...]:
    """What columns._ROWS returns for `rows`: each column as eight-byte big-endian numbers, the people
    as array_send's items (a four-byte length, then the value)."""

    def numbers(values):
        return np.array(values, ">i8").tobytes()

    people = b"".join(np.array([(8, p) for p in r[4]], [("l", ">i4"), ("v", ">i8")]).tobytes() for r in rows)
    return (
        numbers([r[0] for r in rows]),
        numbers([first_version + n for n in range(len(rows))]),
        numbers([r[1] for r in rows]),
        numbers([r[2] for r in rows]),
        numbers([r[3] for r in rows]),
        numbers([len(r[4]) for r in rows]),
        people,
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(row, max_size=25, unique_by=lambda r: r[0]), min_size=1, max_size=8))
def test_held_columns_are_the_last_values_read_for_each_article(batches):
    """Rows read again overwrite what was held, new ids are merged in order, and people stay each
    row's own however often they are replaced (the spent ones are compacted away)."""
    columns, model, version = FacetColumns(), {}, 1
    for batch in batches:
        columns._take(*_packed(batch, version))
        for n, (article, *values) in enumerate(batch):
            model[article] = (version + n, *values)
        version += len(batch)
        assert sorted(columns.ids.tolist()) == sorted(model)
        assert columns.rows_of(columns.ids).tolist() == list(range(len(model)))
        assert columns.rows_of(np.array([0, 61, 10**6])).tolist() == [-1, -1, -1]
        for position, article in enumerate(columns.ids.tolist()):
            held_version, source, year, day, people = model[article]
            assert (columns.versions[position], columns.source[position]) == (held_version, source)
            assert (columns.year[position], columns.day[position]) == (year, day)
            assert columns.gather(np.array([position])).tolist() == people
        rows = columns.rows_of(np.array(sorted(model), np.int64))
        assert columns.gather(rows).tolist() == [p for a in sorted(model) for p in model[a][4]]
        assert len(columns.people) <= 2 * sum(len(v[4]) for v in model.values()) + 4096


@settings(max_examples=100, deadline=None)
@given(
    st.lists(row, max_size=40, unique_by=lambda r: r[0]),
    st.sampled_from(["newest", "oldest"]),
    st.integers(0, 12),
    st.none() | st.integers(0, 12),
    st.sets(st.integers(1, 60), max_size=10),
)
def test_matches_are_paged_in_the_order_of_the_sql_they_replace(rows, sort, start, limit, excluding):
    """ranking.DATE_ORDER: by date, undated last; on one day the higher id first when newest, the
    lower when oldest; `excluding` (the ranked candidates) left out."""
    ids = np.array([r[0] for r in rows], np.int64)
    matched = Matched(ids, np.array([r[3] for r in rows], np.int64))
    dated = [r for r in rows if r[3] != NO_DAY and r[0] not in excluding]
    undated = [r for r in rows if r[3] == NO_DAY and r[0] not in excluding]
    if sort == "newest":
        order = sorted(dated, key=lambda r: (-r[3], -r[0])) + sorted(undated, key=lambda r: -r[0])
    else:
        order = sorted(dated, key=lambda r: (r[3], r[0])) + sorted(undated, key=lambda r: r[0])
    end = None if limit is None else start + limit
    assert matched.first(sort, start, limit, excluding) == [r[0] for r in order[start:end]]


@pytest.fixture
def postgres_search(settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL as the database (CI's second pass)")
    settings.SEARCH_BACKENDS = {a: {**c, "BACKEND": POSTGRES} for a, c in settings.SEARCH_BACKENDS.items()}


def _facets(query: str = "lighthouse", **filters) -> dict[str, list[tuple]]:
    from archive.search import get_backend
    from archive.search.backend import Filters, SearchRequest
    from archive.search.query import parse_query

    page = get_backend().search(SearchRequest(parse_query(query), filters=Filters(**filters)))
    return {name: [(f.value, f.count) for f in counts] for name, counts in page.facets.items()} | {
        "total": page.total
    }


def test_counts_follow_each_write_within_one_transaction(
    postgres_search, make_article, make_source, make_person
):
    """The test's writes share one transaction, as a view that saves and then searches would: each
    write of a row gives it a new version, so what the process held is read again."""
    from archive.models import Article, Mention

    harbour, coast = make_source("Harbour Gazette"), make_source("Coast Courier")
    anna, ivan = make_person("Anna Petrova"), make_person("Ivan Sokolov")
    first = make_article(
        title="Lighthouse keepers strike",
        source=harbour,
        published_date=datetime.date(2019, 5, 2),
        people=[anna],
    )
    make_article(title="Lighthouse lamps dark", source=harbour, published_date=None, people=[anna, ivan])
    counted = _facets()
    assert counted["total"] == 2
    assert counted["source"] == [("Harbour Gazette", 2)]
    assert counted["year"] == [("2019", 1), ("unknown", 1)]
    assert counted["person"] == [("Anna Petrova", 2), ("Ivan Sokolov", 1)]

    first.source, first.published_date = coast, datetime.date(2021, 1, 9)
    first.save()
    Mention.objects.create(article=first, person=ivan, count=1)
    counted = _facets()
    assert counted["source"] == [("Coast Courier", 1), ("Harbour Gazette", 1)]
    assert counted["year"] == [("2021", 1), ("unknown", 1)]
    assert counted["person"] == [("Anna Petrova", 2), ("Ivan Sokolov", 2)]
    assert _facets(years=("2021",))["month"] == [("2021-01", 1)]

    Article.objects.filter(pk=first.pk).update(source=None)
    assert ("~unknown", 1) in _facets()["source"]
    anna.name = "Anna Petrova-Ross"  # a rename needs no re-reading: names come from the database
    anna.save()
    assert _facets()["person"][0] == ("Anna Petrova-Ross", 2)
    first.delete()
    assert _facets()["total"] == 1
    assert _facets()["person"] == [("Anna Petrova-Ross", 1), ("Ivan Sokolov", 1)]


@pytest.mark.django_db(transaction=True)
def test_a_row_written_by_another_connection_is_read_again(postgres_search, make_article, make_source):
    """A write by any other process or machine gives the row a new version in the database itself."""
    from archive.models import Article

    quay, pier = make_source("Quay Herald"), make_source("Pier Post")
    article = make_article(title="Lighthouse relit", source=quay)
    assert _facets()["source"] == [("Quay Herald", 1)]

    def writer():  # another connection, as another process would have
        try:
            Article.objects.filter(pk=article.pk).update(source=pier)
        finally:
            connections.close_all()

    thread = threading.Thread(target=writer)
    thread.start()
    thread.join(10)
    assert _facets()["source"] == [("Pier Post", 1)]


def test_values_held_from_before_a_restore_are_let_go(postgres_search, make_article, make_source):
    """A restore into a truncated table may wind the version sequence back, so a row can come back
    with a version the process holds for other values: the table's new file starts the held values
    afresh (columns._GENERATION)."""
    from archive.models import Article

    quay, pier = make_source("Quay Herald"), make_source("Pier Post")
    article = make_article(title="Lighthouse relit", source=quay)
    assert _facets()["source"] == [("Quay Herald", 1)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT row_version FROM archive_searchdoc WHERE id = %s", [article.pk])
        (version,) = cursor.fetchone()
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE archive_article CASCADE")  # the search table's rows go with it
        Article.objects.create(pk=article.pk, title="Lighthouse relit", source=pier)
        cursor.execute("SELECT setval('archive_searchdoc_version', %s)", [version])  # as a dump's setval
        cursor.execute("ALTER TABLE archive_searchdoc DISABLE TRIGGER searchdoc_version")
        cursor.execute("UPDATE archive_searchdoc SET row_version = %s WHERE id = %s", [version, article.pk])
        cursor.execute("ALTER TABLE archive_searchdoc ENABLE TRIGGER searchdoc_version")
    assert _facets()["source"] == [("Pier Post", 1)]


def test_a_row_deleted_between_the_two_statements_is_not_counted():
    """The rows are read again in a statement of their own: one gone by then is left out, even when
    the process held it at an older version."""
    columns = FacetColumns()
    columns._take(*_packed([(7, 3, 2020, 18_000, [5])], 1))

    class Gone:  # the re-reading finds no row
        def execute(self, sql, params=None):
            pass

        def fetchone(self):
            return (None,) * 7

    rows = columns.refresh(Gone(), np.array([7], np.int64), np.array([2], np.int64))
    assert rows.tolist() == []


class _Reads:
    """A cursor whose every statement reads `rows` (columns._ROWS's packed columns)."""

    def __init__(self, rows: tuple[bytes, ...]) -> None:
        self.rows, self.statements = rows, 0

    def execute(self, sql, params=None):
        self.statements += 1

    def fetchone(self):
        return self.rows


def test_a_new_match_is_read_without_reading_every_matchs_version():
    columns = FacetColumns()
    columns._take(*_packed([(7, 3, 2020, 18_000, [5]), (8, 4, 2021, 18_400, [])], 1))  # versions 1, 2
    cursor = _Reads(_packed([(10, 6, 2022, 18_800, [9])], 3))

    def versions_of():
        raise AssertionError("the held versions add up: no version needs reading")

    ids = np.array([7, 8, 10], np.int64)
    rows = columns.checked(cursor, ids, checksum_of(np.array([1, 2, 3], np.int64)), versions_of)
    assert columns.ids[rows].tolist() == [7, 8, 10] and columns.source[rows].tolist() == [3, 4, 6]
    assert cursor.statements == 1


def test_a_held_match_written_since_is_found_through_the_versions_when_the_sums_differ():
    columns = FacetColumns()
    columns._take(*_packed([(7, 3, 2020, 18_000, [5]), (8, 4, 2021, 18_400, [])], 1))  # versions 1, 2
    cursor = _Reads(_packed([(8, 6, 2022, 18_800, [9])], 9))  # 8 written since: version 9, outlet 6
    asked = []

    def versions_of():
        asked.append(True)
        return np.array([7, 8], np.int64), np.array([1, 9], np.int64)

    ids, now = np.array([7, 8], np.int64), checksum_of(np.array([1, 9], np.int64))
    rows = columns.checked(cursor, ids, now, versions_of)
    assert asked and columns.source[rows].tolist() == [3, 6] and columns.gather(rows).tolist() == [5, 9]
    asked.clear()
    assert columns.checked(cursor, ids, now, versions_of).tolist() == rows.tolist() and not asked


def test_the_checksum_of_versions_wraps_as_the_databases_sum_is_taken():
    versions = np.array([2**62, 2**62, 2**62, 2**62, 5], np.int64)
    assert checksum_of(versions) == ((4 * 2**62 + 5) % 2**64, 5)
    assert checksum_of(np.array([], np.int64)) == (0, 0)

"""How the PostgreSQL backend stays fast on common words (backends/postgres/ranking.py, facets.py):
relevance ranks a bounded set of candidates (title matches from the title index, and the newest
matches) and the other matches follow newest first, so every match is still found, once, on some page;
the empty query's facets are cached until the archive changes. PostgreSQL only (CI's second pass)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from archive.search import get_backend
from archive.search.backend import Filters, SearchRequest
from archive.search.backends.postgres.ranking import RANK_NORMALISATION, RANK_WEIGHTS
from archive.search.query import parse_query
from tests.fixtures_search import POSTGRES

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL as the database (CI's second pass)"
)


@pytest.fixture(autouse=True)
def use_postgres(settings):
    settings.SEARCH_BACKENDS = {a: {**c, "BACKEND": POSTGRES} for a, c in settings.SEARCH_BACKENDS.items()}


@pytest.fixture
def few_candidates(monkeypatch):
    monkeypatch.setattr("archive.search.backends.postgres.ranking.RANK_CANDIDATES", 2)


def _page(text: str, page: int, per_page: int = 2):
    request = SearchRequest(parse_query(text), page=page, per_page=per_page, facets=page == 1)
    return get_backend().search(request)


def test_a_title_match_ranks_first_even_when_older_than_every_candidate(make_article, few_candidates):
    oldest = make_article(title="Harbour pilots", body="Tugboats everywhere.", published_date="2001-01-01")
    for day in range(1, 7):
        make_article(title=f"Day {day}", body="A tugboat came in.", published_date=f"2020-01-0{day}")
    assert _page("tugboat", 1).hits[0].id != oldest.pk  # the word is in its body only
    titled = make_article(title="Tugboat race", body="Crowds.", published_date="2002-01-01")
    assert _page("tugboat", 1).hits[0].id == titled.pk


def test_every_match_is_on_exactly_one_page_past_the_ranked_candidates(make_article, few_candidates):
    made = {
        make_article(body=f"Ferry {n} sailed.", published_date=dt.date(2015, 1, n + 1)).pk for n in range(7)
    }
    first = _page("ferry", 1)
    assert first.total == 7
    shown = [hit.id for page in range(1, 5) for hit in _page("ferry", page).hits]
    assert sorted(shown) == sorted(made)
    exported = list(get_backend().matching_ids(parse_query("ferry"), Filters(), "relevance"))
    assert exported == shown


def test_the_empty_querys_facets_follow_a_new_article(make_article):
    make_article(title="Quay", source_name="Harbour Gazette")
    before = get_backend().search(SearchRequest(parse_query("")))
    make_article(title="Pier", source_name="Coast Herald")
    after = get_backend().search(SearchRequest(parse_query("")))
    assert after.total == before.total + 1
    assert {f.value for f in after.facets["source"]} == {f.value for f in before.facets["source"]} | {
        "Coast Herald"
    }


def test_a_title_holding_the_phrase_ranks_first_when_newer_titles_hold_its_words_apart(
    make_article, few_candidates
):
    """The title candidates are the titles holding the phrase itself: titles with its words apart,
    however new, do not push it out of the ranked few."""
    exact = make_article(
        title="Salt marsh flooded", body="The salt marsh again.", published_date="2001-01-01"
    )
    for day in range(1, 4):
        make_article(
            title=f"Marsh birds and salt {day}", body="A salt marsh walk.", published_date=f"2020-01-0{day}"
        )
    assert _page('"salt marsh"', 1).hits[0].id == exact.pk


def test_a_headline_match_ranks_above_a_short_body_dense_with_the_word(make_article):
    """ts_rank divides by the length, so a short body repeating the word outscored a long article
    with it in the headline: the headline matches are a tier of their own (ranking.py)."""
    long_body = " ".join(f"Paragraph {n} about the harbour wall and the tide." for n in range(300))
    headline = make_article(title="Dredger sinks", body=long_body, published_date="2001-01-01")
    dense = make_article(title="Notes", body="Dredger, dredger, dredger.", published_date="2020-01-01")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.id FROM archive_searchdoc a ORDER BY ts_rank(%s::real[], a.search_vector, "
            "to_tsquery('parallax_simple', 'dredger'), %s) DESC LIMIT 1",
            [RANK_WEIGHTS, RANK_NORMALISATION],
        )
        assert cursor.fetchone()[0] == dense.pk  # what ts_rank alone would put first
    assert [hit.id for hit in _page("dredger", 1).hits] == [headline.pk, dense.pk]


def test_a_headline_match_holds_the_querys_words_not_just_one_of_them(make_article):
    """ "the bridge collapse": a title holding only "the" (or one of the words) does not make a
    headline match; one holding "bridge" and "collapse" does, stop word or not."""
    filler = " ".join(f"Section {n} on the traffic plan for the river crossing." for n in range(60))
    holds = make_article(title="Bridge collapse blocks river", body=f"The bridge fell. {filler}")
    make_article(title="The weekend", body="The bridge collapse, the bridge collapse again.")
    make_article(title="Bridge reopens", body="The collapse of the old ferry, a bridge collapse.")
    assert _page("the bridge collapse", 1, per_page=3).hits[0].id == holds.pk
    exported = get_backend().matching_ids(parse_query("the bridge collapse"), Filters(), "relevance")
    assert exported[0] == holds.pk


@pytest.mark.parametrize("per_page", [1, 2, 3])
def test_relevance_pages_are_one_order_from_counted_matches_and_from_sql(
    make_article, few_candidates, per_page
):
    """Each page ranks only the candidate tiers it reaches (a first page within the headline
    candidates ranks those alone), yet the pages make one order: every match once, in the order of
    the export (SQL, no counted matches) and of one page holding them all."""
    for n in range(4):
        make_article(title=f"Lighthouse {n}", body="Keepers.", published_date=dt.date(2010 + n, 1, 1))
    for n in range(5):
        make_article(
            title=f"Coast {n}",
            body=f"The lighthouse {'lighthouse ' * n}stood.",
            published_date=dt.date(2015 + n, 1, 1),
        )
    exported = list(get_backend().matching_ids(parse_query("lighthouse"), Filters(), "relevance"))
    paged = [
        hit.id for page in range(1, 10 // per_page + 2) for hit in _page("lighthouse", page, per_page).hits
    ]
    assert len(exported) == 9 and paged == exported
    assert [hit.id for hit in _page("lighthouse", 1, per_page=20).hits] == exported


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_a_date_order_is_the_same_from_the_counted_matches_and_from_sql(make_article, sort):
    """With facets, the page is ordered from the matches the counts read (columns.Matched); without,
    by SQL (ranking.DATE_ORDER): undated last, and on one day the higher id first when newest."""
    for n, day in enumerate(
        ["2019-05-02", None, "2019-05-02", "2018-01-01", None, "2019-05-02", "2021-07-09"]
    ):
        make_article(title=f"Lock keeper {n}", published_date=day)

    def order(facets: bool) -> list[int]:
        request = SearchRequest(parse_query("lock"), sort=sort, per_page=50, facets=facets)
        return [hit.id for hit in get_backend().search(request).hits]

    assert order(True) == order(False)
    paged = [
        hit.id
        for page in (1, 2, 3)
        for hit in get_backend()
        .search(SearchRequest(parse_query("lock"), sort=sort, page=page, per_page=3))
        .hits
    ]
    assert paged == order(False)


def test_words_are_matched_through_their_index_whatever_the_filters(make_article, make_source):
    """The planner does not count reading a vector, so offered an outlet's or a period's index it read
    each of their articles' vectors to match the words: with words, filters leave no index but the
    words' own (facets.filter_sql)."""
    from archive.search.backends.postgres.backend import _matching
    from archive.search.backends.postgres.compile import Compiler
    from archive.search.budget import Budget

    gazette = make_source("Harbour Gazette")
    for n in range(30):
        make_article(title=f"Tide {n}", source=gazette, published_date=dt.date(2016, 1 + n % 12, 1))
    filters = Filters(
        sources=("Harbour Gazette",), date_from=dt.date(2016, 1, 1), date_to=dt.date(2017, 1, 1)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE archive_searchdoc")
        compiled = Compiler(cursor, Budget()).compile(parse_query("tide").node)
        matching, params = _matching(compiled, filters)
        cursor.execute(f"EXPLAIN SELECT a.id FROM {matching}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "searchdoc_vector" in plan
    assert "searchdoc_source" not in plan and "searchdoc_newest" not in plan


@pytest.mark.parametrize("typed", ["ceasefire", "cease-fire", "cease fire"])
def test_a_words_spellings_weigh_as_the_best_of_them_not_all_of_them(make_article, typed):
    """A word's other spellings widen the search; they must not weigh more than the word. ts_rank over
    every lexeme of all the spellings at once ranked an article saying "cease-fires" once (its parts
    are more of those lexemes) above one saying "ceasefire" five times. (Whoosh still differs here:
    BM25 weighs each spelling by its own rarity, so a rare spelling outweighs a common one.)"""
    filler = " ".join(f"harbour{i} notes" for i in range(40))
    often = make_article(
        title="Harbour notes",
        body=f"{filler} The ceasefire held: ceasefire, ceasefire, ceasefire, ceasefire. {filler}",
    )
    once = make_article(
        title="Harbour notes", body=f"{filler} Talks on cease-fires went on for hours. {filler}"
    )
    hits = get_backend().search(SearchRequest(parse_query(typed))).hits
    assert [h.id for h in hits] == [often.pk, once.pk]

"""What only the PostgreSQL backend has: its index is the database (migration 0005_search_vector).

A save by any connection is searchable at its commit with no journal and no index folder; its
commands check and recount instead of re-indexing; the request deadline is the statement timeout;
query text never reaches SQL or tsquery syntax. The behaviour both backends share is in
tests/test_search_backend.py. These need a PostgreSQL database: CI's second pass runs them."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from django.core.management import CommandError
from django.db import connection, connections, transaction

from archive.search import get_backend
from archive.search.backend import SearchRequest
from archive.search.query import parse_query
from tests.fixtures_search import POSTGRES, found, run_command

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL as the database (CI's second pass)"
)


@pytest.fixture(autouse=True)
def use_postgres(settings):
    settings.SEARCH_BACKENDS = {a: {**c, "BACKEND": POSTGRES} for a, c in settings.SEARCH_BACKENDS.items()}


@pytest.mark.django_db
def test_words_are_stemmed_as_whoosh_stems_them():
    """One stemmer on both engines (migration 0025): PostgreSQL's English configuration stems with
    Martin Porter's algorithm, as Whoosh does, not Snowball's English (Porter2), which groups words
    otherwise ("generously" with "generous", not with "generation"; "proudly" with "proud")."""
    from archive.search.backends.whoosh.schema import stem

    words = ["generously", "generation", "proudly", "proud", "sundays", "employed", "ceasefires"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, tsvector_to_array(to_tsvector('parallax_english', w)) FROM unnest(%s::text[]) AS w",
            [words],
        )
        stems = dict(cursor.fetchall())
    assert stems == {word: [stem(word)] for word in words}


@pytest.mark.django_db(transaction=True)
def test_a_save_by_another_connection_is_searchable_at_its_commit_and_not_before(make_source):
    from archive.models import Article

    saved, release, done = threading.Event(), threading.Event(), threading.Event()
    created: list[int] = []

    def writer():  # another connection, as another process or machine would have
        try:
            with transaction.atomic():
                article = Article.objects.create(title="Lighthouse keepers strike", body="Lamps dark.")
                created.append(article.pk)
                saved.set()
                release.wait(10)
        finally:
            connections.close_all()
            done.set()

    threading.Thread(target=writer).start()
    assert saved.wait(10)
    assert found("lighthouse") == set()  # written, not committed
    release.set()
    assert done.wait(10)
    assert found("lighthouse") == set(created)


def test_saving_writes_no_journal_and_no_index_folder(
    make_article, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(title="Ferry timetable changes")
    assert found("ferry") == {article.pk}
    index = Path(settings.SEARCH_BACKENDS["default"]["PATH"])
    assert not index.exists() and not index.parent.exists()


def test_check_index_checks_the_set_up_instead_of_each_article(make_article):
    make_article(title="Harbour report")
    assert "all 1 articles are searchable" in run_command("check_index")
    with connection.cursor() as cursor:  # rolled back with the test's transaction
        cursor.execute("DROP TRIGGER article_searchword_add ON archive_article")
    with pytest.raises(CommandError, match="1 part"):
        run_command("check_index")


def test_rebuild_index_recounts_the_words_behind_suggestions(make_article):
    make_article(title="Harbour report", body="The harbour master spoke of the harbour dues.")
    make_article(title="Quay report", body="Dues rose on the quay and at the harbour.")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM archive_searchword")
    assert found("harbur") == set()
    assert get_backend().search(SearchRequest(parse_query("harbur"))).suggestion is None
    assert "Indexed 2 articles" in run_command("rebuild_index")
    with connection.cursor() as cursor:
        cursor.execute("SELECT ndoc FROM archive_searchword WHERE word = 'harbour'")
        assert cursor.fetchone() == (2,)
    assert get_backend().search(SearchRequest(parse_query("harbur"))).suggestion == "harbour"


def test_rebuild_index_repairs_a_search_table_that_lost_step(make_article):
    """The triggers keep a row per article; what bypasses them (a data-only restore, triggers off)
    is found by check_index and repaired by rebuild_index."""
    kept = make_article(title="Harbour report", body="The harbour master spoke.")
    lost = make_article(title="Quay report", body="Dues rose on the quay.")
    with connection.cursor() as cursor:  # as a restore with the triggers off would leave it
        cursor.execute("DELETE FROM archive_searchdoc WHERE id = %s", [lost.pk])
    assert found("quay") == set()
    with pytest.raises(CommandError, match="1 part"):
        run_command("check_index")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE archive_searchdoc SET search_vector = 'stale' WHERE id = %s", [kept.pk])
        cursor.execute(
            "INSERT INTO archive_searchdoc (id, search_vector) VALUES (%s, 'ghost')", [lost.pk + 99]
        )
    ghosts = lambda: get_backend().search(SearchRequest(parse_query("ghost"))).total  # noqa: E731
    assert found("stale") == {kept.pk} and ghosts() == 1  # counted, though it has no article to show
    untouched = make_article(title="Pier report", body="The pier reopened.")
    version = "SELECT row_version FROM archive_searchdoc WHERE id = %s"
    with connection.cursor() as cursor:
        cursor.execute(version, [untouched.pk])
        before = cursor.fetchone()
    run_command("rebuild_index")
    assert found("quay") == {lost.pk} and found("harbour") == {kept.pk}
    assert found("stale") == set() and ghosts() == 0
    with connection.cursor() as cursor:  # a row in step is not written again
        cursor.execute(version, [untouched.pk])
        assert cursor.fetchone() == before
    assert "all 3 articles are searchable" in run_command("check_index")


def test_a_token_too_long_for_a_gram_leaves_the_article_searchable(make_article):
    """A gram holds at most 2,047 bytes: a 2,045-letter token beside "the" is stored without its
    gram (the save used to fail), and a phrase of it is checked by positions instead."""
    from archive.search.backends.postgres.compile import _common_grams

    token = "x" * 2045
    article = make_article(title="Checksum notice", body=f"They published the {token} as proof.")
    assert found("checksum") == {article.pk}
    assert _common_grams(f"'the' <-> '{token}'") is None and _common_grams("'the' <-> 'proof'") is not None
    assert found('"as proof"') == {article.pk}


def test_a_year_past_any_date_matches_nothing(client, make_article):
    make_article(title="Ferry report")
    for year in ("40000", "30966113666668503040"):  # past smallint's range; past int's and bigint's
        response = client.get("/api/search/", {"q": "ferry", "year": year})
        assert response.status_code == 200 and response.json()["count"] == 0
        assert client.get("/api/search/", {"year": year}).json()["count"] == 0


def test_words_are_added_to_the_suggestions_as_articles_are_written(make_article):
    make_article(title="Lifeboat launched", body="The lifeboat crew rescued two sailors.")
    assert get_backend().search(SearchRequest(parse_query("lifebaot"))).suggestion == "lifeboat"


@pytest.mark.parametrize(
    "text",
    [
        "it's",
        "o'brien\\",
        "':*",
        "a & b | !c",
        "(x <-> y)",
        "\"'quoted' :A\"",
        "title:'",
        "person:\\'",
        "*:*",
    ],
)
def test_query_syntax_characters_are_searched_as_text_never_as_sql_or_tsquery(make_article, text):
    make_article(title="O'Brien's ferry", body="It's the ferry O'Brien ran.")
    page = get_backend().search(SearchRequest(parse_query(text)))
    assert page.total >= 0 and "stopped" not in " ".join(page.notices)


def test_an_apostrophe_word_is_found(make_article):
    article = make_article(title="O'Brien's ferry", body="It's the ferry O'Brien ran.")
    assert found("o'brien") == {article.pk}


def test_a_search_past_its_deadline_answers_with_a_notice(make_article, monkeypatch):
    from archive.search.backends import base as search_base
    from archive.search.backends.postgres import backend as postgres_backend
    from archive.search.budget import Budget

    make_article(title="Harbour report")
    real = postgres_backend.Compiler.compile

    def slow(self, node):
        self.cursor.execute("SELECT pg_sleep(0.5)")  # a statement slower than the deadline
        return real(self, node)

    monkeypatch.setattr(postgres_backend.Compiler, "compile", slow)
    monkeypatch.setattr(search_base, "Budget", lambda: Budget(seconds=0.05))
    page = get_backend().search(SearchRequest(parse_query("harbour")))
    assert page.total == 0 and any("stopped after 0.05 s" in n for n in page.notices)
    monkeypatch.setattr(postgres_backend.Compiler, "compile", real)
    assert found("harbour")  # the connection is usable again, with no timeout left over


def test_a_chinese_word_is_the_phrase_of_its_characters(make_article):
    article = make_article(title="渡轮时刻表", body="市政府今天宣布新的渡轮时刻表。居民表示欢迎。")
    assert found("渡轮") == {article.pk}
    assert found("轮渡") == set()
    hit = get_backend().search(SearchRequest(parse_query("渡轮"))).hits[0]
    assert "<mark>渡轮</mark>" in hit.snippet  # each character a word: the pair marked as one phrase


def test_a_snippet_marks_the_forms_postgresql_matched_and_a_phrase_only_where_it_stands(make_article):
    article = make_article(
        title="Harbour news",
        body="Ferries crossed at dawn. A ferry timetable came later; the timetable of the ferry changed.",
    )
    hit = get_backend().search(SearchRequest(parse_query("ferry"))).hits[0]
    assert hit.id == article.pk and hit.snippet.count("<mark>") == 3  # Ferries, ferry, ferry
    hit = get_backend().search(SearchRequest(parse_query('"ferry timetable"'))).hits[0]
    assert "<mark>ferry timetable</mark>" in hit.snippet and hit.snippet.count("<mark>") == 1


def test_the_seeds_are_searched_faceted_and_grouped_with_no_index_folder(client, seed_archive, settings):
    page = client.get("/search/", {"q": "ceasefire"}).content.decode()
    assert "ceasefire</mark>" in page.lower() and "The National" in page  # 003's outlet, in a facet
    data = client.get("/api/search/", {"q": "person:Lavrov"}).json()
    assert data["count"] == 5 and sum(f["count"] for f in data["facets"]["source"]) == 5
    story = next(a.story_id for a in seed_archive.values() if a.story_id)
    assert client.get(f"/stories/{story}/").status_code == 200
    assert not Path(settings.SEARCH_BACKENDS["default"]["PATH"]).exists()


def _people_of(article) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT people FROM archive_article WHERE id = %s", [article.pk])
        return cursor.fetchone()[0]


def test_each_article_carries_its_people_ids_in_step_with_its_mentions(make_article, make_person):
    """Migration 0014's array, which `person:` and the people facet read instead of the mentions."""
    from archive.importing.resolution import merge_people
    from archive.models import Mention

    anna, ivan, other = make_person("Anna Petrova"), make_person("Ivan Sokolov"), make_person("Olga Ivanova")
    first = make_article(title="Ferry talks", people=[anna, ivan])
    second = make_article(title="Ferry strike", people=[other])
    assert _people_of(first) == sorted([anna.pk, ivan.pk]) and _people_of(second) == [other.pk]
    assert found("person:Sokolov") == {first.pk}

    Mention.objects.filter(article=first, person=ivan).update(count=5)  # a count: nothing to change
    Mention.objects.filter(article=first, person=ivan).delete()
    assert _people_of(first) == [anna.pk] and found("person:Sokolov") == set()

    merge_people(anna, [other])  # the mention moves from Olga to Anna
    assert _people_of(second) == [anna.pk]
    assert found("person:Petrova") == {first.pk, second.pk}
    page = get_backend().search(SearchRequest(parse_query("ferry")))
    assert [(f.value, f.count) for f in page.facets["person"]] == [("Anna Petrova", 2)]


def _search_row(article_id: int):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT source_id, published_date, people, search_vector::text FROM archive_searchdoc "
            "WHERE id = %s",
            [article_id],
        )
        return cursor.fetchone()


def test_the_search_table_follows_every_write_to_an_article(make_article, make_source, make_person):
    """Migration 0021's narrow row per article, written by triggers in the article's own statement:
    created (one by one and in bulk), edited (words, outlet, date, people), deleted, truncated."""
    import datetime

    from archive.models import Article, Mention

    harbour, coast = make_source("Harbour Gazette"), make_source("Coast Courier")
    anna = make_person("Anna Petrova")
    article = make_article(title="Lighthouse keepers strike", body="Lamps dark.", source=harbour)
    assert _search_row(article.pk)[:3] == (harbour.pk, article.published_date, [])
    assert found("lighthouse") == {article.pk}

    article.title, article.source, article.published_date = (
        "Ferry crews walk out",
        coast,
        datetime.date(2019, 5, 2),
    )
    article.save()
    assert _search_row(article.pk)[:2] == (coast.pk, datetime.date(2019, 5, 2))
    assert found("lighthouse") == set() and found("ferry") == {article.pk}
    assert found("ferry source:Coast") == {article.pk} and found("ferry source:Harbour") == set()

    Mention.objects.create(article=article, person=anna, count=1)
    assert _search_row(article.pk)[2] == [anna.pk] and found("person:Petrova") == {article.pk}

    unchanged = _search_row(article.pk)[3]
    Article.objects.filter(pk=article.pk).update(needs_review=True)  # no searched column: vector kept
    assert _search_row(article.pk)[3] == unchanged

    bulk = Article.objects.bulk_create(
        [Article(title=f"Tide table {n}", body="Low water at noon.") for n in range(3)]
    )
    assert found("tide") == {a.pk for a in bulk}
    article.delete()
    assert _search_row(article.pk) is None and found("ferry") == set()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # Django's foreign keys wait for the commit
        cursor.execute("TRUNCATE archive_article CASCADE")  # as a test database's flush does
        cursor.execute("SELECT count(*) FROM archive_searchdoc")
        assert cursor.fetchone()[0] == 0


def test_a_word_or_a_phrase_matches_the_phrase_apart_from_the_word(make_article):
    """A phrase in a tsquery makes PostgreSQL re-read every candidate's vector for positions; ORed
    with plain words it is matched as a condition of its own, so the words' matches are not re-read."""
    from archive.search.backends.postgres.compile import Compiler
    from archive.search.budget import Budget

    closed = make_article(title="The waterbus timetable")
    spaced = make_article(title="The water bus timetable")
    make_article(title="Water rates rise", body="The bus depot closes.")  # both words, not side by side
    assert found('waterbus OR "water bus"') == {closed.pk, spaced.pk}
    assert found('(waterbus OR "water bus") timetable') == {closed.pk, spaced.pk}
    with connection.cursor() as cursor:
        whole = Compiler(cursor, Budget()).compile(parse_query('waterbus OR "water bus"').node)
        part = Compiler(cursor, Budget()).compile(parse_query('(waterbus OR "water bus") timetable').node)
    # The whole query: the words' matches, then the phrase's among the rest, in two scans (a page
    # holding a phrase candidate would otherwise have all its matches re-read for positions).
    assert "UNION ALL" in whole.table and whole.where == "TRUE"
    assert [("<->" in p) for p in whole.table_params] == [False, True, False]
    # Part of a query: two conditions of one scan.
    assert part.where.count("@@") == 3 and "UNION" not in part.table
    assert [("<->" in p) for p in part.params[:2]] == [False, True]


def test_a_phrase_with_a_common_word_is_found_through_its_grams(make_article):
    """Migration 0022's gram_vector: each adjacent pair with a common word, read off the vector's own
    positions. A two-word phrase with one is its gram alone (no vector read); a longer one needs its
    grams and its positions; the grams follow an edit of the text."""
    from archive.search.backends.postgres.compile import Compiler
    from archive.search.budget import Budget

    bank = make_article(title="Rates", body="The Bank of England held rates. Markets of Europe shrugged.")
    apart = make_article(title="Banks", body="England's bank was shut; a list of banks followed.")
    make_article(title="Ferries of", body="the harbour closed at noon.")  # title and body: two runs of words
    assert found('"bank of"') == {bank.pk} and found('"of england"') == {bank.pk}
    assert found('"bank of england"') == {bank.pk} and found('"bank of europe"') == set()
    assert found('"of banks"') == {apart.pk} and found('"of the"') == set()
    assert found('rates -"bank of"') == set() and found('"of england" OR "of banks"') == {bank.pk, apart.pk}
    with connection.cursor() as cursor:
        two = Compiler(cursor, Budget()).compile(parse_query('"bank of"').node)
        three = Compiler(cursor, Budget()).compile(parse_query('"bank of england"').node)
    assert two.where == "a.gram_vector @@ %s::tsquery" and two.params == ("'bank of'",)
    assert "a.search_vector" in three.where and three.params[0] == "'bank of' & 'of england'"

    bank.body = "The Bank held rates."
    bank.save()
    assert found('"bank of"') == set() and found('"the bank"') == {bank.pk}


def test_known_words_come_from_the_words_table_then_the_index(make_article):
    """A word as written is answered by the words table; a form only the stemmed index holds ("fire"
    from "fires") by the GIN index; a word no article holds is not known."""
    make_article(title="Harbour fires", body="Crews fought the fires overnight.")
    backend = get_backend()
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO archive_searchword (word) VALUES ('quayside')")  # as the trigger would
        held = backend.known(cursor, {"harbour", "fire", "quayside", "zzqnothing"})
    assert set(held.counts) == {"harbour", "fire", "quayside"}
    assert held.counts["quayside"] == 1 and held.articles >= 0


def test_a_live_archive_does_not_try_the_split_of_two_common_halves(make_article, monkeypatch):
    """Without rebuild_index the words table counts each word once; the counts come from the
    planner's statistics instead (words.known), so a closed word whose halves are both common is not
    also searched as their phrase, while a rarer pair still is."""
    monkeypatch.setattr("archive.search.variants.SPLIT_MAX_CANDIDATES", 2)
    # The statistics gathered here are rolled back with the test, their time is not: held apart.
    monkeypatch.setattr("archive.search.backends.postgres.words._COMMON", {})
    for n in range(24):
        make_article(title=f"Log {n}", body=f"The harbour pilot {n} met the master of the tug.")
    side_by_side = make_article(title="Quay", body="A harbour master and a boat house.")
    make_article(title="Office", body="The harbourmaster signed. The boathouse held.")
    backend = get_backend()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE archive_searchdoc")
        cursor.execute("ANALYZE archive_article")
        held = backend.known(cursor, {"harbour", "master", "boat", "house"})
    assert held.counts["harbour"] >= 20 and held.counts["master"] >= 20  # not the words table's 1
    assert side_by_side.pk not in found("harbourmaster")
    assert side_by_side.pk in found("boathouse")


@pytest.mark.django_db
def test_a_tie_at_the_person_facet_cut_goes_by_code_point_whatever_the_database_collation(tmp_path):
    import dataclasses

    from tests.fixtures_search import DOCS, make_backend, store

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_collation WHERE collname = 'en-x-icu'")
        if cursor.fetchone() is None:
            pytest.skip("PostgreSQL built without ICU")
        # What a database created under en_US (the official Docker image's default) sorts by: there
        # "al-Haddad" comes before "Zed Quill"; Whoosh, and read_facets, go by code point.
        cursor.execute('ALTER TABLE archive_person ALTER COLUMN name TYPE varchar(200) COLLATE "en-x-icu"')
    backend = make_backend(str(tmp_path / "index"), POSTGRES)
    once = [("Zed Quill",), ("al-Haddad",)]
    store(backend, [dataclasses.replace(DOCS[2], id=60 + i, people=p, digest="") for i, p in enumerate(once)])
    store(backend, [dataclasses.replace(d, people=()) for d in DOCS])
    page = backend.search(SearchRequest(parse_query(""), people_limit=1))
    assert [f.value for f in page.facets["person"]] == ["Zed Quill"]


def test_a_suggestion_check_that_fails_leaves_the_page_and_offers_the_suggestion_unchecked(
    make_article, monkeypatch
):
    """The check of "did you mean" is a search of its own: cancelled at the request's time limit it
    rolls back to a savepoint, and the page found before it stands."""
    from archive.search.backends.postgres.backend import PostgresBackend

    make_article(title="Lighthouse keepers strike", body="The lighthouse keepers walked out.")
    real = PostgresBackend.find

    def find(self, cursor, request, filters, budget):
        if request.per_page == 1:  # the suggestion's check
            cursor.execute("SELECT 1 / 0")
        return real(self, cursor, request, filters, budget)

    monkeypatch.setattr(PostgresBackend, "find", find)
    page = get_backend().search(SearchRequest(parse_query("lighthouse keeprs")))
    assert page.total == 0 and page.suggestion == "lighthouse keepers"
    assert not page.notices  # not "The search stopped..."
    # ...and the transaction went on: a search after it in the same request context still reads.
    assert get_backend().search(SearchRequest(parse_query("lighthouse"))).total == 1

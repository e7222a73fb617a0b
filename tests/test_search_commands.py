"""rebuild_index, check_index [--repair] and generate_corpus."""

from __future__ import annotations

import os

import pytest
from django.core.management import CommandError
from whoosh.analysis import RegexTokenizer

from archive.models import Article, Mention
from archive.search import get_backend
from archive.search.backend import SearchDocument
from tests.fixtures_search import found, run_command


@pytest.fixture
def unindexed(make_article, settings, use_whoosh):
    """Articles saved with indexing off: on the Whoosh backend (PostgreSQL's index is the database, so
    nothing can be left unindexed; its commands are tested in test_search_postgres.py)."""
    settings.PARALLAX_INDEX_ON_SAVE = False
    articles = [make_article(title=f"Harbour report {n}", people=["Ingrid Larsen"]) for n in range(3)]
    settings.PARALLAX_INDEX_ON_SAVE = True
    return articles


def test_rebuild_index_indexes_every_article(unindexed):
    assert found("harbour") == set()
    assert "Indexed 3 articles" in run_command("rebuild_index")
    assert found("harbour") == {a.pk for a in unindexed}


def test_rebuild_index_replaces_documents_of_deleted_articles(unindexed):
    get_backend().apply([SearchDocument(999, "Harbour ghost")], [], timeout=5)
    run_command("rebuild_index")
    assert 999 not in found("harbour")


def test_check_index_reports_missing_stale_and_stray_documents(unindexed, settings):
    run_command("rebuild_index")
    settings.PARALLAX_INDEX_ON_SAVE = False
    Article.objects.filter(pk=unindexed[0].pk).update(title="Quayside report")  # no signal: stale
    unindexed[1].delete()  # stray
    get_backend().apply([], [unindexed[2].pk], timeout=5)  # missing
    with pytest.raises(CommandError, match="3 article"):
        run_command("check_index")


def test_check_index_repair_brings_the_index_in_step(unindexed, settings):
    run_command("rebuild_index")
    settings.PARALLAX_INDEX_ON_SAVE = False
    Article.objects.filter(pk=unindexed[0].pk).update(title="Quayside report")
    assert "Repaired 1 article" in run_command("check_index", "--repair")
    assert found("quayside") == {unindexed[0].pk}
    assert "in step with the database" in run_command("check_index")


@pytest.mark.slow
def test_generate_corpus_adds_seeded_articles_with_people(db):
    run_command("generate_corpus", "30", "--seed", "7")
    assert Article.objects.count() == 30
    assert Mention.objects.count() >= 30
    lengths = [len(a.body.split()) for a in Article.objects.all()]
    assert min(lengths) >= 300 and max(lengths) <= 1400
    titles = list(Article.objects.order_by("pk").values_list("title", flat=True))
    Article.objects.all().delete()
    run_command("generate_corpus", "30", "--seed", "7")
    assert list(Article.objects.order_by("pk").values_list("title", flat=True)) == titles


def test_an_index_from_an_older_schema_is_refused_until_rebuilt(unindexed, settings, client):
    from whoosh import fields, index

    path = settings.SEARCH_BACKENDS["default"]["PATH"]
    os.makedirs(path)
    index.create_in(path, fields.Schema(id=fields.ID(stored=True, unique=True)))
    assert "older version" in client.get("/search/", {"q": "harbour"}).content.decode()
    run_command("rebuild_index")
    assert found("harbour") == {a.pk for a in unindexed}


class _GoneAnalyzer(RegexTokenizer):
    """An analyser an older Parallax had and this one does not: its index cannot be unpickled."""


def test_an_index_naming_an_analyser_that_no_longer_exists_is_refused_until_rebuilt(
    unindexed, settings, client, monkeypatch
):
    from whoosh import fields, index

    path = settings.SEARCH_BACKENDS["default"]["PATH"]
    os.makedirs(path)
    schema = fields.Schema(id=fields.ID(stored=True), body=fields.TEXT(analyzer=_GoneAnalyzer()))
    index.create_in(path, schema)
    monkeypatch.delitem(globals(), "_GoneAnalyzer")
    assert "older version" in client.get("/search/", {"q": "harbour"}).content.decode()
    run_command("rebuild_index")
    assert found("harbour") == {a.pk for a in unindexed}

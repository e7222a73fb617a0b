"""The in-memory story index follows the archive: deleted, duplicate and re-extracted articles leave it,
a rolled-back change is undone, and a process that missed pruned log entries rebuilds.
(tests/test_story_index_processes.py: the same across processes.)"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from archive.compare.stories import ArticleSignature, StoryIndex
from archive.compare.story_terms import build_terms
from archive.models import Article, StoryIndexChange
from archive.stories import clustering, synced_index
from tests import fixtures_compare as texts

DAY = dt.date(2014, 3, 4)
# Terms only one of the two invented subjects has, as build_terms would count them.
TREATY_A = {"treaty": 4.0, "harbor": 3.0, "quota": 2.0}
TREATY_B = {"treaty": 3.0, "harbor": 2.0, "fishermen": 1.0}
FLOOD = {"flood": 4.0, "metro": 3.0, "storm": 2.0}


def test_a_removed_article_is_no_longer_a_candidate():
    index = StoryIndex()
    index.add(ArticleSignature(1, TREATY_A, published=DAY))
    assert index.candidates(ArticleSignature(2, TREATY_B, published=DAY)) == [1]
    assert index.remove(1) and not index.remove(1)
    assert index.candidates(ArticleSignature(2, TREATY_B, published=DAY)) == []
    assert index.n_docs == 0


def test_a_replaced_article_is_found_by_its_new_terms_only():
    index = StoryIndex()
    index.add(ArticleSignature(1, TREATY_A, published=DAY))
    index.replace(ArticleSignature(1, FLOOD, published=DAY))
    assert index.candidates(ArticleSignature(2, TREATY_B, published=DAY)) == []
    assert index.candidates(ArticleSignature(3, FLOOD, published=DAY)) == [1]
    assert index.n_docs == 1


def test_document_frequencies_stay_exact_after_removals():
    index = StoryIndex()
    for pk in range(1, 6):
        index.add(ArticleSignature(pk, FLOOD, published=DAY))
    index.add(ArticleSignature(10, TREATY_A, published=DAY))
    for pk in range(1, 5):
        index.remove(pk)
    assert (index.df("metro"), index.df("treaty"), index.n_docs) == (1, 1, 2)
    index.remove(5)
    assert index.df("metro") == 0
    assert index.candidates(ArticleSignature(20, TREATY_B, published=DAY)) == [10]


@pytest.mark.django_db
def test_a_deleted_article_leaves_the_index(ingest):
    treaty = ingest(texts.LISBON_TITLE_A, texts.LISBON_BODY_A)
    assert treaty.pk in synced_index.current()
    Article.objects.filter(pk=treaty.pk).delete()
    assert treaty.pk not in synced_index.current()


@pytest.mark.django_db
def test_an_article_marked_a_duplicate_leaves_the_index(ingest):
    treaty = ingest(texts.LISBON_TITLE_A, texts.LISBON_BODY_A)
    copy = ingest(texts.LISBON_TITLE_B, texts.LISBON_BODY_B)
    copy.duplicate_of = treaty
    copy.save()
    assert copy.pk not in synced_index.current()
    assert treaty.pk in synced_index.current()


@pytest.mark.django_db
def test_a_re_extracted_article_is_indexed_with_its_new_text(ingest):
    article = ingest(texts.LISBON_TITLE_A, texts.LISBON_BODY_A)
    assert build_terms(texts.LISBON_TITLE_A, texts.LISBON_BODY_A).keys() >= TREATY_A.keys()
    assert build_terms(texts.FLOOD_TITLE, texts.FLOOD_BODY).keys() >= FLOOD.keys()
    article.title, article.body = texts.FLOOD_TITLE, texts.FLOOD_BODY
    article.save()
    clustering.on_article_ingested(article)
    index = synced_index.current()
    assert index.candidates(ArticleSignature(-1, TREATY_B, published=DAY)) == []
    assert index.candidates(ArticleSignature(-1, FLOOD, published=DAY)) == [article.pk]


@pytest.mark.django_db
def test_a_change_rolled_back_after_this_process_applied_it_is_undone_here(ingest):
    article = ingest(texts.LISBON_TITLE_A, texts.LISBON_BODY_A)
    other = ingest(texts.OSLO_TITLE, texts.OSLO_BODY)
    with pytest.raises(RuntimeError), transaction.atomic():
        article.title, article.body = texts.FLOOD_TITLE, texts.FLOOD_BODY
        article.save()
        clustering.on_article_ingested(article)
        assert synced_index.current().candidates(ArticleSignature(-1, FLOOD, published=DAY)) == [article.pk]
        raise RuntimeError("the rest of the transaction failed")
    # The rolled-back change's number is given to the next change (here: a deletion), which this
    # process must not take for one it has seen already.
    Article.objects.filter(pk=other.pk).delete()
    index = synced_index.current()
    assert other.pk not in index
    assert index.candidates(ArticleSignature(-1, FLOOD, published=DAY)) == []
    assert index.candidates(ArticleSignature(-1, TREATY_B, published=DAY)) == [article.pk]


@pytest.mark.django_db
def test_a_process_that_missed_pruned_changes_rebuilds_its_index(ingest):
    ids = [ingest(texts.LISBON_TITLE_A, texts.LISBON_BODY_A).pk for _ in range(3)]
    assert all(pk in synced_index.current() for pk in ids)
    Article.objects.filter(pk__in=ids[:2]).delete()  # logged; this process reads the log at its next use
    # ... but the entry of the first deletion is pruned before it does
    first_unseen = StoryIndexChange.objects.filter(kind="removed").order_by("seq").first().seq
    StoryIndexChange.objects.filter(seq__lte=first_unseen).delete()
    index = synced_index.current()
    assert [pk in index for pk in ids] == [False, False, True]


@pytest.mark.django_db
def test_clustering_an_article_indexes_the_changes_since_the_last_not_the_archive(ingest, monkeypatch):
    for n in range(30):
        ingest(f"Flood report {n}", texts.FLOOD_BODY.replace("six", str(n)))
    synced_index.current()
    indexed = []
    add = StoryIndex.add
    monkeypatch.setattr(StoryIndex, "add", lambda self, sig: (indexed.append(sig.article_id), add(self, sig)))
    article = ingest(texts.LISBON_TITLE_A, texts.LISBON_BODY_A)
    assert synced_index.current().n_docs == 31
    assert indexed == [article.pk]  # its own change (indexed at once, not read back), never the other 30


@pytest.mark.django_db
def test_people_merged_are_found_under_the_person_kept(ingest, make_person):
    from archive.importing.resolution import merge_people

    kept, merged = make_person("Anna Petrova"), make_person("A. Petrova")
    article = ingest(texts.LISBON_TITLE_A, texts.LISBON_BODY_A, people=[merged])
    assert synced_index.current().candidates(ArticleSignature(-1, {}, {kept.pk: 1}, DAY)) == []
    merge_people(kept, [merged])
    assert synced_index.current().candidates(ArticleSignature(-1, {}, {kept.pk: 1}, DAY)) == [article.pk]


@pytest.mark.django_db
def test_an_article_stored_with_its_story_is_a_candidate_at_once(ingest, make_article):
    treaty = ingest(texts.LISBON_TITLE_A, texts.LISBON_BODY_A)
    synced_index.current()
    # as an export is restored: the story comes with the article, the ingest hook is not run
    restored = make_article(
        title=texts.FLOOD_TITLE, body=texts.FLOOD_BODY, story=treaty.story, published_date=DAY
    )
    assert synced_index.current().candidates(ArticleSignature(-1, FLOOD, published=DAY)) == [restored.pk]


@pytest.mark.django_db(transaction=True)
def test_an_upload_builds_the_story_index_before_any_article_transaction(monkeypatch):
    """Building it reads every article's terms (a minute at 100,000): inside an article's
    transaction that would hold SQLite's write lock for the minute."""
    from django.db import connection

    from archive.importing.importer import import_files

    synced_index.reset()
    built_in_transaction = []
    real_build = synced_index._build
    monkeypatch.setattr(
        synced_index,
        "_build",
        lambda: (built_in_transaction.append(connection.in_atomic_block), real_build()),
    )
    text = "Ferry fares rise\nThe Test Gazette\n3 March 2014\n\n" + "The harbour board raised fares. " * 9
    results = import_files([("ferry.txt", text.encode())])
    assert [r.status for r in results] == ["created"]
    assert built_in_transaction == [False]
    synced_index.reset()

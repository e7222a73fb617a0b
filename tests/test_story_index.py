"""The in-memory story index follows the archive: deleted, duplicate and re-extracted articles leave it."""

from __future__ import annotations

import datetime as dt

import pytest

from archive import clustering
from archive.compare.stories import ArticleSignature, StoryIndex
from archive.compare.story_terms import build_terms
from archive.models import Article
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
    assert treaty.pk in clustering._index()  # noqa: SLF001
    Article.objects.filter(pk=treaty.pk).delete()
    assert treaty.pk not in clustering._index()  # noqa: SLF001


@pytest.mark.django_db
def test_an_article_marked_a_duplicate_leaves_the_index(ingest):
    treaty = ingest(texts.LISBON_TITLE_A, texts.LISBON_BODY_A)
    copy = ingest(texts.LISBON_TITLE_B, texts.LISBON_BODY_B)
    copy.duplicate_of = treaty
    copy.save()
    assert copy.pk not in clustering._index()  # noqa: SLF001
    assert treaty.pk in clustering._index()  # noqa: SLF001


@pytest.mark.django_db
def test_a_re_extracted_article_is_indexed_with_its_new_text(ingest):
    article = ingest(texts.LISBON_TITLE_A, texts.LISBON_BODY_A)
    assert build_terms(texts.LISBON_TITLE_A, texts.LISBON_BODY_A).keys() >= TREATY_A.keys()
    assert build_terms(texts.FLOOD_TITLE, texts.FLOOD_BODY).keys() >= FLOOD.keys()
    article.title, article.body = texts.FLOOD_TITLE, texts.FLOOD_BODY
    article.save()
    clustering.on_article_ingested(article)
    index = clustering._index()  # noqa: SLF001
    assert index.candidates(ArticleSignature(-1, TREATY_B, published=DAY)) == []
    assert index.candidates(ArticleSignature(-1, FLOOD, published=DAY)) == [article.pk]

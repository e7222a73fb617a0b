"""The index follows the database: saves, deletes, mention and name changes are indexed after commit."""

from __future__ import annotations

import pytest
from django.db import transaction

from archive.models import Mention
from archive.search import bulk_indexing, get_backend
from tests.fixtures_search import found


@pytest.mark.usefixtures("use_whoosh")  # Whoosh indexes after commit; PostgreSQL: test_search_postgres.py
def test_a_saved_article_is_searchable_once_its_transaction_commits(
    make_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article = make_article(title="Lighthouse keepers strike")
        assert found("lighthouse") == set()  # not before the commit
    for callback in callbacks:
        callback()
    assert found("lighthouse") == {article.pk}


def test_editing_an_article_updates_its_document(make_article, indexed):
    with indexed():
        article = make_article(title="Lighthouse keepers strike")
    with indexed():
        article.title = "Ferry crews strike"
        article.save()
    assert found("ferry") == {article.pk}
    assert found("lighthouse") == set()


def test_a_deleted_article_leaves_the_index(make_article, indexed):
    with indexed():
        article = make_article(title="Lighthouse keepers strike")
    with indexed():
        article.delete()
    assert found("lighthouse") == set()
    assert get_backend().count() == 0


def test_adding_a_mention_makes_the_person_searchable(make_article, make_person, indexed):
    with indexed():
        article = make_article(title="Lighthouse keepers strike")
        person = make_person("Ingrid Larsen")
    with indexed():
        Mention.objects.create(article=article, person=person, count=2, forms=["Larsen"])
    assert found("person:Larsen") == {article.pk}


def test_renaming_a_source_or_person_updates_their_articles(make_article, make_source, indexed):
    with indexed():
        source = make_source("The Quay Gazette")
        article = make_article(title="Harbour dues rise", source=source, people=["Ingrid Larsen"])
    with indexed():
        source.name = "The Quay Telegraph"
        source.save()
        person = article.people.get()
        person.name = "Ingrid Larsen-Berg"
        person.save()
    assert found('source:"Quay Telegraph"') == {article.pk}
    assert found("person:Berg") == {article.pk}


def test_a_rolled_back_save_is_not_indexed_and_later_saves_still_are(make_article, indexed):
    with indexed():
        with pytest.raises(RuntimeError), transaction.atomic():
            make_article(title="Lighthouse keepers strike")
            raise RuntimeError("abort the upload")
        kept = make_article(title="Ferry crews strike")
    assert found("lighthouse") == set()
    assert found("ferry") == {kept.pk}


@pytest.mark.usefixtures("use_whoosh")  # Whoosh indexes after commit; PostgreSQL: test_search_postgres.py
def test_bulk_indexing_commits_a_batch_once(make_article, indexed, monkeypatch):
    backend = get_backend()
    calls = []
    real_apply = backend.apply
    monkeypatch.setattr(backend, "apply", lambda *a, **k: calls.append(1) or real_apply(*a, **k))
    with indexed(), bulk_indexing():
        articles = [make_article(title=f"Dockside report {n}", people=["Ingrid Larsen"]) for n in range(8)]
    assert len(calls) == 1
    assert found("dockside") == {a.pk for a in articles}


@pytest.mark.usefixtures("use_whoosh")  # Whoosh indexes after commit; PostgreSQL: test_search_postgres.py
def test_index_on_save_can_be_switched_off(make_article, indexed, settings):
    settings.PARALLAX_INDEX_ON_SAVE = False
    with indexed():
        make_article(title="Lighthouse keepers strike")
    assert found("lighthouse") == set()


def test_a_chunk_of_articles_naming_over_a_thousand_people_is_indexed_and_exported(make_article, indexed):
    # SQLite refuses an expression deeper than 1,000 terms; Django 5.2 prefetched people as an OR
    # of one equality each, so a 500-article chunk of real pages (which name that many) failed.
    from archive.models import Person
    from archive.search.documents import documents_for
    from archive.search.exports import csv_lines

    article = make_article(title="Roll of honour")
    people = Person.objects.bulk_create(
        [Person(name=f"Volunteer {i}", slug=f"volunteer-{i}") for i in range(1100)]
    )
    Mention.objects.bulk_create([Mention(article=article, person=p, count=1) for p in people])
    (doc,) = documents_for([article.pk])
    assert len(doc.people) == 1100
    rows = list(csv_lines([article.pk]))
    assert "Volunteer 1099" in rows[1]

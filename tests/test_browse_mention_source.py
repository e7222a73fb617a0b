"""Mention.source, the copy of each article's outlet that the people pages count outlets from,
stays equal to the article's outlet whatever writes mentions or outlets."""

from __future__ import annotations

import importlib
from pathlib import Path

from django.apps import apps

from archive import browsing
from archive.importing.base import save_mentions
from archive.importing.resolution import merge_people
from archive.ingest.article import PersonMention
from archive.ingest.namekeys import name_key
from archive.models import Article, Mention

# Found by name, not number: migrations are renumbered when branches merge.
_migrations = Path(importlib.import_module("archive.migrations").__file__).parent
(_path,) = _migrations.glob("*_browse_mention_source.py")
migration = importlib.import_module(f"archive.migrations.{_path.stem}")


def mismatched() -> int:
    """Mentions whose outlet is not their article's (NULL compared as a value)."""
    mentions = Mention.objects.select_related("article")
    return sum(m.source_id != m.article.source_id for m in mentions)


def outlet_count(person) -> int:
    return browsing.person_totals(person).outlet_count


def test_a_new_mention_carries_its_articles_outlet(make_article, make_person):
    lena = make_person("Lena Vogt")
    article = make_article(source="Harbour Times", source_name="Harbour Times", people=[lena])
    assert Mention.objects.get(article=article).source == article.source
    assert Mention.objects.get(article=article).source.name == "Harbour Times"


def test_mentions_saved_by_the_importer_carry_the_outlet(make_article):
    article = make_article(source="Evening Ledger", source_name="Evening Ledger")
    save_mentions(article, [PersonMention("Tomas Berg", ("Tomas Berg",), 2, name_key("Tomas Berg"))])
    save_mentions(
        article,
        [PersonMention("Tomas Berg", ("Berg",), 1, name_key("Tomas Berg"))],
        replace=True,
    )
    mention = Mention.objects.get(article=article)
    assert mention.source.name == "Evening Ledger" and mention.count == 1
    assert mismatched() == 0


def test_editing_an_articles_outlet_moves_its_mentions_and_the_outlet_count(
    client, make_article, make_person, make_source
):
    lena = make_person("Lena Vogt")
    first = make_article(source="Harbour Times", source_name="Harbour Times", people=[lena])
    make_article(source="Evening Ledger", source_name="Evening Ledger", people=[lena])
    assert outlet_count(lena) == 2

    first.source = Article.objects.exclude(pk=first.pk).get().source
    first.save()

    assert mismatched() == 0
    assert outlet_count(lena) == 1
    assert "2 articles from 1 outlet" in client.get(lena.get_absolute_url()).content.decode()
    first.source = None
    first.save(update_fields=["source"])
    assert mismatched() == 0 and outlet_count(lena) == 1


def test_a_bulk_update_of_outlets_moves_the_mentions_too(make_article, make_person, make_source):
    lena = make_person("Lena Vogt")
    for name in ("Harbour Times", "Evening Ledger", "Coast Courier"):
        make_article(source=name, source_name=name, people=[lena])
    wire = make_source("Wire Desk")

    Article.objects.filter(source__name__in=["Harbour Times", "Evening Ledger"]).update(source=wire)

    assert mismatched() == 0
    assert outlet_count(lena) == 2
    assert [o.name for o in browsing.outlets_for_person(lena)] == ["Wire Desk", "Coast Courier"]


def test_merging_people_keeps_their_outlet_counts_right(make_article, make_person):
    lena, vogt = make_person("Lena Vogt"), make_person("L. Vogt")
    make_article(source="Harbour Times", source_name="Harbour Times", people=[lena])
    make_article(source="Evening Ledger", source_name="Evening Ledger", people=[vogt])
    make_article(source="Coast Courier", source_name="Coast Courier", people=[lena, vogt])

    merged = merge_people(lena, [vogt])

    assert mismatched() == 0
    totals = browsing.person_totals(merged)
    assert (totals.article_count, totals.outlet_count, totals.mention_count) == (3, 3, 4)


def test_the_migration_copies_each_articles_outlet_onto_existing_mentions(make_article, make_person):
    lena = make_person("Lena Vogt")
    make_article(source="Harbour Times", source_name="Harbour Times", people=[lena])
    make_article(source="Evening Ledger", source_name="Evening Ledger", people=[lena])
    unknown = make_article(people=[lena])
    Article.objects.filter(pk=unknown.pk).update(source=None)
    Mention.objects.update(source=None)

    migration.copy_sources(apps, None)

    assert mismatched() == 0
    assert outlet_count(lena) == 2


def test_the_most_mentioned_list_filtered_by_initial_counts_only_those_people(client, make_article):
    for n in range(3):
        make_article(people=["Eva Lind", "Omar Haddad"] if n else ["Eva Lind"])
    html = client.get("/people/?letter=e").content.decode()
    assert "Eva Lind" in html and "Omar Haddad" not in html
    assert "Page 1 of" not in html  # one person: no pagination

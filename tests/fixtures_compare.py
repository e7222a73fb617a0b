# ruff: noqa: E501  (the invented articles below are prose: one paragraph a line)
"""Shared pytest fixtures for the compare tests (registered in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

# Seeds whose outlet the text does not name: the uploader names it, as an editor would.
_UPLOADER_SOURCES = {"003_d43e4ed34428a101.txt": "The National"}


@pytest.fixture(autouse=True)
def _fresh_story_index():
    """Each test database starts empty, so the in-memory story index must too."""
    from archive.stories import clustering

    clustering.reset_index()
    yield
    clustering.reset_index()


@pytest.fixture
def seeded_archive(db, seeds_dir: Path, expected: dict) -> dict:
    """The five seeds imported one by one through the importer, as an upload would; name -> Article."""
    from archive.importing.importer import import_files
    from archive.models import Article, Source

    Source.objects.get_or_create(name="The BRICS Post", defaults={"aliases": ["TBP"]})
    articles = {}
    for name in sorted(expected["articles"]):
        data = (seeds_dir / name).read_bytes()
        [result] = import_files([(name, data)], source_name=_UPLOADER_SOURCES.get(name))
        assert result.article, f"{name} was not imported: {result.error}"
        articles[name] = Article.objects.get(pk=result.article)
    return articles


@pytest.fixture
def ingest(make_article, make_source):
    """Store an article as the importer would (people as Mentions), run the ingest hook, refresh it."""
    import datetime as dt

    from archive.stories import clustering

    def make(title, body, *, people=(), published_date=dt.date(2014, 3, 4), source=None):
        article = make_article(
            title=title,
            body=body,
            people=list(people),
            published_date=published_date,
            source=source or make_source(),
        )
        clustering.on_article_ingested(article)
        article.refresh_from_db()
        return article

    return make


# --- Invented articles for the clustering and comparison tests (text written for these tests) ---------

LISBON_TITLE_A = "Petrova and Haddad sign harbour treaty in Lisbon"
LISBON_BODY_A = """LISBON — Foreign Minister Anna Petrova and her counterpart Omar Haddad signed a harbour treaty in Lisbon on Tuesday, ending three years of wrangling over fishing quotas and port fees in the Tagus estuary.

The treaty sets a twelve-mile fishing zone, halves port fees for trawlers and creates a joint coastguard patrol based at the Alcantara docks.

"This harbour treaty shows that patient diplomacy still works, even after three difficult years," Petrova said at the signing ceremony in the Belem palace.

Haddad told reporters the joint coastguard patrol would begin in the spring. "Our fishermen have waited long enough for fair quotas," he said.

The Lisbon treaty must still be ratified by both parliaments before the new port fees apply."""

LISBON_TITLE_B = "Lisbon harbour treaty: Haddad and Petrova end quota dispute"
LISBON_BODY_B = """Omar Haddad and Anna Petrova put their names to the Lisbon harbour treaty on Tuesday at the Belem palace, closing a three-year dispute over fishing quotas and port fees.

Under the treaty trawlers pay half the old port fees inside a twelve-mile fishing zone, and a joint coastguard patrol will operate from the Alcantara docks in the Tagus estuary.

"This harbour treaty shows that patient diplomacy works, even after three difficult years," said Petrova.

Both parliaments still have to ratify the treaty. Haddad said fishermen had waited long enough for fair quotas and that the coastguard patrol would start in spring.

Critics in the fishing ports said the quotas remained too low."""

OSLO_TITLE = "Petrova and Haddad meet in Oslo over gas pipeline"
OSLO_BODY = """OSLO — Anna Petrova and Omar Haddad met in Oslo on Monday to discuss a gas pipeline under the North Sea, a year after their harbour treaty.

The two ministers disagreed over pipeline transit tariffs and over which company should build the compressor station near Stavanger.

"We are not there yet on the tariffs," Haddad said after the talks in the Norwegian capital.

Petrova said engineers would study two routes for the pipeline before a decision in the autumn. The gas pipeline would carry twelve billion cubic metres a year."""

FLOOD_TITLE = "Storm floods Rotterdam metro stations"
FLOOD_BODY = """ROTTERDAM — A violent storm flooded six metro stations in Rotterdam on Tuesday, stranding thousands of commuters and closing the Erasmus bridge to traffic.

Mayor Pieter de Wit said pumps were working through the night. "The water came faster than any forecast predicted," de Wit told local radio.

Firefighters rescued passengers from two trains stuck in a tunnel under the Maas river. The city's transport company said the metro would stay closed until Thursday while engineers inspect the tunnels and signals."""


@pytest.fixture
def lisbon_archive(db, make_article, make_source, django_capture_on_commit_callbacks):
    """Four invented articles through the ingest hook: two outlets on the Lisbon treaty (one story),
    the same ministers in Oslo a year later, and a flood on the treaty's day. name -> Article."""
    import datetime as dt

    from archive.models import Person
    from archive.stories import clustering

    harbour = make_source("Harbour Times")
    ledger = make_source("Evening Ledger")
    petrova, haddad = Person.objects.create(name="Anna Petrova"), Person.objects.create(name="Omar Haddad")
    day = dt.date(2014, 3, 4)
    specs = {
        "treaty": (harbour, LISBON_TITLE_A, LISBON_BODY_A, day, [petrova, haddad], "Reuters"),
        "treaty_ledger": (ledger, LISBON_TITLE_B, LISBON_BODY_B, day, [petrova, haddad], "By Ledger staff"),
        "pipeline": (harbour, OSLO_TITLE, OSLO_BODY, day + dt.timedelta(days=370), [petrova, haddad], ""),
        "flood": (ledger, FLOOD_TITLE, FLOOD_BODY, day, [], ""),
    }
    articles = {}
    with django_capture_on_commit_callbacks(execute=True):  # the search index follows, as after a real commit
        for name, (source, title, body, published, people, credit) in specs.items():
            article = make_article(
                source=source, title=title, body=body, published_date=published, people=people, credit=credit
            )
            clustering.on_article_ingested(article)
            articles[name] = article
    for article in articles.values():
        article.refresh_from_db()
    return articles


# One invented meeting, reported in three languages (text written for these tests).
LUND_ENGLISH = (
    "Foreign Minister Irina Volkova met Chancellor Jonas Brandt in Lund on 14 March 2025. "
    "They agreed to send 1,500 observers and to spend 2.5 million euros on the mission. "
    '"We will not leave the border villages alone," Volkova said. '
    "Brandt said the talks would go on in April."
)
LUND_RUSSIAN = (
    "Министр иностранных дел Ирина Волкова встретилась с канцлером Йонасом Брандтом в Лунде 14 марта. "
    "Стороны договорились направить 1 500 наблюдателей и выделить на миссию 2,5 млн евро. "
    "«Мы не оставим приграничные сёла одних», — заявила Волкова."
)
LUND_GERMAN = (
    "Außenministerin Irina Wolkowa traf Kanzler Jonas Brandt am 14. März in Lund. Beide wollen "
    "1.500 Beobachter entsenden und 2,5 Millionen Euro für die Mission ausgeben. Ein Sprecher, "
    "Daniel Okafor, nannte das Treffen offen."
)


@pytest.fixture
def lund_story(make_article, make_person, make_source):
    """One invented meeting in Lund reported in English, Russian and German (tests/test_alignment.py
    aligns the texts): two people with each article's spellings, one speaker quoted in two languages."""
    from archive.models import Mention, Quote, Story

    story = Story.objects.create(title="Volkova and Brandt meet in Lund")
    volkova, brandt = make_person("Irina Volkova"), make_person("Jonas Brandt")
    reports = (
        ("London Ledger", "en", LUND_ENGLISH, "2025-03-14", ("Irina Volkova", "Volkova"), ("Jonas Brandt",)),
        (
            "Moscow Daily",
            "ru",
            LUND_RUSSIAN,
            "2025-03-15",
            ("Ирина Волкова", "Волкова"),
            ("Йонасом Брандтом",),
        ),
        ("Berliner Blatt", "de", LUND_GERMAN, "2025-03-16", ("Irina Wolkowa",), ("Jonas Brandt",)),
    )
    articles = {}
    for outlet, language, body, day, volkova_forms, brandt_forms in reports:
        article = make_article(
            title=f"{outlet}: the Lund meeting",
            body=body,
            source=make_source(outlet),
            story=story,
            language=language,
            published_date=day,
        )
        Mention.objects.create(article=article, person=volkova, count=2, forms=list(volkova_forms))
        Mention.objects.create(article=article, person=brandt, count=1, forms=list(brandt_forms))
        articles[language] = article
    for language, text in (
        ("en", "We will not leave the border villages alone"),
        ("ru", "Мы не оставим приграничные сёла одних"),
    ):
        Quote.objects.create(article=articles[language], text=text, speaker="Volkova", person=volkova)
    return story

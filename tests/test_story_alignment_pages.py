"""The story page's "Aligned across outlets" and the same rows in /api/stories/ID/: one invented
meeting reported in English, Russian and German (tests/test_alignment.py's texts), the people
resolved to one person each with every article's own spelling, one speaker quoted in two languages."""

from __future__ import annotations

import pytest

from archive.models import Article, Mention, Quote, Story
from tests.test_alignment import ENGLISH, GERMAN, RUSSIAN


@pytest.fixture
def story(make_article, make_person, make_source):
    story = Story.objects.create(title="Volkova and Brandt meet in Lund")
    volkova, brandt = make_person("Irina Volkova"), make_person("Jonas Brandt")
    reports = (
        ("London Ledger", "en", ENGLISH, "2025-03-14", ("Irina Volkova", "Volkova"), ("Jonas Brandt",)),
        ("Moscow Daily", "ru", RUSSIAN, "2025-03-15", ("Ирина Волкова", "Волкова"), ("Йонасом Брандтом",)),
        ("Berliner Blatt", "de", GERMAN, "2025-03-16", ("Irina Wolkowa",), ("Jonas Brandt",)),
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


def test_the_story_page_aligns_people_quotes_figures_and_days(client, story):
    page = client.get(story.get_absolute_url()).content.decode()
    section = page[page.index("Aligned across outlets") :]
    for wording in ("Ирина Волкова", "Irina Wolkowa", "Йонасом Брандтом", "2,5 млн", "1.500", "14 марта"):
        assert wording in section
    assert "Мы не оставим приграничные сёла одних" in section
    assert "not quoted" in section  # the German report names her without quoting her
    assert 'lang="ru"' in section


def test_the_story_api_carries_the_alignment(client, story):
    aligned = client.get(f"/api/stories/{story.pk}/").json()["aligned"]
    assert [(c["source"], c["language"]) for c in aligned["columns"]] == [
        ("London Ledger", "en"),
        ("Moscow Daily", "ru"),
        ("Berliner Blatt", "de"),
    ]
    people = {row["label"]: row["cells"] for row in aligned["people"]}
    assert people["Irina Volkova"] == [
        ["Irina Volkova", "Volkova"],
        ["Ирина Волкова", "Волкова"],
        ["Irina Wolkowa"],
    ]
    (speaker,) = aligned["speakers"]
    assert speaker["cells"][2] == [] and speaker["cells"][1] == ["Мы не оставим приграничные сёла одних"]
    figures = {row["label"]: row["cells"] for row in aligned["numbers"]}
    assert figures["1,500"] == [["1,500"], ["1 500"], ["1.500"]]
    assert [row["label"] for row in aligned["dates"]] == ["14 March 2025"]


def test_an_article_of_no_known_outlet_has_source_null(client, story, make_article):
    make_article(
        title="Unsigned", body=ENGLISH, story=story, source=None, language="en", published_date="2025-03-17"
    )

    Article.objects.filter(title="Unsigned").update(source=None)
    data = client.get(f"/api/stories/{story.pk}/").json()
    assert [a["source"] for a in data["articles"]][-1] is None
    assert data["aligned"]["columns"][-1]["source"] is None

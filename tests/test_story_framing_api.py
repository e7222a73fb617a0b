"""The story page and /api/stories/ID/ set every article's language beside it, and say how each
outlet frames the event: its own words, whom it quotes and whom it leaves out."""

from __future__ import annotations

import pytest

from archive.models import Quote, Story

FIRST = (
    "The regime shelled rebel positions near the city on Monday, and the rebels said the regime had "
    "broken the truce. Regime forces moved tanks north. The rebels asked for help."
)
SECOND = (
    "The government said it answered attacks by the opposition near the city on Monday. Government "
    "troops moved north, and the opposition said the government had broken the truce."
)

# The rest of the archive: everyday coverage, the prior the outlets' words are weighed against.
BACKGROUND = (
    "The council approved a budget for schools and roads. Teachers welcomed the plan on Monday.",
    "Ministers discussed taxes, hospitals and the budget with business leaders in the capital.",
    "A storm closed the port for two days. Ferries resumed on Thursday, the harbour office said.",
    "The central bank kept interest rates unchanged and said prices were rising more slowly.",
)


@pytest.fixture
def story(make_article, make_person, make_source):
    for i, body in enumerate(BACKGROUND * 3):
        make_article(title=f"Everyday news {i}", body=body)
    story = Story.objects.create(title="Fighting near the city")
    spokesman = make_person("Omar Haddad")
    make_article(
        title="Regime shells rebels", body=FIRST, source=make_source("Outlet One"), story=story, language="en"
    )
    second = make_article(
        title="Government answers opposition attacks",
        body=SECOND,
        source=make_source("Outlet Two"),
        story=story,
        language="ru",
        people=[spokesman],
    )
    Quote.objects.create(article=second, text="We answered attacks", speaker="Omar Haddad", person=spokesman)
    return story


def test_the_story_api_carries_each_outlets_framing(client, story):
    data = client.get(f"/api/stories/{story.pk}/").json()
    framing = {f["outlet"]: f for f in data["framing"]}
    assert {t["term"].lower() for t in framing["Outlet One"]["terms"]} & {"regime", "rebels"}
    assert {t["term"].lower() for t in framing["Outlet Two"]["terms"]} & {"government", "opposition"}
    assert framing["Outlet Two"]["quoted"] == ["Omar Haddad"]
    assert framing["Outlet One"]["leaves_out"] == ["Omar Haddad"]


def test_every_article_says_its_language(client, story):
    data = client.get(f"/api/stories/{story.pk}/").json()
    assert {a["language"] for a in data["articles"]} == {"en", "ru"}
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Russian" in page and "English" in page
    assert "How each outlet frames it" in page

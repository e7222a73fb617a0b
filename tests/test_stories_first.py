"""Stories first: /stories/, its API and the home page lead with what several outlets covered; a story
page names the outlets that were publishing in its days but did not cover it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from archive.models import Article, Source, Story
from archive.stories import clustering

pytestmark = pytest.mark.django_db


@pytest.fixture
def story_of(make_article):
    """story_of(title, [(outlet name, date, language), ...]): one story holding those articles."""

    def make(title: str, coverage: list[tuple], **kwargs) -> Story:
        story = Story.objects.create(title=title, title_is_custom=True, **kwargs)
        for outlet, day, *language in coverage:
            source = Source.objects.get_or_create(name=outlet)[0] if outlet else None
            article = make_article(title=f"{title} ({outlet})", published_date=day, story=story)
            Article.objects.filter(pk=article.pk).update(source=source, language=(language or ["en"])[0])
        return clustering.refresh_story(story)

    return make


@pytest.fixture
def archive(story_of):
    """Four stories: one outlet (newest), two outlets (old), three outlets (older), two and an
    article with no outlet (newest)."""
    day = dt.date(2015, 6, 1)
    return {
        "single": story_of("Single", [("Alpha", day + dt.timedelta(days=30))]),
        "pair_old": story_of("Pair old", [("Alpha", day), ("Beta", day)]),
        "three": story_of(
            "Three", [("Alpha", day - dt.timedelta(days=90)), ("Beta", None), ("Gamma", None, "de")]
        ),
        "pair_new": story_of(
            "Pair new", [("Beta", day + dt.timedelta(days=20)), ("Delta", day), (None, day)]
        ),
    }


def titles(response) -> list[str]:
    return [story.title for story in response.context["stories"]]


def test_stories_are_listed_most_outlets_first_then_newest(client, archive):
    response = client.get(reverse("archive:story_list"))
    assert titles(response) == ["Three", "Pair new", "Pair old"]
    # a story one outlet covered is still reachable, below a link
    assert "Also list the 1 story only one outlet covered" in response.content.decode()
    assert titles(client.get(reverse("archive:story_list"), {"min_outlets": 1}))[-1] == "Single"


def test_an_article_with_no_outlet_adds_no_outlet_to_its_story(archive, story_of):
    assert archive["pair_new"].outlet_count == 2  # Beta and Delta; the unnamed page is not a third
    assert story_of("Unnamed", [(None, dt.date(2015, 2, 1)), (None, dt.date(2015, 2, 2))]).outlet_count == 1
    single = story_of("Single and unnamed", [("Alpha", dt.date(2015, 2, 1)), (None, dt.date(2015, 2, 1))])
    assert single.outlet_count == 1  # one outlet's story: not listed among the multi-outlet ones


def test_the_outlet_count_follows_an_article_moved_to_another_outlet(archive):
    pair = archive["pair_old"]
    pair.articles.update(source=Source.objects.get(name="Alpha"))
    pair.refresh_from_db()
    assert pair.outlet_count == 1
    article = pair.articles.first()
    article.source = Source.objects.get(name="Gamma")
    article.save()
    pair.refresh_from_db()
    assert pair.outlet_count == 2


def test_stories_filter_by_outlet_count_outlet_language_and_dates(client, archive):
    url = reverse("archive:story_list")
    assert titles(client.get(url, {"min_outlets": 3})) == ["Three"]
    assert titles(client.get(url, {"outlet": "gamma"})) == ["Three"]  # by name, any case
    assert titles(client.get(url, {"outlet": "alpha", "min_outlets": 1})) == ["Three", "Pair old", "Single"]
    assert titles(client.get(url, {"language": "de"})) == ["Three"]
    assert titles(client.get(url, {"from": "2015-06-10", "to": "2015-12-31"})) == ["Pair new"]
    assert titles(client.get(url, {"to": "2015-03-31"})) == ["Three"]


def test_the_language_box_suggests_the_archives_languages_by_name(client, archive):
    page = client.get(reverse("archive:story_list")).content.decode()
    assert '<option value="de">German</option>' in page
    assert '<option value="en">English</option>' in page


def test_a_bad_filter_value_gets_a_clear_message_not_an_error(client, archive):
    url = reverse("archive:story_list")
    for params, message in [
        ({"min_outlets": "many"}, "Enter a whole number."),
        ({"min_outlets": "0"}, "greater than or equal to 1"),
        ({"outlet": "Nowhere Gazette"}, "No outlet called “Nowhere Gazette”"),
        ({"language": "english!"}, "two-letter code"),
        ({"from": "2015-13-45"}, "Enter a valid date."),
        ({"from": "2016-01-01", "to": "2015-01-01"}, "after the “to” date"),
    ]:
        response = client.get(url, params)
        assert response.status_code == 400
        assert message in response.content.decode()


def test_the_story_api_follows_the_list_order_and_filters(client, archive):
    url = reverse("archive:api_stories")
    data = client.get(url).json()
    assert [row["title"] for row in data["results"]] == ["Three", "Pair new", "Pair old"]
    assert [row["outlet_count"] for row in data["results"]] == [3, 2, 2]
    assert [
        row["title"] for row in client.get(url, {"outlet": "beta", "to": "2015-06-01"}).json()["results"]
    ] == [
        "Three",
        "Pair new",
        "Pair old",
    ]
    bad = client.get(url, {"min_outlets": "x"})
    assert bad.status_code == 400 and "whole number" in bad.json()["error"]


def test_the_home_page_leads_with_the_stories_most_outlets_covered(client, archive):
    response = client.get(reverse("archive:home"))
    assert [story.title for story in response.context["leading_stories"]] == ["Three", "Pair new", "Pair old"]
    assert "Stories covered by most outlets" in response.content.decode()


def test_the_home_page_shows_the_newest_stories_while_none_has_two_outlets(client, story_of):
    story_of("Lone", [("Alpha", dt.date(2015, 1, 1))])
    response = client.get(reverse("archive:home"))
    assert [story.title for story in response.context["leading_stories"]] == ["Lone"]
    assert "Latest stories" in response.content.decode()


def test_a_story_page_names_the_outlets_publishing_then_that_did_not_cover_it(client, story_of, make_article):
    day = dt.date(2016, 3, 10)
    story = story_of("Summit", [("Alpha", day), ("Beta", day + dt.timedelta(days=2))])
    for outlet, when in [
        ("Gamma", day + dt.timedelta(days=1)),  # inside the story's days
        ("Delta", day + dt.timedelta(days=3)),  # a day after its last: within the margin
        ("Epsilon", day + dt.timedelta(days=10)),  # publishing, but not then
    ]:
        make_article(source=Source.objects.get_or_create(name=outlet)[0], published_date=when)
    response = client.get(reverse("archive:story", args=[story.pk]))
    assert [outlet.name for outlet in response.context["not_covered"]] == ["Delta", "Gamma"]
    page = response.content.decode()
    assert "Not covered by" in page and "Epsilon" not in page


def test_an_undated_story_names_no_outlet_as_not_covering_it(client, story_of, make_article):
    story = story_of("Undated", [("Alpha", None), ("Beta", None)])
    make_article(source=Source.objects.get_or_create(name="Gamma")[0])
    assert client.get(reverse("archive:story", args=[story.pk])).context["not_covered"] == []


def test_the_story_page_counts_the_named_outlets_as_the_story_list_does(client, archive):
    # Beta, Delta and a page with no outlet: three columns, two outlets (the list said 2, the page 3)
    page = client.get(reverse("archive:story", args=[archive["pair_new"].pk])).content.decode()
    assert "· 2 outlets (and 1 article from an unknown outlet) · 3 articles" in page
    assert "How 2 outlets covered: Pair new" in page


def test_an_outlet_carrying_a_near_copy_is_named_as_carrying_it_not_as_missing(
    client, story_of, make_article
):
    """A near-copy (the same wire text on another site) is stored apart from the story: its outlet
    did carry the story, so the page says so and does not list it as not covering the story."""
    day = dt.date(2016, 3, 10)
    story = story_of("Summit", [("Alpha", day), ("Beta", day)])
    original = story.articles.get(source__name="Alpha")
    copy = make_article(source=Source.objects.get_or_create(name="Gamma")[0], published_date=day)
    Article.objects.filter(pk=copy.pk).update(duplicate_of=original, story=None)
    response = client.get(reverse("archive:story", args=[story.pk]))
    assert response.context["not_covered"] == []
    page = response.content.decode()
    assert "Also carried as a near-copy" in page
    assert f'<a href="/articles/{copy.pk}/">Gamma</a>, a copy of Alpha' in page
    # Re-clustering puts a near-copy in its original's story: it is then compared, not listed apart.
    Article.objects.filter(pk=copy.pk).update(story=story)
    again = client.get(reverse("archive:story", args=[story.pk]))
    assert "Also carried as a near-copy" not in again.content.decode() and again.context["not_covered"] == []


def test_a_story_says_how_many_of_its_articles_come_from_no_known_outlet(client, story_of):
    story = story_of("Summit", [("Alpha", dt.date(2016, 3, 10)), (None, dt.date(2016, 3, 10))])
    page = client.get(reverse("archive:story", args=[story.pk])).content.decode()
    assert "1 outlet (and 1 article from an unknown outlet) · 2 articles" in page

"""Atom feeds of a search, an outlet, a person and a story: valid Atom (feedparser finds nothing
wrong), newest first, the same articles as their page, announced in each page's <head>."""

from __future__ import annotations

import datetime as dt
import re
from html import escape

import feedparser
import pytest

from archive.following.saved import search_request_for
from archive.models import Person, Source, Story
from archive.search import get_backend


@pytest.fixture
def archive(make_article, make_source, indexed):
    """25 articles about a ceasefire from two outlets, in one story; one undated market report."""
    herald, courier = make_source("The Harbour Herald"), make_source("The Valley Courier")
    story = Story.objects.create(title="Ceasefire talks in the valley")
    with indexed():
        for n in range(25):
            make_article(
                title=f"Ceasefire talks, day {n + 1}",
                body=f"Delegates discussed the ceasefire again on day {n + 1}. Anna Petrov said little. "
                "Observers stayed in the valley for another week of talks and waited for news.",
                source=herald if n % 2 else courier,
                published_date=dt.date(2014, 1, 1) + dt.timedelta(days=(n * 37) % 500),
                people=["Anna Petrov"] if n % 3 else ["Anna Petrov", "Omar Haddad"],
                story=story if n < 8 else None,
            )
        make_article(
            title="Markets steady after the ceasefire",
            body="Shares held steady. Traders said the ceasefire calmed nerves.",
            source=herald,
            published_date=None,
        )
    return {"herald": herald, "story": story, "petrov": Person.objects.get(name="Anna Petrov")}


def feed(client, url: str, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def entry_ids(parsed) -> list[int]:
    return [int(re.search(r"/articles/(\d+)/$", e.link).group(1)) for e in parsed.entries]


def listed_ids(client, url: str, **params) -> list[int]:
    """The article ids of a page's list of results, in the page's order."""
    html = client.get(url, params).content.decode()
    listing = re.search(r'<ol class="result-list.*?</ol>', html, re.S).group(0)
    return list(dict.fromkeys(int(i) for i in re.findall(r'href="/articles/(\d+)/"', listing)))


def test_a_search_feed_lists_the_page_of_matches_newest_first(client, archive):
    parsed = feed(client, "/search/feed/", q="ceasefire", source="The Harbour Herald")
    page = listed_ids(client, "/search/", q="ceasefire", source="The Harbour Herald", sort="newest")
    assert len(parsed.entries) == len(page) == 13  # 12 dated reports and the undated market report
    assert entry_ids(parsed) == page
    dated = [e.published_parsed for e in parsed.entries if "published_parsed" in e]
    assert dated == sorted(dated, reverse=True) and len(dated) == 12
    assert "ceasefire" in parsed.feed.title and parsed.feed.link.endswith(
        "/search/?q=ceasefire&source=The+Harbour+Herald"
    )


def test_a_narrowed_search_feed_names_its_filters_and_links_to_itself_with_them(client, archive):
    parsed = feed(client, "/search/feed/", q="ceasefire", source="The Harbour Herald")
    assert parsed.feed.title.startswith("Search “ceasefire” (The Harbour Herald)")
    own = next(link.href for link in parsed.feed.links if link.rel == "self")
    assert own.endswith("/search/feed/?q=ceasefire&source=The+Harbour+Herald")


def test_a_search_feed_has_twenty_entries_and_the_search_snippet(client, archive):
    parsed = feed(client, "/search/feed/", q="ceasefire")
    assert len(parsed.entries) == 20
    assert entry_ids(parsed) == listed_ids(client, "/search/", q="ceasefire", sort="newest")
    first = parsed.entries[0]
    assert first.author in {"The Harbour Herald", "The Valley Courier"}
    # The summary is the hit's snippet, as on the page, matched words marked (feedparser's sanitiser
    # drops <mark> when reading, so the feed's own text is compared).
    hits = get_backend().search(search_request_for("q=ceasefire")).hits
    assert "<mark" in hits[0].snippet and entry_ids(parsed)[0] == hits[0].id
    raw = client.get("/search/feed/", {"q": "ceasefire"}).content.decode()
    assert f'<summary type="html">{escape(hits[0].snippet, quote=False)}</summary>' in raw
    assert first.title.startswith("Ceasefire talks, day")


def test_a_person_filter_is_read_through_the_archive_as_on_the_page(client, archive):
    parsed = feed(client, "/search/feed/", person="Omar Haddad")
    assert entry_ids(parsed) == listed_ids(client, "/search/", person="Omar Haddad", sort="newest")
    assert len(parsed.entries) == 9


def test_an_undated_article_carries_its_import_time_and_says_so(client, archive):
    parsed = feed(client, "/search/feed/", q="markets")
    (entry,) = parsed.entries
    assert "published" not in entry
    assert entry.updated_parsed is not None
    assert "The article states no date: imported" in entry.summary
    assert entry.author == "The Harbour Herald"


def test_an_outlet_feed_matches_its_page(client, archive):
    herald = archive["herald"]
    parsed = feed(client, f"/sources/{herald.slug}/feed/")
    assert entry_ids(parsed) == listed_ids(client, f"/sources/{herald.slug}/")
    assert len(parsed.entries) == 13 and parsed.feed.title.startswith("The Harbour Herald")
    assert all(e.author == "The Harbour Herald" for e in parsed.entries)
    # Without a search the summary is the body's first sentences.
    assert parsed.entries[0].summary.startswith("Delegates discussed the ceasefire again")


def test_a_person_feed_matches_its_page(client, archive):
    petrov = archive["petrov"]
    parsed = feed(client, f"/people/{petrov.slug}/feed/")
    assert len(parsed.entries) == 20
    assert entry_ids(parsed) == listed_ids(client, f"/people/{petrov.slug}/")


def test_a_story_feed_lists_its_articles_newest_first(client, archive):
    story = archive["story"]
    parsed = feed(client, f"/stories/{story.pk}/feed/")
    articles = story.articles.order_by("-published_date")
    assert entry_ids(parsed) == [a.pk for a in articles]
    assert len(parsed.entries) == 8


def test_feeds_of_what_does_not_exist_are_404(client, archive):
    assert client.get("/sources/no-such-outlet/feed/").status_code == 404
    assert client.get("/people/no-such-person/feed/").status_code == 404
    assert client.get("/stories/999999/feed/").status_code == 404


def test_every_page_with_a_feed_announces_it_in_its_head(client, archive):
    herald, petrov, story = archive["herald"], archive["petrov"], archive["story"]
    for page in (
        "/search/?q=ceasefire&source=The+Harbour+Herald&page=1",
        f"/sources/{herald.slug}/",
        f"/people/{petrov.slug}/",
        f"/stories/{story.pk}/",
    ):
        html = client.get(page).content.decode()
        head = html.split("</head>")[0]
        link = re.search(
            r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', head
        )
        assert link, page
        href = link.group(1).replace("&amp;", "&")
        assert "page=" not in href
        feed(client, href)


def test_a_search_feed_of_nothing_is_still_valid(client, archive):
    parsed = feed(client, "/search/feed/", q="zeppelin")
    assert parsed.entries == []


def test_an_outlet_with_no_slug_match_by_name_is_not_guessed(client, archive):
    assert Source.objects.filter(slug="the-harbour-herald").exists()
    assert client.get("/sources/The%20Harbour%20Herald/feed/").status_code == 404

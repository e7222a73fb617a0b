"""The compare pages and the story API: status codes and what a reader finds on them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_story_list_shows_stories_with_outlet_and_article_counts(client, lisbon_archive):
    response = client.get(reverse("archive:story_list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert lisbon_archive["treaty"].story.title in page
    assert "2 outlets · 2 articles" in page
    assert 'aria-current="page">Stories' in page


def test_the_story_list_answers_a_bad_page_with_404(client, lisbon_archive):
    assert client.get(reverse("archive:story_list"), {"page": "99"}).status_code == 404
    assert client.get(reverse("archive:story_list"), {"page": "x"}).status_code == 404


def test_the_story_page_sets_the_outlets_side_by_side(client, lisbon_archive):
    story = lisbon_archive["treaty"].story
    response = client.get(reverse("archive:story", args=[story.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Harbour Times" in page and "Evening Ledger" in page
    assert "Wire copy: Reuters" in page and "Own reporting" in page
    assert "Anna Petrova" in page and "Who published first" in page


def test_the_story_page_lines_up_the_shared_remark_with_both_wordings(client, lisbon_archive):
    story = lisbon_archive["treaty"].story
    page = client.get(reverse("archive:story", args=[story.pk])).content.decode()
    assert page.count('class="quote-row"') == 1
    assert "patient diplomacy still works" in page  # the Harbour Times wording
    assert "<del>" in page  # the Ledger leaves "still" out


def test_the_story_page_lists_what_only_one_outlet_reported(client, lisbon_archive):
    story = lisbon_archive["treaty"].story
    page = client.get(reverse("archive:story", args=[story.pk])).content.decode()
    assert "Critics in the fishing ports said the quotas remained too low." in page


def test_an_unknown_story_is_a_404(client, db):
    assert client.get(reverse("archive:story", args=[999])).status_code == 404


def test_any_two_articles_can_be_compared_even_from_different_stories(client, lisbon_archive):
    ids = [lisbon_archive["treaty"].pk, lisbon_archive["pipeline"].pk]
    response = client.get(reverse("archive:compare"), {"a": ids})
    assert response.status_code == 200
    page = response.content.decode()
    assert lisbon_archive["pipeline"].title in page and lisbon_archive["treaty"].title in page


@pytest.mark.parametrize(
    "params, message",
    [
        ({"a": ["1"]}, "Choose 2 to 4"),
        ({"a": ["abc", "2"]}, "is not an article number"),
        ({"a": ["999998", "999999"]}, "No article with number 999998, 999999"),
        ({"a": ["1", "2", "3", "4", "5"]}, "Choose 2 to 4"),
        ({"a": ["99999999999999999999999", "1"]}, "is not an article number"),
        ({"a": ["-1", "2"]}, "is not an article number"),
    ],
)
def test_bad_article_choices_get_a_clear_message_not_an_error(client, lisbon_archive, params, message):
    response = client.get(reverse("archive:compare"), params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_compare_page_without_articles_explains_how_to_choose(client, db):
    response = client.get(reverse("archive:compare"))
    assert response.status_code == 200
    assert 'name="a"' in response.content.decode()


def test_outlets_compare_on_a_search_with_people_and_a_chart(client, lisbon_archive):
    response = client.get(
        reverse("archive:compare_sources"), {"q": "treaty", "source": ["harbour-times", "Evening Ledger"]}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Coverage of “treaty”" in page
    assert "<svg" in page and "Anna Petrova" in page
    assert page.count('class="column outlet-profile"') == 2


def test_outlets_compare_defaults_to_the_busiest_outlets(client, lisbon_archive):
    response = client.get(reverse("archive:compare_sources"))
    assert response.status_code == 200
    assert "Harbour Times" in response.content.decode()


def test_ticking_more_outlets_than_the_budget_compares_the_first_and_names_the_rest(
    client, lisbon_archive, monkeypatch
):
    from archive import outlets

    monkeypatch.setattr(outlets, "MAX_OUTLETS", 1)
    response = client.get(reverse("archive:compare_sources"), {"source": ["harbour-times", "evening-ledger"]})
    page = response.content.decode()
    assert response.status_code == 200 and page.count('class="column outlet-profile"') == 1
    # two matching articles each: A-Z among equals
    assert (
        "Comparing the first 1 of the 2 outlets ticked (most articles first); left out: Harbour Times."
        in page
    )


def test_outlet_figures_are_cached_until_an_article_is_added(
    client, lisbon_archive, make_article, monkeypatch
):
    from archive import outlets
    from archive.models import Source

    computed = []
    real = outlets._profiles
    monkeypatch.setattr(outlets, "_profiles", lambda *args: computed.append(1) or real(*args))
    url, params = reverse("archive:compare_sources"), {"source": ["harbour-times", "evening-ledger"]}

    def totals() -> list[int]:
        page = client.get(url, params).content.decode()
        return [int(n) for n in re.findall(r"<p class=\"meta\">(\d+) article", page)]

    before = totals()
    assert totals() == before and len(computed) == 1
    harbour = Source.objects.get(slug="harbour-times")
    make_article(title="Harbour works", body="Cranes arrived.", source=harbour)
    assert totals() == [before[0] + 1, before[1]] and len(computed) == 2


def test_outlets_compared_without_search_words_count_articles_not_matches(client, lisbon_archive):
    # With no search words nothing was matched: the counts are of every article (found in the
    # newuser7 run, where the archive-wide comparison said "3 matching articles").
    url = reverse("archive:compare_sources")
    page = client.get(url, {"source": ["harbour-times", "evening-ledger"]}).content.decode()
    assert "matching" not in page.split("<h2>", 1)[1]
    assert "matching" not in page[page.index('id="sources-help"') :].split("</p>", 1)[0]  # newuser8
    assert re.search(r"\d+ articles?</p>", page) and "Harbour Times: articles over time" in page
    searched = client.get(url, {"q": "treaty", "source": ["harbour-times", "evening-ledger"]})
    assert re.search(r"\d+ matching articles?", searched.content.decode())


def test_an_unknown_outlet_gets_a_clear_message(client, lisbon_archive):
    response = client.get(reverse("archive:compare_sources"), {"source": "Nowhere Gazette"})
    assert response.status_code == 400
    assert "Unknown outlet: Nowhere Gazette" in response.content.decode()


def test_the_story_api_lists_stories_with_their_articles(client, lisbon_archive):
    data = client.get(reverse("archive:api_stories"), {"min_outlets": 1}).json()
    treaty = lisbon_archive["treaty"]
    row = next(r for r in data["results"] if r["id"] == treaty.story_id)
    assert row["articles"] == sorted([treaty.pk, lisbon_archive["treaty_ledger"].pk])
    assert row["first_published"] == "2014-03-04"
    assert data["count"] == 3 and row["outlet_count"] == 2
    # as /stories/: by default only the stories two or more outlets covered
    assert client.get(reverse("archive:api_stories")).json()["count"] == 1
    assert client.get(reverse("archive:api_stories"), {"page": "50"}).status_code == 404


def test_the_story_api_gives_people_by_outlet_quotes_and_unique_sentences(client, lisbon_archive):
    story_id = lisbon_archive["treaty"].story_id
    data = client.get(reverse("archive:api_story", args=[story_id])).json()
    assert {a["source"] for a in data["articles"]} == {"Harbour Times", "Evening Ledger"}
    assert data["people_by_outlet"]["Harbour Times"][0]["name"] in {"Anna Petrova", "Omar Haddad"}
    [quote] = data["quotes"]
    assert quote["speaker"] == "Anna Petrova"
    assert {v["article"] for v in quote["variants"]} == {
        lisbon_archive["treaty"].pk,
        lisbon_archive["treaty_ledger"].pk,
    }
    ledger = next(u for u in data["unique_sentences"] if u["article"] == lisbon_archive["treaty_ledger"].pk)
    assert "Critics in the fishing ports said the quotas remained too low." in ledger["sentences"]


def test_a_story_with_an_unknown_outlet_names_every_outlet_and_claims_no_first_over_undated_articles(
    client, make_article
):
    from archive.models import Article, Story

    story = Story.objects.create(title="Harbour strike")
    dated = make_article(title="Strike closes the harbour", source_name="Harbour Gazette", story=story)
    undated = make_article(title="Dockers walk out", story=story, published_date=None)
    Article.objects.filter(pk=undated.pk).update(source=None)
    listing = client.get("/stories/", {"min_outlets": 1}).content.decode()
    # one named outlet (the unnamed page is no second), and the unnamed page still shown
    assert "1 outlet ·" in listing and "Harbour Gazette · Unknown outlet" in listing
    page = client.get(story.get_absolute_url()).content.decode()
    assert "earliest dated" in page and dated.title in page

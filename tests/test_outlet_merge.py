"""Editors merge two outlets in the admin: articles, names, domains and learned noise move to the
outlet kept, the search index and stories follow, the other outlet is deleted (issue 15, part 1).

Runs on the suite's backend: SQLite + Whoosh by default, PostgreSQL + its search with DATABASE_URL and
PARALLAX_SEARCH_BACKEND=postgres (as .ci/run does)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count

from archive.models import Article, BoilerplateLine, Mention, Source, Story
from archive.outlets import merge_outlets, outlet_to_keep
from tests.fixtures_search import found

CHANGELIST = "/admin/archive/source/"


def outlets_covering(story: Story) -> int:
    return Story.objects.filter(pk=story.pk).aggregate(n=Count("articles__source", distinct=True))["n"]


def two_outlets(make_source, make_article, indexed):
    with indexed():
        kept = make_source("Valley Courier", aliases=["VC"], domains=["valleycourier.example"])
        other = make_source("valleycourier-online.example", domains=["valleycourier-online.example"])
        story = Story.objects.create(title="Mill reopens", first_published=dt.date(2014, 3, 4))
        mine = make_article(title="Mill reopens as workshop", source=kept, story=story)
        theirs = make_article(
            title="Carpenters move into the old mill", source=other, story=story, people=["Marta Ellingsen"]
        )
        BoilerplateLine.objects.create(
            source=other, digest="d1", text="Subscribe to the Courier", article_count=3
        )
    return kept, other, mine, theirs, story


def test_merging_moves_articles_names_domains_and_noise_then_deletes_the_other(
    make_source, make_article, indexed
):
    kept, other, mine, theirs, story = two_outlets(make_source, make_article, indexed)
    assert outlets_covering(story) == 2
    with indexed():
        merge_outlets(kept, [other])

    assert not Source.objects.filter(pk=other.pk).exists()
    kept.refresh_from_db()
    assert kept.aliases == ["VC", "valleycourier-online.example"]
    assert kept.domains == ["valleycourier.example", "valleycourier-online.example"]
    assert set(Article.objects.values_list("source", flat=True)) == {kept.pk}
    assert set(Mention.objects.filter(article=theirs).values_list("source", flat=True)) == {kept.pk}
    assert BoilerplateLine.objects.get().source == kept
    assert outlets_covering(story) == 1
    # The articles moved with one UPDATE (no post_save of their own); the index still follows.
    assert found('source:"Valley Courier"') == {mine.pk, theirs.pk}
    assert found("source:VC") == {mine.pk, theirs.pk}  # the kept outlet's alias, on the moved article too


def test_the_outlet_with_most_articles_is_offered_to_keep(make_source, make_article):
    small, big = make_source("Courier Online"), make_source("Valley Courier")
    make_article(source=small)
    make_article(source=big)
    make_article(source=big)
    assert outlet_to_keep(Source.objects.all()) == big


def test_merging_outlets_in_the_admin_asks_which_to_keep_then_merges(admin_client, make_source, make_article):
    small, big = make_source("valley-courier.example"), make_source("Valley Courier")
    article = make_article(source=small)
    make_article(source=big)
    make_article(source=big)
    chosen = {"action": "merge_outlets", "_selected_action": [small.pk, big.pk]}

    page = admin_client.post(CHANGELIST, chosen)
    assert page.status_code == 200
    assert "Keep this outlet" in page.content.decode()
    assert page.context["form"]["target"].value() == big.pk  # most articles: chosen unless changed
    assert Source.objects.count() == 2  # nothing merged before the choice

    done = admin_client.post(CHANGELIST, {**chosen, "target": big.pk})
    assert done.status_code == 302
    assert list(Source.objects.all()) == [big]
    assert Article.objects.get(pk=article.pk).source == big
    big.refresh_from_db()
    assert "valley-courier.example" in big.aliases


def test_merging_one_outlet_alone_is_refused(admin_client, make_source):
    only = make_source("Valley Courier")
    page = admin_client.post(
        CHANGELIST, {"action": "merge_outlets", "_selected_action": [only.pk]}, follow=True
    )
    assert "Choose at least two outlets" in page.content.decode()
    assert Source.objects.count() == 1

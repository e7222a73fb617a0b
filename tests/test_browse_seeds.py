"""Every browse page with the five seed articles imported through the real ingest path."""

from __future__ import annotations

import pytest
from django.db.models import Q
from django.utils.html import escape

from archive.models import Article, Person, Source
from tests.browse_data import text_of


@pytest.fixture
def seeds(seeded_archive, client):
    """name -> Article for the imported seeds, plus a page fetcher that insists on 200."""

    def page(path: str) -> str:
        response = client.get(path)
        assert response.status_code == 200, f"{path} answered {response.status_code}"
        return response.content.decode()

    return seeded_archive, page


def _person(name: str) -> Person:
    """The person with this canonical name or spelling."""
    return Person.objects.filter(Q(name=name) | Q(aliases__name=name)).distinct().get()


def test_the_home_page_lists_every_seed_and_the_most_mentioned_person(seeds, expected):
    articles, page = seeds
    html = page("/")
    for article in articles.values():
        assert escape(article.title) in html
    lavrov = _person("Sergei Lavrov")
    ranking = html[html.index('aria-label="People named in most articles"') :]
    assert ranking.index(lavrov.get_absolute_url()) < ranking.index("</ol>")


def test_each_source_page_lists_exactly_its_seed_articles(seeds, expected):
    articles, page = seeds
    for source in Source.objects.filter(articles__isnull=False).distinct():
        html = page(source.get_absolute_url())
        for article in articles.values():
            assert (escape(article.title) in html) == (article.source_id == source.pk), (
                source.name,
                article.title,
            )


def test_a_person_page_lists_every_seed_naming_them(seeds, expected):
    articles, page = seeds
    lavrov = _person("Sergei Lavrov")
    html = page(lavrov.get_absolute_url())
    named = [
        name for name, seed in expected["articles"].items() if any("Lavrov" in g for g in seed["people"])
    ]
    for name in named:
        assert escape(articles[name].title) in html
    assert "Quotes across outlets" in html


def test_a_seed_article_page_links_its_people_and_shows_where_its_date_came_from(seeds, expected):
    articles, page = seeds
    dated = next(name for name, seed in expected["articles"].items() if seed["date"])
    article = articles[dated]
    html = page(article.get_absolute_url())
    body = html[html.index('class="article-body"') : html.index('class="article-aside"')]
    for mention in article.mentions.select_related("person"):
        assert mention.person.get_absolute_url() in body
    table = text_of(html[html.index('class="metadata-table"') :])
    assert f"Published {article.published_date.day} " in table
    assert article.provenance["published"]
    assert escape(article.provenance["published"]) in html


def test_undated_seeds_say_date_unknown_and_are_listed_apart(seeds, expected):
    articles, page = seeds
    undated = [name for name, seed in expected["articles"].items() if seed["date"] is None]
    html = page("/dates/?undated=1")
    for name in undated:
        assert escape(articles[name].title) in html
        assert "date unknown" in page(articles[name].get_absolute_url())
    dated = Article.objects.filter(published_date__isnull=False)
    for article in dated:
        month = page(f"/dates/{article.published_date.year}/{article.published_date.month}/")
        assert escape(article.title) in month

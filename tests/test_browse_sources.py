"""The sources list and a source's page."""

from __future__ import annotations

import pytest

from tests.browse_data import build_sample_archive, text_of


@pytest.fixture
def sample(db):
    return build_sample_archive()


def test_the_source_list_shows_article_counts_and_date_spans(client, sample):
    html = client.get("/sources/").content.decode()
    assert 'href="/sources/harbour-times/"' in html and 'href="/sources/evening-ledger/"' in html
    row = html[html.index("/sources/harbour-times/") :]
    row = row[: row.index("</tr>")]
    assert '<td class="num">2</td>' in row
    assert "13 Jan 2014" in row and "2 Mar 2014" in row


def test_a_source_page_lists_its_articles_chart_and_the_people_it_names_and_quotes(client, sample):
    response = client.get("/sources/evening-ledger/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Evening Ledger</h1>" in html
    assert "Ministers sit down in Lisbon" in html and "Profile: the mediator" in html
    assert "Second round of harbour talks" not in html  # another outlet's article
    assert 'aria-label="Articles from this source over time"' in html
    assert "1 undated" in html
    mentions = html[html.index("People in most of its articles") : html.index("People it quotes most")]
    assert "Anna Petrova" in mentions and "Eva Lindqvist" in mentions
    quotes = html[html.index("People it quotes most") :]
    assert 'href="/people/anna-petrova/"' in quotes and "Anna Petrova 1 quote" in text_of(quotes)


def test_a_source_page_is_paginated_and_a_bad_page_is_not_found(client, make_source, make_article):
    source = make_source("Busy Wire")
    for n in range(25):
        make_article(source=source, title=f"Wire item {n:02d}")
    assert client.get("/sources/busy-wire/?page=2").status_code == 200
    assert "Page 2 of 2" in client.get("/sources/busy-wire/?page=2").content.decode()
    assert client.get("/sources/busy-wire/?page=3").status_code == 404
    assert client.get("/sources/busy-wire/?page=abc").status_code == 404


def test_an_unknown_source_is_not_found(client, db):
    assert client.get("/sources/nobody/").status_code == 404


@pytest.mark.django_db
def test_an_outlet_named_in_another_script_has_an_address_spelled_from_its_name(client):
    """Addresses allow only ASCII: names in Chinese, Korean or Cyrillic are spelled in Latin letters
    rather than all becoming "item", "item-2"..."""
    from archive.models import Source

    names = ["自由財經", "조선닷컴", "Коммерсантъ"]
    slugs = [Source.objects.create(name=name).slug for name in names]
    assert slugs == ["zi-you-cai-jing", "joseondaskeom", "kommersant"]
    for name, slug in zip(names, slugs, strict=True):
        response = client.get(f"/sources/{slug}/")
        assert response.status_code == 200 and name in response.content.decode()


def test_the_source_list_says_how_many_articles_are_undated(client, make_source, make_article):
    """The date columns span the dated articles only: the row says how many others have no date."""
    import datetime as dt

    source = make_source("Quay Courier")
    make_article(source=source, title="Dated one", published_date=dt.date(2014, 12, 16))
    make_article(source=source, title="Undated one", published_date=None)
    make_article(source=source, title="Undated two", published_date=None)
    row = next(r for r in client.get("/sources/").content.decode().split("<tr>") if "Quay Courier" in r)
    assert "3 <span" in row and "(2 undated)" in row and "16 Dec 2014" in row

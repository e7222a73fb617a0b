"""Browsing by date: years, months, a month's articles, and undated articles listed apart."""

from __future__ import annotations

import pytest

from tests.browse_data import build_sample_archive, text_of


@pytest.fixture
def sample(db):
    return build_sample_archive()


def test_the_date_index_lists_years_with_counts_and_links_undated_articles(client, sample):
    html = client.get("/dates/").content.decode()
    assert "2014 4 articles" in text_of(html)
    assert 'href="/dates/2014/"' in html
    assert 'href="/dates/?undated=1"' in html and "1 article with no known date" in html


def test_a_year_lists_every_month_with_counts(client, sample):
    text = text_of(client.get("/dates/2014/").content.decode())
    assert "January 3 articles" in text and "February none" in text and "March 1 article" in text
    assert "4 articles dated in 2014" in text


def test_a_month_lists_its_articles_only(client, sample):
    html = client.get("/dates/2014/1/").content.decode()
    assert "<h1>January 2014</h1>" in html
    assert "Harbour talks open in Lisbon" in html and "Ministers sit down in Lisbon" in html
    assert "Second round of harbour talks" not in html
    assert "Profile: the mediator" not in html


def test_undated_articles_are_listed_separately_as_date_unknown(client, sample):
    html = client.get("/dates/?undated=1").content.decode()
    assert "Profile: the mediator" in html and "date unknown" in html
    assert "Second round of harbour talks" not in html


def test_an_impossible_month_is_not_found_and_an_empty_one_says_so(client, sample):
    assert client.get("/dates/2014/13/").status_code == 404
    assert client.get("/dates/2014/0/").status_code == 404
    assert client.get("/dates/99999/").status_code == 404
    assert client.get("/dates/9999/12/").status_code == 200  # the last month there is
    assert client.get("/dates/2014/1/?page=7").status_code == 404
    response = client.get("/dates/2015/6/")
    assert response.status_code == 200
    assert "No articles dated in this month." in response.content.decode()


def test_a_month_links_to_the_nearest_months_that_have_articles(client, sample):
    html = client.get("/dates/2014/1/").content.decode()
    assert 'rel="next" href="/dates/2014/3/">March 2014 →' in html  # February is empty
    assert 'rel="prev"' not in html.split('class="month-nav"')[1]  # nothing earlier

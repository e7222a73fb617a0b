"""The home page: the archive at a glance, and a friendly empty state."""

from __future__ import annotations

import datetime as dt

from archive.models import Story


def test_an_empty_archive_says_to_upload_through_the_admin(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert b"No articles yet" in response.content
    assert b"upload articles through the admin" in response.content
    assert b'href="/admin/archive/article/upload/"' in response.content


def test_the_home_page_shows_latest_articles_sources_people_and_a_chart(client, make_article, make_source):
    make_source("Gulf Daily")
    make_article(
        title="Talks resume in Montreux", source="Gulf Daily", people=["Anna Petrova", "Omar Haddad"]
    )
    make_article(
        title="Ministers meet again",
        source="Gulf Daily",
        published_date="2014-03-02",
        people=["Anna Petrova"],
    )
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Talks resume in Montreux" in html and "Ministers meet again" in html
    assert 'href="/sources/gulf-daily/"' in html
    assert 'href="/people/anna-petrova/"' in html
    assert 'aria-label="Articles over time"' in html
    assert 'id="home-q"' in html and 'action="/search/"' in html


def test_the_home_page_lists_stories_with_outlet_and_article_counts(client, make_article, make_source):
    make_source("Outlet A"), make_source("Outlet B")
    story = Story.objects.create(title="Montreux talks", first_published=dt.date(2014, 1, 13))
    make_article(source="Outlet A", story=story)
    make_article(source="Outlet B", story=story)
    make_article(source="Outlet B", story=story)
    html = client.get("/").content.decode()
    assert f'href="/stories/{story.pk}/"' in html
    assert "2 outlets" in html and "3 articles" in html


def test_latest_articles_leave_out_duplicates_in_a_large_archive(make_article, make_source):
    from archive.browsing import latest_originals

    source = make_source("Daily Wire")
    day = dt.date(2014, 1, 1)
    articles = [make_article(source=source, published_date=day + dt.timedelta(days=n)) for n in range(30)]
    newest_copy = make_article(
        source=source, published_date=day + dt.timedelta(days=40), duplicate_of=articles[0]
    )
    latest = list(latest_originals(8))
    assert newest_copy not in latest
    assert latest == articles[::-1][:8]


def test_latest_articles_leave_out_duplicates_in_a_small_archive(make_article, make_source):
    from archive.browsing import latest_originals

    original = make_article(published_date="2014-01-01")
    copy = make_article(published_date="2014-02-01", duplicate_of=original)
    undated = make_article(published_date=None)
    assert list(latest_originals(8)) == [original, undated]
    assert copy.pk not in [a.pk for a in latest_originals(8)]


def test_the_home_page_has_one_search_box_and_other_pages_keep_the_header_one(client, db):
    home = client.get("/").content.decode()
    assert home.count('role="search"') == 1
    assert 'id="header-q"' not in home
    assert 'id="header-q"' in client.get("/sources/").content.decode()


def test_the_home_figures_are_counted_once_and_again_when_an_article_arrives(
    client, make_article, django_assert_max_num_queries
):
    make_article(title="Talks resume in Montreux", source="Gulf Daily", people=["Anna Petrova"])
    client.get("/")
    with django_assert_max_num_queries(6):  # the archive's version; no GROUP BY over the articles
        assert "Talks resume in Montreux" in client.get("/").content.decode()
    make_article(title="Ferry service restored", source="Harbour Herald", people=["Omar Haddad"])
    html = client.get("/").content.decode()
    assert "Ferry service restored" in html and "Omar Haddad" in html

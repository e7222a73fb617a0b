"""An HTML page's publication date: declared, checked against what a reader sees, never invented
(archive.ingest.page_dates). Every page here was written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from archive.ingest.dates import parse_date_line
from archive.ingest.parsing import parse_document

LEDE = (
    "<p>The old wool mill on the river reopened on Saturday as a museum of the valley's textile trade, "
    "its looms restored by volunteers who spent three winters on them, the roof mended at last and the "
    "old dye house turned into a café for walkers on the towpath.</p>"
    "<p>Visitors queued along the towpath before the doors opened, the trust that runs it said.</p>"
    "<p>The museum will open four days a week through the summer, with free entry for schools.</p>"
)


def page(head: str = "", header: str = "", after_body: str = "", before: str = "") -> bytes:
    return (
        f"<!doctype html><html><head><title>Mill reopens</title>{head}</head><body>{before}"
        f"<article><h1>Mill reopens as a museum</h1>{header}{LEDE}{after_body}</article></body></html>"
    ).encode()


def published(html: bytes):
    article = parse_document(html, filename="page.html")
    return article.published_date, article


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("13. Januar 2014", dt.date(2014, 1, 13)),
        ("Montag, 13.01.2014, 18:15 Uhr", dt.date(2014, 1, 13)),
        ("13 de enero de 2014", dt.date(2014, 1, 13)),
        ("Publié le 13 janvier 2014", dt.date(2014, 1, 13)),
        ("13 gennaio 2014", dt.date(2014, 1, 13)),
        ("13 января 2014 г.", dt.date(2014, 1, 13)),
        ("2014年1月13日", dt.date(2014, 1, 13)),
        ("2014년 1월 13일", dt.date(2014, 1, 13)),
        ("Jan 13, 2014 10:43 GMT", dt.date(2014, 1, 13)),
        ("2014-01-13T10:43Z", dt.date(2014, 1, 13)),
        # a weekday in the page's own language opens the line
        ("Dienstag, 28. April 2020", dt.date(2020, 4, 28)),
        ("Miércoles, 15 de abril de 2020", dt.date(2020, 4, 15)),
        ("mardi 3 mars 2020", dt.date(2020, 3, 3)),
        ("Vrijdag 9 oktober 2020 11:12", dt.date(2020, 10, 9)),
        ("piątek, 9 października 2020", dt.date(2020, 10, 9)),
    ],
)
def test_written_dates_in_several_languages_and_layouts_are_read(line, date):
    assert parse_date_line(line).date == date


@pytest.mark.parametrize(
    "line",
    ["Aktualisiert: 13.01.2014", "Mis à jour le 13 janvier 2014", "© copyright 2019", "updated 11 years ago"],
)
def test_updates_copyrights_and_relative_ages_are_not_publication_dates(line):
    assert parse_date_line(line) is None


def test_a_date_line_under_the_headline_dates_the_page():
    date, article = published(page(header="<p class='meta'>13. Januar 2014</p>"))
    assert date == dt.date(2014, 1, 13)
    assert "13. Januar 2014" in article.provenance["published"]


def test_a_utc_evening_stamp_takes_the_local_day_the_page_shows():
    head = '<meta property="article:published_time" content="2020-02-25T02:25:00+00:00">'
    date, article = published(page(head, header="<p>February 24, 2020</p>"))
    assert date == dt.date(2020, 2, 24)
    assert "UTC" in article.provenance["published"]


def test_a_utc_stamp_yields_to_a_value_with_the_pages_own_offset():
    head = (
        '<meta property="article:published_time" content="2020-12-24T23:59:50+00:00">'
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2020-12-25T01:59:50+02:00"}</script>'
    )
    assert published(page(head))[0] == dt.date(2020, 12, 25)


def test_a_stamp_with_its_own_offset_keeps_its_day():
    head = '<meta property="article:published_time" content="2014-01-13T23:30:00-05:00">'
    date, article = published(page(head))
    assert (date, article.published_time) == (dt.date(2014, 1, 13), dt.time(23, 30))


def test_a_declared_date_far_from_the_visible_one_is_kept_but_flagged():
    head = '<meta property="article:published_time" content="2014-01-13">'
    date, article = published(page(head, header="<p>2 March 2015</p>"))
    assert date == dt.date(2014, 1, 13)
    assert "published" in article.review_fields


def test_a_document_to_download_after_the_story_does_not_date_it():
    card = (
        "<div class='download'><h2>Annual report</h2>"
        "<time datetime='2022-12-08'>08.12.2022</time><p>PDF, 1.2 MB</p></div>"
    )
    assert published(page(after_body=card))[0] is None


def test_a_list_of_dated_teasers_under_the_headline_does_not_date_the_page():
    teasers = "".join(
        f"<div class='teaser'><a href='/n{i}'>Council approves a new budget for the valley schools {i}</a>"
        f"<span>2{i}.02.2020</span></div>"
        for i in range(3)
    )
    assert published(page(header=teasers))[0] is None


def test_several_disagreeing_pubdate_times_are_comments_not_the_article():
    comments = "".join(f'<time pubdate datetime="20{y}-04-11">x</time>' for y in (10, 12, 13))
    assert published(page(after_body=comments))[0] is None


def test_a_masthead_date_above_the_page_is_not_the_publication_date():
    masthead = "<header><div><span>Saturday 22 July 2017</span></div><nav>Home</nav></header>"
    assert published(page(before=masthead))[0] is None


def test_a_date_in_the_url_alone_is_not_a_publication_date():
    head = '<link rel="canonical" href="https://valley.example/2019/05/06/mill-reopens">'
    assert published(page(head))[0] is None


def test_an_hatom_published_abbr_dates_the_page():
    header = '<p><abbr class="published" title="2020-04-28T21:11:00+02:00">21:11</abbr></p>'
    assert published(page(header=header))[0] == dt.date(2020, 4, 28)


def test_a_time_marked_pubdate_by_its_class_dates_the_page():
    header = '<time class="references__pubdate" datetime="2021-12-15">15.12.2021</time>'
    assert published(page(header=header))[0] == dt.date(2021, 12, 15)


def test_a_byline_block_whose_date_sits_between_its_links_dates_the_page():
    header = '<div class="byline"><a href="/a/jd">Jeanne Dupont</a> | <!-- x --> 30 septembre 2018</div>'
    assert published(page(header=header))[0] == dt.date(2018, 9, 30)


def test_a_time_whose_machine_value_is_in_no_standard_form_is_read_as_shown():
    header = '<div><span>Staff</span><time datetime="01-11-2023 10:29">1. November 2023 10:29</time></div>'
    assert published(page(header=header))[0] == dt.date(2023, 11, 1)

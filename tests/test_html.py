"""HTML pages: main text and metadata through trafilatura; dates from what the page states."""

from __future__ import annotations

import datetime as dt

from archive.ingest.parsing import parse_document


def _page(head: str, body: str = "") -> bytes:
    paragraphs = "".join(
        f"<p>{text}</p>"
        for text in (
            "The old wool mill on the river reopened on Saturday as a museum of the valley's textile trade.",
            "Visitors queued along the towpath before the doors opened, the trust that runs it said.",
            "The museum will open four days a week through the summer, with free entry for schools.",
        )
    )
    html = (
        f"<!doctype html><html><head><title>Mill reopens</title>{head}</head><body>{body}"
        f"<article><h1>Mill reopens</h1>{paragraphs}</article></body></html>"
    )
    return html.encode()


def test_a_page_with_published_time_metadata_gets_that_date_and_time(text_fixture):
    article = parse_document(text_fixture("harbour_published.html"), filename="harbour.html")
    assert article.raw_format == "html"
    assert article.title == "Harbour council approves new ferry timetable"
    assert article.published_date == dt.date(2021, 3, 4)
    assert article.published_time == dt.time(9, 15)
    assert "article:published_time" in article.provenance["published"]
    assert article.url == "https://www.harbourgazette.example/news/ferry-timetable-approved"
    assert article.source_name == "Harbour Gazette"
    assert article.credit == "Nadia Okafor"
    assert article.dateline == "PORTSMOUTH"
    assert article.subtitle.startswith("Peak-time crossings")
    assert article.body.startswith("PORTSMOUTH — The harbour council voted on Thursday")
    for noise in ("Subscribe now", "Follow us on", "All rights reserved", "Home |"):
        assert noise not in article.body
    assert article.review_fields == ()


def test_a_page_without_date_metadata_has_no_date_whatever_its_url_and_footer_say(text_fixture):
    article = parse_document(text_fixture("valley_undated.html"), filename="valley.html")
    assert article.published_date is None
    assert article.published_time is None
    assert "published" in article.review_fields
    assert "/2019/05/06/" in article.url
    assert article.source_name == "Valley Courier"


def test_json_ld_date_published_is_read_and_date_modified_ignored():
    ld = '{"@context":"https://schema.org","@type":"NewsArticle","dateModified":"2020-02-02","datePublished":"2019-05-06T10:30:00Z"}'
    article = parse_document(_page(f'<script type="application/ld+json">{ld}</script>'), filename="p.html")
    assert (article.published_date, article.published_time) == (dt.date(2019, 5, 6), dt.time(10, 30))
    assert article.provenance["published"] == "JSON-LD datePublished"


def test_a_time_element_in_the_article_is_read():
    page = _page("").replace(b"</h1>", b'</h1><time datetime="2019-05-06">6 May</time>')
    assert parse_document(page, filename="p.html").published_date == dt.date(2019, 5, 6)


def test_a_time_element_in_a_teaser_card_is_not_the_pages_date():
    teaser = '<article><h3>Other news</h3><time datetime="2019-04-01">1 April</time></article>'
    article = parse_document(_page("", teaser), filename="p.html")
    assert article.published_date is None


def test_a_modified_time_alone_is_not_a_publication_date():
    head = '<meta property="article:modified_time" content="2020-02-02T10:00:00Z">'
    assert parse_document(_page(head), filename="p.html").published_date is None


def test_the_articles_own_header_leaves_the_body_its_date_line_dates_it_and_the_title_names_the_site():
    head = "<title>Mill reopens | Valley Courier</title>"
    header = '<p class="byline">By Imogen Hale</p><p>May 6, 2019</p>'
    html = _page(head, "").replace(b"<h1>Mill reopens</h1>", f"<h1>Mill reopens</h1>{header}".encode())
    article = parse_document(html.replace(b"<title>Mill reopens</title>", b""), filename="p.html")
    assert article.source_name == "Valley Courier"
    assert article.credit == "Imogen Hale"
    assert article.body.startswith("The old wool mill")
    assert article.published_date == dt.date(2019, 5, 6)
    assert "May 6, 2019" in article.provenance["published"]


def test_a_placeholder_author_is_no_credit():
    article = parse_document(_page('<meta name="author" content="No Author">'), filename="p.html")
    assert article.credit == ""


def test_a_bare_web_address_as_site_name_is_flagged_for_review():
    head = '<meta property="og:site_name" content="news.valley-courier.example">'
    article = parse_document(_page(head), filename="p.html")
    assert article.source_name == "news.valley-courier.example"
    assert "source" in article.review_fields


def test_a_page_whose_main_text_is_menus_takes_its_own_description_and_is_flagged():
    menu = "".join(f"<li><a href='/r{i}'>Region {i}</a></li>" for i in range(40))
    description = (
        "A veteran of ninety-eight left the valley hospital on Tuesday to applause from the nurses "
        "who had cared for him through three weeks of illness."
    )
    html = (
        f'<html><head><title>Veteran goes home</title><meta name="description" content="{description}">'
        f"</head><body><h1>Veteran goes home</h1><ul>{menu}</ul></body></html>"
    )
    article = parse_document(html.encode(), filename="p.html")
    assert article.body == description
    assert "body" in article.review_fields
    assert "description" in article.provenance["body"]

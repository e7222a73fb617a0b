"""An HTML page's headline: the visible heading its title confirms, else the title without the
site's name (archive.ingest.headlines). Pages written for these tests."""

from __future__ import annotations

from archive.ingest.parsing import parse_document

BODY = (
    "<p>The old wool mill on the river reopened on Saturday as a museum of the valley's textile trade.</p>"
    "<p>Visitors queued along the towpath before the doors opened, the trust that runs it said.</p>"
    "<p>The museum will open four days a week through the summer, with free entry for schools.</p>"
)


def headline(head: str, body: str) -> str:
    html = f"<!doctype html><html><head>{head}</head><body>{body}<article>{BODY}</article></body></html>"
    return parse_document(html.encode(), filename="page.html").title


def test_the_visible_heading_wins_when_the_title_confirms_it():
    title = "<title>MILL REOPENS AS A MUSEUM | Valley Courier</title>"
    assert headline(title, "<h1>MILL REOPENS AS A MUSEUM</h1>") == "MILL REOPENS AS A MUSEUM"


def test_a_logo_in_the_h1_is_not_the_headline():
    title = "<title>Mill reopens as a museum | Valley Courier</title>"
    body = "<h1 class='logo'>Valley Courier</h1><h2>Mill reopens as a museum</h2>"
    assert headline(title, body) == "Mill reopens as a museum"


def test_the_site_name_is_taken_off_the_title():
    head = (
        "<title>Mill reopens as a museum - Valley Courier</title>"
        '<meta property="og:site_name" content="Valley Courier">'
    )
    assert headline(head, "") == "Mill reopens as a museum"


def test_a_site_name_before_the_headline_is_taken_off_too():
    head = (
        "<title>Valley Courier » Mill reopens as a museum</title>"
        '<link rel="canonical" href="https://valleycourier.example/mill">'
    )
    assert headline(head, "") == "Mill reopens as a museum"


def test_the_logo_text_names_the_site():
    head = "<title>Mill reopens as a museum | Notes from the Valley</title>"
    body = "<div class='site-logo'>Notes from the Valley</div>"
    assert headline(head, body) == "Mill reopens as a museum"


def test_a_title_with_a_dash_inside_the_headline_keeps_it():
    head = "<title>Mill reopens - and the looms run again</title>"
    assert headline(head, "") == "Mill reopens - and the looms run again"

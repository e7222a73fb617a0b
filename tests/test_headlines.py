"""An HTML page's headline: the visible heading its title confirms, else the title without the
site's name (archive.ingest.headlines). Pages written for these tests."""

from __future__ import annotations

import pytest

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


def test_a_title_part_set_small_before_the_headline_in_its_h1_is_left_out():
    title = "<title>Valley Heritage Trust - mill reopens | Museum News</title>"
    body = (
        "<h1><span class='small'>Valley Heritage Trust</span> Mill reopens as a museum of the wool trade</h1>"
    )
    assert headline(title, body) == "Mill reopens as a museum of the wool trade"


def test_a_title_with_a_dash_inside_the_headline_keeps_it():
    head = "<title>Mill reopens - and the looms run again</title>"
    assert headline(head, "") == "Mill reopens - and the looms run again"


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        pytest.param(
            "<title>Mill reopens as a museum | Valley Courier</title>",
            "<h1><span class='kicker'>Textile trade</span> Mill reopens as a museum</h1>",
            "Mill reopens as a museum",
            id="a kicker set in the heading is not part of the headline",
        ),
        pytest.param(
            "<title>Mill reopens as a museum | Valley Courier</title>",
            "<h1>Mill reopens as a museum<br><small>02.02.2022 • Culture, Local</small></h1>",
            "Mill reopens as a museum",
            id="a date and category line in the heading is not part of the headline",
        ),
        pytest.param(
            "<title>Mill reopens as a museum</title>",
            "<h1><div><span class='visually-hidden'>Headline:</span> Mill reopens as a museum</div></h1>",
            "Mill reopens as a museum",
            id="a label only screen readers speak is not part of the headline",
        ),
        pytest.param(
            "<title>Why the mill reopened after twenty years | Valley Courier</title>",
            "<h1>Why the <em>mill</em> reopened after twenty years</h1>",
            "Why the mill reopened after twenty years",
            id="words styled inside the heading stay in it",
        ),
        pytest.param(
            "<title>Welcome to the mill museum</title>",
            "<h1>Welcome to <span>the mill museum</span></h1>",
            "Welcome to the mill museum",
            id="a heading the title repeats whole is kept whole",
        ),
        pytest.param(
            "<title>Mill reopens as a museum | Notes from the Valley</title>",
            "<h1><a href='https://notes.example/'>Notes from the Valley</a></h1>",
            "Mill reopens as a museum",
            id="the site name in a heading that links home is taken off the title",
        ),
        pytest.param(
            "<title>How we rebuilt Courier's search engine - a year of work</title>"
            "<link rel='canonical' href='https://courier.example/blog/search'>",
            "",
            "How we rebuilt Courier's search engine - a year of work",
            id="a title part that mentions the site's name in a sentence is kept",
        ),
        pytest.param(
            "<title>Valley Courier -</title><meta property='og:site_name' content='Valley Courier'>",
            "<h2>Mill reopens as a museum</h2>",
            "Mill reopens as a museum",
            id="a title that names only the site yields to the page's heading",
        ),
        pytest.param(
            "<title>Mill reopens as museum, trust says | Valley Courier</title>",
            "<h1>Old mill reopens as a museum</h1>",
            "Old mill reopens as a museum",
            id="an h1 that shares most of its words with the title is the headline",
        ),
        pytest.param(
            "<title>Valley Courier - Museum news</title>",
            "<h2>Mill museum news</h2>",
            "Mill museum news",
            id="without an h1 the first h2 may share the title's words",
        ),
        pytest.param(
            "<title>Politics: mill vote tonight, museum plans and the budget</title>",
            "<h1>Politics</h1>",
            "Politics: mill vote tonight, museum plans and the budget",
            id="a one-word section heading is not the headline",
        ),
        pytest.param(
            "<title>Mill reopens as a museum</title>",
            "<h1>Three things to see when the mill reopens as a museum</h1><h2>Mill reopens as a museum</h2>",
            "Mill reopens as a museum",
            id="a heading that says the title exactly wins over one that holds it",
        ),
    ],
)
def test_the_headline_is_the_headline_alone(head, body, expected):
    assert headline(head, body) == expected

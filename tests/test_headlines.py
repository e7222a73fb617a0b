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


def test_a_kicker_set_in_the_heading_is_not_part_of_the_headline():
    head = "<title>Mill reopens as a museum | Valley Courier</title>"
    body = "<h1><span class='kicker'>Textile trade</span> Mill reopens as a museum</h1>"
    assert headline(head, body) == "Mill reopens as a museum"


def test_a_date_and_category_line_in_the_heading_is_not_part_of_the_headline():
    head = "<title>Mill reopens as a museum | Valley Courier</title>"
    body = "<h1>Mill reopens as a museum<br><small>02.02.2022 • Culture, Local</small></h1>"
    assert headline(head, body) == "Mill reopens as a museum"


def test_a_label_only_screen_readers_speak_is_not_part_of_the_headline():
    head = "<title>Mill reopens as a museum</title>"
    body = "<h1><div><span class='visually-hidden'>Headline:</span> Mill reopens as a museum</div></h1>"
    assert headline(head, body) == "Mill reopens as a museum"


def test_words_styled_inside_the_heading_stay_in_it():
    head = "<title>Why the mill reopened after twenty years | Valley Courier</title>"
    body = "<h1>Why the <em>mill</em> reopened after twenty years</h1>"
    assert headline(head, body) == "Why the mill reopened after twenty years"


def test_a_heading_whose_parts_the_title_repeats_whole_is_kept_whole():
    head = "<title>Welcome to the mill museum</title>"
    body = "<h1>Welcome to <span>the mill museum</span></h1>"
    assert headline(head, body) == "Welcome to the mill museum"


def test_the_site_name_in_a_heading_that_links_home_is_taken_off_the_title():
    head = "<title>Mill reopens as a museum | Notes from the Valley</title>"
    body = "<h1><a href='https://notes.example/'>Notes from the Valley</a></h1>"
    assert headline(head, body) == "Mill reopens as a museum"


def test_a_title_part_that_mentions_the_sites_name_in_a_sentence_is_kept():
    head = (
        "<title>How we rebuilt Courier's search engine - a year of work</title>"
        "<link rel='canonical' href='https://courier.example/blog/search'>"
    )
    assert headline(head, "") == "How we rebuilt Courier's search engine - a year of work"


def test_a_title_that_names_only_the_site_yields_to_the_pages_heading():
    head = "<title>Valley Courier -</title><meta property='og:site_name' content='Valley Courier'>"
    assert headline(head, "<h2>Mill reopens as a museum</h2>") == "Mill reopens as a museum"

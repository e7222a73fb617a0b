"""Text dumps read like HTML. One navigation rule for every input format (boilerplate.is_navigation):
menu lines, skip links, breadcrumbs, "Home" and links to the site's own pages are never a headline;
a text dump's own headline punctuation and a date line under its standfirst are kept; a too-short
file is refused as such. Pages written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from archive.ingest.article import NotAnArticleError
from archive.ingest.boilerplate import is_navigation
from archive.ingest.parsing import parse_document

STORY = (
    "Harbour board votes to close the old dock\n\n"
    "The harbour board voted on Tuesday to close the old dock after a decade of losses, ending a "
    "trade that began in the 1880s.\n\n"
    "Members said the money saved would go to dredging the main channel, which ships now avoid at "
    "low tide. The dockers' union said it would fight the decision.\n\n"
    "The dock will close at the end of the year, the board said in a statement.\n"
)


@pytest.mark.parametrize(
    "menu",
    [
        "1. Skip to content\n2. Skip to main menu\n3. Skip to more sites of ours\n\n",
        "Skip navigation\n\n",
        "• Home\n• World\n• Business\n\n",
        "Home / World / Europe\n\n",
        "Home\n\nPrivacy policy\n\n",
        "- Skip to search\n- Jump to comments\n\n",
    ],
)
def test_a_text_dump_finds_its_headline_past_the_menu(menu):
    article = parse_document((menu + STORY).encode(), filename="page.txt")
    assert article.title == "Harbour board votes to close the old dock"
    assert "title" not in article.review_fields


@pytest.mark.parametrize(
    "line",
    [
        "2. Skip to main menu",
        "Skip navigation",
        "* Home",
        "Home > News",
        "Privacy Policy",
        "3. Skip to more sites",
    ],
)
def test_menu_lines_are_navigation(line):
    assert is_navigation(line)


@pytest.mark.parametrize(
    "line",
    [
        "Homeowners face a new tax",
        "Home truths about the budget",
        "1. The board should close the dock now",
        "- 4 tbsp milk",  # a bulleted list of ingredients is not a numbered menu
    ],
)
def test_headlines_that_start_like_menu_words_are_not_navigation(line):
    assert not is_navigation(line)


@pytest.mark.parametrize("title", ["Home", "Privacy policy"])
def test_an_html_page_titled_home_is_flagged_instead_of_headlined(title):
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY.split("\n\n")[1:])
    html = f"<html><head><title>{title}</title></head><body><article>{paragraphs}</article></body></html>"
    article = parse_document(html.encode(), filename="page.html")
    assert article.title != title
    assert "title" in article.review_fields


def test_a_page_titled_home_takes_its_own_heading():
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY.split("\n\n")[1:])
    heading = "<h1><a href='https://video.example/x'>Harbour dock to close.</a></h1>"
    body = f"<article>{heading}{paragraphs}</article>"
    html = f"<html><head><title>Home</title></head><body>{body}</body></html>"
    assert parse_document(html.encode(), filename="page.html").title == "Harbour dock to close."


def test_a_site_page_whose_heading_repeats_its_title_is_flagged_not_headlined_by_another_heading():
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY.split("\n\n")[1:])
    body = f"<h1>Privacy policy</h1><article>{paragraphs}</article><h1>Dock Tours</h1>"
    html = f"<html><head><title>Privacy policy</title></head><body>{body}</body></html>"
    article = parse_document(html.encode(), filename="page.html")
    assert article.title not in {"Privacy policy", "Dock Tours"}
    assert "title" in article.review_fields


def test_a_place_and_full_stop_opening_a_text_dumps_headline_are_kept():
    headline = "Harbourton. Fire destroys a barn on the quay"
    text = headline + "\n\n" + STORY.split("\n\n", 1)[1]
    assert parse_document(text.encode(), filename="page.txt").title == headline


@pytest.mark.parametrize("text", [b"hello world", b"Quarterly report\n"])
def test_a_plain_text_file_of_two_words_is_refused_as_too_short(text):
    with pytest.raises(NotAnArticleError, match="too short to be an article: it holds only 2 words"):
        parse_document(text, filename="note.txt")


def test_a_date_line_under_a_standfirst_dates_a_text_dump_and_leaves_its_body():
    head, rest = STORY.split("\n\n", 1)
    text = f"{head}\n\nMembers say the money saved will go to dredging\n\nMarch 4, 2025\n\n{rest}"
    article = parse_document(text.encode(), filename="page.txt")
    assert article.published_date == dt.date(2025, 3, 4)
    assert "March 4, 2025" not in article.body

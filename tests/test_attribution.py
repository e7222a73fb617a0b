"""Bylines, closing credit lines, datelines and the page's own URL (archive.ingest.attribution)."""

from __future__ import annotations

import pytest

from archive.ingest.attribution import (
    byline_name,
    credit_of,
    dateline_place,
    is_byline,
    is_placeholder_author,
    take_url,
    without_credits,
)
from archive.ingest.boilerplate import PageLine


def test_a_byline_gives_the_names_without_what_shares_its_line():
    assert byline_name("By Jane Doe | 16 Dec. 2014") == "Jane Doe"
    assert byline_name("Reporting by Omar Haddad and Lena Park") == "Omar Haddad and Lena Park"
    assert byline_name("The mill reopened") == ""


def test_a_closing_line_credits_an_agency_or_is_marked():
    assert credit_of("* Reuters and Agence France-Presse") == "Reuters and Agence France-Presse"
    assert credit_of("Valley Courier and Agencies") == "Valley Courier and Agencies"
    assert credit_of("The mill will reopen next spring.") == ""


def test_a_dateline_is_an_upper_case_place_but_not_a_label():
    assert dateline_place("MONTREUX — Talks resumed on Monday.") == "MONTREUX"
    assert dateline_place("WASHINGTON (Reuters) - Talks resumed.") == "WASHINGTON"
    assert dateline_place("BREAKING: Talks resumed.") == ""


def test_placeholder_authors_name_nobody():
    assert is_placeholder_author("admin") and is_placeholder_author("Unknown author")
    assert not is_placeholder_author("Jane Doe")


def test_the_page_url_leaves_the_body_from_a_label_or_a_line_of_its_own():
    lines = [PageLine("Original url:", 0), PageLine("<https://example.org/a>", 0), PageLine("Text", 1)]
    assert take_url(lines) == ("https://example.org/a", "'Original url:' line", [PageLine("Text", 1)])


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Von Anna Beispiel", "Anna Beispiel"),
        ("Von Anna Beispiel und Jan Muster", "Anna Beispiel und Jan Muster"),
        ("Par Claire Exemple", "Claire Exemple"),
        ("Por María Ejemplo", "María Ejemplo"),
        ("Av Lars Eksempel", "Lars Eksempel"),
        ("Von der Leyen sagte am Montag", ""),  # a particle, not "by": no byline
        ("Par ici la sortie", ""),
        ("Door de regering", ""),
    ],
)
def test_a_byline_in_another_language_names_its_writer(line, name):
    assert byline_name(line) == name
    assert is_byline(line) is bool(name)


def test_a_german_byline_is_not_a_person_the_article_mentions():
    text = "Neue Brücke eröffnet\n\nVon Anna Beispiel\n\nBerlin – Bürgermeister Jan Muster sagte am Montag."
    kept = without_credits(text)
    assert len(kept) == len(text)
    assert "Anna Beispiel" not in kept and "Jan Muster" in kept

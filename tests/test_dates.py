"""A date is a publication date only where the page states it as one."""

from __future__ import annotations

import datetime as dt

import pytest

from archive.ingest.dates import find_date_line, parse_date_line
from archive.ingest.page_dates import parse_timestamp
from archive.ingest.parsing import parse_document

BODY = (
    "The harbour council voted on Thursday to approve a new ferry timetable, ending a long dispute.\n\n"
    "Ferries will run every twenty minutes at peak times, the council's transport chair said.\n\n"
    "Opponents said the council had not explained how the extra crossings would be paid for.\n"
)


def _parse(text: str):
    return parse_document(text.encode(), filename="page.txt")


@pytest.mark.parametrize(
    ("line", "date", "time"),
    [
        ("December 16, 2014", dt.date(2014, 12, 16), None),
        ("January 13, 2014, 2:21 pm", dt.date(2014, 1, 13), dt.time(14, 21)),
        ("Published: Monday 13 January 2014 14:21 GMT", dt.date(2014, 1, 13), dt.time(14, 21)),
        ("By Jane Doe | 16 Dec. 2014", dt.date(2014, 12, 16), None),
        ("2014-12-16", dt.date(2014, 12, 16), None),
    ],
)
def test_a_line_that_is_just_a_date_is_read(line, date, time):
    found = parse_date_line(line)
    assert (found.date, found.time) == (date, time)


@pytest.mark.parametrize(
    "line",
    [
        "Since July 1, 2024, we have disabled all ads to improve your reading experience.",
        "x Abu Dhabi, UAESaturday 22 July 2017",
        "The peace talks are scheduled to start on January 22, 2014 in Montreux, Switzerland.",
        "Updated: December 17, 2014",
        "February 30, 2014",
        "March 3, 2999",
    ],
    ids=["banner-sentence", "masthead", "date-in-a-sentence", "updated", "impossible", "future"],
)
def test_a_date_that_is_not_a_date_line_is_not_read(line):
    assert parse_date_line(line) is None


def test_an_unlabelled_date_above_the_headline_is_page_furniture():
    assert find_date_line(["Saturday 22 July 2017"], ["Talks open in Geneva"]) is None
    assert _parse("Saturday 22 July 2017\n\nTalks open in Geneva\n\n" + BODY).published_date is None


def test_a_labelled_date_above_the_headline_counts():
    article = _parse("Published 16 December 2014\n\nTalks open in Geneva\n\n" + BODY)
    assert article.published_date == dt.date(2014, 12, 16)
    assert "labelled" in article.provenance["published"]


def test_a_date_line_under_the_headline_counts():
    article = _parse("Talks open in Geneva\n\nDecember 16, 2014\n\n" + BODY)
    assert article.published_date == dt.date(2014, 12, 16)
    assert "review_fields" and "published" not in article.review_fields


def test_dates_in_the_running_text_are_never_the_publication_date():
    article = _parse(
        "Talks open in Geneva\n\n" + BODY + "\nThe next round is planned for January 22, 2015.\n"
    )
    assert article.published_date is None
    assert "published" in article.review_fields


def test_a_date_line_at_the_end_of_the_page_is_not_the_publication_date():
    article = _parse("Talks open in Geneva\n\n" + BODY + "\nDecember 16, 2014\n")
    assert article.published_date is None


def test_iso_metadata_gives_date_and_time():
    stamp = parse_timestamp("2014-01-13T14:21:00+04:00", "meta")
    assert (stamp.date, stamp.time) == (dt.date(2014, 1, 13), dt.time(14, 21))
    stamp = parse_timestamp("2014-01-13", "meta")
    assert (stamp.date, stamp.time) == (dt.date(2014, 1, 13), None)
    assert parse_timestamp("yesterday", "meta") is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("16/12/2014", dt.date(2014, 12, 16)),
        ("12/16/2014", dt.date(2014, 12, 16)),
        ("16.12.2014", dt.date(2014, 12, 16)),
    ],
)
def test_a_numeric_date_is_read_when_day_and_month_cannot_be_confused(line, date):
    assert parse_date_line(line).date == date


def test_an_ambiguous_numeric_date_is_not_guessed():
    assert parse_date_line("03/04/2014") is None


def test_only_the_published_part_of_a_published_and_updated_line_counts():
    found = parse_date_line("Updated: 17 December 2014 | Published: 16 December 2014")
    assert found.date == dt.date(2014, 12, 16) and found.labelled


def test_a_sentence_holding_a_date_is_not_a_date_line_even_when_short():
    assert parse_date_line("On 1 January 2000 the talks begin in the hall.") is None
    assert parse_date_line("6 May 2022 - 2:00 a. m.").time == dt.time(2, 0)

"""Story clustering on the hard cases issue 7 found on real pages: the same ministers at two meetings,
one event worded differently by two outlets, and a wire copy under a new lede."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.fixtures_compare import FLOOD_BODY, FLOOD_TITLE, LISBON_BODY_A, LISBON_TITLE_A
from tests.fixtures_stories import (
    TUNIS_BODY,
    TUNIS_TITLE,
    VALLETTA_BODY_A,
    VALLETTA_BODY_B,
    VALLETTA_TITLE_A,
    VALLETTA_TITLE_B,
    VALLETTA_WIRE_LEDE,
    VALLETTA_WIRE_TITLE,
    wire_copy,
)

pytestmark = pytest.mark.django_db
DAY = dt.date(2015, 9, 10)
MINISTERS = ["Anna Petrova", "Omar Haddad"]
HOST = ["Anna Petrova", "Joseph Farrugia"]  # the second outlet names the host, not the other minister


@pytest.fixture
def ingest(ingest):
    """The shared ingest hook, with the two ministers and the later meeting's day by default."""

    def make(title, body, *, people=MINISTERS, published_date=DAY):
        return ingest(title, body, people=people, published_date=published_date)

    return make


@pytest.fixture
def background(ingest):
    """Other news in the archive, so that words every article uses are not rare."""
    ingest(LISBON_TITLE_A, LISBON_BODY_A, published_date=DAY - dt.timedelta(days=200))
    ingest(FLOOD_TITLE, FLOOD_BODY, people=["Pieter de Wit"], published_date=DAY)


def test_an_undated_report_of_an_earlier_meeting_of_the_same_ministers_stays_out(ingest, background):
    later = ingest(VALLETTA_TITLE_A, VALLETTA_BODY_A)
    earlier = ingest(TUNIS_TITLE, TUNIS_BODY, published_date=None)
    assert earlier.story_id != later.story_id


def test_an_undated_earlier_meeting_ingested_first_keeps_the_later_one_out(ingest, background):
    earlier = ingest(TUNIS_TITLE, TUNIS_BODY, published_date=None)
    later = ingest(VALLETTA_TITLE_A, VALLETTA_BODY_A)
    assert later.story_id != earlier.story_id


def test_two_outlets_report_one_event_a_day_apart_under_different_headlines(ingest, background):
    first = ingest(VALLETTA_TITLE_A, VALLETTA_BODY_A)
    second = ingest(VALLETTA_TITLE_B, VALLETTA_BODY_B, people=HOST, published_date=DAY + dt.timedelta(days=1))
    assert second.story_id == first.story_id


def test_an_undated_report_of_the_same_event_in_other_words_joins(ingest, background):
    first = ingest(VALLETTA_TITLE_A, VALLETTA_BODY_A)
    undated = ingest(VALLETTA_TITLE_B, VALLETTA_BODY_B, people=HOST, published_date=None)
    assert undated.story_id == first.story_id


def test_a_wire_copy_with_a_new_lede_and_headline_joins(ingest, background):
    wire = ingest(VALLETTA_TITLE_A, VALLETTA_BODY_A)
    copy = ingest(
        VALLETTA_WIRE_TITLE, wire_copy(VALLETTA_BODY_A, VALLETTA_WIRE_LEDE), people=["Anna Petrova"]
    )
    assert copy.story_id == wire.story_id


def test_the_same_ministers_at_another_meeting_a_week_later_start_a_new_story(ingest, background):
    earlier = ingest(TUNIS_TITLE, TUNIS_BODY, published_date=DAY - dt.timedelta(days=7))
    later = ingest(VALLETTA_TITLE_A, VALLETTA_BODY_A)
    assert later.story_id != earlier.story_id

"""Story clustering: an article joins the story of the articles that report the same event."""

from __future__ import annotations

import datetime as dt

import pytest

from archive.compare.stories import (
    ArticleSignature,
    StoryIndex,
    TitleCandidate,
    story_span,
    story_title,
)
from archive.compare.story_similarity import similarity
from archive.compare.story_terms import build_terms
from archive.models import Story
from archive.stories import clustering
from tests.fixtures_compare import (
    FLOOD_BODY,
    FLOOD_TITLE,
    LISBON_BODY_A,
    LISBON_BODY_B,
    LISBON_TITLE_A,
    LISBON_TITLE_B,
    OSLO_BODY,
    OSLO_TITLE,
)

pytestmark = pytest.mark.django_db
DAY = dt.date(2014, 3, 4)


def test_two_outlets_reporting_the_same_signing_share_a_story(ingest):
    first = ingest(LISBON_TITLE_A, LISBON_BODY_A, people=["Anna Petrova", "Omar Haddad"])
    second = ingest(
        LISBON_TITLE_B,
        LISBON_BODY_B,
        people=["Anna Petrova", "Omar Haddad"],
        published_date=DAY + dt.timedelta(days=1),
    )
    assert first.story_id is not None
    assert second.story_id == first.story_id


def test_the_same_ministers_meeting_a_year_later_start_a_new_story(ingest):
    treaty = ingest(LISBON_TITLE_A, LISBON_BODY_A, people=["Anna Petrova", "Omar Haddad"])
    pipeline = ingest(
        OSLO_TITLE,
        OSLO_BODY,
        people=["Anna Petrova", "Omar Haddad"],
        published_date=DAY + dt.timedelta(days=370),
    )
    assert pipeline.story_id != treaty.story_id


def test_the_same_ministers_on_another_subject_stay_apart_even_undated(ingest):
    treaty = ingest(LISBON_TITLE_A, LISBON_BODY_A, people=["Anna Petrova", "Omar Haddad"])
    pipeline = ingest(OSLO_TITLE, OSLO_BODY, people=["Anna Petrova", "Omar Haddad"], published_date=None)
    assert pipeline.story_id != treaty.story_id


def test_unrelated_news_on_the_same_day_stays_apart(ingest):
    treaty = ingest(LISBON_TITLE_A, LISBON_BODY_A, people=["Anna Petrova", "Omar Haddad"])
    flood = ingest(FLOOD_TITLE, FLOOD_BODY, people=["Pieter de Wit"])
    assert flood.story_id != treaty.story_id


def test_an_undated_article_joins_by_its_content(ingest):
    treaty = ingest(LISBON_TITLE_A, LISBON_BODY_A, people=["Anna Petrova", "Omar Haddad"])
    ingest(FLOOD_TITLE, FLOOD_BODY, people=["Pieter de Wit"])
    undated = ingest(
        LISBON_TITLE_B, LISBON_BODY_B, people=["Anna Petrova", "Omar Haddad"], published_date=None
    )
    assert undated.story_id == treaty.story_id


def test_articles_more_than_the_date_window_apart_are_never_one_event():
    terms = build_terms(LISBON_TITLE_A, LISBON_BODY_A)
    a = ArticleSignature(1, terms, {1: 2}, DAY)
    b = ArticleSignature(2, terms, {1: 2}, DAY + dt.timedelta(days=30))
    index = StoryIndex()
    index.add(a)
    index.add(b)
    assert similarity(a, b, index.idf) == 0.0
    assert index.candidates(a) == []


def test_a_story_gets_the_date_span_and_a_member_headline(ingest):
    first = ingest(LISBON_TITLE_A, LISBON_BODY_A, people=["Anna Petrova", "Omar Haddad"])
    ingest(
        LISBON_TITLE_B,
        LISBON_BODY_B,
        people=["Anna Petrova", "Omar Haddad"],
        published_date=DAY + dt.timedelta(days=1),
    )
    story = Story.objects.get(pk=first.story_id)
    assert (story.first_published, story.last_published) == (DAY, DAY + dt.timedelta(days=1))
    assert story.title in {LISBON_TITLE_A, LISBON_TITLE_B}


def test_story_title_prefers_the_headline_sharing_most_words_with_the_others():
    members = [
        TitleCandidate(1, "Floods close metro", DAY),
        TitleCandidate(2, "Harbour treaty signed in Lisbon", DAY),
        TitleCandidate(3, "Lisbon harbour treaty ends quota row", DAY),
    ]
    assert story_title(members) in {members[1].title, members[2].title}
    assert story_span([None, DAY, DAY + dt.timedelta(days=2)]).last == DAY + dt.timedelta(days=2)


def test_recluster_keeps_locked_stories_and_custom_titles(ingest):
    a = ingest(LISBON_TITLE_A, LISBON_BODY_A, people=["Anna Petrova", "Omar Haddad"])
    b = ingest(LISBON_TITLE_B, LISBON_BODY_B, people=["Anna Petrova", "Omar Haddad"])
    flood = ingest(FLOOD_TITLE, FLOOD_BODY, people=["Pieter de Wit"])
    Story.objects.filter(pk=a.story_id).update(title="Lisbon treaty", title_is_custom=True)
    Story.objects.filter(pk=flood.story_id).update(
        locked=True, title="Locked flood story", title_is_custom=True
    )

    result = clustering.recluster_all()

    a.refresh_from_db(), b.refresh_from_db(), flood.refresh_from_db()
    assert a.story_id == b.story_id
    assert a.story.title == "Lisbon treaty"
    assert flood.story.title == "Locked flood story" and flood.story.locked
    assert result.articles == 3 and result.stories == 2


def test_recluster_splits_articles_an_earlier_run_wrongly_grouped(ingest):
    a = ingest(LISBON_TITLE_A, LISBON_BODY_A, people=["Anna Petrova", "Omar Haddad"])
    flood = ingest(FLOOD_TITLE, FLOOD_BODY, people=["Pieter de Wit"])
    flood.story = a.story
    flood.save()
    clustering.recluster_all()
    a.refresh_from_db(), flood.refresh_from_db()
    assert a.story_id != flood.story_id


def test_the_cluster_stories_command_reports_what_it_did(ingest):
    from io import StringIO

    from django.core.management import call_command

    ingest(LISBON_TITLE_A, LISBON_BODY_A, people=["Anna Petrova", "Omar Haddad"])
    ingest(FLOOD_TITLE, FLOOD_BODY, people=["Pieter de Wit"])
    out = StringIO()
    call_command("cluster_stories", stdout=out)
    assert out.getvalue().startswith("2 articles in 2 stories (0 locked kept, 0 articles moved)")


def test_an_undated_pair_needs_a_dated_pairs_score_once_the_archive_holds_unrelated_subjects():
    from archive.compare import story_similarity as stories

    dated = stories.ArticleSignature(1, {}, published=dt.date(2014, 1, 13))
    undated = stories.ArticleSignature(2, {})
    small = stories.threshold(dated, undated, stories.COLD_START_DOCS)
    diverse = stories.threshold(dated, undated, stories.DIVERSE_ARCHIVE_DOCS * 2)
    assert small == stories.UNDATED_SCORE
    assert diverse == stories.SAME_STORY_SCORE == stories.threshold(dated, dated, 10_000)

"""An editor's change of an article's text or date in the admin refreshes what is derived from it:
people (found again by the importer's own code), quotes, cluster terms, the story's span, the story
itself (a better one, unless the story is locked), the search index and every process's story index.
A save that changes none of those does none of this."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from archive import searching
from archive.importing import reextraction
from archive.models import Article, Quote, Story, StoryIndexChange
from archive.stories import clustering, synced_index
from tests.test_admin_review import _change_form_data

DAY = dt.date(2014, 3, 4)

# A third outlet's report of the Rotterdam flood (written for this test).
FLOOD_TITLE_B = "Rotterdam storm leaves metro under water"
FLOOD_BODY_B = """ROTTERDAM — Six metro stations in Rotterdam were flooded on Tuesday after a violent storm, and the Erasmus bridge was closed as thousands of commuters were stranded.

"The water came faster than any forecast predicted," said Pieter Janssen, the city's mayor, adding that pumps would run through the night.

Firefighters freed passengers from two trains stuck in a tunnel under the Maas river; the metro stays closed until Thursday while engineers inspect the tunnels."""  # noqa: E501


def _edit(client, article: Article, **changes):
    url = reverse("admin:archive_article_change", args=[article.pk])
    response = client.post(url, _change_form_data(article, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    return article


def _people(article: Article) -> set[str]:
    return set(article.mentions.values_list("person__name", flat=True))


@pytest.fixture(autouse=True)
def _names_found(settings):
    settings.PARALLAX_NER = True


def test_a_new_body_brings_new_people_and_quotes(
    admin_client, lisbon_archive, django_capture_on_commit_callbacks
):
    treaty = lisbon_archive["treaty"]
    assert _people(treaty) == {"Anna Petrova", "Omar Haddad"}
    with django_capture_on_commit_callbacks(execute=True):
        _edit(admin_client, treaty, title=FLOOD_TITLE_B, body=FLOOD_BODY_B)

    people = _people(treaty)
    assert "Anna Petrova" not in people and "Omar Haddad" not in people
    assert any("Janssen" in name for name in people), people
    quotes = list(Quote.objects.filter(article=treaty))
    assert [q.text.rstrip(",.") for q in quotes] == ["The water came faster than any forecast predicted"]
    assert quotes[0].person is not None and "Janssen" in quotes[0].person.name
    assert "#rotterdam" in treaty.cluster_terms and "treaty" not in treaty.cluster_terms
    assert treaty.pk in searching.search_article_ids("Erasmus bridge")  # the search index followed


def test_a_new_title_and_body_move_the_article_to_the_story_it_now_reports(admin_client, lisbon_archive):
    treaty, ledger, flood = (lisbon_archive[name] for name in ("treaty", "treaty_ledger", "flood"))
    assert ledger.story_id == treaty.story_id != flood.story_id

    _edit(admin_client, ledger, title=FLOOD_TITLE_B, body=FLOOD_BODY_B)

    assert ledger.story_id == flood.story_id
    assert Story.objects.get(pk=treaty.story_id).articles.count() == 1
    # every process's story index hears of the new terms
    assert StoryIndexChange.objects.filter(article_id=ledger.pk, kind="replaced").exists()


def test_an_article_alone_in_its_story_keeps_that_story_when_nothing_fits_better(
    admin_client, lisbon_archive
):
    flood = lisbon_archive["flood"]
    story = flood.story_id
    _edit(admin_client, flood, title="Rotterdam metro reopens after the storm")
    assert flood.story_id == story
    assert Story.objects.get(pk=story).title == "Rotterdam metro reopens after the storm"  # derived title


def test_an_article_in_a_locked_story_stays_there(admin_client, lisbon_archive):
    treaty, ledger = lisbon_archive["treaty"], lisbon_archive["treaty_ledger"]
    Story.objects.filter(pk=treaty.story_id).update(locked=True)
    _edit(admin_client, ledger, title=FLOOD_TITLE_B, body=FLOOD_BODY_B)
    assert ledger.story_id == treaty.story_id
    assert "#rotterdam" in ledger.cluster_terms  # its terms are new all the same


def test_a_new_date_changes_the_story_span(admin_client, lisbon_archive):
    treaty, ledger = lisbon_archive["treaty"], lisbon_archive["treaty_ledger"]
    story = Story.objects.get(pk=treaty.story_id)
    assert (story.first_published, story.last_published) == (DAY, DAY)

    _edit(admin_client, ledger, published_date="2014-03-06")

    story.refresh_from_db()
    assert ledger.story_id == story.pk  # two days later is still the same event
    assert (story.first_published, story.last_published) == (DAY, dt.date(2014, 3, 6))


def test_a_save_that_changes_no_text_or_date_recomputes_nothing(admin_client, lisbon_archive, monkeypatch):
    treaty = lisbon_archive["treaty"]
    quotes = list(Quote.objects.filter(article=treaty).values_list("pk", flat=True))
    mentions = list(treaty.mentions.values_list("pk", flat=True))
    logged = StoryIndexChange.objects.count()

    def forbidden(*args, **kwargs):
        raise AssertionError("nothing derived should be recomputed")

    monkeypatch.setattr(reextraction, "with_people", forbidden)
    monkeypatch.setattr(clustering, "on_article_ingested", forbidden)
    _edit(admin_client, treaty)
    _edit(admin_client, treaty, credit="By a new byline")

    assert list(Quote.objects.filter(article=treaty).values_list("pk", flat=True)) == quotes
    assert list(treaty.mentions.values_list("pk", flat=True)) == mentions
    assert StoryIndexChange.objects.count() == logged


def test_an_article_marked_a_duplicate_leaves_the_index_and_joins_its_original_story(
    admin_client, lisbon_archive
):
    treaty, flood = lisbon_archive["treaty"], lisbon_archive["flood"]
    old_story = flood.story_id
    _edit(admin_client, flood, duplicate_of=treaty.pk)
    assert flood.story_id == treaty.story_id
    assert not Story.objects.filter(pk=old_story).exists()  # it was the story's only article
    assert flood.pk not in synced_index.current()


def test_an_article_the_editor_moves_updates_both_stories_spans(admin_client, lisbon_archive):
    treaty, ledger, pipeline = (lisbon_archive[name] for name in ("treaty", "treaty_ledger", "pipeline"))
    _edit(admin_client, ledger, published_date="2014-03-05")
    _edit(admin_client, ledger, story=pipeline.story_id)
    assert ledger.story_id == pipeline.story_id  # the editor's choice is kept
    left, joined = Story.objects.get(pk=treaty.story_id), Story.objects.get(pk=pipeline.story_id)
    assert (left.first_published, left.last_published) == (DAY, DAY)
    assert joined.first_published == dt.date(2014, 3, 5)


def test_a_deleted_member_leaves_its_story_span_and_an_emptied_story_goes(admin_client, lisbon_archive):
    treaty, ledger, flood = (lisbon_archive[name] for name in ("treaty", "treaty_ledger", "flood"))
    _edit(admin_client, ledger, published_date="2014-03-06")
    flood_story = flood.story_id
    response = admin_client.post(
        "/admin/archive/article/",
        {"action": "delete_selected", "_selected_action": [ledger.pk, flood.pk], "post": "yes"},
    )
    assert response.status_code == 302
    story = Story.objects.get(pk=treaty.story_id)
    assert (story.first_published, story.last_published) == (DAY, DAY)
    assert not Story.objects.filter(pk=flood_story).exists()
    assert ledger.pk not in synced_index.current() and flood.pk not in synced_index.current()

"""Story admin: rename, merge, move an article out, lock; each survives re-clustering."""

from __future__ import annotations

import pytest
from django.urls import reverse

from archive.models import Story
from archive.stories import clustering

pytestmark = pytest.mark.django_db


def _change_form(story: Story, **changes) -> dict:
    articles = list(story.articles.order_by("published_date", "id"))
    data = {
        "title": story.title,
        "articles-TOTAL_FORMS": str(len(articles)),
        "articles-INITIAL_FORMS": str(len(articles)),
        "articles-MIN_NUM_FORMS": "0",
        "articles-MAX_NUM_FORMS": "0",
    }
    if story.locked:
        data["locked"] = "on"
    for i, article in enumerate(articles):
        data[f"articles-{i}-id"] = str(article.pk)
        data[f"articles-{i}-story"] = str(story.pk)
    data.update(changes)
    return data


def test_the_story_list_in_the_admin_shows_article_counts(admin_client, lisbon_archive):
    response = admin_client.get(reverse("admin:archive_story_changelist"))
    assert response.status_code == 200
    assert lisbon_archive["treaty"].story.title in response.content.decode()


def test_the_story_change_page_lists_its_articles_with_a_remove_control(admin_client, lisbon_archive):
    story = lisbon_archive["treaty"].story
    response = admin_client.get(reverse("admin:archive_story_change", args=[story.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert lisbon_archive["treaty_ledger"].title in page
    assert "remove_from_story" in page


def test_renaming_a_story_keeps_the_title_through_reclustering(admin_client, lisbon_archive):
    story = lisbon_archive["treaty"].story
    url = reverse("admin:archive_story_change", args=[story.pk])
    response = admin_client.post(url, _change_form(story, title="The Lisbon harbour treaty"))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title_is_custom
    clustering.recluster_all()
    lisbon_archive["treaty"].refresh_from_db()
    assert lisbon_archive["treaty"].story.title == "The Lisbon harbour treaty"


def test_an_article_can_be_removed_from_its_story(admin_client, lisbon_archive):
    story = lisbon_archive["treaty"].story
    ledger = lisbon_archive["treaty_ledger"]
    index = list(story.articles.order_by("published_date", "id")).index(ledger)
    url = reverse("admin:archive_story_change", args=[story.pk])
    response = admin_client.post(url, _change_form(story, **{f"articles-{index}-remove_from_story": "on"}))
    assert response.status_code == 302
    ledger.refresh_from_db()
    assert ledger.story_id != story.pk and ledger.story.locked
    clustering.recluster_all()
    ledger.refresh_from_db()
    lisbon_archive["treaty"].refresh_from_db()
    assert ledger.story_id != lisbon_archive["treaty"].story_id  # the editor's decision holds


def test_merging_stories_puts_their_articles_together_and_locks_the_result(admin_client, lisbon_archive):
    stories = [lisbon_archive["treaty"].story_id, lisbon_archive["pipeline"].story_id]
    response = admin_client.post(
        reverse("admin:archive_story_changelist"), {"action": "merge_stories", "_selected_action": stories}
    )
    assert response.status_code == 302
    merged = Story.objects.get(pk=min(stories))
    assert merged.locked
    assert merged.articles.count() == 3
    assert not Story.objects.filter(pk=max(stories)).exists()
    clustering.recluster_all()
    assert Story.objects.get(pk=merged.pk).articles.count() == 3


def test_a_locked_story_keeps_its_articles_when_reclustered(admin_client, lisbon_archive):
    flood = lisbon_archive["flood"]
    treaty = lisbon_archive["treaty"]
    treaty.story.articles.update(story=flood.story)  # an editor's odd but deliberate grouping
    admin_client.post(
        reverse("admin:archive_story_changelist"),
        {"action": "lock_stories", "_selected_action": [flood.story_id]},
    )
    clustering.recluster_all()
    treaty.refresh_from_db()
    assert treaty.story_id == flood.story_id

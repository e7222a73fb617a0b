"""Acceptance on the shared seeds: which articles share a story, and the quote they share."""

from __future__ import annotations

import pytest
from django.urls import reverse

from archive.compare.text import words

pytestmark = pytest.mark.django_db


def _story(articles, name):
    return articles[name].story_id


def test_the_two_reports_of_the_paris_meeting_share_a_story(seeded_archive, expected):
    for group in expected["stories"]["must_share_a_story"]:
        stories = {_story(seeded_archive, name) for name in group}
        assert len(stories) == 1 and None not in stories


def test_the_preview_of_the_paris_meeting_joins_that_story(seeded_archive, expected):
    paris = _story(seeded_archive, expected["stories"]["must_share_a_story"][0][0])
    for name in expected["stories"]["should_share_that_story"]:
        assert _story(seeded_archive, name) == paris


def test_the_december_interview_shares_a_story_with_no_other_seed(seeded_archive, expected):
    for name in expected["stories"]["must_not_share_a_story_with_any_other"]:
        others = [a for n, a in seeded_archive.items() if n != name]
        assert seeded_archive[name].story_id is not None
        assert all(a.story_id != seeded_archive[name].story_id for a in others)


def test_the_geneva_opening_nine_days_later_stays_out_of_the_paris_story(seeded_archive, expected):
    paris = _story(seeded_archive, expected["stories"]["must_share_a_story"][0][0])
    assert _story(seeded_archive, "000_f769660415e496ca.txt") != paris


def test_the_shared_remark_appears_once_on_the_story_page_with_both_wordings(
    client, seeded_archive, expected
):
    for shared in expected["shared_quotes"]:
        story_id = _story(seeded_archive, next(iter(shared["in"])))
        response = client.get(reverse("archive:api_story", args=[story_id]))
        assert response.status_code == 200
        rows = [
            q
            for q in response.json()["quotes"]
            if all(
                any(set(words(text)) <= set(words(v["text"])) for v in q["variants"])
                for text in shared["in"].values()
            )
        ]
        assert len(rows) == 1
        row = rows[0]
        assert row["speaker"] == shared["speaker"]
        wanted = {seeded_archive[name].pk for name in shared["in"]}
        assert wanted <= {v["article"] for v in row["variants"]}
        page = client.get(reverse("archive:story", args=[story_id])).content.decode()
        assert page.count('class="quote-row"') == len(response.json()["quotes"])
        assert shared["speaker"] in page


def test_the_story_page_of_the_seeds_shows_each_outlet(client, seeded_archive, expected):
    story_id = _story(seeded_archive, "004_9890ad71d71d51fb.txt")
    page = client.get(reverse("archive:story", args=[story_id]))
    assert page.status_code == 200
    for name in ("003_d43e4ed34428a101.txt", "004_9890ad71d71d51fb.txt"):
        assert seeded_archive[name].source.name in page.content.decode()

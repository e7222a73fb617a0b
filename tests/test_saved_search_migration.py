"""Migration 0015: a user's duplicate saved searches (saved before one row per question was kept) are
folded into the oldest, keeping daily alerts, the latest digest mark and look, and every digest record."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.migration_steps import latest_schema_after, migrate  # noqa: F401 (a fixture)

BEFORE = [("archive", "0014_article_people")]
AFTER = [("archive", "0016_saved_search_once_per_user")]
EARLY, LATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC), dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_duplicate_saved_searches_fold_into_the_oldest():
    apps = migrate(BEFORE)
    User = apps.get_model("auth", "User")
    SavedSearch, DigestSent = (
        apps.get_model("archive", "SavedSearch"),
        apps.get_model("archive", "DigestSent"),
    )
    reader, other = User.objects.create(username="reader"), User.objects.create(username="other")
    first = SavedSearch.objects.create(user=reader, name="First", query_string="q=flood", digest_mark=EARLY)
    second = SavedSearch.objects.create(
        user=reader,
        name="Second",
        query_string="q=flood",
        alerts="daily",
        digest_mark=LATE,
        last_seen_at=LATE,
    )
    DigestSent.objects.create(saved_search=second, articles=2, mark_from=EARLY, mark_to=LATE)
    SavedSearch.objects.create(user=reader, name="Third", query_string="q=flood", digest_mark=EARLY)
    SavedSearch.objects.create(user=other, name="Theirs", query_string="q=flood")
    SavedSearch.objects.create(user=reader, name="Drought", query_string="q=drought")

    apps = migrate(AFTER)
    SavedSearch, DigestSent = (
        apps.get_model("archive", "SavedSearch"),
        apps.get_model("archive", "DigestSent"),
    )
    kept = SavedSearch.objects.get(user__username="reader", query_string="q=flood")
    assert (kept.pk, kept.name, kept.alerts) == (first.pk, "First", "daily")
    assert kept.digest_mark == LATE and kept.last_seen_at >= LATE
    assert DigestSent.objects.get().saved_search_id == first.pk
    assert sorted(SavedSearch.objects.values_list("name", flat=True)) == ["Drought", "First", "Theirs"]

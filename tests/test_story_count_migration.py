"""Migration 0020: stored stories count their named outlets only (an article with no outlet was one more)."""

from __future__ import annotations

import pytest

from tests.migration_steps import latest_schema_after, migrate  # noqa: F401 (a fixture)

BEFORE = [("archive", "0019_article_sketches_refolded")]
AFTER = [("archive", "0020_story_outlets_named_only")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_stored_counts_leave_out_articles_with_no_outlet():
    apps = migrate(BEFORE)
    Article, Source, Story = (apps.get_model("archive", name) for name in ("Article", "Source", "Story"))
    gazette = Source.objects.create(name="Harbour Gazette", slug="harbour-gazette")
    mixed = Story.objects.create(title="Strike", outlet_count=2)
    unnamed = Story.objects.create(title="Rumour", outlet_count=1)
    Story.objects.create(title="Emptied", outlet_count=0)
    for n, (story, source) in enumerate([(mixed, gazette), (mixed, None), (unnamed, None)]):
        Article.objects.create(title=f"A{n}", body="Text.", fingerprint=f"f{n}", story=story, source=source)

    apps = migrate(AFTER)
    counts = dict(apps.get_model("archive", "Story").objects.values_list("title", "outlet_count"))
    assert counts == {"Strike": 1, "Rumour": 1, "Emptied": 0}

"""Stories count their named outlets only (StoryQuerySet.refresh_outlet_counts): an article with no
outlet no longer counts as one more, and a story whose articles all lack one counts 1. The stored
counts are computed again by that rule (as it stands here)."""

from django.db import migrations
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest


def count_named_outlets(apps, schema_editor):
    Article, Story = apps.get_model("archive", "Article"), apps.get_model("archive", "Story")
    members = Article.objects.filter(story=OuterRef("pk")).order_by().values("story")
    counts = members.annotate(n=Greatest(Count("source", distinct=True), Value(1))).values("n")
    Story.objects.update(outlet_count=Coalesce(Subquery(counts), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0019_article_sketches_refolded"),
    ]

    operations = [migrations.RunPython(count_named_outlets, migrations.RunPython.noop, elidable=True)]

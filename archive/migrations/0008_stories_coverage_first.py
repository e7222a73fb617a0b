"""Stories first: each story's number of outlets, stored (filled here for the stories already kept)
and indexed for the /stories/ order; a story's outlets and languages read off the article index."""

from django.db import migrations, models
from django.db.models import Case, Count, Max, OuterRef, Subquery, When
from django.db.models.functions import Coalesce


# StoryQuerySet.coverage_first(): most outlets, newest (undated last), newest id. SQLite puts NULLs
# last in a descending order already and refuses NULLS LAST in an index; PostgreSQL puts them first.
ORDER_INDEX = {
    "sqlite": "(outlet_count DESC, last_published DESC, id DESC)",
    "postgresql": "(outlet_count DESC, last_published DESC NULLS LAST, id DESC)",
}


def create_order_index(apps, schema_editor):
    columns = ORDER_INDEX.get(schema_editor.connection.vendor)
    if columns:
        schema_editor.execute(f"CREATE INDEX story_coverage_first ON archive_story {columns}")


def drop_order_index(apps, schema_editor):
    if schema_editor.connection.vendor in ORDER_INDEX:
        schema_editor.execute("DROP INDEX IF EXISTS story_coverage_first")


def count_outlets(apps, schema_editor):
    """Fill outlet_count for the stories already stored (the rule of StoryQuerySet.refresh_outlet_counts)."""
    Article = apps.get_model("archive", "Article")
    Story = apps.get_model("archive", "Story")
    members = Article.objects.filter(story=OuterRef("pk")).order_by().values("story")
    unknown = Max(Case(When(source__isnull=True, then=1), default=0))
    counts = members.annotate(n=Count("source", distinct=True) + unknown).values("n")
    Story.objects.update(outlet_count=Coalesce(Subquery(counts), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0007_search_order_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="story",
            name="outlet_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(count_outlets, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["story", "source"], name="article_story_source"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["story", "language"], name="article_story_language"),
        ),
        migrations.RunPython(create_order_index, drop_order_index),
    ]

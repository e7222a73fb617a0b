"""Mention.source: a copy of the article's outlet, so a person's outlets are counted from the mention
rows (and one covering index) without reading article rows. Filled here for existing mentions."""

import django.db.models.deletion
from django.db import migrations, models


def copy_sources(apps, schema_editor):
    """One UPDATE per outlet, selecting its articles through the (source_id) index: a correlated
    subquery per mention would read every article's row past its body instead."""
    Article = apps.get_model("archive", "Article")
    Mention = apps.get_model("archive", "Mention")
    Source = apps.get_model("archive", "Source")
    for source_id in Source.objects.values_list("pk", flat=True):
        articles = Article.objects.filter(source_id=source_id).values("pk")
        Mention.objects.filter(article__in=articles).update(source_id=source_id)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0005_search_vector"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="mention",
            name="mention_person_count",
        ),
        migrations.AddField(
            model_name="mention",
            name="source",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="mentions",
                to="archive.source",
            ),
        ),
        migrations.RunPython(copy_sources, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["duplicate_of", "source"], name="article_original_source"),
        ),
        migrations.AddIndex(
            model_name="mention",
            index=models.Index(fields=["person", "source", "count"], name="mention_person_source_count"),
        ),
    ]

"""A GIN index over each article's title words alone (PostgreSQL only; nothing on SQLite), so the
PostgreSQL backend finds which matches hold the query in their title without reading their full
search_vector out of TOAST: it ranks a bounded set of candidates (postgres_backend.py, RANK_CANDIDATES)
instead of every match. An expression index: no column, no table rewrite, nothing to keep current.
The expression is archive.search.postgres_compile.TITLE_VECTOR (copied when the migration runs); a
query must use that same expression for the planner to use the index.
"""

from django.db import migrations

from archive.search.postgres_compile import TITLE_VECTOR


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX article_title_vector ON archive_article USING gin (({TITLE_VECTOR}))")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_title_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0006_browse_mention_source"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

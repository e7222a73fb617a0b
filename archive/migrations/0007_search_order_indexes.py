"""Two indexes the PostgreSQL search backend orders its matches with (PostgreSQL only; nothing on
SQLite, where the Whoosh backend keeps its own index). Neither adds a column or rewrites the table.

- article_title_vector: a GIN index over each article's title words alone, so the backend finds which
  matches hold the query in their title without reading their full search_vector out of TOAST: it
  ranks a bounded set of candidates (postgres_backend.py, RANK_CANDIDATES) instead of every match.
  A query must use the same expression for the planner to use the index (compile.TITLE_VECTOR);
  0025_search_vector_as_whoosh made it a function, parallax_title_vector(). The expression is
  written out here as it stood (it was imported from compile.py, which later changed).
- article_newest: the backend's "newest first" order (postgres_backend.DATE_ORDER, undated last),
  which the (published_date) index cannot give in one scan: the empty query sorted all 100,000
  articles for its first page (31 ms).
"""

from django.db import migrations

TITLE_VECTOR = (
    "setweight(to_tsvector('parallax_simple'::regconfig, parallax_spaced(coalesce(title, ''))) "
    "|| to_tsvector('parallax_english'::regconfig, parallax_spaced(coalesce(title, ''))), 'A')"
)
INDEXES = {
    "article_title_vector": f"USING gin (({TITLE_VECTOR}))",
    "article_newest": "(published_date DESC NULLS LAST, id DESC)",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, definition in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX {name} ON archive_article {definition}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0006_browse_mention_source"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

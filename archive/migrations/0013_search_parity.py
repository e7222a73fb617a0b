"""The same words on both search engines (PostgreSQL only; nothing on SQLite).

parallax_spaced() also puts a space after a sign that precedes a digit ("Geneva-2" -> "Geneva- 2"):
PostgreSQL's parser read "-2" as a signed number, the lexeme '-2', where Whoosh indexes the word "2",
so `Geneva 2` found 3 of the seeds on PostgreSQL and 4 on Whoosh. The pattern is
archive.search.backends.postgres.compile.SIGNED_DIGIT, copied here as it stood when written (the query
words get the same treatment in that module). Every article's vector is recomputed (a stored
generated column is recomputed by any UPDATE of its row) and the title index, whose expression calls
the function, rebuilt.
"""

from django.db import migrations

from archive.ingest.prose import UNSPACED_RANGES

SPACED = r"""
CREATE OR REPLACE FUNCTION parallax_spaced(text) RETURNS text IMMUTABLE STRICT PARALLEL SAFE
    LANGUAGE sql AS $$ SELECT regexp_replace(regexp_replace($1, '([%s])', ' \1 ', 'g'),
        '([-+])([0-9])', '\1 \2', 'g') $$;
"""
OLD_SPACED = r"""
CREATE OR REPLACE FUNCTION parallax_spaced(text) RETURNS text IMMUTABLE STRICT PARALLEL SAFE
    LANGUAGE sql AS $$ SELECT regexp_replace($1, '([%s])', ' \1 ', 'g') $$;
"""
RECOMPUTE = """
UPDATE archive_article SET title = title;
REINDEX INDEX article_title_vector;
ANALYZE archive_article;
"""


def _run(schema_editor, function: str) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(function.replace("%s", UNSPACED_RANGES) + RECOMPUTE, None)


def forwards(apps, schema_editor):
    _run(schema_editor, SPACED)


def backwards(apps, schema_editor):
    _run(schema_editor, OLD_SPACED)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0012_saved_searches"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

"""What the PostgreSQL-only migrations share (the leading underscore keeps Django's migration loader
from reading this module as a migration)."""

from django.db import migrations


def postgres_only(forwards: str, backwards: str) -> migrations.RunPython:
    """An operation running the `forwards` SQL (and `backwards` to undo it) on PostgreSQL, and nothing
    on SQLite: the objects it makes serve the PostgreSQL search backend alone."""

    def run(sql: str):
        def step(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(sql, None)

        return step

    return migrations.RunPython(run(forwards), run(backwards))

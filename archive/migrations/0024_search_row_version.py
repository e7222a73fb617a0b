"""A version number on each search row (PostgreSQL only; nothing on SQLite).

The PostgreSQL backend counts facets from values each process holds (search/backends/postgres/
columns.py): a search reads only its matches' ids and row versions, and reads again the rows whose
version the process does not hold. A row's version is a new number from one sequence each time the
row is written (inserted by the article's trigger, updated by any of them or by a repair), so two
writes of one article never share a number, not even two in one transaction, and a number is not
given again (a sequence does not roll back; winding it back, as a restore does, comes with what
columns._GENERATION tells apart). The sequence belongs to no column, so nothing resets it.

Existing rows take their numbers as the column is added (one rewrite of the table, without its
triggers).
"""

from django.db import migrations

from archive.migrations._postgres import postgres_only

FORWARDS = """
CREATE SEQUENCE IF NOT EXISTS archive_searchdoc_version;
ALTER TABLE archive_searchdoc
    ADD COLUMN row_version bigint NOT NULL DEFAULT nextval('archive_searchdoc_version');
CREATE OR REPLACE FUNCTION archive_searchdoc_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.row_version := nextval('archive_searchdoc_version');
    RETURN NEW;
END $$;
CREATE TRIGGER searchdoc_version BEFORE UPDATE ON archive_searchdoc
    FOR EACH ROW EXECUTE FUNCTION archive_searchdoc_version();
"""
BACKWARDS = """
DROP TRIGGER IF EXISTS searchdoc_version ON archive_searchdoc;
DROP FUNCTION IF EXISTS archive_searchdoc_version();
ALTER TABLE archive_searchdoc DROP COLUMN IF EXISTS row_version;
DROP SEQUENCE IF EXISTS archive_searchdoc_version;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0023_search_year"),
    ]

    operations = [postgres_only(FORWARDS, BACKWARDS)]

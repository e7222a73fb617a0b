"""PostgreSQL search reads a narrow table of its own, archive_searchdoc (nothing on SQLite).

Why: a search visits the row of every match to count its outlet, year and people. In archive_article
those rows are wide (title, address, credit, provenance, duplicate sketches...): at 100,000 generated
articles a common word's 17,660 matches sat on 12,228 of the table's 12,800 pages. archive_searchdoc
holds only what a search reads (id, outlet, date, people, the search vector, which is stored out of
line as before) at about 65 rows a page, so the same matches cost about a tenth of the page visits:
finding them and reading their columns took 3.6 ms against 24 ms (30,000 articles, the bench's common
word, bench/SEARCH_BACKENDS.md "Session 8").

One row per article, kept in step by statement triggers on archive_article in the statement that
writes the article (a save is searchable when its transaction commits, as before): an insert adds
the row, an update copies outlet, date and people (people follow archive_mention through migration
0014's triggers) and recomputes the vector only when title, subtitle or body changed, a delete or a
truncate removes it. The vector is what the generated column of migration 0005 (as 0013 left it)
computed, now one function, parallax_search_vector(). Existing vectors are copied, not recomputed.
The generated column and the GIN index of archive_article.people, which only search read, go.
"""

from django.db import migrations

from archive.migrations._postgres import postgres_only

# The vector migration 0005 generated (as 0013 left it), over columns or arguments of these names.
VECTOR = """
    setweight(to_tsvector('parallax_simple'::regconfig, parallax_spaced(coalesce(title, ''))), 'A')
    || setweight(to_tsvector('parallax_english'::regconfig, parallax_spaced(coalesce(title, ''))), 'A')
    || setweight(to_tsvector('parallax_simple'::regconfig, parallax_spaced(coalesce(subtitle, ''))), 'B')
    || setweight(to_tsvector('parallax_english'::regconfig, parallax_spaced(coalesce(subtitle, ''))), 'B')
    || setweight(to_tsvector('parallax_simple'::regconfig, parallax_spaced(left(coalesce(body, ''), 100000))), 'C')
    || setweight(to_tsvector('parallax_english'::regconfig, parallax_spaced(left(coalesce(body, ''), 100000))), 'C')
"""

FORWARDS = """
CREATE OR REPLACE FUNCTION parallax_search_vector(title text, subtitle text, body text) RETURNS tsvector
    IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$ SELECT {VECTOR} $$;
CREATE TABLE archive_searchdoc (
    id bigint PRIMARY KEY,
    source_id bigint,
    published_date date,
    people bigint[] NOT NULL DEFAULT '{}',
    search_vector tsvector NOT NULL
);
-- No article may be written between the copy and the triggers: it would have no search row.
LOCK TABLE archive_article IN SHARE ROW EXCLUSIVE MODE;
INSERT INTO archive_searchdoc (id, source_id, published_date, people, search_vector)
    SELECT id, source_id, published_date, people, search_vector FROM archive_article;
CREATE INDEX searchdoc_vector ON archive_searchdoc USING gin (search_vector);
CREATE INDEX searchdoc_people ON archive_searchdoc USING gin (people);
CREATE INDEX searchdoc_newest ON archive_searchdoc (published_date DESC NULLS LAST, id DESC);
CREATE INDEX searchdoc_source ON archive_searchdoc (source_id, published_date);

CREATE OR REPLACE FUNCTION archive_searchdoc_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO archive_searchdoc (id, source_id, published_date, people, search_vector)
        SELECT n.id, n.source_id, n.published_date, n.people, parallax_search_vector(n.title, n.subtitle, n.body)
        FROM new_rows n;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE archive_searchdoc d SET source_id = n.source_id, published_date = n.published_date,
            people = n.people,
            search_vector = CASE WHEN (o.title, o.subtitle, o.body) IS DISTINCT FROM (n.title, n.subtitle, n.body)
                THEN parallax_search_vector(n.title, n.subtitle, n.body) ELSE d.search_vector END
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE d.id = n.id AND (o.title, o.subtitle, o.body, o.source_id, o.published_date, o.people)
            IS DISTINCT FROM (n.title, n.subtitle, n.body, n.source_id, n.published_date, n.people);
    ELSE
        DELETE FROM archive_searchdoc d USING old_rows o WHERE d.id = o.id;
    END IF;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION archive_searchdoc_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE archive_searchdoc;
    RETURN NULL;
END $$;
CREATE TRIGGER article_searchdoc_insert AFTER INSERT ON archive_article
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION archive_searchdoc_write();
CREATE TRIGGER article_searchdoc_update AFTER UPDATE ON archive_article
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION archive_searchdoc_write();
CREATE TRIGGER article_searchdoc_delete AFTER DELETE ON archive_article
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION archive_searchdoc_write();
CREATE TRIGGER article_searchdoc_truncate AFTER TRUNCATE ON archive_article
    FOR EACH STATEMENT EXECUTE FUNCTION archive_searchdoc_clear();

ALTER TABLE archive_article DROP COLUMN search_vector;
DROP INDEX IF EXISTS article_people;
ANALYZE archive_searchdoc;
"""

BACKWARDS = """
DROP TRIGGER IF EXISTS article_searchdoc_insert ON archive_article;
DROP TRIGGER IF EXISTS article_searchdoc_update ON archive_article;
DROP TRIGGER IF EXISTS article_searchdoc_delete ON archive_article;
DROP TRIGGER IF EXISTS article_searchdoc_truncate ON archive_article;
DROP FUNCTION IF EXISTS archive_searchdoc_write();
DROP FUNCTION IF EXISTS archive_searchdoc_clear();
DROP TABLE IF EXISTS archive_searchdoc;
DROP FUNCTION IF EXISTS parallax_search_vector(text, text, text);
ALTER TABLE archive_article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({VECTOR}) STORED;
CREATE INDEX article_search_vector ON archive_article USING gin (search_vector);
CREATE INDEX article_people ON archive_article USING gin (people);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0020_story_outlets_named_only"),
    ]

    operations = [postgres_only(FORWARDS.replace("{VECTOR}", VECTOR), BACKWARDS.replace("{VECTOR}", VECTOR))]

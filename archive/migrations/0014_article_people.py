"""Each article's person ids as an array beside its row, for PostgreSQL search (nothing on SQLite).

`person:` and the people facet joined the matches to archive_mention: at 100,000 articles a common
word's people facet spent 54 ms of 72 joining its 17,660 matches to their mentions, and `person:`
140-160 ms building its matches (the planner expected 1,041 articles for a name held by 21,354 and
looked each up by primary key). `archive_article.people` holds the ids of the people the article
mentions (real or not: "not a person" is decided at query time, so marking one needs no rewrite), with
a GIN index: `person:` is one index lookup (`people && ARRAY[...]`) and the facet unnests the arrays
of the matches it has read already.

Statement triggers on archive_mention keep it in step (an import's bulk insert is one update of the
article; a merge of two people one update per article moved). The stored search vector is not
recomputed by those updates (it depends on other columns). The column is not a model field: the
search backend alone reads it (archive/search/backends/postgres/).
"""

from django.db import migrations

from archive.migrations._postgres import postgres_only

FORWARDS = """
ALTER TABLE archive_article ADD COLUMN people bigint[] NOT NULL DEFAULT '{}';
UPDATE archive_article a SET people = x.ids FROM (
    SELECT article_id, array_agg(person_id ORDER BY person_id) AS ids FROM archive_mention GROUP BY article_id
) x WHERE x.article_id = a.id;
CREATE INDEX article_people ON archive_article USING gin (people);

CREATE FUNCTION archive_article_people() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[] := '{}';
BEGIN
    IF TG_OP = 'INSERT' THEN
        ids := ARRAY(SELECT article_id FROM new_rows);
    ELSIF TG_OP = 'DELETE' THEN
        ids := ARRAY(SELECT article_id FROM old_rows);
    ELSE  -- only the rows whose person or article changed (not a count)
        ids := ARRAY(
            SELECT unnest(ARRAY[o.article_id, n.article_id]) FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE o.person_id <> n.person_id OR o.article_id <> n.article_id
        );
    END IF;
    UPDATE archive_article a SET people = x.ids FROM (
        SELECT d.id, coalesce(
            (SELECT array_agg(m.person_id ORDER BY m.person_id) FROM archive_mention m WHERE m.article_id = d.id),
            '{}') AS ids
        FROM (SELECT DISTINCT unnest(ids) AS id) d
    ) x WHERE a.id = x.id AND a.people IS DISTINCT FROM x.ids;
    RETURN NULL;
END $$;

CREATE TRIGGER mention_people_insert AFTER INSERT ON archive_mention
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION archive_article_people();
CREATE TRIGGER mention_people_update AFTER UPDATE ON archive_mention
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION archive_article_people();
CREATE TRIGGER mention_people_delete AFTER DELETE ON archive_mention
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION archive_article_people();
ANALYZE archive_article;
"""

BACKWARDS = """
DROP TRIGGER IF EXISTS mention_people_insert ON archive_mention;
DROP TRIGGER IF EXISTS mention_people_update ON archive_mention;
DROP TRIGGER IF EXISTS mention_people_delete ON archive_mention;
DROP FUNCTION IF EXISTS archive_article_people();
ALTER TABLE archive_article DROP COLUMN IF EXISTS people;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0013_search_parity"),
    ]

    operations = [postgres_only(FORWARDS, BACKWARDS)]

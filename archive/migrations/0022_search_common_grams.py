"""Common grams for PostgreSQL phrases, as Whoosh has them (nothing on SQLite).

A phrase with a common word ("bermerno the") found its candidates through the GIN index as the
articles holding both words, every one holding "the", then read each candidate's whole vector out of
TOAST to check positions: 2,906 vectors (30 MB) for 341 matches at 100,000 articles, 43 ms against
Whoosh's 7. archive_searchdoc.gram_vector holds each adjacent pair of the article's vector with a
common word in it as one lexeme ("bermerno the"), read off the positions of search_vector itself, so
a two-word phrase with a common word is exactly "its gram is there" (one GIN lookup, no vector read:
107 matches at 30,000 articles in 0.45 ms against 30.6) and a longer phrase reads only the vectors of
the articles holding all its grams. A separate column, not more lexemes in search_vector: ranking
reads search_vector out of TOAST for each candidate, and the grams would make it half as large again.

A pair too long to be a lexeme (a 2,000-character token beside "the") is not stored; the compiler
checks such a phrase by positions instead. The common words are archive.search.schema.COMMON_WORDS, copied here as they stood when written
(Whoosh's CommonGramFilter joins the same six). A trigger on archive_searchdoc derives the grams
from the vector whenever the vector is written, so the two never disagree.
"""

from django.db import migrations

from archive.migrations._postgres import postgres_only

COMMON_WORDS = ("the", "of", "to", "and", "a", "in")

FORWARDS = """
CREATE OR REPLACE FUNCTION parallax_common_grams(v tsvector) RETURNS tsvector
    IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$
    WITH t AS (SELECT u.lexeme AS w, p FROM unnest(v) u, unnest(u.positions) p)
    SELECT coalesce(array_to_tsvector(array_agg(DISTINCT a.w || ' ' || b.w)), ''::tsvector)
    FROM t a JOIN t b ON b.p = a.p + 1
    WHERE (a.w IN ({common}) OR b.w IN ({common}))
        AND octet_length(a.w) + octet_length(b.w) < 2046  -- a lexeme holds at most 2,047 bytes
$$;
ALTER TABLE archive_searchdoc ADD COLUMN gram_vector tsvector NOT NULL DEFAULT '';
UPDATE archive_searchdoc SET gram_vector = parallax_common_grams(search_vector);
CREATE INDEX searchdoc_grams ON archive_searchdoc USING gin (gram_vector);

CREATE OR REPLACE FUNCTION archive_searchdoc_grams() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.gram_vector := parallax_common_grams(NEW.search_vector);
    RETURN NEW;
END $$;
CREATE TRIGGER searchdoc_grams_insert BEFORE INSERT ON archive_searchdoc
    FOR EACH ROW EXECUTE FUNCTION archive_searchdoc_grams();
CREATE TRIGGER searchdoc_grams_update BEFORE UPDATE OF search_vector ON archive_searchdoc
    FOR EACH ROW WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector)
    EXECUTE FUNCTION archive_searchdoc_grams();
ANALYZE archive_searchdoc;
""".replace("{common}", ", ".join(f"'{w}'" for w in COMMON_WORDS))

BACKWARDS = """
DROP TRIGGER IF EXISTS searchdoc_grams_insert ON archive_searchdoc;
DROP TRIGGER IF EXISTS searchdoc_grams_update ON archive_searchdoc;
DROP FUNCTION IF EXISTS archive_searchdoc_grams();
ALTER TABLE archive_searchdoc DROP COLUMN IF EXISTS gram_vector;
DROP FUNCTION IF EXISTS parallax_common_grams(tsvector);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0021_search_table"),
    ]

    operations = [postgres_only(FORWARDS, BACKWARDS)]

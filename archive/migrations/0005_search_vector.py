"""PostgreSQL full-text search (archive/search/backends/postgres/backend.py): text search configurations, a
weighted tsvector generated from each article's title, subtitle and body with a GIN index, name
indexes for person:/source:, and the words table behind "did you mean" (pg_trgm).

Only on PostgreSQL: on SQLite this migration does nothing (the Whoosh backend keeps its own index).
The column is not a model field: Django never writes it, PostgreSQL computes it in the same statement
that writes the article, so a save by any process is searchable when its transaction commits.
"""

from django.db import migrations

from archive.ingest.prose import UNSPACED_RANGES

# parallax_spaced(): each character of a script written without spaces (Chinese, Japanese, Thai...) is
# a word of its own, as on the Whoosh backend (archive.ingest.prose.UNSPACED_RANGES, copied here when
# the migration runs); a query word of several such characters is searched as their phrase.
# Why two configurations (see postgres_backend.py): the archive holds every language, and the query
# does not say which one it is in. 'simple' (lower-cased, accents folded, no stemming, no stop words)
# finds any word of any language as typed and keeps stop words for phrases; an English stemmed copy
# gives English readers their word forms (ceasefires -> ceasefire). A per-article regconfig from
# Article.language would stem German as German, but then every query word would have to be stemmed
# in every configuration the archive holds; English is the query language of this newsroom.
CONFIGS = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
DROP TEXT SEARCH CONFIGURATION IF EXISTS parallax_simple;
CREATE TEXT SEARCH CONFIGURATION parallax_simple (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION parallax_simple
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, simple;
DROP TEXT SEARCH CONFIGURATION IF EXISTS parallax_english;
CREATE TEXT SEARCH CONFIGURATION parallax_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION parallax_english
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH unaccent, english_stem;
CREATE OR REPLACE FUNCTION parallax_spaced(text) RETURNS text IMMUTABLE STRICT PARALLEL SAFE
    LANGUAGE sql AS $$ SELECT regexp_replace($1, '([%s])', ' \\1 ', 'g') $$;
""" % UNSPACED_RANGES

# Weights: A title, B subtitle, C body (ts_rank weighs them, `title:` keeps only A). The body is cut
# at 100,000 characters per configuration: a tsvector is limited to 1 MB and an over-long one would
# make the INSERT itself fail; positions past 16,383 are clamped by PostgreSQL anyway.
VECTOR = """
ALTER TABLE archive_article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('parallax_simple'::regconfig, parallax_spaced(coalesce(title, ''))), 'A')
    || setweight(to_tsvector('parallax_english'::regconfig, parallax_spaced(coalesce(title, ''))), 'A')
    || setweight(to_tsvector('parallax_simple'::regconfig, parallax_spaced(coalesce(subtitle, ''))), 'B')
    || setweight(to_tsvector('parallax_english'::regconfig, parallax_spaced(coalesce(subtitle, ''))), 'B')
    || setweight(to_tsvector('parallax_simple'::regconfig, parallax_spaced(left(coalesce(body, ''), 100000))), 'C')
    || setweight(to_tsvector('parallax_english'::regconfig, parallax_spaced(left(coalesce(body, ''), 100000))), 'C')
) STORED;
CREATE INDEX article_search_vector ON archive_article USING gin (search_vector);
CREATE INDEX person_name_vector ON archive_person
    USING gin (to_tsvector('parallax_simple'::regconfig, name));
"""

# "Did you mean" candidates: every unstemmed word of 3-30 letters once, with the articles holding it
# when last counted (rebuild_index recounts; new words are added by the trigger as articles are written,
# with a count of 1). Bounded by the vocabulary, not the archive; a trigram index finds near spellings.
WORDS = """
CREATE TABLE archive_searchword (word text PRIMARY KEY, ndoc integer NOT NULL DEFAULT 1);
CREATE INDEX searchword_trgm ON archive_searchword USING gin (word gin_trgm_ops);
CREATE FUNCTION archive_searchword_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO archive_searchword (word)
    SELECT lexeme FROM unnest(to_tsvector('parallax_simple'::regconfig,
        coalesce(NEW.title, '') || ' ' || coalesce(NEW.subtitle, '') || ' '
        || left(coalesce(NEW.body, ''), 100000)))
    WHERE length(lexeme) BETWEEN 3 AND 30 AND lexeme ~ '^[[:alpha:]]+$'
    ON CONFLICT (word) DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER article_searchword_add AFTER INSERT OR UPDATE OF title, subtitle, body ON archive_article
    FOR EACH ROW EXECUTE FUNCTION archive_searchword_add();
"""

UNDO = """
DROP TRIGGER IF EXISTS article_searchword_add ON archive_article;
DROP FUNCTION IF EXISTS archive_searchword_add();
DROP TABLE IF EXISTS archive_searchword;
DROP INDEX IF EXISTS person_name_vector;
DROP INDEX IF EXISTS article_search_vector;
ALTER TABLE archive_article DROP COLUMN IF EXISTS search_vector;
DROP TEXT SEARCH CONFIGURATION IF EXISTS parallax_english;
DROP TEXT SEARCH CONFIGURATION IF EXISTS parallax_simple;
DROP FUNCTION IF EXISTS parallax_spaced(text);
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in (CONFIGS, VECTOR, WORDS):
            schema_editor.execute(sql, None)  # None: no placeholders, several statements


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNDO, None)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0004_story_index_log"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

"""The search vectors as Whoosh indexes the text: phrases within one section, Porter's stems
(PostgreSQL only; nothing on SQLite).

Sections.

An article's search_vector is six sections one after another: its title, subtitle and body, each as
written (parallax_simple) and English-stemmed (parallax_english). Joined with ||, each section's first
word came straight after the last word of the section before, so a phrase matched across two:
- a subtitle ending "... in Geneva." and a body starting "The talks ..." held the phrase "geneva the";
- a title "Mass protest" held "protest mass": its last word, then the first word of its English copy,
  which stemming had left as it was.
Whoosh keeps its sections SECTION_GAP positions apart (backends/whoosh/schema.py) and found neither: at
100,000 generated articles a stop-word phrase matched 341 articles on Whoosh and 345 on PostgreSQL.

Here each section starts GAP positions after the one before: a marker lexeme is put GAP positions on
(|| shifts the right operand past the left's last position) and deleted once the sections are joined.
The title index of 0007_search_order_indexes gets the same gap; its expression becomes the function
parallax_title_vector(), which the search vector starts with. Every search row's vector is computed
again (the common grams of 0022 follow by their trigger, and each row takes a new row version):
9 minutes at 100,000 generated articles on a two-core machine.

Stems. Whoosh stems with Martin Porter's algorithm (whoosh.lang.porter), 'parallax_english' stemmed
with Snowball's English (Porter2), which groups words otherwise: "generously" and "generation" are one
word to Whoosh and two to Porter2, "proudly" and "proud" one to Porter2 and two to Whoosh, so a query
for such a word found articles the other engine did not. PostgreSQL ships Snowball's Porter as well:
over the 92,542 distinct words of the real pages in ../shared/realworld, its stems differ from
Whoosh's on 230 (most not words: "ajccyhope"), Snowball English's on 4,734. The stop words stay
English's: the compiler tells a stop word by 'parallax_english' dropping it (Whoosh stems them: its ->
it, a difference left).
"""

from django.db import migrations

from archive.migrations._postgres import postgres_only

# The word tokens 0005_search_vector maps to unaccent and a stemmer.
WORD_TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"
# More than any phrase's span (a phrase is at most budget.MAX_PHRASE_WORDS words); Whoosh's gap.
GAP = 100
# A lexeme no configuration produces from text (the parser never makes one of punctuation alone).
MARKER = "|"
_MARK = f"'''{MARKER}'':{GAP}'::tsvector"


def _section(config: str, column: str, weight: str) -> str:
    text = "left(coalesce(body, ''), 100000)" if column == "body" else f"coalesce({column}, '')"
    return f"setweight(to_tsvector('{config}'::regconfig, parallax_spaced({text})), '{weight}')"


CONFIGS = ("parallax_simple", "parallax_english")
TITLE = f" || {_MARK} || ".join(_section(config, "title", "A") for config in CONFIGS)
REST = f" || {_MARK} || ".join(
    _section(config, column, weight)
    for column, weight in (("subtitle", "B"), ("body", "C"))
    for config in CONFIGS
)

FORWARDS = f"""
DROP TEXT SEARCH DICTIONARY IF EXISTS parallax_porter;
CREATE TEXT SEARCH DICTIONARY parallax_porter (TEMPLATE = snowball, Language = porter, StopWords = english);
ALTER TEXT SEARCH CONFIGURATION parallax_english
    ALTER MAPPING FOR {WORD_TOKENS} WITH unaccent, parallax_porter;
CREATE OR REPLACE FUNCTION parallax_title_vector(title text) RETURNS tsvector
    IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$ SELECT ts_delete({TITLE}, '{MARKER}') $$;
CREATE OR REPLACE FUNCTION parallax_search_vector(title text, subtitle text, body text) RETURNS tsvector
    IMMUTABLE PARALLEL SAFE LANGUAGE sql
    AS $$ SELECT ts_delete(parallax_title_vector(title) || {_MARK} || {REST}, '{MARKER}') $$;
DROP INDEX IF EXISTS article_title_vector;
CREATE INDEX article_title_vector ON archive_article USING gin ((parallax_title_vector(title)));
UPDATE archive_searchdoc d SET search_vector = parallax_search_vector(a.title, a.subtitle, a.body)
    FROM archive_article a WHERE a.id = d.id;
ANALYZE archive_article;
ANALYZE archive_searchdoc;
"""

# 0021_search_table's vector and 0007_search_order_indexes' title expression, as they stood.
OLD_TITLE = (
    "setweight(to_tsvector('parallax_simple'::regconfig, parallax_spaced(coalesce(title, ''))) "
    "|| to_tsvector('parallax_english'::regconfig, parallax_spaced(coalesce(title, ''))), 'A')"
)
OLD_VECTOR = " || ".join(
    _section(config, column, weight)
    for column, weight in (("title", "A"), ("subtitle", "B"), ("body", "C"))
    for config in CONFIGS
)
BACKWARDS = f"""
ALTER TEXT SEARCH CONFIGURATION parallax_english
    ALTER MAPPING FOR {WORD_TOKENS} WITH unaccent, english_stem;
DROP TEXT SEARCH DICTIONARY IF EXISTS parallax_porter;
CREATE OR REPLACE FUNCTION parallax_search_vector(title text, subtitle text, body text) RETURNS tsvector
    IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$ SELECT {OLD_VECTOR} $$;
DROP INDEX IF EXISTS article_title_vector;
CREATE INDEX article_title_vector ON archive_article USING gin (({OLD_TITLE}));
DROP FUNCTION IF EXISTS parallax_title_vector(text);
UPDATE archive_searchdoc d SET search_vector = parallax_search_vector(a.title, a.subtitle, a.body)
    FROM archive_article a WHERE a.id = d.id;
ANALYZE archive_article;
ANALYZE archive_searchdoc;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0024_search_row_version"),
    ]

    operations = [postgres_only(FORWARDS, BACKWARDS)]

"""The backend-neutral index schema: which fields exist, what they hold and how queries use them.

A backend maps these onto its engine (backends/whoosh/schema.py builds a Whoosh Schema from them).
"""

from __future__ import annotations

from dataclasses import dataclass

# Title matches weigh twice a body match: an article named for the words is about them. Chosen by
# eye on the seeds and the synthetic corpus (3x pushed short wire items with a title hit above
# long analyses that discuss the subject throughout).
TITLE_BOOST = 2.0
# The words joined into common grams on both engines (Whoosh's CommonGramFilter, PostgreSQL's
# gram_vector, migration 0022): the six most frequent English words. Each one added costs index size
# and build time (measured on 1,500 generated articles in Whoosh: no grams 21 MB / 9 s; these six
# 48 MB / 15 s; Whoosh's 40 stop words 66 MB / 18 s). A phrase with another stop word is still
# exact, it just reads that word's positions. PostgreSQL stores the grams of these words (migration
# 0022's parallax_common_grams() holds its own copy): a change here needs a migration that redefines
# that function and computes every gram_vector again, or a phrase with a new word finds nothing there.
COMMON_WORDS = ("the", "of", "to", "and", "a", "in")
# Bumped whenever the index's fields or analysers change: an index built with another version is
# refused ("run rebuild_index") instead of being read with the wrong analysers.
# 2: unstemmed words of the catch-all text (prefix expansion and spelling dictionaries).
# 3: the catch-all's word prefixes (2-5 letters) and name parts of sources and people as terms.
SCHEMA_VERSION = 3


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # "text" (stemmed English), "all" (the catch-all text), "name" (words of names,
    # unstemmed), "stored" (kept, not searchable), "id", "date", "facet"
    stored: bool = False
    boost: float = 1.0
    highlight: bool = False  # keep character offsets so snippets need no re-analysis
    spelling: bool = False  # a source of "did you mean" words
    multi: bool = False  # multi-valued (a tuple of values)


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", "id", stored=True),
    FieldSpec("title", "text", stored=True, boost=TITLE_BOOST, highlight=True),
    FieldSpec("subtitle", "stored", stored=True),
    # Unfielded words search ONE catch-all field holding body, title, subtitle and people (in that
    # order, so body offsets are the body's own): at 100k articles an OR over four fields per word
    # was most of a query's time. It is not stored (WHOOSH.md trap 7: it would double the index);
    # snippets are cut from the database body handed to the highlighter. It also holds "common
    # grams" (a stop word joined to its neighbour) so phrases never read a stop word's positions.
    # Its spelling field holds every unstemmed word once per segment: prefixes expand over it
    # (`country*` must reach "countryside", whose stem is not "countri"...) and the spelling
    # dictionaries are built from it. Title and people words are in it too, so it is the only one.
    FieldSpec("text", "all", highlight=True, spelling=True),
    FieldSpec("people_text", "name", spelling=True),
    FieldSpec("source_text", "name"),
    FieldSpec("source", "facet", stored=True),
    FieldSpec("people", "facet", stored=True, multi=True),
    FieldSpec("published", "date", stored=True),
    FieldSpec("story", "id", stored=True),
    FieldSpec("url", "id", stored=True),
)

# Which index fields a query word searches, by the query language's field name (None = no field).
QUERY_FIELDS: dict[str | None, tuple[str, ...]] = {
    None: ("text",),
    "title": ("title",),
    "source": ("source_text",),
    "person": ("people_text",),
}

# Fields that only add to the score of a match found through QUERY_FIELDS: the title is part of the
# catch-all text, and a separate title clause keeps TITLE_BOOST (headline matches rank first).
RANK_FIELDS: dict[str | None, tuple[str, ...]] = {None: ("title",)}

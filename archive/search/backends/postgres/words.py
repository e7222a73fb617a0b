"""What the PostgreSQL backend knows of words (split from backend.py): which words the archive holds,
and about how many articles hold each, for the compound splits of variants.py (known()), and "did you
mean" (suggest()). From `archive_searchword`, the unstemmed words with a pg_trgm index (a trigger adds
the new words of each written article; rebuild_index recounts them from ts_stat), and from the
planner's statistics of the search table.
"""

from __future__ import annotations

import threading
import time

from archive.search.backends.postgres.columns import server_of
from archive.search.backends.postgres.compile import ENGLISH, SEARCH_TABLE, SIMPLE, WORD_LEXEMES
from archive.search.query import ParsedQuery, query_words, replace_words
from archive.search.variants import Held

# A suggestion is at most this many edits from the typed word (as the SymSpell dictionaries).
MAX_EDITS = 2
# Trigram similarity a "did you mean" candidate needs (see suggest).
TRIGRAM_THRESHOLD = 0.2

# For each word: its lexemes in the search vectors (as written and English-stemmed), the words table's
# count of it as written (NULL: not there), then the search table's rows (an article each) and when
# its statistics were last gathered (the same on every row).
_FORMS = (
    f"SELECT w, {WORD_LEXEMES}, "
    "(SELECT max(s.ndoc) FROM archive_searchword s "
    "WHERE s.word = ANY(tsvector_to_array(to_tsvector(%s::regconfig, w)))), "
    f"(SELECT reltuples FROM pg_class WHERE oid = '{SEARCH_TABLE}'::regclass), "
    f"greatest(pg_stat_get_last_analyze_time('{SEARCH_TABLE}'::regclass), "
    f"pg_stat_get_last_autoanalyze_time('{SEARCH_TABLE}'::regclass))::text, "
    # For the statements after it (the GIN lookups): see compile.Compiler._normalise.
    "set_config('enable_seqscan', 'off', true) FROM unnest(%s::text[]) AS w"
)
# The search table's most common lexemes and the share of its rows holding each, then the least of
# those shares (pg_stats: ANALYZE and autovacuum gather them, about 1,000 lexemes by default).
_STATISTICS = (
    "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs FROM pg_stats s "
    "WHERE s.schemaname = current_schema() AND s.tablename = %s AND s.attname = 'search_vector'"
)
# How long statistics of unknown age are kept: a standby (a read replica) gathers none itself and
# knows no time for those it replays from its primary.
UNDATED_KEPT_SECONDS = 60.0
_COMMON: dict[tuple, tuple[float, tuple[dict[str, float], float] | None]] = {}
_COMMON_LOCK = threading.Lock()


def known(cursor, words: set[str]) -> Held:
    """The words some article holds in any form a phrase of them would match (as written or
    English-stemmed: "fire" is known from "fires"), with about how many articles hold each, and the
    planner's estimate of the articles.

    Which words: the words table answers for a word as written (a primary-key lookup); the others
    take a GIN lookup each, which reads every posting of a common word before its first article (2-4
    ms each at 100,000 articles: a one-word query's candidate splits cost 19-31 ms that way). The
    table may still hold a word of a deleted article: its phrase is then tried and matches nothing.

    How many: as the planner estimates them, where the search table has statistics (_common). The
    words table's counts are exact only just after rebuild_index (a word new since counts 1): with
    them a live archive tried the split of every common word ("nosel mermer"), a phrase reading the
    positions of every article holding both halves (33 ms of a word in 17,660 of 100,000 articles)."""
    cursor.execute(_FORMS, [SIMPLE, ENGLISH, SIMPLE, sorted(words)])
    rows = cursor.fetchall()
    if not rows:
        return Held({}, 0)
    counts = {word: int(n) for word, _, n, _, _, _ in rows if n is not None}
    rest = sorted(words - counts.keys())
    if rest:
        cursor.execute(
            f"SELECT w FROM unnest(%s::text[]) AS w WHERE EXISTS (SELECT 1 FROM {SEARCH_TABLE} a WHERE "
            "a.search_vector @@ (plainto_tsquery(%s, w) || plainto_tsquery(%s, w)))",
            [rest, SIMPLE, ENGLISH],
        )
        counts |= {row[0]: 1 for row in cursor.fetchall()}
    articles = max(0, int(rows[0][3]))
    common = _common(cursor, rows[0][4])
    if common is not None:
        shares, least = common
        forms = {word: lexemes for word, lexemes, *_ in rows}
        for word in counts:
            share = max((shares.get(lexeme, 0.0) for lexeme in forms[word]), default=0.0)
            # A lexeme outside the most common is held by fewer rows than the least common of them:
            # half as many, as the planner estimates it (ts_selfuncs.c, minfreq / 2).
            counts[word] = max(1, round(articles * (share or least / 2)))
    return Held(counts, articles)


def _common(cursor, gathered: str | None) -> tuple[dict[str, float], float] | None:
    """The search table's most common lexemes with their shares of its rows, and the least share, as
    its statistics `gathered` (a time) hold them: read once a process for each gathering (about a
    millisecond, 1,000 lexemes), or every UNDATED_KEPT_SECONDS where the time is not known; None
    where the table has no statistics yet."""
    key = (server_of(cursor), gathered)
    now = time.monotonic()
    with _COMMON_LOCK:
        if key in _COMMON and (gathered is not None or now - _COMMON[key][0] < UNDATED_KEPT_SECONDS):
            return _COMMON[key][1]
    cursor.execute(_STATISTICS, [SEARCH_TABLE])
    row = cursor.fetchone()
    common = None
    if row is not None and row[0]:
        lexemes, shares = row
        # The shares of the lexemes are followed by the least and the greatest of them.
        common = dict(zip(lexemes, shares[: len(lexemes)], strict=True)), float(shares[len(lexemes)])
    with _COMMON_LOCK:
        for stale in [k for k in _COMMON if k[0] == key[0]]:
            del _COMMON[stale]
        _COMMON[key] = (now, common)
    return common


def suggest(cursor, parsed: ParsedQuery) -> str | None:
    """'Did you mean': each positive word found nowhere is replaced by the nearest word of the words
    table (trigram candidates from its GIN index, then fewest edits, then most used)."""
    replacements: dict[str, str] = {}
    # pg_trgm's default threshold (0.3) misses a swapped pair of letters in a short word ("lavorv"
    # shares 3 of 11 trigrams with "lavrov", 0.27), which Whoosh's SymSpell suggests at one edit:
    # the trigram index only proposes candidates, levenshtein() below decides.
    cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(TRIGRAM_THRESHOLD)])
    for word in query_words(parsed.node):
        if word.prefix or word.field == "source":
            continue
        cursor.execute(
            # A word longer than the words table's (30) plus MAX_EDITS has no suggestion, and
            # levenshtein() refuses arguments past 255 characters.
            "SELECT w.lexeme, CASE WHEN length(w.lexeme) NOT BETWEEN 3 AND %s OR w.lexeme ~ '[0-9]' "
            "OR EXISTS (SELECT 1 FROM archive_searchword s WHERE s.word = w.lexeme) "
            f"OR EXISTS (SELECT 1 FROM {SEARCH_TABLE} a "
            "WHERE a.search_vector @@ plainto_tsquery(%s, w.lexeme)) THEN NULL "
            "ELSE (SELECT s.word FROM archive_searchword s WHERE s.word %% w.lexeme "
            "AND levenshtein(s.word, w.lexeme) <= %s "
            "ORDER BY levenshtein(s.word, w.lexeme), s.ndoc DESC, s.word LIMIT 1) END "
            "FROM unnest(to_tsvector(%s, %s)) AS w",
            [30 + MAX_EDITS, ENGLISH, MAX_EDITS, SIMPLE, word.text],
        )
        replacements.update({typed: found for typed, found in cursor.fetchall() if found})
    return replace_words(parsed.text, replacements) if replacements else None

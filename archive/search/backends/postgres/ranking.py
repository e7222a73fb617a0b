"""The order of the PostgreSQL backend's matches (split from backend.py): newest or oldest
first, or by relevance in two tiers over bounded sets of candidates.

The tiers: a match holding the query in its title (a headline match: its words and phrases, stop words
and prefixes aside, compile._headline) ranks above every other match, as Whoosh's title clause means
them to (schema.RANK_FIELDS); within a tier, by ts_rank (a word with other spellings scored as the
best of them: _scored). RANK_WEIGHTS alone nearly did so, but ts_rank's normalisation by length let a
short body match pass a long article's headline match.

Why bounded: ts_rank reads each match's whole search_vector out of TOAST (about 13 us each), and
ranking every match of a common word took 265 ms of its 1.4 s (17,660 matches of 100,000 articles).
The candidates of each tier are its RANK_CANDIDATES newest matches: the headline matches are found in
the title index of migration 0007_search_order_indexes, without reading a vector. The ranked
headline candidates come first, then the ranked others, then the other matches newest first, so every
match is on one page. A page that ends within the headline candidates ranks them alone: a common
word's first page reads its 324 headline matches' vectors, not those and the 500 newest matches'.
"""

from __future__ import annotations

from archive.search.backends.postgres.columns import NUMBERS, Matched, as_text
from archive.search.backends.postgres.compile import SEARCH_TABLE, TITLE_VECTOR, Compiled
from archive.search.schema import TITLE_BOOST

# ts_rank weights for {D, C, B, A}: body (C) and subtitle (B) count 1/TITLE_BOOST of the title (A).
RANK_WEIGHTS = [0.1, 1 / TITLE_BOOST, 1 / TITLE_BOOST, 1.0]
# ts_rank normalisation 1: divide by 1 + log(length), so a long article does not win on length alone.
RANK_NORMALISATION = 1
# Each tier's candidates are at most this many; each costs one vector read out of TOAST.
RANK_CANDIDATES = 500
DATE_ORDER = {
    "newest": "a.published_date DESC NULLS LAST, a.id DESC",
    "oldest": "a.published_date ASC NULLS LAST, a.id ASC",
}
# The matches that hold the query in their title, from the title index. OFFSET 0 keeps it a step of
# its own: with few matches the planner looked each match's article up instead and recomputed its
# title vector there (566 matches: 12 ms, against 0.6 ms for the index's 324 titles).
TITLES = f"(SELECT a.id FROM archive_article a WHERE ({TITLE_VECTOR}) @@ %s::tsquery OFFSET 0)"
_SCORE = "ts_rank(%s::real[], a.search_vector, %s::tsquery, %s)"
# The same of a vector read once into a row (ROW() reads a value out of TOAST into the row it
# builds), for scoring a word's spellings apart: each ts_rank of the stored column read the vector
# again (three spellings of 324 candidates: 4.1 ms, against 2.9 through the row and 2.3 for one).
_SCORE_OF_ROW = "ts_rank(%s::real[], (a.r).f1, %s::tsquery, %s)"


def ordered(
    cursor,
    compiled: Compiled | None,
    matching: str,
    params: list,
    sort: str,
    start: int = 0,
    limit: int | None = None,
    matched: Matched | None = None,
) -> list[tuple[int, float | None]]:
    """(id, score) of `matching` (`<table> a WHERE ...`, compiled.matching) in `sort` order, from
    `start`, at most `limit` (None: all).
    An empty query, or one with only person: and source: values, has no words to rank by: newest
    first. `matched`: the matches as columns.count_matches read them (their ids, dates and which
    hold the query in their title), when it has: they are then ordered without reading them again."""
    newest = f"ORDER BY {DATE_ORDER['newest']}"
    if not (sort == "relevance" and compiled is not None and compiled.rank):
        if matched is not None:
            return [(i, None) for i in matched.first(sort if sort in DATE_ORDER else "newest", start, limit)]
        order = DATE_ORDER.get(sort, DATE_ORDER["newest"])
        return _rows(
            cursor, f"SELECT a.id, NULL FROM {_matches(matching)} ORDER BY {order}", params, start, limit
        )
    end = None if limit is None else start + limit
    if matched is not None and matched.titled is not None:
        headlines, others = matched.tiers(RANK_CANDIDATES)
        alone = end is not None and end <= len(headlines)  # the page ends within the headlines
        tier = "" if alone else f"a.id = ANY({NUMBERS.format(kind='bigint')}) DESC, "
        scored, scoring = _scored(compiled, f"a.id = ANY({NUMBERS.format(kind='bigint')})")
        cursor.execute(
            f"{scored} ORDER BY {tier}score DESC, {DATE_ORDER['newest']}",
            [*scoring, as_text(sorted(headlines if alone else headlines + others))]
            + ([] if alone else [as_text(sorted(headlines))]),
        )
    else:  # each step once (MATERIALIZED): the headlines are asked for twice below
        scored, scoring = _scored(
            compiled, "a.id IN (SELECT id FROM headlines UNION ALL SELECT id FROM others)"
        )
        cursor.execute(
            f"WITH matches AS MATERIALIZED (SELECT a.id, a.published_date FROM {matching}), "
            f"titles AS MATERIALIZED {TITLES}, "
            "headlines AS MATERIALIZED (SELECT a.id FROM matches a WHERE a.id IN (SELECT id FROM titles) "
            f"{newest} LIMIT %s), "
            "others AS MATERIALIZED (SELECT a.id FROM matches a WHERE a.id NOT IN (SELECT id FROM titles) "
            f"{newest} LIMIT %s) "
            f"{scored} ORDER BY a.id IN (SELECT id FROM headlines) DESC, score DESC, {DATE_ORDER['newest']}",
            [*params, compiled.headline, RANK_CANDIDATES, RANK_CANDIDATES, *scoring],
        )
    ranked = cursor.fetchall()
    page = ranked[start:end]
    if end is None or end > len(ranked):
        left = None if limit is None else limit - len(page)
        skip = max(0, start - len(ranked))
        if matched is not None:
            rest = matched.first("newest", skip, left, excluding=[i for i, _ in ranked])
            return page + [(i, None) for i in rest]
        rest = f"SELECT a.id, NULL FROM {_matches(matching)} WHERE a.id <> ALL(%s) {newest}"
        page += _rows(cursor, rest, [*params, [i for i, _ in ranked]], skip, left)
    return page


def _scored(compiled: Compiled, where: str) -> tuple[str, list]:
    """`SELECT a.id, <score> AS score FROM <the search rows WHERE where> a` and the score's params. A
    query whose words have other spellings scores each word as the best of its spellings, and
    averages over the words (Compiled.spellings); any other, its words as one tsquery."""
    if not compiled.spellings:
        sql = f"SELECT a.id, {_SCORE} AS score FROM {SEARCH_TABLE} a WHERE {where}"
        return sql, [RANK_WEIGHTS, compiled.rank, RANK_NORMALISATION]
    best = [f"greatest({', '.join(_SCORE_OF_ROW for _ in group)})" for group in compiled.spellings]
    params = [
        p for group in compiled.spellings for text in group for p in (RANK_WEIGHTS, text, RANK_NORMALISATION)
    ]
    sql = (
        f"SELECT a.id, ({' + '.join(best)}) / {len(best)} AS score FROM (SELECT a.id, a.published_date, "
        f"ROW(a.search_vector) AS r FROM {SEARCH_TABLE} a WHERE {where} OFFSET 0) a"
    )
    return sql, params


def _matches(matching: str) -> str:
    """The matches as `a` (id, published_date) to order. Matching words reads vectors the planner does
    not count, so it would walk the newest-first index testing each article's vector in turn until
    it had a page (1.35 s for a word in one article of 100,000): OFFSET 0 keeps the match (through the
    GIN index) apart from the order. Without words, walking that index is the fast way."""
    fence = " OFFSET 0" if "_vector" in matching else ""  # search_vector or gram_vector
    return f"(SELECT a.id, a.published_date FROM {matching}{fence}) a"


def _rows(cursor, sql: str, params: list, start: int, limit: int | None) -> list[tuple]:
    cursor.execute(f"{sql} LIMIT %s OFFSET %s", [*params, limit, start])
    return cursor.fetchall()

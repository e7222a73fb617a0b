"""The PostgreSQL search backend: the archive's own tables are the index (PARALLAX_SEARCH_BACKEND=postgres).

What migrations 0005_search_vector and 0021-0025 set up, and why:
- `archive_searchdoc` (SEARCH_TABLE): one narrow row per article, the id, outlet, date and people a
  search counts and its `search_vector` (title weight A, subtitle B, body C, each section 100
  positions past the one before so that no phrase spans two: parallax_search_vector()), with a GIN
  index. Triggers on archive_article write it in the statement that writes the article, so
  a save by any process (web worker, ingest command, another machine) is searchable when its
  transaction commits: there is no journal, no apply() to call and nothing to lock
  (PostgresBackend.schedule does nothing). A narrow row, not the article's own, because a search
  visits the row of every match: a common word's matches sat on nearly every page of the wide
  article table. Beside the vector, `gram_vector` (0022) holds its common grams for phrases and
  `year` (0023) the year the facet counts, and `row_version` (0024) what the facet values each
  process holds are checked against (columns.py). rebuild_index recomputes every row (a repair: the triggers
  keep them in step). People and outlets are matched in their own tables (compile.py), so renaming
  a person or an outlet needs no re-indexing either.
- Two text search configurations: 'parallax_simple' (accents folded, no stemming: any language,
  any script, stop words kept for phrases) and 'parallax_english' (accents folded, English stop
  words dropped, Porter's stems as Whoosh's: migration 0025). Articles come in many languages and a
  query does not say which; each word is looked up unstemmed OR English-stemmed. A per-article
  regconfig (from Article.language) would stem each language properly, but then every query word
  would have to be stemmed in every language held.
- `archive_searchword`, the unstemmed words with a pg_trgm index, for "did you mean" and which words
  are held (words.py): a trigger adds the new words of each written article (bounded by the
  vocabulary, not the archive) and rebuild_index recounts them from ts_stat.

A request's budget (archive/search/budget.py) applies as on Whoosh: the phrase caps in the compiler,
and its deadline as the statement_timeout of its transaction. Prefix caps do not apply: the GIN
index expands a prefix itself, with no per-word lookups from Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager

from django.db import DatabaseError, connections, router, transaction

from archive.models import Article
from archive.search.backend import Filters, Hit, SearchDocument, SearchError, SearchRequest
from archive.search.backends.base import BaseSearchBackend, DeadlineError, Found, IndexCheck
from archive.search.backends.postgres.columns import count_matches
from archive.search.backends.postgres.compile import SEARCH_TABLE, Compiled, Compiler
from archive.search.backends.postgres.facets import filter_sql, read_facets
from archive.search.backends.postgres.highlight import spans
from archive.search.backends.postgres.ranking import TITLES, ordered
from archive.search.backends.postgres.words import known, suggest
from archive.search.budget import Budget
from archive.search.documents import documents_for
from archive.search.query import ParsedQuery
from archive.search.snippets import lead, marked_whole, passages
from archive.search.variants import Held

# Characters of the body snippets are cut from (as many as the vector holds) and the lead is cut from.
SNIPPET_READ_CHARS, LEAD_READ_CHARS = 100_000, 1_000
# What check() looks for (migrations 0005_search_vector and 0021_search_table).
REQUIRED = {
    "the search table": "SELECT 1 FROM information_schema.columns WHERE table_name = "
    f"'{SEARCH_TABLE}' AND column_name = 'search_vector'",
    "the search_vector GIN index": "SELECT 1 FROM pg_indexes WHERE indexname = 'searchdoc_vector'",
    "the search table's triggers": "SELECT 1 FROM pg_trigger WHERE tgname = 'article_searchdoc_update'",
    "the words table": "SELECT 1 FROM information_schema.tables WHERE table_name = 'archive_searchword'",
    "the words trigger": "SELECT 1 FROM pg_trigger WHERE tgname = 'article_searchword_add'",
    "the people triggers": "SELECT 1 FROM pg_trigger WHERE tgname = 'mention_people_update'",
    "the pg_trgm extension": "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'",
    "the text search configurations": "SELECT 1 FROM pg_ts_config WHERE cfgname = 'parallax_english'",
}


# rebuild()'s repair of the search table: rows of deleted articles go, missing rows come, and every
# row's columns and vector are computed again from its article (the grams follow by their trigger).
REPAIR = (
    f"DELETE FROM {SEARCH_TABLE} d WHERE NOT EXISTS (SELECT 1 FROM archive_article a WHERE a.id = d.id)",
    f"INSERT INTO {SEARCH_TABLE} (id, source_id, published_date, people, search_vector) "
    "SELECT a.id, a.source_id, a.published_date, a.people, "
    "parallax_search_vector(a.title, a.subtitle, a.body) "
    f"FROM archive_article a WHERE NOT EXISTS (SELECT 1 FROM {SEARCH_TABLE} d WHERE d.id = a.id)",
    # Only the rows that differ are written: rewriting all of them left a dead row per article, gave
    # each a new version (every process then read them all again) and took 8 minutes at 100,000.
    f"UPDATE {SEARCH_TABLE} d SET source_id = n.source_id, published_date = n.published_date, "
    "people = n.people, search_vector = n.v FROM (SELECT a.id, a.source_id, a.published_date, a.people, "
    "parallax_search_vector(a.title, a.subtitle, a.body) AS v FROM archive_article a) n "
    "WHERE n.id = d.id AND (d.source_id, d.published_date, d.people, d.search_vector) "
    "IS DISTINCT FROM (n.source_id, n.published_date, n.people, n.v)",
)


class PostgresBackend(BaseSearchBackend):
    """The database is the index: a write is searchable when its transaction commits, so nothing is
    journalled or sent to apply(), and check() checks the set-up instead of comparing digests."""

    # ---- connections -----------------------------------------------------------------------
    @contextmanager
    def _cursor(self, budget: Budget | None = None, *, write: bool = False):
        """A cursor in a transaction on the database reads (or writes) go to; with a budget, its
        deadline is the transaction's statement_timeout."""
        alias = router.db_for_write(Article) if write else router.db_for_read(Article)
        if connections[alias].vendor != "postgresql":
            raise SearchError("the PostgreSQL search backend needs DATABASE_URL to be a PostgreSQL database")
        try:
            with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                # JIT compiles a plan whose estimated cost passes jit_above_cost, and our plans pass
                # it (enable_seqscan off inflates costs): 690 ms of a 1.3 s facet statement at 100,000
                # articles was compiling, for statements that run in tens of milliseconds.
                # A parallel plan starts worker processes for the statement: 10-15 ms each time, for
                # statements that take 1-40 ms (the hits' people, 20 articles: 16 ms with two workers,
                # under 1 without, at 100,000 articles). All in one round trip.
                settings = [("jit", "off"), ("max_parallel_workers_per_gather", "0")]
                if budget is not None:
                    settings.append(("statement_timeout", f"{max(1, int(budget.remaining() * 1000))}ms"))
                calls = ", ".join("set_config(%s, %s, true)" for _ in settings)
                cursor.execute(f"SELECT {calls}", [v for pair in settings for v in pair])
                yield cursor
        except DatabaseError as e:
            if type(e.__cause__).__name__ == "QueryCanceled":
                raise DeadlineError from e
            raise SearchError(f"the search tables cannot be read: {e}") from e

    # ---- writing: the database is the index ------------------------------------------------
    def apply(self, documents: Iterable[SearchDocument], removed: Iterable[int], *, timeout: float) -> int:
        """Nothing to write: each article's vector was computed when it was saved. Consumes both
        iterables (as the contract says) and returns how many documents there were."""
        count = sum(1 for _ in documents)
        for _ in removed:
            pass
        return count

    def rebuild(self, documents, *, timeout, progress=None) -> int:
        """Rebuild the search table from the articles (a row for each article and no other, every
        vector computed again: the triggers keep it in step, this repairs it after anything that
        bypassed them, such as a data-only restore), recount the words table (ts_stat) and refresh the
        planner's statistics. Readers see the old rows and words until the commit."""
        for _ in documents:  # callers may pass documents; they are not needed
            pass
        with self._cursor(write=True) as cursor:
            for sql in REPAIR:
                cursor.execute(sql)
            cursor.execute("DELETE FROM archive_searchword")
            cursor.execute(
                "INSERT INTO archive_searchword (word, ndoc) SELECT word, ndoc FROM ts_stat("
                "$$SELECT to_tsvector('parallax_simple'::regconfig, coalesce(title, '') || ' ' || "
                "coalesce(subtitle, '') || ' ' || left(coalesce(body, ''), 100000)) FROM archive_article$$) "
                "WHERE length(word) BETWEEN 3 AND 30 AND word ~ '^[[:alpha:]]+$'"
            )
            cursor.execute("SELECT count(*) FROM archive_article")
            count = cursor.fetchone()[0]
        with self._cursor(write=True) as cursor:
            cursor.execute(f"ANALYZE archive_article; ANALYZE {SEARCH_TABLE}")
        if progress:
            progress(count)
        return count

    def clear(self, *, timeout: float) -> None:
        """Nothing to clear: the search table follows the articles, a row for each."""

    # ---- reading ---------------------------------------------------------------------------
    def count(self) -> int:
        with self._cursor() as cursor:
            cursor.execute("SELECT count(*) FROM archive_article")
            return cursor.fetchone()[0]

    def digests(self) -> dict[int, str]:
        """The database's own documents: the index cannot differ from them (check() checks the
        machinery that keeps it so)."""
        return {doc.id: doc.digest for doc in documents_for()}

    # ---- keeping in step: the database is the index ------------------------------------------
    def schedule(self, ids: set[int]) -> None:
        """Nothing to schedule: the article's vector is written with its row."""

    def catch_up(self, *, timeout: float) -> int:
        """Nothing is ever queued."""
        return 0

    def rebuild_from_database(self, *, timeout: float, progress=None) -> int:
        """rebuild() reads the articles itself, in SQL."""
        return self.rebuild((), timeout=timeout, progress=progress)

    def check(self) -> IndexCheck:
        """The triggers keep the search table in step article by article: check what does so (table,
        indexes, triggers, extensions) and that the table holds a row per article."""
        with self._cursor() as cursor:
            missing = []
            for what, sql in REQUIRED.items():
                cursor.execute(sql)
                if cursor.fetchone() is None:
                    missing.append(f"{what} is missing: run `manage.py migrate`")
            rows = None
            if not missing:
                cursor.execute(f"SELECT count(*) FROM {SEARCH_TABLE}")
                rows = cursor.fetchone()[0]
        articles = self.count()
        if rows is not None and rows != articles:
            missing.append(
                f"the search table holds {rows} rows for {articles} articles: run `manage.py rebuild_index`"
            )
        return IndexCheck(
            articles,
            f"The index is the database: all {articles} articles are searchable as saved.",
            setup=tuple(missing),
        )

    # ---- reading ---------------------------------------------------------------------------
    def reading(self, budget: Budget | None):
        return self._cursor(budget)

    def find(self, cursor, request: SearchRequest, filters: Filters, budget: Budget) -> Found:
        compiled = Compiler(cursor, budget).compile(request.query.node)
        matching, params = _matching(compiled, filters)
        ranked = request.sort == "relevance" and compiled is not None and compiled.rank
        matched = None
        if request.facets:

            def count_facets(titles=None):
                years = request.filters.year_numbers
                return count_matches(cursor, matching, params, years, request.people_limit, titles)

            if compiled is None and not filters.active:
                # No words and no filters: the whole archive's figures, cached until the archive
                # changes, as the home page's are.
                rows = self.cached("search-facets", lambda: count_facets()[0], request.people_limit)
            else:
                # The matches are ordered from what was read to count them (their ranking candidates
                # among them: a phrase's positions are checked once, not again to rank).
                rows, matched = count_facets((TITLES, [compiled.headline]) if ranked else None)
            total, facets = read_facets(rows)
        else:
            cursor.execute(f"SELECT count(*) FROM {matching}", params)
            total, facets = cursor.fetchone()[0], {}
        start = (request.page - 1) * request.per_page
        hits: list[Hit] = []
        if start < total:
            page = ordered(cursor, compiled, matching, params, request.sort, start, request.per_page, matched)
            scores = dict(page)
            marks = compiled.marks if compiled is not None and request.highlight else None
            hits = _hits(cursor, scores, marks)
        return Found(total, tuple(hits), facets, words=compiled is not None)

    def suggest(self, cursor, parsed: ParsedQuery) -> str | None:
        return suggest(cursor, parsed)

    @contextmanager
    def attempt(self, cursor):
        """A savepoint: a statement cancelled at the request's statement_timeout (or failing) rolls
        back to it, and the transaction goes on for the rest of the request."""
        try:
            with transaction.atomic(using=cursor.db.alias):
                yield
        except DatabaseError as e:
            raise DeadlineError from e

    def known(self, cursor, words: set[str]) -> Held:
        return known(cursor, words)

    def all_ids(self, cursor, query: ParsedQuery, filters: Filters, sort: str, budget: Budget) -> list[int]:
        compiled = Compiler(cursor, budget).compile(query.node)
        matching, params = _matching(compiled, filters)
        return [row[0] for row in ordered(cursor, compiled, matching, params, sort)]


def _matching(compiled: Compiled | None, filters: Filters) -> tuple[str, list]:
    """SQL `<table> a WHERE ...` of the query's matches that meet the filters, and its params."""
    conditions, params = filter_sql(filters, indexed=compiled is None)
    if compiled is not None:
        return compiled.matching(conditions, params)
    return f"{SEARCH_TABLE} a WHERE {' AND '.join(conditions) or 'TRUE'}", params


def _hits(cursor, scores: dict[int, float | None], marks: str | None) -> list[Hit]:
    """The page's hits in `scores` order, snippets of `marks` (tsquery text) cut from their bodies."""
    ids = list(scores)
    cursor.execute(
        "SELECT a.id, a.title, coalesce(s.name, ''), a.published_date, a.url, a.story_id, left(a.body, %s), "
        # The article's few mentions first (OFFSET 0): left to itself, the planner walked every person
        # looking each up in the article's mentions (20 ms for a page, against 1).
        "ARRAY(SELECT p.name FROM (SELECT m.person_id, m.count FROM archive_mention m "
        "WHERE m.article_id = a.id OFFSET 0) m JOIN archive_person p ON p.id = m.person_id "
        "WHERE NOT p.not_a_person ORDER BY m.count DESC, p.name) "
        "FROM archive_article a LEFT JOIN archive_source s ON s.id = a.source_id WHERE a.id = ANY(%s)",
        [SNIPPET_READ_CHARS, ids],
    )
    rows = {row[0]: row for row in cursor.fetchall()}
    # Bodies and titles marked in one go (their words normalised in one statement); a title's key is
    # its article's id negated.
    texts = {i: row[6] for i, row in rows.items()} | {-i: row[1] for i, row in rows.items() if row[1]}
    marked = spans(cursor, texts, marks) if marks else {}
    hits = []
    for article_id in ids:
        if article_id not in rows:
            continue  # deleted since the page was ordered (each statement sees the latest commits)
        _, title, source, published, url, story, body, people = rows[article_id]
        snippet = passages(body or "", marked.get(article_id, [])) or lead((body or "")[:LEAD_READ_CHARS])
        score = scores[article_id]
        hits.append(
            Hit(
                id=article_id,
                title=title,
                source=source,
                published=published,
                url=url or "",
                people=tuple(people),
                story=story,
                snippet=snippet,
                score=float(score) if score is not None else None,
                title_html=marked_whole(title, marked.get(-article_id, [])),
            )
        )
    return hits

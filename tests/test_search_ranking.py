"""Word queries are ranked over arrays (whoosh_backend._ranked) instead of by Whoosh's collector:
the order and scores must be Whoosh's own BM25F ones, on one segment and across several."""

from __future__ import annotations

import dataclasses

import pytest

from archive.search.backend import Filters, SearchRequest
from archive.search.backends.whoosh.compile import Compiler
from archive.search.budget import Budget
from archive.search.query import parse_query
from tests.fixtures_search import DOCS

QUERIES = (
    "ceasefire",
    "talks",
    "the",
    "ceasefire OR fishing",
    "person:Petrov",
    "talks -prisoner",
    "title:talks",
    "cease* OR talk*",
)


def whoosh_order(backend, text: str) -> list[tuple[int, float]]:
    searcher, cols = backend._current()
    ranked = Compiler(backend.schema, searcher.reader(), Budget()).compile(parse_query(text).node, rank=True)
    return [(int(cols.ids[h.docnum]), round(h.score, 9)) for h in searcher.search(ranked, limit=None)]


def our_order(backend, text: str) -> list[tuple[int, float]]:
    page = backend.search(SearchRequest(parse_query(text), per_page=50))
    return [(h.id, round(h.score, 9)) for h in page.hits]


@pytest.mark.parametrize("text", QUERIES)
def test_word_queries_rank_as_whoosh_scores_them(whoosh_backend, text):
    assert our_order(whoosh_backend, text) == whoosh_order(whoosh_backend, text)


def test_ranking_holds_across_segments_with_deletions(whoosh_backend):
    later = dataclasses.replace(DOCS[1], id=42, title="Ceasefire talks again", digest="")
    whoosh_backend.apply([later], [], timeout=5)
    whoosh_backend.apply([], [1], timeout=5)
    for text in QUERIES:
        assert our_order(whoosh_backend, text) == whoosh_order(whoosh_backend, text)


def test_matching_ids_follow_the_result_pages_order(whoosh_backend):
    for text in ("talks", "ceasefire OR fishing", '"the talks"'):
        page_order = [hit_id for hit_id, _ in our_order(whoosh_backend, text)]
        listed = list(whoosh_backend.matching_ids(parse_query(text), Filters(), "relevance"))
        assert listed == page_order

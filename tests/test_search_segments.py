"""Matches are combined as arrays of document numbers per index segment (whoosh_backend._docnums):
these check AND, OR and NOT across two segments, one of them with a deleted document."""

from __future__ import annotations

import dataclasses

import pytest

from archive.search.backend import SearchRequest
from archive.search.query import parse_query
from tests.fixtures_search import DOCS


@pytest.fixture
def run_search(whoosh_backend):
    return lambda text, **kwargs: whoosh_backend.search(SearchRequest(parse_query(text), **kwargs))


def ids(page) -> set[int]:
    return {hit.id for hit in page.hits}


def test_words_or_and_not_combine_across_segments_and_skip_deleted_documents(whoosh_backend, run_search):
    later = dataclasses.replace(DOCS[1], id=42, title="Ceasefire monitors arrive", digest="")
    whoosh_backend.apply([later], [], timeout=5)  # a second segment
    whoosh_backend.apply([], [2], timeout=5)  # a deletion in the first
    run = lambda text: ids(run_search(text, per_page=50))  # noqa: E731
    assert run("ceasefire") == {1, 42}
    assert run("ceasefire prisoner") == {42}
    assert run("prisoner OR fishing") == {3, 42}
    assert run("ceasefire -arrive") == {1}
    assert run("-ceasefire") == {3, 4, 5}
    assert run_search("ceasefire").total == 2

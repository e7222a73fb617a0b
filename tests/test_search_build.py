"""A bulk build sends its postings through sorted runs on disk once the writer's memory is full, and
writes each term's block length bounds from a per-field table (whoosh_schema._ChunkedPostingPool,
_LengthTable). Small test indexes never fill the memory, so these force the runs with a tiny limit."""

from __future__ import annotations

import pytest

from archive.search.backend import SearchRequest
from archive.search.backends.whoosh import backend as whoosh_backend
from archive.search.backends.whoosh import schema as whoosh_schema
from archive.search.query import parse_query
from tests.fixtures_search import BACKENDS, DOCS, make_backend

QUERIES = ("ceasefire", "foreign ministers", '"the northern valley"', "person:Petrov", "", "fish*")


def results(backend) -> list[tuple]:
    out = []
    for text in QUERIES:
        page = backend.search(SearchRequest(parse_query(text)))
        out.append((text, page.total, page.hits, page.facets))
    return out


@pytest.fixture
def built(tmp_path):
    def build(name: str):
        backend = make_backend(str(tmp_path / name), BACKENDS[0])
        backend.rebuild(iter(DOCS), timeout=5)
        return backend

    return build


def test_a_build_that_spills_its_postings_to_disk_finds_exactly_what_an_in_memory_build_finds(
    built, monkeypatch
):
    in_memory = built("memory")
    # About 1 KB of postings per run, and runs pickled three postings at a time: every run and
    # chunk boundary of the merge is crossed many times.
    monkeypatch.setattr(whoosh_backend, "LIMIT_MB", 0.001)
    monkeypatch.setattr(whoosh_schema, "RUN_CHUNK", 3)
    runs_read = []
    read_run = whoosh_schema._ChunkedPostingPool._read_run
    monkeypatch.setattr(
        whoosh_schema._ChunkedPostingPool,
        "_read_run",
        lambda pool, path: runs_read.append(path) or read_run(pool, path),
    )
    spilled = built("spilled")
    assert len(runs_read) > 10
    assert results(spilled) == results(in_memory)
    assert results(spilled)[0][1] > 0


def test_each_terms_length_bounds_are_those_of_the_documents_holding_it(built):
    backend = built("lengths")
    with backend._checked_index().searcher() as searcher:
        reader = searcher.reader()
        for fieldname in ("text", "title"):
            for term in (b"ceasefir", b"the", b"northern"):
                docs = list(reader.postings(fieldname, term).all_ids())
                lengths = [reader.doc_field_length(d, fieldname) for d in docs]
                info = reader.term_info(fieldname, term)
                assert (info.min_length(), info.max_length()) == (min(lengths), max(lengths))

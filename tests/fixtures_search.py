"""Shared pytest fixtures for the search tests (registered in tests/conftest.py).

`search_backend` is parametrized over every backend class, so the behaviour suite in
tests/test_search_backend.py runs unchanged against a second backend once one is added to BACKENDS.
The documents are text written for these tests (no seed text is copied here).
"""

from __future__ import annotations

import datetime as dt

import pytest

from archive.search.backend import SearchDocument, SearchRequest
from archive.search.query import parse_query

BACKENDS = ["archive.search.whoosh_backend.WhooshBackend"]

DOCS = (
    SearchDocument(
        1,
        "Foreign ministers agree on a ceasefire for the northern valley",
        "Talks in Geneva end with a plan",
        "The foreign ministers agreed on a localized ceasefire in the northern valley on Monday. "
        "Anna Petrov said the ceasefire would start at dawn. Observers will monitor the truce.",
        "The Harbour Herald",
        ("THH",),
        dt.date(2014, 1, 13),
        ("Anna Petrov", "Omar Haddad"),
        7,
        "https://harbour.example/ceasefire-valley",
    ),
    SearchDocument(
        2,
        "Ceasefire talks stall over prisoner exchange",
        "",
        "Negotiators said the prisoner exchange remained the main obstacle. Omar Haddad told reporters "
        "that a ceasefire without an exchange would not hold. The talks resume on Friday.",
        "The Valley Courier",
        (),
        dt.date(2014, 1, 20),
        ("Omar Haddad",),
        7,
        "",
    ),
    SearchDocument(
        3,
        "Fishing fleet returns to port after storm",
        "",
        "The fishing fleet returned to the harbour after a week of storms. Café owners on the quay "
        "welcomed the crews. Nobody mentioned politics at all.",
        "The Harbour Herald",
        ("THH",),
        dt.date(2015, 6, 2),
        ("Lena Novak",),
        None,
        "",
    ),
    SearchDocument(
        4,
        "Opposition leader rejects the plan",
        "",
        "The opposition leader, Anna Petrov's rival Marek Svoboda, rejected the plan as a trick. "
        "He said talks without guarantees were pointless.",
        "Daily Monitor",
        (),
        None,
        ("Marek Svoboda", "Anna Petrov"),
        None,
        "",
    ),
    SearchDocument(
        5,
        "Markets rise as energy prices fall",
        "",
        "Stock markets rose on Tuesday as energy prices fell for a third week. Analysts expect "
        "the central bank to hold rates. Truce hopes lifted <b>shares</b> of shipping firms.",
        "Daily Monitor",
        (),
        dt.date(2014, 2, 4),
        (),
        None,
        "",
    ),
)


def make_backend(path: str, backend_class: str):
    from django.utils.module_loading import import_string

    bodies = {d.id: d.body for d in DOCS}
    cls = import_string(backend_class)
    return cls("test", {"PATH": path}, lambda ids: {i: bodies[i] for i in ids if i in bodies})


@pytest.fixture(params=BACKENDS, ids=lambda path: path.rsplit(".", 1)[-1])
def search_backend(request, tmp_path):
    """A backend of each kind holding DOCS."""
    backend = make_backend(str(tmp_path / "suite-index"), request.param)
    backend.apply(iter(DOCS), iter(()), timeout=5)
    yield backend
    backend.close()


@pytest.fixture
def run_search(search_backend):
    """run_search("text", filters=..., sort=..., page=..., per_page=...) -> SearchPage."""

    def run(text: str = "", **kwargs):
        return search_backend.search(SearchRequest(parse_query(text), **kwargs))

    return run


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """A context manager: changes made inside it are indexed when it exits (on_commit runs)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def seed_archive(db, seeds_dir, django_capture_on_commit_callbacks, settings):
    """The five seed articles imported through the real ingest path and indexed. 003's outlet is
    named by the uploader, and TBP is known as The BRICS Post, as expected.json describes."""
    from archive.importer import import_files
    from archive.models import Source

    settings.PARALLAX_NER = True
    Source.objects.get_or_create(name="The BRICS Post", defaults={"aliases": ["TBP"]})
    files = sorted(seeds_dir.glob("*.txt"))
    named_by_uploader = [(p.name, p.read_bytes()) for p in files if p.name.startswith("003_")]
    others = [(p.name, p.read_bytes()) for p in files if not p.name.startswith("003_")]
    with django_capture_on_commit_callbacks(execute=True):
        import_files(others)
        import_files(named_by_uploader, source_name="The National")
    from archive.models import Article

    return {a.filename: a for a in Article.objects.all()}

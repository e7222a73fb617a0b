"""Shared pytest fixtures for the search tests (registered in tests/conftest.py).

`search_backend` is parametrized over every backend class, so the behaviour suite in
tests/test_search_backend.py runs against each: Whoosh always, PostgreSQL when the tests' database is
PostgreSQL. `store()` puts documents in a backend the way it gets them in the site: through apply() for
Whoosh, as article rows for a backend that follows the database. The documents are text written for
these tests (no seed text is copied here).
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.conf import settings

from archive.search.backend import SearchDocument, SearchRequest
from archive.search.query import parse_query

WHOOSH = "archive.search.backends.whoosh.backend.WhooshBackend"
POSTGRES = "archive.search.backends.postgres.backend.PostgresBackend"
BACKENDS = [WHOOSH, *([POSTGRES] if settings.DATABASES["default"]["ENGINE"].endswith("postgresql") else [])]

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


def found(text: str) -> set[int]:
    """Ids of the first 100 articles the site's backend finds for `text`."""
    from archive.search import get_backend

    return {h.id for h in get_backend().search(SearchRequest(parse_query(text), per_page=100)).hits}


def run_command(*args) -> str:
    """What a management command printed to stdout."""
    from django.core.management import call_command

    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def store_articles(backend, articles) -> None:
    """Index more articles, (id, title, body) written by a test, beside DOCS (their other values are
    DOCS[0]'s), with their bodies handed to the highlighter."""
    import dataclasses

    extra = [
        dataclasses.replace(DOCS[0], id=i, title=t, subtitle="", body=b, digest="") for i, t, b in articles
    ]
    bodies = {i: b for i, _, b in articles}
    loader = backend.body_loader
    backend.body_loader = lambda ids: {**loader(ids), **{i: bodies[i] for i in ids if i in bodies}}
    store(backend, extra)


def make_backend(path: str, backend_class: str):
    from django.utils.module_loading import import_string

    bodies = {d.id: d.body for d in DOCS}
    cls = import_string(backend_class)
    return cls("test", {"PATH": path}, lambda ids: {i: bodies[i] for i in ids if i in bodies})


def index_is_the_database(backend) -> bool:
    """Whether `backend` indexes the database itself (PostgreSQL): its tests write articles, not
    documents (the site never asks this: the backend's own methods differ instead)."""
    from archive.search.backends.postgres.backend import PostgresBackend

    return isinstance(backend, PostgresBackend)


def store(backend, documents=(), removed=()) -> None:
    """Index `documents` and drop the ids in `removed`: through apply(), or for a backend whose index
    is the database, by writing them as articles (with their outlet, people and story)."""
    if not index_is_the_database(backend):
        backend.apply(iter(documents), iter(removed), timeout=5)
        return
    from archive.models import Article, Mention, Person, Source, Story

    for doc in documents:
        source = None
        if doc.source:
            source, _ = Source.objects.update_or_create(
                name=doc.source, defaults={"aliases": list(doc.source_aliases)}
            )
        if doc.story is not None:
            Story.objects.get_or_create(pk=doc.story, defaults={"title": f"Story {doc.story}"})
        values = {"title": doc.title, "subtitle": doc.subtitle, "body": doc.body, "source": source}
        values |= {"published_date": doc.published, "story_id": doc.story, "url": doc.url}
        article, _ = Article.objects.update_or_create(
            pk=doc.id,
            defaults=values,
            create_defaults={**values, "raw_text": doc.body, "fingerprint": doc.id},
        )
        Mention.objects.filter(article=article).delete()
        for rank, name in enumerate(doc.people):  # the document lists people most mentioned first
            person, _ = Person.objects.get_or_create(name=name)
            Mention.objects.create(article=article, person=person, count=len(doc.people) - rank)
    Article.objects.filter(pk__in=list(removed)).delete()


# The PostgreSQL backend's index is the tests' database: its tests are marked so that pytest-django
# sets that database up even when no other test collected needs it.
_PARAMS = [pytest.param(b, marks=[pytest.mark.django_db] if b == POSTGRES else []) for b in BACKENDS]


@pytest.fixture(params=_PARAMS, ids=lambda path: path.rsplit(".", 1)[-1])
def search_backend(request, tmp_path):
    """A backend of each kind holding DOCS."""
    backend = make_backend(str(tmp_path / "suite-index"), request.param)
    store(backend, DOCS)
    yield backend
    backend.close()


@pytest.fixture
def use_whoosh(settings):
    """The site's backend is Whoosh for this test, whatever the suite runs on: for tests of the Whoosh
    index's own machinery (its pending journal, write lock, index folder and schema)."""
    settings.SEARCH_BACKENDS = {a: {**c, "BACKEND": WHOOSH} for a, c in settings.SEARCH_BACKENDS.items()}


@pytest.fixture
def whoosh_backend(tmp_path):
    """The Whoosh backend holding DOCS, for tests of its own machinery (segments, scoring)."""
    backend = make_backend(str(tmp_path / "suite-index"), WHOOSH)
    store(backend, DOCS)
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
    from archive.importing.importer import import_files
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

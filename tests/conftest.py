"""Fixtures every test module may use. Area-specific fixtures live in tests/fixtures_<area>.py."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
from pathlib import Path

import pytest

pytest_plugins = [
    "tests.fixtures_ingest",
    "tests.fixtures_search",
    "tests.fixtures_compare",
    "tests.fixtures_jobs",
]

_counter = itertools.count(1)


def pytest_collection_modifyitems(config, items) -> None:
    """A browser test is a slow test: `make test-fast` (`-m "not slow"`) leaves both out."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The shared seed articles (env PARALLAX_SEEDS, default ../shared/seeds)."""
    path = Path(os.environ.get("PARALLAX_SEEDS") or "../shared/seeds").resolve()
    assert path.is_dir(), f"seed folder {path} not found: set PARALLAX_SEEDS"
    return path


@pytest.fixture(scope="session")
def expected(seeds_dir: Path) -> dict:
    """What a careful editor reads off each seed (expected.json)."""
    return json.loads((seeds_dir / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _isolated_data_dir(settings, tmp_path):
    """Each test gets its own data folder and search index under tmp_path."""
    settings.DATA_DIR = tmp_path / "data"
    settings.MEDIA_ROOT = tmp_path / "data" / "uploads"
    settings.SEARCH_BACKENDS = {
        alias: {**conf, "PATH": str(tmp_path / "index" / alias)}
        for alias, conf in settings.SEARCH_BACKENDS.items()
    }
    from django.core.cache import cache

    cache.clear()  # cached page figures are keyed on counts and ids, which repeat between tests
    yield


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Debian's), started once for the whole session."""
    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run in a thread
    # with a running loop unless told it is safe, and the tests' own ORM calls are.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def make_source(db):
    from archive.models import Source

    def make(name: str | None = None, **kwargs) -> Source:
        return Source.objects.create(name=name or f"Test Outlet {next(_counter)}", **kwargs)

    return make


@pytest.fixture
def make_person(db):
    from archive.models import Person

    def make(name: str | None = None, **kwargs) -> Person:
        return Person.objects.create(name=name or f"Test Person {next(_counter)}", **kwargs)

    return make


@pytest.fixture
def make_article(db, make_source):
    """make_article(title=..., body=..., source=<Source or name>, published_date=..., people=[Person|name])"""
    from archive.models import Article, Mention, Person, Source

    def make(**kwargs) -> Article:
        n = next(_counter)
        source = kwargs.pop("source", None)
        if source is None or isinstance(source, str):
            source = Source.objects.filter(name=source).first() if source else None
            source = source or make_source(kwargs.get("source_name") or None)
        kwargs.pop("source_name", None)
        people = kwargs.pop("people", [])
        body = kwargs.pop("body", f"Body text of test article number {n}. It says something of note.")
        published = kwargs.pop("published_date", dt.date(2014, 1, 13))
        if isinstance(published, str):
            published = dt.date.fromisoformat(published)
        defaults = {
            "title": f"Test article {n}",
            "body": body,
            "raw_text": body,
            "fingerprint": f"test-{n}",
            "published_date": published,
        }
        defaults.update(kwargs)
        article = Article.objects.create(source=source, **defaults)
        for person in people:
            if isinstance(person, str):
                person = Person.objects.filter(name=person).first() or Person.objects.create(name=person)
            Mention.objects.create(article=article, person=person, count=1, forms=[person.name])
        return article

    return make

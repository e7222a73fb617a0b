"""Shared pytest fixtures for the compare tests (registered in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

# Seeds whose outlet the text does not name: the uploader names it, as an editor would.
_UPLOADER_SOURCES = {"003_d43e4ed34428a101.txt": "The National"}


@pytest.fixture(autouse=True)
def _fresh_story_index():
    """Each test database starts empty, so the in-memory story index must too."""
    from archive import clustering

    clustering.reset_index()
    yield
    clustering.reset_index()


@pytest.fixture
def seeded_archive(db, seeds_dir: Path, expected: dict) -> dict:
    """The five seeds imported one by one through the importer, as an upload would; name -> Article."""
    from archive.importer import import_files
    from archive.models import Article, Source

    Source.objects.get_or_create(name="The BRICS Post", defaults={"aliases": ["TBP"]})
    articles = {}
    for name in sorted(expected["articles"]):
        data = (seeds_dir / name).read_bytes()
        [result] = import_files([(name, data)], source_name=_UPLOADER_SOURCES.get(name))
        assert result.article, f"{name} was not imported: {result.error}"
        articles[name] = Article.objects.get(pk=result.article)
    return articles

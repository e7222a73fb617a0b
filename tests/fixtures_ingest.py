"""Shared pytest fixtures for the ingest tests (registered in tests/conftest.py)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from archive.ingest.article import ParsedArticle
from archive.ingest.parsing import parse_document

TEXT_FIXTURES = Path(__file__).parent / "fixtures" / "text"


@pytest.fixture
def text_fixture() -> Callable[[str], bytes]:
    """text_fixture("harbour_story.txt") -> the bytes of a fixture page we wrote ourselves."""
    return lambda name: (TEXT_FIXTURES / name).read_bytes()


@pytest.fixture
def parse_seed(seeds_dir: Path) -> Callable[..., ParsedArticle]:
    """parse_seed("003_....txt", source_hint=...) -> the seed file parsed."""

    def parse(name: str, **options) -> ParsedArticle:
        return parse_document((seeds_dir / name).read_bytes(), filename=name, **options)

    return parse


@pytest.fixture
def make_zip() -> Callable[..., bytes]:
    """make_zip({"a.txt": b"...", "folder/": b""}) -> the bytes of a .zip holding those members."""

    def make(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
            for name, data in members.items():
                if name.endswith("/"):
                    archive.writestr(zipfile.ZipInfo(name), b"")
                else:
                    archive.writestr(name, data)
        return buffer.getvalue()

    return make

"""Turn an uploaded file's bytes into a ParsedArticle (stub: the full parser lands shortly)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from archive.ingest.article import ParsedArticle, SourceRef


def parse_document(
    data: bytes,
    *,
    filename: str,
    source_hint: str | None = None,
    sources: Sequence[SourceRef] = (),
    noise_for: Callable[[str], frozenset[str]] | None = None,
) -> ParsedArticle:
    """Read one file (plain text or HTML) the way a careful editor would."""
    raise NotImplementedError

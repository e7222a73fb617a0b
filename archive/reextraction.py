"""Re-extraction: parse stored articles' raw text again (a new parser, new learned noise, new
people), keeping every value an editor set."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from django.db import transaction

from archive import clustering
from archive.importer import (
    EDITOR,
    FileResult,
    NoiseBook,
    apply_parsed,
    extract_people,
    failed,
    internal_error,
    result_for,
    source_refs,
)
from archive.ingest.article import IngestError, ParsedArticle
from archive.ingest.parsing import parse_document
from archive.models import Article
from archive.search import bulk_indexing


def reextract(articles: Iterable[Article]) -> list[FileResult]:
    """Parse each article's stored raw text again (new parser, new noise, new people), keeping
    what editors set. One failure does not stop the others."""
    articles = list(articles)
    sources = source_refs()
    noise = NoiseBook()
    parsed: list[tuple[Article, ParsedArticle]] = []
    results: list[FileResult] = []
    for article in articles:
        hint = article.source.name if article.source_id and _uploader_named(article) else None
        try:
            data = article.raw_text.encode("utf-8")
            name = (
                article.filename
                or f"article-{article.pk}.{'html' if article.raw_format == 'html' else 'txt'}"
            )
            parsed.append(
                (
                    article,
                    parse_document(
                        data, filename=name, source_hint=hint, sources=sources, noise_for=noise.lines_for
                    ),
                )
            )
        except IngestError as error:
            results.append(failed(article.filename or str(article.pk), str(error)))
    people = extract_people([p for _, p in parsed])
    with bulk_indexing():
        for (article, fresh), mentions in zip(parsed, people, strict=True):
            results.append(_reextract_one(article, dataclasses.replace(fresh, people=mentions)))
    return results


def _uploader_named(article: Article) -> bool:
    return (article.provenance or {}).get("source") in {"uploader", EDITOR, "export"}


def _reextract_one(article: Article, parsed: ParsedArticle) -> FileResult:
    name = article.filename or str(article.pk)
    try:
        with transaction.atomic():
            hint = article.source.name if article.source_id and _uploader_named(article) else None
            apply_parsed(article, parsed, hint)
            if not article.duplicate_of_id:
                clustering.on_article_ingested(article)
            return result_for(name, "updated", article)
    except Exception as error:  # noqa: BLE001
        return internal_error(name, error)

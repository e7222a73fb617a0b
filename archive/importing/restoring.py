"""Restoring a Parallax export: its articles come back with their reviewed metadata, people and
stories, without re-extraction; `export_record` is the other direction."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from django.db import transaction

from archive.importing import base
from archive.importing.base import FileResult
from archive.ingest import exports
from archive.ingest.article import IngestError, PersonMention
from archive.ingest.dedup import sketch_body
from archive.ingest.namekeys import name_key
from archive.models import Article, Person, Story


def restore_export(
    name: str, records: Sequence[exports.ExportRecord], *, may_update: bool = True
) -> list[FileResult]:
    """Restore an export file's articles with their reviewed metadata (no re-extraction).
    Idempotent: an article already here (same URL or same body) is updated in place (or, with
    `may_update` False, the record fails with the reason)."""
    results: list[FileResult] = []
    new_ids: dict[int, int] = {}
    for record in records:
        label = f"{name} [article {record.id}]" if record.id is not None else name
        try:
            with transaction.atomic():
                article, status = _restore_one(record, may_update)
            if record.id is not None:
                new_ids[record.id] = article.pk
            results.append(base.result_for(label, status, article))
        except IngestError as error:
            results.append(base.failed(label, str(error)))
        except Exception as error:  # noqa: BLE001
            results.append(base.internal_error(label, error))
    _restore_duplicate_links(records, new_ids)
    return [_refresh(result) for result in results]


def export_record(article: Article, *, with_id: bool = True) -> exports.ExportRecord:
    """Everything the archive knows about `article`, as one export record."""
    people = Person.objects.filter(mentions__article=article).order_by("-mentions__count", "name")
    return exports.ExportRecord(
        id=article.pk if with_id else None,
        title=article.title,
        subtitle=article.subtitle,
        source=article.source.name if article.source_id else None,
        published_date=article.published_date,
        published_time=article.published_time,
        url=article.url,
        credit=article.credit,
        dateline=article.dateline,
        people=tuple(p.name for p in people),
        story_id=article.story_id if with_id else None,
        story=article.story.title if article.story_id else None,
        needs_review=tuple(article.review_fields),
        duplicate_of=article.duplicate_of_id if with_id else None,
        body=article.body,
        provenance=dict(article.provenance or {}),
    )


def _refresh(result: FileResult) -> FileResult:
    if result.article is None or result.status == "failed":
        return result
    return base.result_for(result.file, result.status, Article.objects.get(pk=result.article))


def _restore_one(record: exports.ExportRecord, may_update: bool) -> tuple[Article, str]:
    if not record.title.strip() or not record.body.strip():
        raise IngestError("The export record has no title or no body.")
    sketch = sketch_body(record.body)
    article = Article.objects.filter(fingerprint=sketch.fingerprint).order_by("id").first()
    if article is None and record.url:
        article = Article.objects.filter(url=record.url).order_by("id").first()
    if article is not None and not may_update:
        raise base.UpdateNotAllowedError(article)
    before = _comparable(article) if article else None
    article = article or Article(filename=f"export:{record.id}")
    for column in (
        "title",
        "subtitle",
        "url",
        "credit",
        "dateline",
        "body",
        "published_date",
        "published_time",
    ):
        setattr(article, column, getattr(record, column))
    article.source = base.get_source(record.source)
    article.story = _restore_story(record.story) if record.story else None
    if not article.raw_text:
        article.raw_text = record.body
    article.review_fields = list(record.needs_review)
    restored = {field: "export" for field in (*base.FIELDS, "source") if field not in record.needs_review}
    article.provenance = {**(article.provenance or {}), **restored, **record.provenance}
    base.save_with_sketch(article, sketch)
    _restore_people(article, record.people)
    after = _comparable(article)
    status = "created" if before is None else "duplicate" if before == after else "updated"
    return article, status


def _restore_story(title: str) -> Story:
    found = Story.objects.filter(title=title).order_by("id").first()
    return found or Story.objects.create(title=title, title_is_custom=True)


def _comparable(article: Article) -> exports.ExportRecord:
    return dataclasses.replace(export_record(article, with_id=False), provenance={})


def _restore_people(article: Article, names: Sequence[str]) -> None:
    """Restore an exported article's people through the resolver, so a restored name gets its
    aliases and a later ingest of another spelling joins the same person instead of doubling it."""
    mentions = []
    for name in dict.fromkeys(names):
        surname = name.split()[-1] if name.split() else name
        mentions.append(PersonMention(name, (name,), max(1, article.body.count(surname)), name_key(name)))
    base.save_mentions(article, mentions)


def _restore_duplicate_links(records: Sequence[exports.ExportRecord], new_ids: dict[int, int]) -> None:
    for record in records:
        if record.id in new_ids and record.duplicate_of in new_ids:
            Article.objects.filter(pk=new_ids[record.id]).update(duplicate_of_id=new_ids[record.duplicate_of])

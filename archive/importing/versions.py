"""Article versions on re-upload: a file from a stored article's URL whose headline, body or date
differs keeps both (archive.models.ArticleVersion); an identical one stays a duplicate.

The importer takes a snapshot before it applies the new upload and records a version after, when
the stored article changed. Values an editor set are kept by the upload (importing.base), so they
neither make a re-upload count as changed nor show as a change."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.db.models import Max
from django.utils import timezone

from archive.importing.base import KEPT_PROVENANCE
from archive.ingest.article import ParsedArticle
from archive.models import Article, ArticleVersion

# What a version is: the fields whose change makes a re-upload a new version (provenance names).
VERSIONED = ("title", "body", "published")


@dataclass(frozen=True)
class Snapshot:
    title: str
    body: str
    published_date: dt.date | None


def snapshot(article: Article) -> Snapshot:
    return Snapshot(article.title, article.body, article.published_date)


def changes_metadata(article: Article, parsed: ParsedArticle) -> bool:
    """Whether a re-upload of `article`'s text (same body) brings another headline or date that
    the upload would store (a value an editor set is kept, so it is no change)."""
    kept = {f for f, how in (article.provenance or {}).items() if how in KEPT_PROVENANCE}
    title_changed = "title" not in kept and (parsed.title or "") != article.title
    date_changed = "published" not in kept and parsed.published_date != article.published_date
    return title_changed or date_changed


def record_version(article: Article, before: Snapshot, filename: str) -> ArticleVersion | None:
    """After a re-upload: the new version of `article` if it changed from `before`, else None. The
    first change records the version before it too, at the article's first upload time."""
    if snapshot(article) == before:
        return None
    last = article.versions.aggregate(last=Max("number"))["last"]
    if last is None:
        ArticleVersion.objects.create(
            article=article,
            number=1,
            uploaded_at=article.created_at,
            filename=article.filename,
            **asdict(before),
        )
        last = 1
    return ArticleVersion.objects.create(
        article=article,
        number=last + 1,
        uploaded_at=timezone.now(),
        filename=filename,
        **asdict(snapshot(article)),
    )

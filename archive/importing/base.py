"""What the importer, re-extraction and restoring an export share (archive/importing/): the
result of one file (FileResult, the `ingest --report` JSON), which metadata fills which columns
and who set it (provenance), and saving an article's source, sketch keys and mentions."""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, OperationalError, transaction

from archive.importing.resolution import resolve_mentions
from archive.ingest.article import IngestError, PersonMention
from archive.ingest.dedup import BodySketch, sketch_body
from archive.models import EDITOR, Article, Mention, Person, ShingleKey, Source
from archive.outlets import learn_domain, outlet_of_domain

log = logging.getLogger(__name__)

# Model fields each parsed metadata value fills; the keys are the names used in provenance
# and review_fields (what an editor sees).
FIELDS = {
    "title": ("title",),
    "subtitle": ("subtitle",),
    "published": ("published_date", "published_time"),
    "url": ("url",),
    "credit": ("credit",),
    "dateline": ("dateline",),
    "body": ("body",),
    "language": ("language",),
    "people": (),  # no column: its provenance says when people were not looked for
}
# Values re-extraction never overwrites: set by an editor, or restored from an export (whose
# stored raw text is only the clean body, so re-parsing it would lose the metadata).
KEPT_PROVENANCE = frozenset({EDITOR, "export"})


@dataclass(frozen=True)
class FileResult:
    """What happened to one file: exactly the fields of the `ingest --report` JSON."""

    file: str
    status: str  # "created" | "updated" | "duplicate" | "failed"
    article: int | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    credit: str | None = None
    people: tuple[str, ...] = ()
    needs_review: tuple[str, ...] = ()
    duplicate_of: int | None = None
    error: str | None = None

    @property
    def left_to_review(self) -> bool:
        """Whether this file left an article for an editor to check: a duplicate stored nothing
        (the flags it carries are the stored article's, counted when that one came in)."""
        return bool(self.needs_review) and self.status in {"created", "updated"}

    def as_dict(self) -> dict:
        data = dataclasses.asdict(self)
        data["people"] = list(self.people)
        data["needs_review"] = list(self.needs_review)
        return data


class UpdateNotAllowedError(IngestError):
    """The file matches a stored article, and the uploader may add articles but not change them."""

    def __init__(self, article: Article) -> None:
        super().__init__(
            f"It would update article {article.pk} (same URL or text), and your account may add "
            "articles but not change them; ask an editor to upload it."
        )


def failed(name: str, reason: str) -> FileResult:
    return FileResult(file=name, status="failed", error=reason)


def result_for(name: str, status: str, article: Article) -> FileResult:
    people = Person.objects.filter(mentions__article=article).order_by("-mentions__count", "name").distinct()
    return FileResult(
        file=name,
        status=status,
        article=article.pk,
        title=article.title,
        source=article.source.name if article.source_id else None,
        published=article.published_date.isoformat() if article.published_date else None,
        url=article.url or None,
        credit=article.credit or None,
        people=tuple(p.name for p in people),
        needs_review=tuple(article.review_fields),
        duplicate_of=article.duplicate_of_id,
    )


def summarise(results: Sequence[FileResult]) -> str:
    """One line: "5 files: 4 created, 1 duplicate, 0 failed; 1 needs review"."""
    counts = Counter(result.status for result in results)
    parts = [f"{counts['created']} created"]
    if counts["updated"]:
        parts.append(f"{counts['updated']} updated")
    parts += [f"{counts['duplicate']} duplicate", f"{counts['failed']} failed"]
    review = sum(1 for result in results if result.left_to_review)
    noun = "file" if len(results) == 1 else "files"
    return f"{len(results)} {noun}: {', '.join(parts)}; {review} {'needs' if review == 1 else 'need'} review"


def is_locked(error: BaseException) -> bool:
    """SQLite's "database is locked" (its write lock held past the busy timeout), or MySQL's lock
    wait timeout: a wait, not a fault of the file. It is raised, never made a file's result, so
    what hit it runs again once the lock frees (an import job's chunk: archive/jobs/runner.py)."""
    if not isinstance(error, OperationalError) or not error.args:
        return False
    first = error.args[0]
    return first == 1205 if isinstance(first, int) else "is locked" in str(first).lower()


def internal_error(name: str, error: Exception) -> FileResult:
    log.exception("ingest of %s failed", name)
    return failed(name, f"internal error: {error.__class__.__name__}: {error}")


# --- saving an article's rows -------------------------------------------------------------------


def get_source(name: str | None, url: str = "") -> Source | None:
    """The Source called `name` (case-insensitive, or by alias), else the outlet of the page's
    registered domain when the page states no other name (archive.outlets), created when new; the
    outlet learns the page's registered domain."""
    name = " ".join((name or "").split())
    if not name:
        return None
    found = Source.objects.filter(name__iexact=name).first()
    if not found:
        found = next((s for s in Source.objects.exclude(aliases=[]) if _has_alias(s, name)), None)
    if not found and url:
        found = outlet_of_domain(name, url)
    if not found:
        try:
            with transaction.atomic():  # another upload may create the same outlet at the same moment
                found = Source.objects.create(name=name)
        except IntegrityError:
            found = Source.objects.get(name__iexact=name)
    learn_domain(found, url)
    return found


def _has_alias(source: Source, name: str) -> bool:
    return any(alias.casefold() == name.casefold() for alias in source.aliases)


def save_with_sketch(article: Article, sketch: BodySketch | None = None) -> None:
    """Save `article` with the fingerprint and duplicate-detection keys of its current body."""
    sketch = sketch or sketch_body(article.body)
    article.fingerprint = sketch.fingerprint
    article.shingles = list(sketch.keys)
    is_new = article.pk is None
    article.save()
    if not is_new:
        ShingleKey.objects.filter(article=article).delete()
    ShingleKey.objects.bulk_create(ShingleKey(article=article, key=key) for key in sketch.keys)


def save_mentions(article: Article, mentions: Sequence[PersonMention], *, replace: bool = True) -> None:
    """Replace the article's mentions with `mentions`, resolved to one Person each."""
    if replace:
        Mention.objects.filter(article=article).delete()
    merged: dict[int, Mention] = {}
    for person, mention in resolve_mentions(mentions):
        row = merged.get(person.pk)
        if row is None:
            merged[person.pk] = Mention(article=article, person=person, count=mention.count, forms=[])
            row = merged[person.pk]
        else:
            row.count += mention.count
        row.forms = sorted(set(row.forms) | set(mention.forms))
    Mention.objects.bulk_create(merged.values())

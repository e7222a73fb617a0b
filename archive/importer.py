"""Turn uploaded files into archive rows: the one ingest path the admin upload and the
`ingest` command share.

Per batch: unpack zips -> parse each file -> batch NER over the bodies -> per file, in its own
transaction: duplicate check, source, article, mentions, learned page noise, story. The whole
batch sits in one `bulk_indexing()` block so the search index commits once. Re-extraction
(archive/reextraction.py) and restoring an export (archive/restoring.py) build on the helpers here.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F

from archive import clustering, story_index
from archive.ingest import boilerplate, exports
from archive.ingest.article import IngestError, ParsedArticle, PersonMention, SourceRef
from archive.ingest.boilerplate import line_digest
from archive.ingest.dedup import BodySketch, compare_bodies, estimate_similarity, is_candidate, sketch_body
from archive.ingest.files import RefusedMember, expand_upload
from archive.ingest.languages import people_are_found_in
from archive.ingest.parsing import parse_document
from archive.models import EDITOR, Article, BoilerplateLine, Mention, Person, ShingleKey, Source
from archive.search import bulk_indexing

log = logging.getLogger(__name__)

# Candidates for the near-duplicate check, from the sketch-key postings (see ingest/dedup.py).
NEAR_DUPLICATE_CANDIDATES = 20

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

Progress = Callable[["FileResult"], None]
# Told (position, result) as each file finishes; a stored article's inside that article's own
# transaction, so an import job records the file with it (archive/job_runner.py). position[0] is the
# item's index; a third number means one record of an export file.
Record = Callable[[tuple[int, ...], "FileResult"], None]


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


def internal_error(name: str, error: Exception) -> FileResult:
    log.exception("ingest of %s failed", name)
    return failed(name, f"internal error: {error.__class__.__name__}: {error}")


# --- the batch --------------------------------------------------------------------------------


def import_files(
    items: Iterable[tuple[str, bytes]],
    *,
    source_name: str | None = None,
    progress: Progress | None = None,
    may_update: bool = True,
    record: Record | None = None,
) -> list[FileResult]:
    """Import a batch of uploaded files (plain text, HTML, .zip, or a Parallax export).

    `source_name` is the uploader's "these are all from source X": it wins over what the parser
    reads off the page. `progress(result)` is called once per finished file. One bad file gives
    a failed FileResult with the reason; the rest of the batch goes in. Results come in the
    order of the files (a zip's members in its place). With `may_update` False (an uploader
    without the permission to change articles), a file that would update a stored article fails
    with the reason instead."""
    source_name = (source_name or "").strip() or None
    report = progress or (lambda result: None)
    done: list[tuple[tuple[int, ...], FileResult]] = []

    def finish(position: tuple[int, ...], result: FileResult) -> None:
        if record:
            record(position, result)
        done.append((position, result))
        report(result)

    members: list[tuple[tuple[int, ...], str, bytes]] = []
    for i, (name, data) in enumerate(items):
        try:
            for j, (member, body) in enumerate(expand_upload(name, data)):
                if isinstance(body, RefusedMember):
                    finish((i, j), failed(member, body.reason))
                else:
                    members.append(((i, j), member, body))
        except IngestError as error:
            finish((i,), failed(name, str(error)))
        except Exception as error:  # noqa: BLE001  (a bug must not stop the batch)
            finish((i,), internal_error(name, error))

    with bulk_indexing():
        parsed = _parse_all(members, source_name, finish, may_update)
        mentions = extract_people([article for _, _, article in parsed])
        if parsed:
            # A process builds its story index on first use (every article's terms: about a minute
            # at 100,000 articles). Built here, before any article's transaction, that minute never
            # holds the database's write lock (on SQLite a worker's heartbeat, an admin edit or a
            # second worker waited past the busy timeout: "database is locked").
            story_index.current()
        for (position, name, article), people in zip(parsed, mentions, strict=True):
            article = dataclasses.replace(article, people=people)
            _store_safely(position, name, article, source_name, may_update, finish)
    return [result for _, result in sorted(done, key=lambda pair: pair[0])]


def _parse_all(
    members: Sequence[tuple[tuple[int, ...], str, bytes]],
    source_name: str | None,
    finish: Callable[[tuple[int, ...], FileResult], None],
    may_update: bool,
) -> list[tuple[tuple[int, ...], str, ParsedArticle]]:
    sources = source_refs()
    noise = NoiseBook()
    parsed: list[tuple[tuple[int, ...], str, ParsedArticle]] = []
    for position, name, data in members:
        try:
            records = exports.read_export(data, filename=name)
            if records is not None:
                from archive.restoring import restore_export  # it builds on this module's helpers

                for k, result in enumerate(restore_export(name, records, may_update=may_update)):
                    finish((*position, k), result)
                continue
            article = parse_document(
                data, filename=name, source_hint=source_name, sources=sources, noise_for=noise.lines_for
            )
            parsed.append((position, name, article))
        except IngestError as error:
            finish(position, failed(name, str(error)))
        except Exception as error:  # noqa: BLE001
            finish(position, internal_error(name, error))
    return parsed


def source_refs() -> list[SourceRef]:
    """The Source registry as the parser sees it."""
    return [
        SourceRef(name=s.name, aliases=tuple(s.aliases), domains=tuple(s.domains), patterns=tuple(s.patterns))
        for s in Source.objects.all()
    ]


def extract_people(parsed: Sequence[ParsedArticle]) -> list[tuple[PersonMention, ...]]:
    """People for each article, one NER batch for all (nothing when settings.PARALLAX_NER is off)."""
    if not parsed:
        return []
    if not settings.PARALLAX_NER:
        return [() for _ in parsed]
    from archive.ingest.people import extract_people_batch, suggested_processes  # spaCy: only with NER
    from archive.resolution import known_person_names, known_surname_keys

    readable = [i for i, article in enumerate(parsed) if people_are_found_in(article.language)]
    bodies = [parsed[i].body for i in readable]
    workers = suggested_processes(len(bodies))  # both cores for a big batch, one for an upload of a few
    found = extract_people_batch(
        bodies, n_process=workers, known_surnames=known_surname_keys(), known_people=known_person_names()
    )
    people: list[tuple[PersonMention, ...]] = [() for _ in parsed]
    for i, mentions in zip(readable, found, strict=True):
        people[i] = mentions
    return people


def _store_safely(
    position: tuple[int, ...],
    name: str,
    parsed: ParsedArticle,
    source_name: str | None,
    may_update: bool,
    finish: Callable[[tuple[int, ...], FileResult], None],
) -> None:
    try:
        with transaction.atomic():
            # finish() inside the transaction: what records the file commits with the article.
            finish(position, store_article(name, parsed, source_name, may_update=may_update))
            return
    except IngestError as error:
        result = failed(name, str(error))
    except Exception as error:  # noqa: BLE001
        result = internal_error(name, error)
    finish(position, result)


# --- one article ------------------------------------------------------------------------------


def get_source(name: str | None) -> Source | None:
    """The Source called `name` (case-insensitive, or by alias), created when new."""
    name = " ".join((name or "").split())
    if not name:
        return None
    found = Source.objects.filter(name__iexact=name).first()
    if found:
        return found
    for source in Source.objects.exclude(aliases=[]):
        if any(alias.casefold() == name.casefold() for alias in source.aliases):
            return source
    try:
        with transaction.atomic():  # another upload may create the same outlet at the same moment
            return Source.objects.create(name=name)
    except IntegrityError:
        return Source.objects.get(name__iexact=name)


def store_article(
    name: str, parsed: ParsedArticle, source_name: str | None, *, may_update: bool = True
) -> FileResult:
    """Store one parsed file (inside the caller's transaction) and say what happened."""
    sketch = sketch_body(parsed.body)
    same_text = Article.objects.filter(fingerprint=sketch.fingerprint).order_by("id").first()
    if same_text:
        return dataclasses.replace(result_for(name, "duplicate", same_text), duplicate_of=same_text.pk)
    same_url = Article.objects.filter(url=parsed.url).order_by("id").first() if parsed.url else None
    if same_url and not may_update:
        raise UpdateNotAllowedError(same_url)
    article = same_url or Article(filename=name)
    near = None if same_url else find_near_duplicate(sketch)
    article.duplicate_of = near
    apply_parsed(article, parsed, source_name, sketch=sketch)
    if not same_url and not near:
        learn_noise(article)
    if not article.duplicate_of_id:
        clustering.on_article_ingested(article)
    status = "updated" if same_url else "duplicate" if near else "created"
    return result_for(name, status, article)


def apply_parsed(
    article: Article, parsed: ParsedArticle, source_name: str | None, *, sketch: BodySketch | None = None
) -> None:
    """Fill `article` from `parsed` and save it with its sketch keys and mentions. Values an
    editor set (provenance "editor") are kept: re-extraction never undoes a review."""
    provenance = dict(article.provenance or {})
    kept = {field for field, how in provenance.items() if how in KEPT_PROVENANCE}
    for field, columns in FIELDS.items():
        if field in kept:
            continue
        for column in columns:
            setattr(article, column, getattr(parsed, column) or (None if "published" in column else ""))
        if field in parsed.provenance:
            provenance[field] = parsed.provenance[field]
        else:
            provenance.pop(field, None)  # how an earlier extraction found a value no longer holds
    review = [field for field in parsed.review_fields if field not in kept]
    if "source" not in kept:
        if source_name:
            provenance["source"] = "uploader"
            review = [field for field in review if field != "source"]
        elif "source" in parsed.provenance:
            provenance["source"] = parsed.provenance["source"]
        article.source = get_source(source_name or parsed.source_name)
    article.raw_text = parsed.raw_text
    article.raw_format = parsed.raw_format
    article.provenance = provenance
    article.review_fields = review
    is_new = article.pk is None
    save_with_sketch(article, sketch if article.body == parsed.body else None)  # an editor's body is kept
    save_mentions(article, parsed.people, replace=not is_new)


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
    from archive.resolution import resolve_mentions

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


def find_near_duplicate(sketch: BodySketch, *, exclude: int | None = None) -> Article | None:
    """The first stored article a body (its `sketch`) is a near-duplicate of (same wire story,
    truncated copy), or None. Reads only the postings of the sketch's keys, estimates the
    similarity of a few candidates from their stored sketches, and compares the likely ones
    exactly."""
    if not sketch.keys:
        return None
    shared = (
        ShingleKey.objects.filter(key__in=sketch.keys)
        .exclude(article_id=exclude)
        .values("article_id")
        .annotate(shared=Count("id"))
        .order_by("-shared", "article_id")[:NEAR_DUPLICATE_CANDIDATES]
    )
    counts = {row["article_id"]: row["shared"] for row in shared}
    candidates = Article.objects.filter(pk__in=counts).order_by("id").values_list("id", "shingles")
    for pk, keys in candidates:
        keys = keys or ()
        if not is_candidate(counts[pk], len(sketch.keys), len(keys)):
            continue
        if not estimate_similarity(sketch.keys, keys).may_be_near_duplicate:
            continue
        candidate = Article.objects.only("id", "body", "duplicate_of_id").get(pk=pk)
        if compare_bodies(sketch.hashes, candidate.body).is_near_duplicate:
            return Article.objects.get(pk=candidate.duplicate_of_id or candidate.pk)
    return None


# --- learned page noise -----------------------------------------------------------------------


class NoiseBook:
    """The lines learned to be page noise, per source name, for parse_document's noise_for
    (digests, as archive.ingest.boilerplate counts them). Cached for one batch."""

    def __init__(self) -> None:
        self._cache: dict[str, frozenset[str]] = {}

    def lines_for(self, source_name: str) -> frozenset[str]:
        key = source_name.casefold()
        if key not in self._cache:
            source = Source.objects.filter(name__iexact=source_name).first()
            self._cache[key] = noise_digests(source.pk) if source else frozenset()
        return self._cache[key]


def _page_count(source_id: int) -> int:
    """Pages counted for a source: its stored articles that are not duplicates."""
    return Article.objects.filter(source_id=source_id, duplicate_of__isnull=True).count()


def noise_digests(source_id: int, *, pages: int | None = None) -> frozenset[str]:
    pages = _page_count(source_id) if pages is None else pages
    # Only rows that can pass learned_noise's floor are read: a big outlet has many lines.
    counts = dict(
        BoilerplateLine.objects.filter(
            source_id=source_id, article_count__gte=boilerplate.LEARNED_MIN_PAGES
        ).values_list("digest", "article_count")
    )
    return boilerplate.learned_noise(counts, pages)


def learn_noise(article: Article) -> frozenset[str]:
    """Count the article's page lines for its source (BoilerplateLine); a line that newly
    becomes that source's noise is removed from the source's stored articles. Call once per
    new original article. Returns the digests that became noise."""
    if not article.source_id:
        return frozenset()
    digests = boilerplate.noise_candidates(article.raw_text)
    if not digests:
        return frozenset()
    pages = _page_count(article.source_id)
    before = noise_digests(article.source_id, pages=pages - 1)
    known = BoilerplateLine.objects.filter(source_id=article.source_id, digest__in=digests)
    seen = set(known.values_list("digest", flat=True))
    known.update(article_count=F("article_count") + 1)
    texts = {line_digest(line): line.strip()[:500] for line in article.raw_text.splitlines() if line.strip()}
    BoilerplateLine.objects.bulk_create(
        BoilerplateLine(source_id=article.source_id, digest=d, text=texts.get(d, ""), article_count=1)
        for d in digests - seen
    )
    new_noise = (noise_digests(article.source_id, pages=pages) & digests) - before
    if new_noise:
        strip_noise(article.source_id, new_noise)
    return new_noise


def strip_noise(source_id: int, digests: frozenset[str]) -> int:
    """Remove lines with these digests from the bodies of one source's articles; returns how
    many articles changed. Their fingerprints and sketches follow the new body."""
    changed = 0
    texts = BoilerplateLine.objects.filter(source_id=source_id, digest__in=digests).values_list(
        "text", flat=True
    )
    done: set[int] = set()
    for text in texts:
        probe = text[:100].strip()
        if not probe:
            continue
        for article in Article.objects.filter(source_id=source_id, body__icontains=probe).exclude(
            pk__in=done
        ):
            lines = article.body.splitlines()
            kept = [line for line in lines if not line.strip() or line_digest(line) not in digests]
            if len(kept) == len(lines):
                continue
            article.body = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
            save_with_sketch(article)
            done.add(article.pk)
            changed += 1
    return changed

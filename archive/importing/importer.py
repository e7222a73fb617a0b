"""Turn uploaded files into archive rows: the one ingest path the admin upload, the `ingest`
command and import jobs share.

Per batch: unpack zips -> parse each file -> batch NER over the bodies -> per file, in its own
transaction: duplicate check, source, article, mentions, learned page noise (noise.py), story
(archive.stories.clustering). The whole batch sits in one `bulk_indexing()` block so the search
index commits once. An export file is handed to restoring.py. Re-extraction (reextraction.py)
builds on `apply_parsed` and `extract_people` here; what all of them share is in base.py.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Sequence

from django.conf import settings
from django.db import transaction
from django.db.models import Count

from archive.importing import versions
from archive.importing.base import (
    FIELDS,
    KEPT_PROVENANCE,
    FileResult,
    UpdateNotAllowedError,
    failed,
    get_source,
    internal_error,
    is_locked,
    result_for,
    save_mentions,
    save_with_sketch,
)
from archive.importing.noise import NoiseBook, learn_noise
from archive.importing.resolution import known_person_names, known_surname_keys
from archive.importing.restoring import restore_export
from archive.ingest import exports
from archive.ingest.article import IngestError, ParsedArticle, PersonMention, SourceRef
from archive.ingest.dedup import BodySketch, compare_bodies, estimate_similarity, is_candidate, sketch_body
from archive.ingest.files import RefusedMember, expand_upload
from archive.ingest.languages import people_are_found_in
from archive.ingest.multilingual_people import find_people
from archive.ingest.name_lists import without_listed_people
from archive.ingest.namekeys import given_key
from archive.ingest.parsing import parse_document
from archive.ingest.patronymics import flag_unsure_names
from archive.models import Article, ShingleKey, Source
from archive.outlets import is_known_on
from archive.search import bulk_indexing
from archive.stories import clustering, synced_index

log = logging.getLogger(__name__)

# Candidates for the near-duplicate check, from the sketch-key postings (see ingest/dedup.py).
NEAR_DUPLICATE_CANDIDATES = 20

Progress = Callable[["FileResult"], None]
# Told (position, result) as each file finishes; a stored article's inside that article's own
# transaction, so an import job records the file with it (archive/jobs/runner.py). position[0] is the
# item's index; a third number means one record of an export file.
Record = Callable[[tuple[int, ...], "FileResult"], None]
# Called between the steps of a batch (before parsing each file, between parsing and name finding,
# before storing each article); raises to stop the batch there. An import job's chunk stops when
# its job is cancelled (archive/jobs/runner.py): no step after the cancel starts.
Check = Callable[[], None]


def _go_on() -> None:
    pass


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
    batch = _Batch(progress, record)
    members: list[tuple[tuple[int, ...], str, bytes]] = []
    for i, (name, data) in enumerate(items):
        try:
            for j, (member, body) in enumerate(expand_upload(name, data)):
                if isinstance(body, RefusedMember):
                    batch.finish((i, j), failed(member, body.reason))
                else:
                    members.append(((i, j), member, body))
        except IngestError as error:
            batch.finish((i,), failed(name, str(error)))
        except Exception as error:  # noqa: BLE001  (a bug must not stop the batch)
            batch.finish((i,), internal_error(name, error))
    return _import_members(members, batch, source_name, may_update)


def import_unpacked(
    files: Iterable[tuple[str, bytes]],
    *,
    source_name: str | None = None,
    may_update: bool = True,
    record: Record | None = None,
    check: Check = _go_on,
) -> list[FileResult]:
    """Import files that were already unpacked, as import_files does its zips' members: an import
    job's chunk 0 unpacked the upload (archive/jobs/runner.py), so a zip is unpacked once on its
    way. File i is told to `record` at position (i, 0), as import_files tells a member. `check()`
    runs between every two steps and may raise to stop the batch (a cancelled job)."""
    members = [((i, 0), name, data) for i, (name, data) in enumerate(files)]
    return _import_members(members, _Batch(None, record), source_name, may_update, check)


class _Batch:
    """The results of one batch as its files finish, in any order; told to `record`, then `progress`."""

    def __init__(self, progress: Progress | None, record: Record | None) -> None:
        self.progress, self.record = progress, record
        self.done: list[tuple[tuple[int, ...], FileResult]] = []

    def finish(self, position: tuple[int, ...], result: FileResult) -> None:
        if self.record:
            self.record(position, result)
        self.done.append((position, result))
        if self.progress:
            self.progress(result)

    def results(self) -> list[FileResult]:
        return [result for _, result in sorted(self.done, key=lambda pair: pair[0])]


def _import_members(
    members: Sequence[tuple[tuple[int, ...], str, bytes]],
    batch: _Batch,
    source_name: str | None,
    may_update: bool,
    check: Check = _go_on,
) -> list[FileResult]:
    source_name = (source_name or "").strip() or None
    with bulk_indexing():
        parsed = _parse_all(members, source_name, batch.finish, may_update, check)
        check()
        found = with_people([article for _, _, article in parsed])
        if parsed:
            # A process builds its story index on first use (every article's terms: about a minute
            # at 100,000 articles). Built here, before any article's transaction, that minute never
            # holds the database's write lock (on SQLite a worker's heartbeat, an admin edit or a
            # second worker waited past the busy timeout: "database is locked").
            synced_index.current()
        for (position, name, _), article in zip(parsed, found, strict=True):
            check()  # outside the article's transaction: a stop leaves nothing half-stored
            _store_safely(position, name, article, source_name, may_update, batch.finish)
    return batch.results()


def _parse_all(
    members: Sequence[tuple[tuple[int, ...], str, bytes]],
    source_name: str | None,
    finish: Callable[[tuple[int, ...], FileResult], None],
    may_update: bool,
    check: Check = _go_on,
) -> list[tuple[tuple[int, ...], str, ParsedArticle]]:
    sources = source_refs()
    noise = NoiseBook()
    parsed: list[tuple[tuple[int, ...], str, ParsedArticle]] = []
    for position, name, data in members:
        check()
        try:
            records = exports.read_export(data, filename=name)
            if records is not None:
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
    # spaCy is imported only when NER runs
    from archive.ingest.people import extract_people_batch, headline_end, people_text, suggested_processes

    known = known_person_names()  # read once: both finders look for the archive's known people
    readable = [i for i, article in enumerate(parsed) if people_are_found_in(article.language)]
    bodies = [people_text(parsed[i]) for i in readable]  # headline, standfirst, body, sign-off
    workers = suggested_processes(len(bodies))  # both cores for a big batch, one for an upload of a few
    found = extract_people_batch(
        bodies,
        n_process=workers,
        known_surnames=known_surname_keys(),
        known_people=known,
        headline_ends=[headline_end(parsed[i]) for i in readable],
    )
    people: list[tuple[PersonMention, ...]] = [() for _ in parsed]
    for i, mentions in zip(readable, found, strict=True):
        people[i] = mentions
    if len(readable) < len(parsed):  # other languages: known people in any script, capitalised names
        # The full names this batch's English reports give are known too: an upload's Arabic report
        # often comes in the same chunk as the English one that first names its people.
        known = known | {m.name for mentions in found for m in mentions if given_key(m.name)}
        for i in set(range(len(parsed))) - set(readable):  # the same text as English: headline first
            text, headline = people_text(parsed[i]), headline_end(parsed[i])
            people[i] = find_people(text, known, parsed[i].language, headline)
    return people


def with_people(parsed: Sequence[ParsedArticle]) -> list[ParsedArticle]:
    """Each article with the people extract_people finds in it, less those a page only lists (and
    then flagged: archive.ingest.name_lists), flagged too when one is named by given name and
    patronymic alone (archive.ingest.patronymics). The one step import and re-extraction share."""
    return [
        without_listed_people(flag_unsure_names(dataclasses.replace(article, people=people)))
        for article, people in zip(parsed, extract_people(parsed), strict=True)
    ]


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
        if is_locked(error):
            raise  # the database's fault, not the file's: the caller waits and runs it again
        result = internal_error(name, error)
    finish(position, result)


# --- one article ------------------------------------------------------------------------------


def store_article(
    name: str, parsed: ParsedArticle, source_name: str | None, *, may_update: bool = True
) -> FileResult:
    """Store one parsed file (inside the caller's transaction) and say what happened."""
    sketch = sketch_body(parsed.body)
    same_text = Article.objects.filter(fingerprint=sketch.fingerprint).order_by("id").first()
    same_url = _stored_page(parsed)
    # The same text is a duplicate, unless it is the stored page again under a new headline or date.
    if same_text and not (same_text == same_url and versions.changes_metadata(same_url, parsed)):
        return dataclasses.replace(result_for(name, "duplicate", same_text), duplicate_of=same_text.pk)
    if same_url and not may_update:
        raise UpdateNotAllowedError(same_url)
    article = same_url or Article(filename=name)
    before = versions.snapshot(article)
    near = None if same_url else find_near_duplicate(sketch)
    article.duplicate_of = near
    apply_parsed(article, parsed, source_name, sketch=sketch)
    if not same_url and not near:
        learn_noise(article)
    changed = same_url is not None and versions.record_version(article, before, name) is not None
    if not article.duplicate_of_id:
        clustering.on_article_ingested(article, reconsider=changed)  # a new version may be another story
    status = "updated" if same_url else "duplicate" if near else "created"
    return result_for(name, status, article)


def _stored_page(parsed: ParsedArticle) -> Article | None:
    """The article stored at the page's address, which the page updates. A page whose own site is not
    its address's (a syndicated copy, its canonical link the original's) is that stored page only when
    the stored page's outlet is known on the copy's site: the original is another page."""
    if not parsed.url:
        return None
    stored = Article.objects.filter(url=parsed.url).select_related("source").order_by("id")
    if not parsed.site_url:
        return stored.first()
    return next((a for a in stored if a.source_id and is_known_on(a.source, parsed.site_url)), None)


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
        article.source = get_source(
            source_name or parsed.source_name, "" if source_name else parsed.site_url or parsed.url
        )
    article.raw_text = parsed.raw_text
    article.raw_format = parsed.raw_format
    article.provenance = provenance
    article.review_fields = review
    is_new = article.pk is None
    save_with_sketch(article, sketch if article.body == parsed.body else None)  # an editor's body is kept
    save_mentions(article, parsed.people, replace=not is_new)


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

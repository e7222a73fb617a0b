"""Re-extraction: parse stored articles' raw text again (a new parser, new learned noise, new
people), keeping every value an editor set; and what an editor's change of an article's text or
date derives again (people, quotes, cluster terms, story)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from archive.importing.base import EDITOR, FileResult, failed, internal_error, result_for, save_mentions
from archive.importing.importer import apply_parsed, source_refs, with_people
from archive.importing.noise import NoiseBook
from archive.ingest.article import IngestError, ParsedArticle
from archive.ingest.languages import detect_language, people_are_found_in, people_note
from archive.ingest.parsing import parse_document
from archive.models import Article, Story
from archive.search import bulk_indexing
from archive.stories import clustering


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
    found = with_people([p for _, p in parsed])
    with bulk_indexing():
        for (article, _), fresh in zip(parsed, found, strict=True):
            results.append(_reextract_one(article, fresh))
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


# Article fields an editor may change whose values people, quotes and clustering are derived from.
DERIVED_FROM = frozenset({"title", "subtitle", "body", "published_date", "duplicate_of"})


def refresh_edited(article: Article, changed: set[str], *, story_before: int | None = None) -> None:
    """Derive again what an editor's change made stale (`changed`: names of edited fields). A new body:
    its language and people, found by the importer's own code. Then an original gets new cluster terms
    and quotes, and is re-clustered: it moves to the story it now fits best unless its story is locked
    or the editor chose the story in the same save; the stories it leaves and joins get their span and
    title again. A duplicate joins its original's story. Nothing else changed: nothing is done, but for
    the spans and titles of the stories an article the editor moved leaves and joins (`story_before`)."""
    changed = set(changed)
    if "story" in changed and story_before != article.story_id:
        for story in Story.objects.filter(pk__in={story_before, article.story_id} - {None}):
            clustering.refresh_story(story)
    if not changed & DERIVED_FROM:
        return
    if "body" in changed:
        _find_people_again(article)
    if article.duplicate_of_id:
        _follow_original(article)
    else:
        clustering.on_article_ingested(article, reconsider="story" not in changed)


def _find_people_again(article: Article) -> None:
    article.language = detect_language(article.body)
    provenance = dict(article.provenance or {})
    provenance.pop("people", None)
    if not people_are_found_in(article.language):
        provenance["people"] = people_note(article.language)
    article.provenance = provenance
    article.save(update_fields=["language", "provenance"])
    parsed = ParsedArticle(
        title=article.title,
        subtitle=article.subtitle,
        source_name=None,
        published_date=article.published_date,
        published_time=article.published_time,
        url=article.url,
        credit=article.credit,
        dateline=article.dateline,
        body=article.body,
        raw_text=article.raw_text,
        raw_format=article.raw_format,
        language=article.language,
    )
    [found] = with_people([parsed])
    if "people" in found.review_fields:  # the new body lists people rather than reports on them
        article.provenance = {**provenance, "people": found.provenance["people"]}
        article.review_fields = list(dict.fromkeys([*(article.review_fields or ()), "people"]))
        article.save(update_fields=["provenance", "review_fields", "needs_review"])
    save_mentions(article, found.people)


def _follow_original(article: Article) -> None:
    old = article.story
    original_story = (
        Article.objects.filter(pk=article.duplicate_of_id).values_list("story", flat=True).first()
    )
    if original_story != article.story_id:
        article.story_id = original_story
        article.save(update_fields=["story"])
    for story in {old, article.story} - {None}:
        clustering.refresh_story(story)

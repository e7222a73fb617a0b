"""The ONE place an Article becomes a search document (and bodies are fetched for snippets)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping

from archive.models import Article
from archive.search.backend import SearchDocument

# Articles are read from the database in chunks of this size when indexing many (a chunk's
# bodies fit comfortably in memory; larger chunks did not speed up the 10k build).
CHUNK_SIZE = 500


def build_document(article: Article) -> SearchDocument:
    """The search document for `article`. Expects mentions/people and source to be prefetched when
    called in a loop (documents_for does that)."""
    people = tuple(
        m.person.name
        for m in sorted(article.mentions.all(), key=lambda m: (-m.count, m.person.name))
        if not m.person.not_a_person
    )
    source = article.source
    doc = SearchDocument(
        id=article.pk,
        title=article.title,
        subtitle=article.subtitle or "",
        body=article.body or "",
        source=source.name if source else "",
        source_aliases=tuple(str(a) for a in (source.aliases or ())) if source else (),
        published=article.published_date,
        people=people,
        story=article.story_id,
        url=article.url or "",
    )
    return SearchDocument(**{**doc.__dict__, "digest": digest_of(doc)})


def digest_of(doc: SearchDocument) -> str:
    """A short hash of every indexed value: check_index finds stale documents by comparing it."""
    parts = (doc.title, doc.subtitle, doc.body, doc.source, "|".join(doc.source_aliases), str(doc.published))
    parts += ("|".join(doc.people), str(doc.story), doc.url)
    return hashlib.blake2b("\x00".join(parts).encode(), digest_size=10).hexdigest()


def articles_for_index():
    """The queryset the index is built from, with everything build_document reads prefetched."""
    heavy = ("raw_text", "shingles", "provenance", "review_fields", "cluster_terms")  # not indexed
    fields = {f.name for f in Article._meta.get_fields() if f.concrete}
    return (
        Article.objects.select_related("source")
        .with_people()
        .defer(*(f for f in heavy if f in fields))
        .order_by("pk")
    )


def documents_for(ids: Iterable[int] | None = None) -> Iterator[SearchDocument]:
    """Documents for the given article ids (missing ids are skipped), or for every article."""
    qs = articles_for_index()
    if ids is not None:
        ids = sorted(set(ids))
        for start in range(0, len(ids), CHUNK_SIZE):
            yield from (build_document(a) for a in qs.filter(pk__in=ids[start : start + CHUNK_SIZE]))
        return
    last = 0
    while True:
        chunk = list(qs.filter(pk__gt=last)[:CHUNK_SIZE])
        if not chunk:
            return
        yield from (build_document(a) for a in chunk)
        last = chunk[-1].pk


def load_bodies(ids: list[int]) -> Mapping[int, str]:
    """{id: body} for the hits on a page: the index does not store bodies (WHOOSH.md trap 7)."""
    return dict(Article.objects.filter(pk__in=ids).values_list("pk", "body"))

"""Learned page noise: lines an outlet repeats on its pages (menus, footers, cookie notices) are
counted per source as articles are stored (BoilerplateLine), and once a line is noise for a source
it is left out of that source's next pages and removed from its stored articles. The counting
rules are archive.ingest.boilerplate's; this module keeps their rows."""

from __future__ import annotations

import re

from django.db.models import F

from archive.importing.base import save_with_sketch
from archive.ingest import boilerplate
from archive.ingest.boilerplate import line_digest
from archive.models import Article, BoilerplateLine, Source


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

"""Search results as data: the JSON shape of /api/search/ and the CSV export of every match."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from itertools import islice

from archive.csvcells import neutralise_row
from archive.models import Article
from archive.search.backend import SearchPage

CSV_COLUMNS = ("id", "title", "subtitle", "source", "published", "url", "credit", "people", "story")
# Rows are fetched from the database this many at a time while the response streams.
CSV_CHUNK = 500


def page_as_json(page: SearchPage | None, error: str | None) -> dict:
    """The /api/search/ body: {"total", "page", "results", "facets", "suggestion", "error"}."""
    if page is None:
        return {"total": 0, "page": 1, "results": [], "facets": {}, "suggestion": None, "error": error}
    return {
        "total": page.total,
        "page": page.page,
        "results": [
            {
                "id": h.id,
                "title": h.title,
                "source": h.source or None,
                "published": h.published.isoformat() if h.published else None,
                "url": h.url or None,
                "people": list(h.people),
                "story": h.story,
                "snippet": h.snippet,
                "score": round(h.score, 4) if h.score is not None else None,
            }
            for h in page.hits
        ],
        "facets": {
            name: [{"value": f.value, "count": f.count} for f in counts]
            for name, counts in page.facets.items()
        },
        "suggestion": page.suggestion,
        "error": error,
    }


class _Echo:
    """A file-like object whose write returns the line, for csv.writer over a streaming response."""

    def write(self, value: str) -> str:
        return value


def csv_lines(ids: Iterable[int]) -> Iterator[str]:
    """CSV text, header first, one row per article id in the given order (read in chunks)."""
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    ids = iter(ids)
    while chunk := list(islice(ids, CSV_CHUNK)):
        articles = Article.objects.select_related("source", "story").with_people()
        by_id = {a.pk: a for a in articles.filter(pk__in=chunk)}
        for article_id in chunk:
            a = by_id.get(article_id)
            if a is not None:
                yield writer.writerow(neutralise_row(_row(a)))


def _row(a: Article) -> list:
    people = "; ".join(m.person.name for m in a.mentions.all() if not m.person.not_a_person)
    return [
        a.pk,
        a.title,
        a.subtitle,
        a.source.name if a.source else "",
        a.published_date.isoformat() if a.published_date else "",
        a.url,
        a.credit,
        people,
        a.story.title if a.story else "",
    ]

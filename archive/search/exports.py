"""Search results as data: the JSON shape of /api/search/ and the CSV export of every match."""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from archive.csvcells import neutralise_cell, neutralise_row
from archive.ingest.exports import json_date
from archive.models import Article, Mention
from archive.search.backend import SearchPage
from archive.search.budget import EXPORT_ROWS, EXPORT_SECONDS, Budget

log = logging.getLogger(__name__)

# One representation per field in JSON, JSON Lines and CSV (article_records): `source` and `story_title`
# null (CSV: empty) when unknown, `published` an ISO date or null, `story` the story's id.
CSV_COLUMNS = (
    "id",
    "title",
    "subtitle",
    "source",
    "published",
    "url",
    "credit",
    "people",
    "story",
    "story_title",
)
# Rows are fetched from the database this many at a time while the response streams.
CSV_CHUNK = 500
# The start of the last line of a cut-off export, and of each line carrying a notice of the search
# (a cap it reached, a cut it made). Both are written raw, never through the CSV writer, so no
# quoting hides the `#` from a reader that skips comment lines (pandas' comment="#").
TRUNCATED = "# TRUNCATED"
NOTICE = "# NOTICE:"


def page_as_json(page: SearchPage) -> dict:
    """The results, facets and suggestion of one page of /api/search/ (the view adds the paging)."""
    return {
        "results": [
            {
                "id": h.id,
                "title": h.title,
                "source": h.source or None,
                "published": json_date(h.published),
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
    }


class _Echo:
    """A file-like object whose write returns the line, for csv.writer over a streaming response."""

    def write(self, value: str) -> str:
        return value


def csv_lines(ids: Iterable[int], budget: Budget | None = None, notices: Sequence[str] = ()) -> Iterator[str]:
    """CSV text: a `# NOTICE: ...` line per notice the search page showed, the header, then one row
    per article id in the given order, read from the database a chunk at a time as the response
    streams. Past the budget (time or rows), or if reading fails, the last line says the file was
    cut and after how many rows: a cut file never looks complete."""
    writer = csv.writer(_Echo())
    yield from (_comment_line(f"{NOTICE} {notice}") for notice in notices)
    yield writer.writerow(CSV_COLUMNS)
    for record, cut in _export(ids, budget):
        yield (
            _comment_line(f"{TRUNCATED} after {cut}")
            if cut
            else writer.writerow(neutralise_row(_cells(record)))
        )


def _cells(record: dict) -> list:
    """A record as CSV cells: null is an empty cell, the people one cell joined by "; "."""
    record = {**record, "people": "; ".join(record["people"])}
    return ["" if record[column] is None else record[column] for column in CSV_COLUMNS]


def _comment_line(text: str) -> str:
    """`text` as one raw CSV line, unquoted: on one line, with no `"` that a reader not skipping it
    would take for the start of a quoted cell running into the next lines, and with no piece between
    commas that a spreadsheet would run as a formula (the text may echo the query)."""
    text = " ".join(text.split()).replace('"', "'")
    pieces = []
    for piece in text.split(","):
        kept = piece.lstrip()
        pieces.append(piece[: len(piece) - len(kept)] + str(neutralise_cell(kept)))
    return ",".join(pieces) + "\r\n"


def jsonl_lines(
    ids: Iterable[int], budget: Budget | None = None, notices: Sequence[str] = ()
) -> Iterator[str]:
    """JSON Lines: a {"notice": ...} line per notice the search page showed, then one object per
    article (article_records), read and cut as csv_lines() does; a cut file ends with
    {"truncated": "after N rows: ..."}."""
    yield from (json.dumps({"notice": notice}, ensure_ascii=False) + "\n" for notice in notices)
    for record, cut in _export(ids, budget):
        line = {"truncated": f"after {cut}"} if cut else record
        yield json.dumps(line, ensure_ascii=False) + "\n"


def _export(ids: Iterable[int], budget: Budget | None) -> Iterator[tuple[dict, str | None]]:
    """(record, None) per article id, then, if the export is cut, ({}, "N rows: why")."""
    budget = budget or Budget(seconds=EXPORT_SECONDS)
    written = 0
    ids = iter(ids)
    try:
        while chunk := list(islice(ids, CSV_CHUNK)):
            if budget.expired() or written >= EXPORT_ROWS:
                why = f"its {budget.seconds:g} s limit" if budget.expired() else f"{EXPORT_ROWS:,} rows"
                yield {}, f"{written:,} rows: the export stopped at {why}"
                return
            for record in article_records(chunk):
                yield record, None
                written += 1
    except Exception:  # the response has started: the status cannot change, so the file says it
        log.exception("Export failed after %d rows", written)
        yield {}, f"{written:,} rows: an error stopped the export"


def article_records(chunk: Sequence[int]) -> Iterator[dict]:
    """The API's record of each article in `chunk` (CSV_COLUMNS as keys, people a list), in its
    order: two queries of plain values, no model instances (instances with their prefetched people
    made 700 rows/s; values make several thousand)."""
    fields = (
        "pk",
        "title",
        "subtitle",
        "source__name",
        "published_date",
        "url",
        "credit",
        "story",
        "story__title",
    )
    found = {v[0]: v for v in Article.objects.filter(pk__in=chunk).values_list(*fields)}
    people: dict[int, list[str]] = {}
    mentions = Mention.objects.filter(article_id__in=chunk, person__not_a_person=False)
    for article_id, name in mentions.values_list("article_id", "person__name"):  # Mention's order
        people.setdefault(article_id, []).append(name)
    for article_id in chunk:
        if article_id in found:
            pk, title, subtitle, source, published, url, credit, story, story_title = found[article_id]
            yield {
                "id": pk,
                "title": title,
                "subtitle": subtitle,
                "source": source,
                "published": json_date(published),
                "url": url or None,
                "credit": credit,
                "people": people.get(article_id, []),
                "story": story,
                "story_title": story_title,
            }

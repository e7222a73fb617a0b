"""The export format: a full backup of what the archive knows about each article, as JSON or
CSV, which `ingest` recognises by its structure and restores without re-extraction.

Plain Python: the Django side builds ExportRecords from articles (archive.importing.restoring.export_record).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from archive.csvcells import neutralise_cell, restore_cell
from archive.ingest.article import IngestError, NotAnArticleError

FORMAT_NAME = "parallax-export"
FORMAT_VERSION = 1
# What every CSV file Parallax writes starts with (the search page's download and `manage.py export`):
# a byte-order mark. Without one, Excel reads UTF-8 as the local code page and shows Cyrillic, Arabic
# and accents as mojibake; pandas, R and Parallax's own restore skip it.
CSV_START = "\ufeff"
CSV_COLUMNS = (
    "id",
    "title",
    "subtitle",
    "source",
    "published",
    "time",
    "url",
    "credit",
    "dateline",
    "people",
    "story_id",
    "story",
    "needs_review",
    "duplicate_of",
    "provenance",
    "body",
)
# List cells in CSV: people names and field names never contain a semicolon.
CSV_LIST_SEPARATOR = "; "
# A CSV body can be long; the csv module's default cell limit (128 KiB) is too small for a
# long article's body.
CSV_FIELD_LIMIT = 16 * 1024 * 1024


class ExportFormatError(IngestError):
    """A file that is an export but cannot be read back (a broken row, a bad date)."""


def json_date(value: dt.date | None) -> str | None:
    """A date in the archive's JSON (exports, the API): ISO 8601 ("2014-01-22"), or null."""
    return value.isoformat() if value else None


def json_time(value: dt.time | None) -> str | None:
    """A time of day in the archive's JSON: hours and minutes ("14:05"), or null."""
    return value.strftime("%H:%M") if value else None


@dataclass(frozen=True)
class ExportRecord:
    id: int | None
    title: str
    subtitle: str
    source: str | None
    published_date: dt.date | None
    published_time: dt.time | None
    url: str
    credit: str
    dateline: str
    people: tuple[str, ...]
    story_id: int | None
    story: str | None
    needs_review: tuple[str, ...]
    duplicate_of: int | None
    body: str
    # How each value was found ("editor" for a reviewed one): an addition to the listed export
    # fields, so a restored archive still knows which values a person checked.
    provenance: Mapping[str, str] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "subtitle": self.subtitle,
            "source": self.source,
            "published": json_date(self.published_date),
            "time": json_time(self.published_time),
            "url": self.url,
            "credit": self.credit,
            "dateline": self.dateline,
            "people": list(self.people),
            "story": {"id": self.story_id, "title": self.story} if self.story else None,
            "needs_review": list(self.needs_review),
            "duplicate_of": self.duplicate_of,
            "provenance": dict(self.provenance),
            "body": self.body,
        }

    def as_csv_row(self) -> dict[str, str]:
        data = self.as_json()
        data["people"] = CSV_LIST_SEPARATOR.join(self.people)
        data["needs_review"] = CSV_LIST_SEPARATOR.join(self.needs_review)
        data["story_id"] = self.story_id
        data["story"] = self.story
        data["provenance"] = json.dumps(dict(self.provenance), ensure_ascii=False) if self.provenance else ""
        cells = {column: "" if data[column] is None else str(data[column]) for column in CSV_COLUMNS}
        return {column: neutralise_cell(cell) for column, cell in cells.items()}


def write_json(records: Iterable[ExportRecord], out: TextIO) -> int:
    """Write the records as one JSON document, streaming; returns how many were written."""
    out.write(f'{{"format": "{FORMAT_NAME}", "version": {FORMAT_VERSION}, "articles": [')
    count = 0
    for record in records:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(record.as_json(), ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def write_csv(records: Iterable[ExportRecord], out: TextIO) -> int:
    out.write(CSV_START)
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(record.as_csv_row())
        count += 1
    return count


def read_export(data: bytes, *, filename: str = "") -> list[ExportRecord] | None:
    """The records of an export file, or None when `data` is not an export (recognised by its
    structure, not its name). Raises ExportFormatError for an export with a broken record and
    NotAnArticleError for any other JSON document."""
    text = data.decode("utf-8-sig", errors="replace").lstrip()
    if text.startswith(("{", "[")):
        return _read_json(text)
    first_line = text.split("\n", 1)[0].strip()
    if first_line.split(",") == list(CSV_COLUMNS):
        return _read_csv(text)
    return None


def _read_json(text: str) -> list[ExportRecord] | None:
    try:
        document = json.loads(text)
    except ValueError:
        return None
    articles = document.get("articles") if isinstance(document, dict) else None
    if not isinstance(articles, list) or not all(_looks_like_record(item) for item in articles):
        # Valid JSON is data, never a news page: say so rather than file it as an article.
        raise NotAnArticleError(
            "This is a JSON file but not a Parallax export, so there is no article to read."
        )
    return [_record(item, n) for n, item in enumerate(articles, start=1)]


def _looks_like_record(item: object) -> bool:
    return isinstance(item, dict) and {"title", "body", "needs_review"} <= item.keys()


def _read_csv(text: str) -> list[ExportRecord]:
    csv.field_size_limit(CSV_FIELD_LIMIT)
    records = []
    for n, cells in enumerate(csv.DictReader(io.StringIO(text, newline="")), start=1):
        row = {
            column: restore_cell(cell) if isinstance(cell, str) else cell for column, cell in cells.items()
        }
        story = row.get("story") or None
        item = {
            **row,
            "people": _split(row.get("people")),
            "needs_review": _split(row.get("needs_review")),
            "story": {"id": row.get("story_id") or None, "title": story} if story else None,
            "provenance": json.loads(row["provenance"]) if row.get("provenance") else {},
        }
        records.append(_record(item, n))
    return records


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split(CSV_LIST_SEPARATOR.strip()) if part.strip()]


def _record(item: dict, n: int) -> ExportRecord:
    try:
        story = item.get("story") or None
        return ExportRecord(
            id=_int(item.get("id")),
            title=str(item.get("title") or ""),
            subtitle=str(item.get("subtitle") or ""),
            source=str(item["source"]) if item.get("source") else None,
            published_date=dt.date.fromisoformat(item["published"]) if item.get("published") else None,
            published_time=dt.time.fromisoformat(item["time"]) if item.get("time") else None,
            url=str(item.get("url") or ""),
            credit=str(item.get("credit") or ""),
            dateline=str(item.get("dateline") or ""),
            people=tuple(str(name) for name in _as_list(item.get("people"))),
            story_id=_int(story.get("id")) if isinstance(story, dict) else None,
            story=str(story.get("title")) if isinstance(story, dict) and story.get("title") else None,
            needs_review=tuple(str(name) for name in _as_list(item.get("needs_review"))),
            duplicate_of=_int(item.get("duplicate_of")),
            body=str(item.get("body") or ""),
            provenance={str(k): str(v) for k, v in dict(item.get("provenance") or {}).items()},
        )
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        raise ExportFormatError(f"Export record {n} cannot be read: {error}") from None


def _int(value: object) -> int | None:
    return None if value in (None, "") else int(value)  # type: ignore[arg-type]


def _as_list(value: object) -> Sequence:
    if value in (None, ""):
        return ()
    if not isinstance(value, list):
        raise ValueError(f"expected a list, got {value!r}")
    return value

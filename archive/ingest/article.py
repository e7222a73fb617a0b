"""The values the ingest pipeline hands to the rest of Parallax, and the errors it raises.

Plain Python, no Django: the importer (archive/importing/importer.py) turns a ParsedArticle into model rows.
Every IngestError's message is the user-facing reason a file was not imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

RawFormat = Literal["text", "html"]


@dataclass(frozen=True)
class SourceRef:
    """An outlet as the parser sees it: its name and the ways a page may reveal it.

    `aliases` are other names and initials ("TBP"), `domains` web domains ("thebricspost.com"),
    `patterns` regular expressions a page from this outlet matches.
    """

    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonMention:
    """One person named in an article: the canonical-looking `name`, every spelling used
    (`forms`), how often they are mentioned, and the matching `key` from people.name_key."""

    name: str
    forms: tuple[str, ...]
    count: int
    key: str


@dataclass(frozen=True)
class ParsedArticle:
    """What a careful editor reads off one file.

    `provenance` maps a field name ("title", "published", "source", "url", "credit", "dateline",
    "subtitle") to how its value was found. `review_fields` names the fields an editor should
    check ("published" when the text states no date, "source" when no outlet was found, ...).
    """

    title: str
    subtitle: str
    source_name: str | None
    published_date: dt.date | None
    published_time: dt.time | None
    url: str
    credit: str
    dateline: str
    body: str
    raw_text: str
    raw_format: RawFormat
    provenance: Mapping[str, str] = field(default_factory=dict)
    review_fields: tuple[str, ...] = ()
    people: tuple[PersonMention, ...] = ()
    language: str = ""  # ISO 639-1 code of the body's language, "" when it cannot be told
    # The address of the page's own site when `url` is another's (a syndicated copy's canonical link
    # to the original) or the page states none (its links or upload folder name its host): outlets only.
    site_url: str = ""


class IngestError(Exception):
    """A file could not be imported; str(error) is the reason shown to the user."""


class EmptyFileError(IngestError):
    def __init__(self, message: str = "The file is empty.") -> None:
        super().__init__(message)


class UnreadableFileError(IngestError):
    def __init__(self, message: str = "The file is not readable text (it looks like binary data).") -> None:
        super().__init__(message)


class NotAnArticleError(IngestError):
    def __init__(
        self, message: str = "The file does not look like a news article (too little running text)."
    ) -> None:
        super().__init__(message)


class ArchiveTooLargeError(IngestError):
    """A .zip would unpack to too many files or too many bytes (a zip bomb guard)."""


class BadArchiveError(IngestError):
    """A .zip that cannot be opened (corrupt, truncated or encrypted)."""

"""What changed between two versions of one article: the headline and the paragraphs that differ, as
word diffs (the quote diff's DiffPiece and diff_words, archive.compare.coverage: one home for word
diffs), and the date. Plain Python, no Django."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from archive.compare.coverage import DiffPiece, diff_words


@dataclass(frozen=True)
class VersionText:
    number: int
    uploaded_at: dt.datetime
    title: str
    body: str
    published_date: dt.date | None


@dataclass(frozen=True)
class VersionChange:
    """Version `number` against the one before it: only what differs (None or empty: unchanged)."""

    number: int
    uploaded_at: dt.datetime
    title: tuple[DiffPiece, ...] | None
    published: tuple[dt.date | None, dt.date | None] | None  # (before, after)
    paragraphs: tuple[tuple[DiffPiece, ...], ...]  # one word diff per changed, added or removed paragraph


def paragraphs(body: str) -> list[str]:
    """The body's paragraphs (its non-empty lines, as the article page shows them), spaces tidied."""
    return [" ".join(line.split()) for line in body.splitlines() if line.strip()]


def diff_paragraphs(before: str, after: str) -> tuple[tuple[DiffPiece, ...], ...]:
    """The paragraphs of `after` that differ from `before`'s, each as a word diff: paragraphs are
    aligned first, so an edit in one paragraph shows only that paragraph, a new one is all "ins" and
    a removed one all "del"."""
    old, new = paragraphs(before), paragraphs(after)
    changed: list[tuple[DiffPiece, ...]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = min(a1 - a0, b1 - b0)
        changed += [diff_words(old[a0 + i], new[b0 + i]) for i in range(pairs)]
        changed += [(DiffPiece("del", text),) for text in old[a0 + pairs : a1]]
        changed += [(DiffPiece("ins", text),) for text in new[b0 + pairs : b1]]
    return tuple(changed)


def version_changes(versions: Sequence[VersionText]) -> tuple[VersionChange, ...]:
    """Each version after the first against the one before it, oldest first."""
    ordered = sorted(versions, key=lambda v: v.number)
    return tuple(_change(before, after) for before, after in zip(ordered, ordered[1:], strict=False))


def _change(before: VersionText, after: VersionText) -> VersionChange:
    title = diff_words(before.title, after.title) if before.title != after.title else None
    published = (before.published_date, after.published_date)
    return VersionChange(
        number=after.number,
        uploaded_at=after.uploaded_at,
        title=title,
        published=published if published[0] != published[1] else None,
        paragraphs=diff_paragraphs(before.body, after.body),
    )

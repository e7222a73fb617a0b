"""Template helpers for the compare pages: quote diffs, date spans, lookups."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.dateformat import format as format_date
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from archive.compare.coverage import DiffPiece
from archive.ingest.languages import language_name

register = template.Library()

_TAGS = {"ins": "ins", "del": "del"}
_LABELS = {"ins": "only in this wording: ", "del": "missing from this wording: "}
# `diff_html:"version"`: an article's version against the one before it (article page).
_VERSION_LABELS = {"ins": "added in this version: ", "del": "removed in this version: "}


@register.filter
def diff_html(pieces: tuple[DiffPiece, ...], labels: str = "") -> SafeString:
    """A wording with its differences from the first wording marked: <ins> added, <del> left out.
    Each mark carries a visually hidden label so screen readers announce the change too."""
    names = _VERSION_LABELS if labels == "version" else _LABELS
    parts = []
    for piece in pieces:
        if piece.kind in _TAGS:
            parts.append(
                format_html(
                    '<{0}><span class="visually-hidden">{1}</span>{2}</{0}>',
                    _TAGS[piece.kind],
                    names[piece.kind],
                    piece.text,
                )
            )
        else:
            parts.append(format_html("{}", piece.text))
    return format_html_join(" ", "{}", ((p,) for p in parts))


@register.filter
def language(code: str) -> str:
    """The language's English name ("Russian" for "ru"; "unknown" for "")."""
    return language_name(code)


@register.filter
def by_column(cells: tuple, columns: tuple) -> list[tuple]:
    """(column, cell) pairs of an aligned row (compare.alignment: one cell per column, in order)."""
    return list(zip(columns, cells, strict=True))


@register.filter
def get(mapping, key):
    """mapping[key] or "" (dict lookups in templates)."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.simple_tag
def date_span(first: dt.date | None, last: dt.date | None) -> SafeString:
    """ "13 Jan 2014", "13–14 Jan 2014", "30 Jan – 2 Feb 2014", or "date unknown"."""
    if first is None:
        return format_html('<span class="date-unknown">{}</span>', "date unknown")
    last = last or first
    start = format_html('<time datetime="{}">{}</time>', first.isoformat(), format_date(first, "j M Y"))
    if last == first:
        return start
    head = (
        "j"
        if (first.year, first.month) == (last.year, last.month)
        else "j M"
        if first.year == last.year
        else "j M Y"
    )
    return format_html(
        '<time datetime="{}">{}</time>–<time datetime="{}">{}</time>',
        first.isoformat(),
        format_date(first, head),
        last.isoformat(),
        format_date(last, "j M Y"),
    )


@register.simple_tag
def when(day: dt.date | None, time: dt.time | None = None) -> SafeString:
    """Publication date and time of one article, or "date unknown"."""
    if day is None:
        return format_html('<span class="date-unknown">{}</span>', "date unknown")
    text = format_date(day, "j M Y") + (f", {time:%H:%M}" if time else "")
    stamp = day.isoformat() + (f"T{time:%H:%M}" if time else "")
    return format_html('<time datetime="{}">{}</time>', stamp, text)

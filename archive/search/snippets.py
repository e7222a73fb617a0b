"""Snippet text shared by every backend (plain Python): the body's opening when nothing matched in it,
and an engine's marked text made safe HTML."""

from __future__ import annotations

import re
from html import escape

# Without a match to show (empty query, title-only match) the snippet is the body's opening.
LEAD_CHARS = 240
# What a backend wraps matched words in before escaping (private-use characters no article holds;
# one that did would only gain a harmless <mark>).
START_MARK, STOP_MARK = "\ue000", "\ue001"


def lead(body: str) -> str:
    """The body's opening, about LEAD_CHARS long, cut at a word, as escaped HTML."""
    text = " ".join(body.split())
    if len(text) > LEAD_CHARS:
        text = text[:LEAD_CHARS].rsplit(" ", 1)[0] + " …"
    return escape(text, quote=False)


def marked_html(escaped: str) -> str:
    """HTML text (already escaped) with START_MARK/STOP_MARK around matches, with <mark> elements
    instead; marks of neighbouring words (a phrase) become one. A stray < or > is escaped."""
    html = escaped.replace("<", "&lt;").replace(">", "&gt;")
    html = re.sub(f"{STOP_MARK}(\\s+){START_MARK}", r"\1", html)
    return html.replace(START_MARK, "<mark>").replace(STOP_MARK, "</mark>")

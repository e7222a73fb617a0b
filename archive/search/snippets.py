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
# Between two passages of one snippet.
FRAGMENT_DELIMITER = " … "
# A passage's first or last word is completed by at most this many characters.
WORD_REST_CHARS = 40


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


def whole_words(passages: str, text: str) -> str:
    """Passages cut from `text` (joined by FRAGMENT_DELIMITER, matches between START_MARK and
    STOP_MARK) widened to whole words: PostgreSQL's ts_headline reads a hyphenated word as parts and
    may start or end a passage inside it ("re-" | "opened", "state" | "-of-the-art"), which reads as
    two pieces glued mid-word. A passage not found in `text` is left as it is."""
    widened = []
    for passage in passages.split(FRAGMENT_DELIMITER):
        plain = passage.replace(START_MARK, "").replace(STOP_MARK, "")
        at = text.find(plain) if plain.strip() else -1
        if at < 0:
            widened.append(passage)
            continue
        end = at + len(plain)
        before = re.search(rf"\S{{0,{WORD_REST_CHARS}}}$", text[max(0, at - WORD_REST_CHARS) : at])
        after = re.match(rf"\S{{0,{WORD_REST_CHARS}}}", text[end : end + WORD_REST_CHARS])
        head = before.group() if plain[:1].strip() else ""
        tail = after.group() if plain[-1:].strip() else ""
        widened.append(head + passage + tail)
    return FRAGMENT_DELIMITER.join(widened)

"""Snippet text shared by every backend (plain Python): the body's opening when nothing matched in it,
passages cut around matches a backend found, and marked text made safe HTML."""

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
# Snippets: up to SNIPPET_PASSAGES passages of about SNIPPET_CHARS characters around the matches,
# each reaching SNIPPET_SURROUND characters past its first and last match.
SNIPPET_PASSAGES, SNIPPET_CHARS, SNIPPET_SURROUND = 2, 200, 70
# What joins the parts of one compound word: a hyphen of any kind.
_JOINER = re.compile("[-\u2010\u2011]")


def lead(body: str) -> str:
    """The body's opening, about LEAD_CHARS long, cut at a word, as escaped HTML."""
    text = " ".join(body.split())
    if len(text) > LEAD_CHARS:
        text = text[:LEAD_CHARS].rsplit(" ", 1)[0] + " …"
    return escape(text, quote=False)


def framed(html: str, cut_before: bool, cut_after: bool) -> str:
    """A snippet's passages with "…" where they leave the body's text: before the first when it starts
    past the body's opening, after the last when it ends before the body's end. The one rule of both
    engines' snippets."""
    if not html:
        return html
    return ("… " if cut_before else "") + html + (" …" if cut_after else "")


def marked_html(escaped: str) -> str:
    """HTML text (already escaped) with START_MARK/STOP_MARK around matches, with <mark> elements
    instead; marks of neighbouring words (a phrase) become one. A stray < or > is escaped."""
    html = escaped.replace("<", "&lt;").replace(">", "&gt;")
    html = re.sub(f"{STOP_MARK}(\\s+){START_MARK}", r"\1", html)
    return html.replace(START_MARK, "<mark>").replace(STOP_MARK, "</mark>")


def one_mark(body: str, end: int, start: int) -> bool:
    """Whether a match starting at `start` is marked with the one ending at `end`: they overlap or
    touch, or a hyphen alone parts them (the parts of one compound, "cease-fires"). The one rule of
    both engines' snippets."""
    return start <= end or bool(_JOINER.fullmatch(body[end:start]))


def passages(body: str, spans: list[tuple[int, int]]) -> str:
    """Up to SNIPPET_PASSAGES passages of `body` around the matched character `spans` (start, end), as
    safe HTML with <mark> around the matches, joined by FRAGMENT_DELIMITER; "" without spans. Matches
    within SNIPPET_CHARS of each other share a passage; the passages holding most matches are kept, in
    the body's order, each widened by SNIPPET_SURROUND characters to whole words (the cut of Whoosh's
    PinpointFragmenter with its top_fragments, for a backend that finds the spans itself)."""
    groups: list[list[list[int]]] = []
    for span in _merged(body, spans):
        if groups and span[1] - groups[-1][0][0] <= SNIPPET_CHARS:
            groups[-1].append(span)
        else:
            groups.append([span])
    best = sorted(sorted(groups, key=len, reverse=True)[:SNIPPET_PASSAGES], key=lambda g: g[0][0])
    out, cuts = [], []
    for group in best:
        left = max(0, group[0][0] - SNIPPET_SURROUND)
        right = min(len(body), group[-1][1] + SNIPPET_SURROUND)
        if left > 0:  # start at a word: skip the rest of the one cut
            space = re.search(r"\s", body[left : group[0][0]])
            left = left + space.end() if space else group[0][0]
        if right < len(body):  # end at a word: drop the one cut
            space = re.search(r"\s\S*$", body[group[-1][1] : right])
            right = group[-1][1] + space.start() if space else group[-1][1]
        text, at = [], left
        for start, end in group:
            text += [body[at:start], START_MARK, body[start:end], STOP_MARK]
            at = end
        text.append(body[at:right])
        out.append(" ".join("".join(text).split()))
        cuts.append((bool(body[:left].strip()), bool(body[right:].strip())))
    html = marked_html(escape(FRAGMENT_DELIMITER.join(out), quote=False))
    return framed(html, cuts[0][0], cuts[-1][1]) if cuts else html


def marked_whole(text: str, spans: list[tuple[int, int]]) -> str:
    """All of `text` (a title) as safe HTML with <mark> around the matched character `spans`, joined
    as passages() joins them; "" without spans."""
    parts, at = [], 0
    for start, end in _merged(text, spans):
        parts += [text[at:start], START_MARK, text[start:end], STOP_MARK]
        at = end
    return marked_html(escape("".join(parts) + text[at:], quote=False)) if parts else ""


def _merged(text: str, spans: list[tuple[int, int]]) -> list[list[int]]:
    """The spans in order, those one_mark joins made one."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and one_mark(text, merged[-1][1], start):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged

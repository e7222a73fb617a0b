"""A page of hits: stored values, snippets cut from the database body at the offsets the index holds
(no re-analysis), and the body's opening when nothing matched in it. Split from backend.py."""

from __future__ import annotations

import datetime as dt

from whoosh import highlight
from whoosh.analysis import Token

from archive.search.backend import BodyLoader, Hit
from archive.search.backends.whoosh.schema import ALL_FIELD, PLAIN_ANALYZER
from archive.search.snippets import (
    FRAGMENT_DELIMITER,
    SNIPPET_CHARS,
    SNIPPET_PASSAGES,
    SNIPPET_SURROUND,
    lead,
)


def make_hits(
    searcher,
    docnums: list[int],
    hits: dict,
    words: list[str],
    body_loader: BodyLoader | None,
    prefixes: tuple[str, ...] | list[str] = (),
) -> list[Hit]:
    """The page's hits; `words` (indexed terms) and `prefixes` (normalised word beginnings) are
    marked in the snippets."""
    stored = {d: searcher.stored_fields(d) for d in docnums}
    offsets = _offsets(searcher, docnums, words) if words else {d: [] for d in docnums}
    ids = [int(f["id"]) for f in stored.values()]
    bodies = body_loader(ids) if body_loader else {}
    out = []
    for d in docnums:
        f = stored[d]
        source, published, url, people, story, _ = f["meta"]
        body = bodies.get(int(f["id"]), "")
        hit = hits.get(d)
        marks = offsets[d] + _prefix_offsets(body, prefixes) if prefixes and body else offsets[d]
        snippet = _snippet(body, marks) if marks and body else ""
        out.append(
            Hit(
                id=int(f["id"]),
                title=f.get("title", ""),
                source=source,
                published=dt.date.fromisoformat(published) if published else None,
                url=url,
                people=tuple(people),
                story=story,
                snippet=snippet or lead(body),
                score=float(hit.score) if hit is not None and hit.score is not None else None,
            )
        )
    return out


def _offsets(searcher, docnums: list[int], words: list[str]) -> dict[int, list]:
    """{docnum: [(startchar, endchar, word), ...]} where the index holds `words` in those documents:
    one postings reader per word, stepped forward through the page's documents in order."""
    reader = searcher.reader()
    found: dict[int, list] = {d: [] for d in docnums}
    for word in words:
        if (ALL_FIELD, word) not in reader:
            continue
        m = reader.postings(ALL_FIELD, word)
        for docnum in sorted(docnums):
            if not m.is_active():
                break
            m.skip_to(docnum)
            if m.is_active() and m.id() == docnum:
                found[docnum] += [(start, end, word) for _, start, end in m.value_as("characters")]
    return found


def _prefix_offsets(body: str, prefixes) -> list:
    """[(startchar, endchar, word)] of the body's words that begin with one of `prefixes`, read off the
    body itself: the index holds a prefix as a term of its own, with no offsets."""
    heads = tuple(prefixes)
    return [
        (t.startchar, t.endchar, t.text) for t in PLAIN_ANALYZER(body, chars=True) if t.text.startswith(heads)
    ]


def _snippet(body: str, offsets: list) -> str:
    """Up to SNIPPET_PASSAGES marked passages of `body` around the matched words' offsets
    (offsets past the body belong to the title and the other sections of the text)."""
    tokens = [Token(text=w, startchar=start, endchar=end) for start, end, w in offsets if end <= len(body)]
    if not tokens:
        return ""
    tokens.sort(key=lambda t: (t.startchar, -t.endchar))
    # A phrase's grams overlap ("bank of", "of england"): mark their union as one passage (the
    # formatter would skip a token that starts inside the previous one).
    merged: list[Token] = []
    for token in tokens:
        if merged and token.startchar < merged[-1].endchar:
            merged[-1].endchar = max(merged[-1].endchar, token.endchar)
        else:
            merged.append(token)
    tokens = merged
    fragmenter = highlight.PinpointFragmenter(
        maxchars=SNIPPET_CHARS, surround=SNIPPET_SURROUND, autotrim=True
    )
    fragments = highlight.top_fragments(
        fragmenter.fragment_matches(body, tokens),
        SNIPPET_PASSAGES,
        highlight.BasicFragmentScorer(),
        highlight.FIRST,
    )
    return highlight.HtmlFormatter(tagname="mark", between=FRAGMENT_DELIMITER).format(fragments)

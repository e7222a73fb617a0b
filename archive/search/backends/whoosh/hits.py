"""A page of hits: stored values, snippets cut from the database body at the offsets the index holds
(no re-analysis), and the body's opening when nothing matched in it. Split from backend.py."""

from __future__ import annotations

import datetime as dt

from whoosh import highlight
from whoosh.analysis import Token

from archive.ingest.prose import UNSPACED_CHAR
from archive.search.backend import BodyLoader, Hit
from archive.search.backends.whoosh.schema import ALL_FIELD, PLAIN_ANALYZER, SECTION
from archive.search.snippets import (
    FRAGMENT_DELIMITER,
    SNIPPET_CHARS,
    SNIPPET_PASSAGES,
    SNIPPET_SURROUND,
    framed,
    lead,
    marked_whole,
    one_mark,
)


def make_hits(
    searcher,
    docnums: list[int],
    hits: dict,
    terms: list[tuple[str, ...]],
    body_loader: BodyLoader | None,
    prefixes: tuple[str, ...] | list[str] = (),
) -> list[Hit]:
    """The page's hits; `terms` (indexed words, and phrases as their terms in order:
    Compiler.highlight_terms) and `prefixes` (normalised word beginnings) are marked in the snippets."""
    stored = {d: searcher.stored_fields(d) for d in docnums}
    offsets = _offsets(searcher, docnums, terms) if terms else {d: [] for d in docnums}
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
        title = f.get("title", "")
        out.append(
            Hit(
                id=int(f["id"]),
                title=title,
                source=source,
                published=dt.date.fromisoformat(published) if published else None,
                url=url,
                people=tuple(people),
                story=story,
                snippet=snippet or lead(body),
                score=float(hit.score) if hit is not None and hit.score is not None else None,
                # The title's offsets follow the body's: unknown without the body.
                title_html=_title_html(title, len(body), offsets[d], prefixes)
                if int(f["id"]) in bodies
                else "",
            )
        )
    return out


def _offsets(searcher, docnums: list[int], terms: list[tuple[str, ...]]) -> dict[int, list]:
    """{docnum: [(startchar, endchar, term), ...]}: a word wherever the index holds it in those
    documents, a phrase's terms only where they stand at consecutive positions (as Whoosh's Phrase
    matched them: the positions never run from one section of the text into the next)."""
    places = _places(searcher.reader(), docnums, list(dict.fromkeys(t for entry in terms for t in entry)))
    found: dict[int, list] = {d: [] for d in docnums}
    for docnum in docnums:
        for entry in terms:
            found[docnum] += _marks(entry, [places.get((t, docnum), []) for t in entry])
    return found


def _places(reader, docnums: list[int], terms: list[str]) -> dict[tuple[str, int], list]:
    """{(term, docnum): [(position, startchar, endchar), ...]} of `terms` in the page's documents: one
    postings reader per term, stepped forward through the documents in order."""
    out: dict[tuple[str, int], list] = {}
    for term in terms:
        if (ALL_FIELD, term) not in reader:
            continue
        m = reader.postings(ALL_FIELD, term)
        for docnum in sorted(docnums):
            if not m.is_active():
                break
            m.skip_to(docnum)
            if m.is_active() and m.id() == docnum:
                out[(term, docnum)] = m.value_as("characters")
    return out


def _marks(entry: tuple[str, ...], places: list[list]) -> list:
    """[(startchar, endchar, term)] of one word's every place, or of a phrase's terms where each
    stands one position after the one before."""
    if len(entry) == 1:
        return [(start, end, entry[0]) for _, start, end in places[0]]
    at = [{pos: (start, end) for pos, start, end in p} for p in places]
    marks = []
    for pos in at[0]:
        spans = [term_at.get(pos + i) for i, term_at in enumerate(at)]
        if all(spans):
            marks += [(*span, term) for span, term in zip(spans, entry, strict=True)]
    return marks


def _title_html(title: str, body_length: int, offsets: list, prefixes) -> str:
    """The title with its matched words marked (snippets.marked_whole): the catch-all text holds the
    title after the body and one SECTION, so its offsets are the title's own once shifted back. A span
    that is not a whole word of the title (a body edited since it was indexed) is left unmarked."""
    base = body_length + len(SECTION)
    end_of_title = base + len(title)
    spans = [(start - base, end - base) for start, end, _ in offsets if base <= start < end <= end_of_title]
    spans += [(start, end) for start, end, _ in _prefix_offsets(title, prefixes)] if prefixes else []
    return marked_whole(title, [(start, end) for start, end in spans if _whole_word(title, start, end)])


def _whole_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a word of its own: no letter or digit of a spaced script joins it
    (each character of an unspaced script is a word of its own, as the index splits them)."""

    def joins(char: str) -> bool:
        return char.isalnum() and not UNSPACED_CHAR.match(char)

    return not (start and joins(text[start - 1])) and not (end < len(text) and joins(text[end]))


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
    # formatter would skip a token that starts inside the previous one); a compound's parts are one
    # mark too, as on PostgreSQL (snippets.one_mark).
    merged: list[Token] = []
    for token in tokens:
        if merged and one_mark(body, merged[-1].endchar, token.startchar):
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
    html = highlight.HtmlFormatter(tagname="mark", between=FRAGMENT_DELIMITER).format(fragments)
    if not fragments:
        return html
    first, last = min(fragments, key=lambda f: f.startchar), max(fragments, key=lambda f: f.endchar)
    return framed(html, bool(body[: first.startchar].strip()), bool(body[last.endchar :].strip()))

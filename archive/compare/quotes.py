"""Direct quotations: find them in a body with their speaker, and line them up across articles.

Extraction reads the attribution the way a sub-editor would (archive.compare.speakers: after the
quote, before it, a pronoun, in the verbs of the text's language), and an unattributed quote that
carries on the previous one takes its speaker; a quote inside a quote of the same marks ('«… ТОО
«Весна» …»') is part of it. Matching normalises spelling and compares word sets, so trimmed or
re-worded versions of one remark line up. Plain Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from archive.compare.speakers import attribute, fold_speaker, match_speaker, named_beside
from archive.compare.text import STOPWORDS, words
from archive.ingest.textrules import QUOTE_CLOSERS

__all__ = [
    "ExtractedQuote",
    "QuoteRef",
    "SharedQuote",
    "extract_quotes",
    "fold_speaker",
    "match_quotes",
    "match_speaker",
    "quote_similarity",
]

# Shorter quotes are scare quotes or labels ("terrorists", "worth studying"), not remarks.
MIN_QUOTE_WORDS = 3
# Two quotes are one remark when their normalised word sets agree this much (rapidfuzz token_set_ratio,
# 0-100). Chosen on the seeds and tests/fixtures/quote_pairs.json (8 pairs of one remark printed two ways,
# 8 pairs of different remarks by one speaker on one subject): one remark scored 97-100 (the seeds'
# localised/localized Kerry remark 96.8); different remarks 0-88, a negated or re-ordered claim reaching
# 81 and 88 because token_set_ratio scores the shared words. The old 78 matched two of those 8; 92 sits
# in the gap between 88 and 96.8.
QUOTE_MATCH_SCORE = 92
# ...and share at least this many meaningful words, so a three-word fragment cannot match everything.
MIN_SHARED_WORDS = 4
# A shorter quote one speaker's longer quote holds word for word (one outlet quoting less of the remark:
# "Safety comes first" of "Safety comes first, and we will not reopen the bridge") is that remark when
# it has at least this many words and both quotes are one person's: three words alone could be
# anyone's, but not the same three words of the same person.
MIN_CONTAINED_WORDS = MIN_QUOTE_WORDS

# Quote marks that open a quote inside a quote of their own kind («… «Адель Кус» …»): no mark closes
# with them, so one met inside an open quote opens a nested one.
_NESTING = {mark for mark in QUOTE_CLOSERS if not any(mark in closers for closers in QUOTE_CLOSERS.values())}


@dataclass(frozen=True)
class ExtractedQuote:
    """A quotation in a body: its words, who said it as the text names them, and where it starts."""

    text: str
    speaker: str
    position: int


@dataclass(frozen=True)
class QuoteRef:
    """A stored quote, as matching sees it."""

    article_id: int
    text: str
    speaker: str = ""
    person_id: int | None = None
    position: int = 0


@dataclass(frozen=True)
class SharedQuote:
    """One remark as several articles quote it: one variant per article, ordered by article."""

    speaker: str
    person_id: int | None
    variants: tuple[QuoteRef, ...]


@dataclass(frozen=True)
class _Span:
    start: int  # offset of the first quoted character
    end: int  # offset just past the last quoted character
    text: str
    paragraph: int


def _paragraphs(body: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for chunk in re.split(r"(\n\s*\n|\n)", body):
        if chunk and not chunk.isspace():
            out.append((offset, chunk))
        offset += len(chunk)
    return out


def _quote_spans(body: str) -> list[_Span]:
    """Quoted passages, joined across paragraphs when a quote runs on (the next paragraph reopens it)."""
    paragraphs = _paragraphs(body)
    spans: list[_Span] = []
    pending: tuple[int, list[str], int] | None = None  # (start, pieces, paragraph index) of a run-on quote
    for p_index, (p_start, text) in enumerate(paragraphs):
        open_at: int | None = None
        pieces: list[str] = []
        start, closers = None, ""
        if pending is not None:
            lead = text.lstrip()
            if lead[:1] in QUOTE_CLOSERS:
                start, pieces, closers = pending[0], pending[1], QUOTE_CLOSERS[lead[0]]
                open_at = len(text) - len(lead) + 1
            else:
                spans.append(
                    _Span(
                        pending[0], pending[0] + len(" ".join(pending[1])), " ".join(pending[1]), pending[2]
                    )
                )
            pending = None
        i = 0 if open_at is None else open_at
        depth, inner_close = 0, -1  # quotes open inside this one; where the last of them closed
        while i < len(text):
            ch = text[i]
            if open_at is None and ch in QUOTE_CLOSERS:
                open_at, start, pieces, closers = i + 1, p_start + i + 1, [], QUOTE_CLOSERS[ch]
                depth, inner_close = 0, -1
            elif open_at is not None and ch in _NESTING and closers == QUOTE_CLOSERS[ch]:
                depth += 1
            elif open_at is not None and ch in closers and depth:
                depth, inner_close = depth - 1, i
            elif open_at is not None and ch in closers:
                pieces.append(text[open_at:i])
                spans.append(_Span(start, p_start + i, " ".join(p.strip() for p in pieces), p_index))
                open_at = None
            i += 1
            if i == len(text) and open_at is not None and inner_close >= 0 and not pieces:
                # One mark closed both («… ТОО «Адель Кус» …): the quote ends where the inner one did.
                spans.append(_Span(start, p_start + inner_close, text[open_at:inner_close].strip(), p_index))
                open_at, i = None, inner_close + 1
        if open_at is not None:
            pending = (start, [*pieces, text[open_at:]], p_index)
    if pending is not None:
        spans.append(_Span(pending[0], len(body), " ".join(p.strip() for p in pending[1]), pending[2]))
    return spans


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,")


def extract_quotes(
    body: str, known_names: Iterable[str] = (), language: str = ""
) -> tuple[ExtractedQuote, ...]:
    """Direct quotations of at least MIN_QUOTE_WORDS words, each with its speaker ("" when unknown).

    `known_names` are the spellings of people the article names (used to resolve "he said"). The
    attribution patterns read the speech verbs of `language` (ISO 639-1; archive.ingest.names.
    SPEECH_VERBS, English where it lists none; "" reads as English); in another language than
    English a quote they leave unattributed goes to the person its sentence names among
    `known_names` ("«…» Волкова кивнула").
    """
    names = {n for n in known_names if n}
    names |= {n.split()[-1] for n in names if len(n.split()) > 1}  # "Haddad told ..." names Omar Haddad
    known = sorted(names, key=len, reverse=True)
    out: list[ExtractedQuote] = []
    previous: tuple[str, int] | None = None  # (speaker, paragraph) of the last attributed quote
    for span in _quote_spans(body):
        text = _clean(span.text)
        if len(text.split()) < MIN_QUOTE_WORDS:
            continue
        speaker = attribute(body, span.start, span.end, known, language)
        if not speaker and language not in ("", "en"):
            speaker = named_beside(body, span.start, span.end, known)
        if not speaker and previous and span.paragraph - previous[1] <= 1:
            speaker = previous[0]  # a quote that carries on the one before it
        if speaker:
            previous = (speaker, span.paragraph)
        out.append(ExtractedQuote(text=text, speaker=speaker, position=span.start))
    return tuple(out)


def _normalised(text: str) -> str:
    return " ".join(words(text))


def quote_similarity(a: str, b: str) -> float:
    """0-100: how far two quotations are the same words, spelling and order aside."""
    wa, wb = _normalised(a), _normalised(b)
    shared = {w for w in wa.split() if w not in STOPWORDS} & {w for w in wb.split() if w not in STOPWORDS}
    if len(shared) < MIN_SHARED_WORDS:
        return 0.0
    return fuzz.token_set_ratio(wa, wb)


def match_quotes(quotes: Sequence[QuoteRef]) -> tuple[SharedQuote, ...]:
    """Group quotes from different articles that are one remark; only groups in 2+ articles are kept."""
    parent = list(range(len(quotes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    best_score: dict[int, float] = {}
    held: dict[int, list[int]] = {}  # a short quote -> the same person's longer quotes holding it
    for i, a in enumerate(quotes):
        for j in range(i + 1, len(quotes)):
            b = quotes[j]
            if a.article_id == b.article_id:
                continue
            score = quote_similarity(a.text, b.text)
            if score >= QUOTE_MATCH_SCORE:
                parent[find(j)] = find(i)
                best_score[i] = max(best_score.get(i, 0), score)
                best_score[j] = max(best_score.get(j, 0), score)
            elif _one_speaker(a, b) and _holds(a.text, b.text):
                short, long = (i, j) if len(a.text) <= len(b.text) else (j, i)
                held.setdefault(short, []).append(long)
    # A short quote joins the remark holding it only when every longer quote holding it is one
    # remark: three words two different remarks share ("We will not") do not make them one.
    for short, longs in held.items():
        if len({find(long) for long in longs}) == 1:
            parent[find(short)] = find(longs[0])
            best_score[short] = max(best_score.get(short, 0), QUOTE_MATCH_SCORE)
    groups: dict[int, list[int]] = {}
    for i in range(len(quotes)):
        groups.setdefault(find(i), []).append(i)
    shared = []
    for members in groups.values():
        per_article: dict[int, int] = {}
        for i in members:  # one variant per article: the one that matched best, then the longest
            current = per_article.get(quotes[i].article_id)
            rank = (best_score.get(i, 0), len(quotes[i].text))
            if current is None or rank > (best_score.get(current, 0), len(quotes[current].text)):
                per_article[quotes[i].article_id] = i
        if len(per_article) < 2:
            continue
        variants = tuple(quotes[per_article[a]] for a in sorted(per_article))
        shared.append(_shared(variants))
    shared.sort(key=lambda s: (-len(s.variants), s.variants[0].article_id, s.variants[0].position))
    return tuple(shared)


def _one_speaker(a: QuoteRef, b: QuoteRef) -> bool:
    """Both quotes are attributed to one person of the archive (a speaker's words alone, "she" or "an
    official", could be anyone's)."""
    return a.person_id is not None and a.person_id == b.person_id


def _holds(a: str, b: str) -> bool:
    """The shorter quote's words stand, in order and together, in the longer one (MIN_CONTAINED_WORDS
    of them at least)."""
    short, long = sorted((_normalised(a).split(), _normalised(b).split()), key=len)
    if len(short) < MIN_CONTAINED_WORDS:
        return False
    return f" {' '.join(short)} " in f" {' '.join(long)} "


def _shared(variants: tuple[QuoteRef, ...]) -> SharedQuote:
    people = [v.person_id for v in variants if v.person_id is not None]
    person = max(set(people), key=people.count) if people else None
    named = [v.speaker for v in variants if v.speaker and (person is None or v.person_id == person)]
    speaker = max(named, key=len) if named else ""
    return SharedQuote(speaker=speaker, person_id=person, variants=variants)

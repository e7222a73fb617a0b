"""Direct quotations: find them in a body with their speaker, and line them up across articles.

Extraction reads the attribution the way a sub-editor would: after the quote ('"…," Kerry said',
'"…" said Kerry', 'said a foreign ministry source', 'Lavrov told France-24'), before it ('Mr Kerry said
that he …"talked today…"', 'Ahmed Jarba, said: "…"'), a pronoun ('he said') resolved to the subject of
the sentence before, and an unattributed quote that carries on the previous one. Matching normalises
spelling and compares word sets, so trimmed or re-worded versions of one remark line up. Plain Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from archive.compare.text import STOPWORDS, words
from archive.ingest.namekeys import key_words, name_key
from archive.ingest.names import PERSONAL_TITLES, SURNAME_PARTICLES
from archive.ingest.textrules import sentence_stops, split_sentences

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

_VERBS = (
    r"said|says|told|tells|added|adds|asked|insisted|stressed|noted|warned|explained|declared|continued|"
    r"replied|wrote|tweeted|announced|acknowledged|argued|claimed|conceded|recalled|urged|concluded"
)
# Capitalised titles and honorifics (archive.ingest.names), longest first so "Prime Minister" and
# "Secretary-General" are read whole; a lowercase "miss" is a verb, never a title.
_HONORIFIC = "(?:Prime Minister|{})".format(
    "|".join(re.escape(w.capitalize()) for w in sorted(PERSONAL_TITLES, key=len, reverse=True))
)
_PARTICLE = "|".join(SURNAME_PARTICLES)
_NAME = (
    rf"(?:{_HONORIFIC}\.?\s+)?(?:(?:{_PARTICLE})[-\s])?[A-Z][\w'’-]+"
    rf"(?:\s+(?:(?:{_PARTICLE}|Al|El|De)[-\s])?[A-Z][\w'’-]+){{0,3}}"
)

_PRONOUN = r"(?:he|she|He|She)"
_PHRASE = r"(?:a|an|the|A|An|The)\s+[\w'’-]+(?:\s+[\w'’-]+){0,8}?"
_WHO = rf"(?P<who>{_NAME}|{_PRONOUN}|{_PHRASE})"

# Attribution right after the closing quote mark.
_AFTER_VERB_FIRST = re.compile(
    rf"^[\s,]*(?:{_VERBS})\s+(?P<who>{_NAME}|{_PHRASE})(?=\s*(?:[,.;:]|$|\s+(?:of|on|in|at)\b))"
)
_AFTER_WHO_FIRST = re.compile(rf"^[\s,]*{_WHO}\s*,?\s+(?:also\s+|later\s+|then\s+)?(?:{_VERBS})\b")
_AFTER_QUOTED_AS = re.compile(rf"^[\s,]*[^.\"“”]{{0,60}}?\bquoted\s+(?P<who>{_NAME}|{_PHRASE})\s+as\s+saying")
# Attribution earlier in the same sentence, before the opening quote mark.
_BEFORE = re.compile(rf"(?<![\w'’-]){_WHO}\s*,?\s+(?:also\s+|later\s+)?(?:{_VERBS})\b[^\"“”]{{0,200}}$")

# Quote marks: each opening mark and the marks that close it. English “…” and "…" (either closes
# either: pages mix them), the guillemets of Russian, French and many more, German „…“.
_CLOSERS = {"“": '”"', '"': '”"', "«": "»", "„": "“”"}
_SUBJECT_NAME = re.compile(_NAME)
# A speaker the text describes instead of naming ("a foreign ministry source", "the spokesman").
_DESCRIPTION = re.compile(r"(?:a|an|the)\s+", re.I)


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
            if lead[:1] in _CLOSERS:
                start, pieces, closers = pending[0], pending[1], _CLOSERS[lead[0]]
                open_at = len(text) - len(lead) + 1
            else:
                spans.append(
                    _Span(
                        pending[0], pending[0] + len(" ".join(pending[1])), " ".join(pending[1]), pending[2]
                    )
                )
            pending = None
        i = 0 if open_at is None else open_at
        while i < len(text):
            ch = text[i]
            if open_at is None and ch in _CLOSERS:
                open_at, start, pieces, closers = i + 1, p_start + i + 1, [], _CLOSERS[ch]
            elif open_at is not None and ch in closers:
                pieces.append(text[open_at:i])
                spans.append(_Span(start, p_start + i, " ".join(p.strip() for p in pieces), p_index))
                open_at = None
            i += 1
        if open_at is not None:
            pending = (start, [*pieces, text[open_at:]], p_index)
    if pending is not None:
        spans.append(_Span(pending[0], len(body), " ".join(p.strip() for p in pending[1]), pending[2]))
    return spans


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,")


def _sentence_before(body: str, start: int) -> str:
    """The part of the sentence that precedes offset `start` (within its paragraph)."""
    line_start = body.rfind("\n", 0, start) + 1
    head = body[line_start:start]
    ends = list(sentence_stops(head))
    return head[ends[-1] :] if ends else head


def _text_after(body: str, end: int) -> str:
    line_end = body.find("\n", end)
    return body[end + 1 : line_end if line_end >= 0 else len(body)][:200]


def _subject_before(body: str, position: int, known: Sequence[str]) -> str:
    """The person a pronoun points back to: the first name in the nearest earlier sentence naming one."""
    head = body[:position].rstrip(' \n"“”')  # the opening mark is not a sentence of its own
    for sentence in reversed(split_sentences(head)):
        found = _first_known_name(sentence, known)
        if found:
            return found
    return ""


def _first_known_name(sentence: str, known: Sequence[str]) -> str:
    best: tuple[int, str] | None = None
    for name in known:
        at = sentence.find(name)
        if at >= 0 and (best is None or at < best[0] or (at == best[0] and len(name) > len(best[1]))):
            best = (at, name)
    if best:
        return best[1]
    return ""


def _is_pronoun(who: str) -> bool:
    return who.lower() in {"he", "she"}


def _attribute(body: str, span: _Span, known: Sequence[str]) -> str:
    after = _text_after(body, span.end)
    for pattern in (_AFTER_VERB_FIRST, _AFTER_WHO_FIRST, _AFTER_QUOTED_AS):
        m = pattern.match(after)
        if m:
            return _resolve_who(m.group("who"), body, span.start, known)
    before = _sentence_before(body, span.start - 1)
    m = _BEFORE.search(before)
    if m:
        return _resolve_who(m.group("who"), body, span.start - len(before), known)
    return ""


def _named_beside(body: str, span: _Span, known: Sequence[str]) -> str:
    """The known person the rest of the quote's sentence names after it, else the one its sentence
    names before it: no verb is read, so only the article's own people are taken. A quote that
    ends its sentence ("…allein.“ Wolkowa nickte.") has no rest."""
    after = _text_after(body, span.end)
    if span.text.rstrip()[-1:] in ".!?…" and after.lstrip()[:1].isupper():
        after = ""
    stops = list(sentence_stops(after))
    return _first_known_name(after[: stops[0]] if stops else after, known) or _first_known_name(
        _sentence_before(body, span.start - 1), known
    )


def _resolve_who(who: str, body: str, position: int, known: Sequence[str]) -> str:
    who = " ".join(who.split())
    if _is_pronoun(who):
        return _subject_before(body, position, known)
    if who.split()[0] in {"The", "A", "An"} and not _SUBJECT_NAME.fullmatch(who):
        who = who[0].lower() + who[1:]
    return who


def extract_quotes(
    body: str, known_names: Iterable[str] = (), language: str = ""
) -> tuple[ExtractedQuote, ...]:
    """Direct quotations of at least MIN_QUOTE_WORDS words, each with its speaker ("" when unknown).

    `known_names` are the spellings of people the article names (used to resolve "he said"). In a
    text of another language than English (`language`, ISO 639-1; "" unknown reads as English) the
    attribution patterns, whose verbs are English, give way to the person the quote's sentence
    names among `known_names` ("«…», — заявила Волкова").
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
        speaker = _attribute(body, span, known)
        if not speaker and language not in ("", "en"):
            speaker = _named_beside(body, span, known)
        if not speaker and previous and span.paragraph - previous[1] <= 1:
            speaker = previous[0]  # a quote that carries on the one before it
        if speaker:
            previous = (speaker, span.paragraph)
        out.append(ExtractedQuote(text=text, speaker=speaker, position=span.start))
    return tuple(out)


def match_speaker(speaker: str, people: Mapping[str, int]) -> int | None:
    """The person id whose spelling (a key of `people`, any case) the speaker names, full name or surname.
    Speakers and spellings are compared by the people's one name key (archive.ingest.namekeys.name_key:
    titles and Arabic articles off, so "Mr al-Haddad" is "haddad")."""
    key = name_key(speaker)
    if not key:
        return None
    folded = {name_key(name): pid for name, pid in people.items()}
    if key in folded:
        return folded[key]
    surname = key.split()[-1]
    hits = {pid for name, pid in folded.items() if name and name.split()[-1] == surname}
    if len(hits) == 1:
        return hits.pop()
    if len(key.split()) == 1:
        return None
    hits = {pid for name, pid in folded.items() if name and name.endswith(" " + key)}
    return hits.pop() if len(hits) == 1 else None


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


def _shared(variants: tuple[QuoteRef, ...]) -> SharedQuote:
    people = [v.person_id for v in variants if v.person_id is not None]
    person = max(set(people), key=people.count) if people else None
    named = [v.speaker for v in variants if v.speaker and (person is None or v.person_id == person)]
    speaker = max(named, key=len) if named else ""
    return SharedQuote(speaker=speaker, person_id=person, variants=variants)


def fold_speaker(speaker: str) -> str:
    """How a speaker with no Person is grouped in counts ("Mr Kerry" is "Kerry", "a source" "the source")."""
    description = _DESCRIPTION.match(speaker)
    if description:  # not a name: its words, folded as names are, without the name key's titles
        return " ".join(key_words(speaker[description.end() :]))
    return name_key(speaker)

"""Who said a quotation: the attribution the way a sub-editor reads it, and a speaker's person.

After the quote ('"…," Kerry said', '"…" said Kerry', 'said a foreign ministry source', 'Lavrov told
France-24'), before it ('Mr Kerry said that he …"talked today…"', 'Ahmed Jarba, said: "…"'), a
pronoun ('he said') resolved to the subject of the sentence before. The verbs and pronouns are
those of the text's language (archive.ingest.names.SPEECH_VERBS, SPEAKER_PRONOUNS); Russian, with its
free word order, is read either side of the verb ('«…», — заявил М. Иванов', 'Как сказал Петров,
«…»', '— сказал он', '— заявил источник в министерстве'). Plain Python; archive.compare.quotes finds
the quotes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from archive.ingest.namekeys import key_words, name_key
from archive.ingest.names import (
    FUNCTION_WORDS,
    PERSONAL_TITLES,
    SPEAKER_PRONOUNS,
    SPEECH_VERBS,
    SURNAME_PARTICLES,
)
from archive.ingest.textrules import CAPITAL, sentence_stops, split_sentences

# Capitalised titles and honorifics (archive.ingest.names), longest first so "Prime Minister" and
# "Secretary-General" are read whole; a lowercase "miss" is a verb, never a title.
_HONORIFIC = "(?:Prime Minister|{})".format(
    "|".join(re.escape(w.capitalize()) for w in sorted(PERSONAL_TITLES, key=len, reverse=True))
)
_PARTICLE = "|".join(SURNAME_PARTICLES)
# A lower-case letter of any cased script.
_LOWER = rf"[^\W\d_{CAPITAL[1:-1]}]"
# Initials before a surname ("J. Smith", "М. Тасмаганбетов"), never the letters of "U.S.".
_INITIALS = rf"(?<![.\w])(?:{CAPITAL}\.\s+){{1,2}}"
_NAME = (
    rf"(?:{_HONORIFIC}\.?\s+)?(?:{_INITIALS})?(?:(?:{_PARTICLE})[-\s])?{CAPITAL}[\w'’-]+"
    rf"(?:\s+(?:(?:{_PARTICLE}|Al|El|De)[-\s])?{CAPITAL}[\w'’-]+){{0,3}}"
)
_PHRASE = r"(?:a|an|the|A|An|The)\s+[\w'’-]+(?:\s+[\w'’-]+){0,8}?"
# A speaker described in a language without articles ("— заявил глава ведомства"): lower-case words
# running to the clause's end.
_BARE_PHRASE = rf"{_LOWER}[\w'’-]*(?:\s+[\w'’-]+){{0,5}}?"
# The dash that sets an attribution off after a quote in Russian ("«…», — заявил Лавров").
_DASH = r"(?:[—–-]+\s*)?"
_CLAUSE_END = r"(?=\s*(?:[,.;:!?]|$))"
# Characters read before a quote for its sentence, and for the sentence a pronoun points back to:
# the whole paragraph before every quote made a long paragraph of quotes quadratic (1,000 quotes in
# 78 KB took 3.7 s, a 1 MB page minutes). An attribution stands within 200 characters of its quote.
SENTENCE_WINDOW = 1000
SUBJECT_WINDOW = 3000


@dataclass(frozen=True)
class _Patterns:
    """The attribution patterns of one language, its speech verbs and pronouns (archive.ingest.names)."""

    after: tuple[re.Pattern[str], ...]  # right after the closing quote mark, tried in order
    before: tuple[re.Pattern[str], ...]  # earlier in the quote's sentence, before its opening mark


@lru_cache(maxsize=16)
def _patterns(language: str) -> _Patterns:
    lang = language if language in SPEECH_VERBS else "en"
    verbs = "|".join(sorted(SPEECH_VERBS[lang], key=len, reverse=True))
    pronouns = sorted(SPEAKER_PRONOUNS[lang], key=len, reverse=True)
    pronoun = "(?:{})".format("|".join(p for w in pronouns for p in (w, w.capitalize())))
    if lang == "en":
        who = rf"(?P<who>{_NAME}|{pronoun}|{_PHRASE})"
        return _Patterns(
            after=(
                re.compile(
                    rf"^[\s,]*(?:{verbs})\s+(?P<who>{_NAME}|{_PHRASE})(?=\s*(?:[,.;:]|$|\s+(?:of|on|in|at)\b))"
                ),
                re.compile(rf"^[\s,]*{who}\s*,?\s+(?:also\s+|later\s+|then\s+)?(?:{verbs})\b"),
                re.compile(rf"^[\s,]*[^.\"“”]{{0,60}}?\bquoted\s+(?P<who>{_NAME}|{_PHRASE})\s+as\s+saying"),
            ),
            before=(
                re.compile(rf"(?<![\w'’-]){who}\s*,?\s+(?:also\s+|later\s+)?(?:{verbs})\b[^\"“”]{{0,200}}$"),
            ),
        )
    # Free word order ("Лавров заявил: «…»", "Как заявил Лавров, «…»", "«…», — заявил он журналистам"):
    # a name or pronoun either side of the verb, or a description running to the clause's end.
    who = rf"(?P<who>{_NAME}|{pronoun}\b)"
    tail = r"[^\"“”«»„]{0,200}$"
    return _Patterns(
        after=(
            re.compile(rf"^[\s,]*{_DASH}(?:{verbs})\s+{who}(?:{_CLAUSE_END}|\s+{_LOWER})"),
            re.compile(rf"^[\s,]*{_DASH}(?:{verbs})\s+(?P<who>{_BARE_PHRASE}){_CLAUSE_END}"),
            re.compile(rf"^[\s,]*{_DASH}{who}\s*,?\s+(?:{verbs})\b"),
        ),
        before=(
            re.compile(rf"(?<![\w'’-]){who}\s*,?\s+(?:{verbs})\b{tail}"),
            re.compile(rf"(?<![\w'’-])(?:{verbs})\s+{who}(?=[\s,:]){tail}"),
        ),
    )


_SUBJECT_NAME = re.compile(_NAME)
# A speaker the text describes instead of naming ("a foreign ministry source", "the spokesman").
_DESCRIPTION = re.compile(r"(?:a|an|the)\s+", re.I)


def _sentence_before(body: str, start: int) -> str:
    """The part of the sentence that precedes offset `start` (within its paragraph)."""
    line_start = max(body.rfind("\n", 0, start) + 1, start - SENTENCE_WINDOW)
    head = body[line_start:start]
    ends = list(sentence_stops(head))
    return head[ends[-1] :] if ends else head


def _text_after(body: str, end: int) -> str:
    line_end = body.find("\n", end)
    return body[end + 1 : line_end if line_end >= 0 else len(body)][:200]


def _subject_before(body: str, position: int, known: Sequence[str]) -> str:
    """The person a pronoun points back to: the first name in the nearest earlier sentence naming one."""
    # the opening mark is not a sentence of its own
    head = body[max(0, position - SUBJECT_WINDOW) : position].rstrip(' \n"“”')
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
    return any(who.lower() in pronouns for pronouns in SPEAKER_PRONOUNS.values())


def attribute(body: str, start: int, end: int, known: Sequence[str], language: str) -> str:
    """Who the text says spoke the quote between offsets `start` and `end` ("" when it says nobody):
    the attribution patterns of `language` after the quote, then before it in its sentence."""
    patterns = _patterns(language)
    after = _text_after(body, end)
    for pattern in patterns.after:
        m = pattern.match(after)
        if m and not _is_function_word(m.group("who"), language):
            return _resolve_who(m.group("who"), body, start, known)
    before = _sentence_before(body, start - 1)
    for pattern in patterns.before:
        for m in pattern.finditer(before):
            if not _is_function_word(m.group("who"), language):
                return _resolve_who(m.group("who"), body, start - len(before), known)
    return ""


def _is_function_word(who: str, language: str) -> bool:
    """A capitalised word opening a sentence is no speaker ("Как сказал Петров": not "Как"); a
    pronoun stands for one."""
    return who.lower() in FUNCTION_WORDS.get(language, ()) and not _is_pronoun(who)


def named_beside(body: str, start: int, end: int, known: Sequence[str]) -> str:
    """The known person the rest of the quote's sentence names after it, else the one its sentence
    names before it: no verb is read, so only the article's own people are taken. A quote that
    ends its sentence ("…allein.“ Wolkowa nickte.") has no rest."""
    after = _text_after(body, end)
    if body[start:end].rstrip()[-1:] in ".!?…" and after.lstrip()[:1].isupper():
        after = ""
    stops = list(sentence_stops(after))
    return _first_known_name(after[: stops[0]] if stops else after, known) or _first_known_name(
        _sentence_before(body, start - 1), known
    )


def _resolve_who(who: str, body: str, position: int, known: Sequence[str]) -> str:
    who = " ".join(who.split())
    if _is_pronoun(who):
        return _subject_before(body, position, known)
    if who.split()[0] in {"The", "A", "An"} and not _SUBJECT_NAME.fullmatch(who):
        who = who[0].lower() + who[1:]
    return who


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


def fold_speaker(speaker: str) -> str:
    """How a speaker with no Person is grouped in counts ("Mr Kerry" is "Kerry", "a source" "the source")."""
    description = _DESCRIPTION.match(speaker)
    if description:  # not a name: its words, folded as names are, without the name key's titles
        return " ".join(key_words(speaker[description.end() :]))
    return name_key(speaker)

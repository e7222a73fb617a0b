"""Evidence that two articles in different languages report one event, without translating them.

Words differ across languages, so story similarity (archive.compare.story_similarity) cannot join a Russian
and an English report of one meeting. What does cross: the people (resolved across scripts by
archive.ingest.transliteration: the caller passes person keys, in the archive their ids), the
numbers (digits are written alike in every language this archive meets), the places and bodies
named (capitalised words, compared by their consonants so "Женеве" meets "Geneva" and "Вене"
meets "Vienna" only when the sounds agree), and the dates. People also meet by the sound of their
names when each language transliterated them its own way ("Sergej Lawrow", "Vladimir Poutine").
Same people on another day, or in the same week at another place with other figures, do not add up
to one event.

`fingerprint()` builds the language-independent part once per article; `cross_language_similarity`
scores two of them 0..1. Plain Python, no Django.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from archive.compare.windows import MAX_DAYS_APART  # one window for every story rule
from archive.ingest.namekeys import plain
from archive.ingest.names import DEMONYMS, TITLE_WORDS
from archive.ingest.textrules import WORD, arabic_unprefixed, words_with_openings
from archive.ingest.transliteration import ABJAD_SCRIPTS, base_forms, consonant_key, script_of

# Shares of the score: the people named, the figures given, the places and bodies named. People are
# strong evidence but the same two ministers meet many times a year; figures and places tell one
# meeting from the next.
PEOPLE_SHARE = 0.4
NUMBER_SHARE = 0.35
PLACE_SHARE = 0.25
# Overlaps are divided by at least this many items, so one shared number or place out of one is
# half the evidence, not all of it.
MIN_DENOMINATOR = 2
# The score two reports in different languages need to be one event. Chosen on 600 articles of the
# English event generator (archive/synthetic/events.py, every pair scored as if it crossed languages)
# together with bench/multilingual (bench/multilingual_eval.py): generated pairwise precision/recall
# 0.876/0.966 at 0.40 (undated earlier meetings joined: 0.37 precision), 1.000/0.894 at 0.45 and 0.50,
# 1.000/0.512 at 0.55; on the hand-written set 0.70/1.00 at 0.40, 1.00/1.00 from 0.45 to 0.55, 1.00/0.68
# at 0.60 (one event's reports score 0.57 and up, the same ministers two days apart 0.46 at most).
CROSS_LANGUAGE_SCORE = 0.5
# Place keys shorter than this are too loose to compare ("Рим"/"Rome" is "rm": many words are).
MIN_PLACE_KEY = 3

_NUMBER_RE = re.compile(r"(?<![\w.,])\d{1,3}(?:[.,  ]\d{3})+(?![\d])|\d+(?:[.,]\d+)?")
# Capitalised words that are offices and nationalities, not places ("Foreign Minister", "Russian").
_NOT_PLACES = TITLE_WORDS | DEMONYMS


@dataclass(frozen=True)
class Fingerprint:
    """What crosses languages in one article."""

    language: str
    published: dt.date | None
    people: frozenset[str]
    numbers: frozenset[str]
    places: frozenset[str]  # consonant keys of capitalised words (every word in an abjad)
    abjad: bool = False
    # The sound keys of its people's names (archive.ingest.namekeys.sound_name_key): one person the
    # archive holds twice, in two languages' transliterations ("Lawrow", "Lavrov"), is one sound.
    people_sounds: frozenset[str] = frozenset()


def fingerprint(
    text: str, language: str, published: dt.date | None, people: Iterable[str], names: Iterable[str] = ()
) -> Fingerprint:
    """The article's fingerprint. `people` are its people's keys (person ids, or name keys resolved
    across scripts); `names` the spellings of them in the text, left out of the places."""
    skip = {consonant_key(f) for name in names for word in WORD.findall(name) for f in base_forms(word)}
    abjad = script_of(text) in ABJAD_SCRIPTS
    places = set()
    for word, initial in _words(text):
        if not abjad and (initial or not word[:1].isupper() or word.isupper() or plain(word) in _NOT_PLACES):
            continue
        forms = list(base_forms(word))
        if abjad:
            forms += arabic_unprefixed(word, min_rest=3)
        keys = {consonant_key(f) for f in forms}
        if keys & skip:
            continue
        places |= {k for k in keys if len(k) >= MIN_PLACE_KEY}
    return Fingerprint(language, published, frozenset(people), _numbers(text), frozenset(places), abjad)


def _words(text: str) -> Iterable[tuple[str, bool]]:
    """(word, whether it opens a sentence) for each word of the text."""
    for word, _start, _end, opens in words_with_openings(text):
        yield word, opens


def _numbers(text: str) -> frozenset[str]:
    """The figures of the text, thousands separators removed ("1,500", "1 500", "1.500" -> "1500"),
    decimals with a point; years and single digits left out (every report of a period has them)."""
    out = set()
    for match in _NUMBER_RE.finditer(text):
        token = match.group(0)
        if re.fullmatch(r"\d{1,3}(?:[.,  ]\d{3})+", token):
            value = re.sub(r"\D", "", token)
        else:
            value = token.replace(",", ".")
        if len(value) < 2 or re.fullmatch(r"(?:19|20)\d\d", value):
            continue
        out.add(value)
    return frozenset(out)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / max(MIN_DENOMINATOR, min(len(a), len(b)))


def _place_overlap(a: Fingerprint, b: Fingerprint) -> float:
    """Shared places; against an abjad text (no capitals: every word is a key), the share of the
    other side's places found among its words."""
    if a.abjad and b.abjad:
        return _overlap(a.places, b.places)
    if a.abjad or b.abjad:
        cased, abjad = (b, a) if a.abjad else (a, b)
        if not cased.places:
            return 0.0
        return len(cased.places & abjad.places) / max(MIN_DENOMINATOR, len(cased.places))
    return _overlap(a.places, b.places)


def cross_language_similarity(a: Fingerprint, b: Fingerprint) -> float:
    """Evidence, 0..1, that two articles (of any languages) report one event: 0 when their dates
    are too far apart, or when they share no person, figure or place."""
    if a.published and b.published and abs((a.published - b.published).days) > MAX_DAYS_APART:
        return 0.0
    # People by key, or by the sound of their names: each language spells a foreign name its own
    # way (w for v in German, ou for u in French), and the archive may hold both as two people.
    people = max(_overlap(a.people, b.people), _overlap(a.people_sounds, b.people_sounds))
    return (
        PEOPLE_SHARE * people
        + NUMBER_SHARE * _overlap(a.numbers, b.numbers)
        + PLACE_SHARE * min(1.0, _place_overlap(a, b))
    )

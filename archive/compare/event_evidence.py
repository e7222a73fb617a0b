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
from decimal import Decimal

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

# A figure: groups of thousands ("1,500", "1 500", "1.500.000", with decimals after them), or digits
# with decimals ("1.5", "1,5"); not the tail of a word, a time ("12:30") or a longer figure. It opens
# with the digit, the look-behinds after it, so the engine skips straight to digits (7x faster).
_NUMBER_RE = re.compile(
    r"\d(?:(?<![\w.,]\d)\d{0,2}(?:[.,\u066c\u00a0\u202f ]\d{3})+(?:[.,\u066b]\d+)?(?!\d)"
    r"|(?<![\w:]\d)\d*(?:[.,\u066b]\d+)?(?!\d|:\d))"
)
# Languages that write a decimal point (and group thousands with commas); the others this archive
# meets write a decimal comma and group with points or spaces.
DECIMAL_POINT_LANGUAGES = frozenset(
    {"en", "zh", "ja", "ko", "he", "th", "hi", "ur", "ms", "tl", "ga", "ar", "fa"}
)
# The Arabic decimal and thousands marks ("٢٫٥", "١٬٥٠٠") say which they are.
_ARABIC_MARKS = str.maketrans({"\u066b": ".", "\u066c": ","})
# Longer runs of digits are codes or page noise, not figures a report gives.
MAX_FIGURE_DIGITS = 30
# Words after a figure that multiply it, by language (whole words, any case, a trailing point off)...
MULTIPLIERS = {
    "en": {"thousand": 3, "million": 6, "millions": 6, "mln": 6, "bn": 9, "billion": 9, "billions": 9,
           "trillion": 12},
    "de": {"tausend": 3, "mio": 6, "million": 6, "millionen": 6, "mrd": 9, "milliarde": 9,
           "milliarden": 9, "billion": 12, "billionen": 12},
    "fr": {"mille": 3, "million": 6, "millions": 6, "milliard": 9, "milliards": 9},
    "es": {"mil": 3, "millón": 6, "millones": 6},
    "it": {"mila": 3, "milione": 6, "milioni": 6, "miliardo": 9, "miliardi": 9},
}  # fmt: skip
# ...and for languages that decline them, by the start of the word ("тысяч", "тысячи", "тыс.").
MULTIPLIER_STEMS = {
    "ru": (("тыс", 3), ("млн", 6), ("миллион", 6), ("млрд", 9), ("миллиард", 9), ("трлн", 12)),
    "uk": (("тис", 3), ("млн", 6), ("мільйон", 6), ("млрд", 9), ("мільярд", 9), ("трлн", 12)),
    "pl": (("tys", 3), ("mln", 6), ("milion", 6), ("mld", 9), ("miliard", 9)),
    "el": (("χιλιάδ", 3), ("εκατομμύρι", 6), ("εκατ.", 6), ("δισεκατομμύρι", 9), ("δισ.", 9)),
    "ar": (("ألف", 3), ("آلاف", 3), ("مليون", 6), ("ملايين", 6), ("مليار", 9), ("مليارات", 9)),
}
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_MULTIPLIER_WORD_RE = re.compile(r"[\s\u00a0]{0,2}(\w+\.?)")
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
    return Fingerprint(
        language, published, frozenset(people), _numbers(text, language), frozenset(places), abjad
    )


def _words(text: str) -> Iterable[tuple[str, bool]]:
    """(word, whether it opens a sentence) for each word of the text."""
    for word, _start, _end, opens in words_with_openings(text):
        yield word, opens


def _numbers(text: str, language: str) -> frozenset[str]:
    """The figures of the text as number_mentions reads them, without their multiplier words: a
    language with no MULTIPLIERS entry would otherwise never meet one with ("250 million" is 250,
    as "250 εκατομμύρια" is; with them recall on bench/multilingual fell from 1.000 to 0.896)."""
    return frozenset(m.value for m in number_mentions(text, language, multipliers=False))


@dataclass(frozen=True)
class NumberMention:
    """A figure in a text: its value written plainly (digits, a decimal point: "1500", "1.5",
    "2000000000") and as the text gives it ("1.500", "2 Milliarden"), with where it stands."""

    value: str
    shown: str
    start: int
    end: int


def number_mentions(text: str, language: str, *, multipliers: bool = True) -> tuple[NumberMention, ...]:
    """The figures of a text in the language `language` (ISO 639-1, "" unknown), read by its
    conventions where they decide ("1,500" is 1500 in English and 1.5 in German; "1 500" and
    "1.500.000" are thousands everywhere; "1.500" in a text of unknown language is taken as
    thousands, as most news figures with three decimals are), times a multiplier word that follows
    ("2 billion", "1,5 млн"). Years and single digits without a multiplier are left out: every
    report of a period has them."""
    out = []
    words = MULTIPLIERS.get(language, {}) if multipliers else {}
    stems = MULTIPLIER_STEMS.get(language, ()) if multipliers else ()
    for match in _NUMBER_RE.finditer(text):
        token = match.group(0)
        if len(token) > MAX_FIGURE_DIGITS:
            continue
        value = _plain_number(token, language)
        end = match.end()
        word = _MULTIPLIER_WORD_RE.match(text, end)
        exponent = words.get(word.group(1).casefold().rstrip(".")) if word else None
        if exponent is None and word:
            exponent = next((e for s, e in stems if word.group(1).casefold().startswith(s)), None)
        if exponent is not None:
            value = _canonical(str(Decimal(value) * 10**exponent))
            end = word.end(1)
        elif len(value) < 2 or _YEAR_RE.fullmatch(value):
            continue
        out.append(NumberMention(value, text[match.start() : end], match.start(), end))
    return tuple(out)


def _plain_number(token: str, language: str) -> str:
    """A figure as written in `language`, in digits with a decimal point ("1.5", "1500")."""
    token = token.translate(_ARABIC_MARKS)
    marks = [c for c in token if c in ".,"]
    if not marks:  # "1500", "1 500"
        return _canonical(re.sub(r"\D", "", token))
    if len(set(marks)) == 2 or len(marks) < len(token) - len(re.sub(r"\D", "", token)):
        # "1,500.5", "1.500,5", "1 500,5": the last mark is the decimal one, the rest group thousands
        whole, _, fraction = token.rpartition(marks[-1])
        return _canonical(re.sub(r"\D", "", whole) + "." + fraction)
    if len(marks) > 1:  # "1.500.000"
        return _canonical(re.sub(r"\D", "", token))
    whole, _, fraction = token.partition(marks[0])
    thousands = len(fraction) == 3 and whole != "0"
    if thousands and language:  # by the language's own convention; unknown: thousands
        thousands = marks[0] == ("," if language in DECIMAL_POINT_LANGUAGES else ".")
    return _canonical(whole + fraction if thousands else whole + "." + fraction)


def _canonical(value: str) -> str:
    """One spelling per value: "1.50" and "1.5" are one figure."""
    return format(Decimal(value).normalize(), "f")


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

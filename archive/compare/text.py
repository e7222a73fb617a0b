"""Text normalisation shared by story clustering, quote matching and sentence comparison.

Two outlets reporting the same words differ in spelling (localised/localized, cease-fire/ceasefire),
quote marks, accents and inflection. Everything here maps such variants to one form, so the
comparison code can count words instead of worrying about typography. Plain Python, no Django.
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

from archive.ingest.names import ABBREVIATED_TITLES

# Words too common in news copy to say anything about which event an article reports.
# A standard English stop list plus reporting verbs and calendar words that every story uses.
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say saying told tell tells added adding according
    also would could may might must shall us mr mrs ms dr one two three new year years day days week
    weeks month months time last first next including however although though yet still even many much
    well since ago per via within without
    """.split()  # noqa: SIM905  (a word list reads better as text)
)

# Whole-word spellings the suffix rules below do not cover (British -> American).
_SPELLING = {
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "programme": "program",
    "programmes": "programs",
    "grey": "gray",
    "tyre": "tire",
    "manoeuvre": "maneuver",
    "sceptical": "skeptical",
    "scepticism": "skepticism",
    "sceptic": "skeptic",
    "whilst": "while",
    "amongst": "among",
    "kerb": "curb",
    "cheque": "check",
    "aluminium": "aluminum",
    "jewellery": "jewelry",
}

# (British suffix, American suffix), tried in order on words at least _MIN_SUFFIX_WORD long.
_SUFFIXES = (
    ("isation", "ization"),
    ("isations", "izations"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ise", "ize"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("ysing", "yzing"),
    ("elled", "eled"),
    ("elling", "eling"),
    ("ogue", "og"),
    ("our", "or"),
    ("ours", "ors"),
    ("tre", "ter"),
    ("tres", "ters"),
)
_MIN_SUFFIX_WORD = 5

_QUOTE_CHARS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"})
_WORD_RE = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before whitespace and
# a capital letter, digit or opening quote; abbreviations such as "Jan." and "U.S." are protected below.
_SENTENCE_END_RE = re.compile(r"([.!?][\"'”’)\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9])")
_TITLES = "|".join(map(str.capitalize, ABBREVIATED_TITLES))  # "Mr", "Gen": archive.ingest.names
_ABBREVIATIONS = re.compile(
    rf"\b({_TITLES}|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|vs|etc|U\.S|U\.N|U\.K|E\.U|[A-Z])\.$"
)


def fold(text: str) -> str:
    """Lower case, ASCII letters, straight quotes: the form every comparison starts from."""
    return unidecode(text.translate(_QUOTE_CHARS)).lower()


@lru_cache(maxsize=200_000)
def americanize(word: str) -> str:
    """One spelling for British and American variants ("localised" -> "localized")."""
    word = word.replace("-", "")
    if word in _SPELLING:
        return _SPELLING[word]
    if len(word) >= _MIN_SUFFIX_WORD:
        for british, american in _SUFFIXES:
            if word.endswith(british):
                return word[: -len(british)] + american
    return word


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light suffix stripper: enough to join "talks"/"talk", "ceasefires"/"ceasefire"."""
    word = americanize(word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The words of `text`, folded and spelling-normalised, in order (stop words kept)."""
    return [americanize(w) for w in _WORD_RE.findall(fold(text))]


def content_terms(text: str) -> list[str]:
    """Stemmed words that carry meaning: stop words, numbers and one- or two-letter tokens left out."""
    return [term for term, _ in content_pairs(text)]


def content_pairs(text: str) -> list[tuple[str, str]]:
    """(stem, word as written, folded) for each meaningful word: the stem to count, the word to show."""
    out = []
    for w in _WORD_RE.findall(fold(text)):
        if len(w) < 3 or w in STOPWORDS or w.isdigit():
            continue
        s = stem(w)
        if s not in STOPWORDS:
            out.append((s, w))
    return out


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`, paragraph by paragraph; abbreviations like "Jan." do not end one."""
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\n", text):
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        start = 0
        for match in _SENTENCE_END_RE.finditer(paragraph):
            sentence = paragraph[start : match.end(1)]
            if _ABBREVIATIONS.search(sentence.rstrip("\"'”’)]")):
                continue
            sentences.append(sentence.strip())
            start = match.end()
        tail = paragraph[start:].strip()
        if tail:
            sentences.append(tail)
    return sentences


def word_count(text: str) -> int:
    """Words as a reader counts them (for article length)."""
    return len(text.split())

"""Text normalisation shared by story clustering, quote matching and sentence comparison.

Two outlets reporting the same words differ in spelling (localised/localized, cease-fire/ceasefire),
quote marks, accents and inflection. Everything here maps such variants to one form, so the
comparison code can count words instead of worrying about typography. Folding and sentence ends are
archive.ingest.textrules' (one home for ingest and compare). Plain Python, no Django.
"""

from __future__ import annotations

import re
from functools import lru_cache

from archive.ingest.textrules import fold

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

_WORD_RE = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


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


def word_count(text: str) -> int:
    """Words as a reader counts them (for article length)."""
    return len(text.split())

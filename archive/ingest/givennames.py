"""Given names: is this word a given name, and are two given names one name spelt two ways?

Two people who share a surname are told apart by their given names, so the match must join the
transliterations of one name (Sergei/Sergey, Mohammed/Muhammad, Aleksandr/Alexander, Yuri/Iouri)
and keep apart names that differ by a vowel or an ending (Maria/Mario, Peter/Petra, Hassan/Hussein,
Francis/Frances). The rule, word by word:

1. the US census given-name lists (the `names` package) say which names are men's and which are
   women's: a man's name and a woman's name are never one name ("Francis"/"Frances");
2. the last letter must be of one class: "-a", "-e", "-o", "-i"/"-y", or a consonant ("Mario"/
   "Maria", "Louis"/"Louise"), after common transliteration endings are folded ("-ah" -> "-a");
3. the consonant skeleton, with each run of vowels kept as a gap, must be the same ("Ahmad"/
   "Ahmed" are "*hm*d"; "Mahmoud" is "m*hm*d");
4. the first vowel must be of one class ({a}, {e, i, y}, {o, u}): "Osama"/"Usama", "Yevgeny"/
   "Evgeny" agree; "Ali"/"Eli" and "Hassan"/"Hussein" do not.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from archive.ingest.textrules import fold

# A census given name at least this common (percent of people, the lists' own unit) is frequent:
# "Stanley" (0.186) is, "Reid" (0.007) and "Kerry" (0.036) are not; chosen so that a company named
# after two founders ("Morgan Stanley") does not read as a person by its first word alone.
FREQUENT_GIVEN_NAME = 0.1
# A census name counts as a man's (woman's) when its frequency among men is at least this many
# times its frequency among women (or the other way round). 4 keeps "Jean" (m 0.035, f 0.315) a
# woman's name and leaves nothing ambiguous that both lists hold often ("Francis" m 0.160, f 0.039).
GENDER_DOMINANCE = 4.0

# Transliteration folds, applied in order to a lower-case ASCII word.
_FOLDS = (
    (re.compile(r"x"), "ks"),  # Alexander / Aleksandr
    (re.compile(r"ph"), "f"),  # Moustapha / Mustafa
    (re.compile(r"kh"), "k"),  # Khaled / Kaled, Mikhail / Mikail
    (re.compile(r"ck"), "k"),  # Frederick / Frederik
    (re.compile(r"q"), "k"),  # Qasim / Kasim
    (re.compile(r"c(?![eiyh])"), "k"),  # Marc / Mark, Nicolas / Nikolas
    (re.compile(r"w"), "v"),  # Wladimir / Vladimir
    (re.compile(r"ou"), "u"),  # Youssef / Yusuf, Iouri / Yuri
    (re.compile(r"(.)\1+"), r"\1"),  # Mohammed / Mohamed
    (re.compile(r"(?<=[aeiouy])h$"), ""),  # Abdullah / Abdulla
    (re.compile(r"(?<=[^aeiouy]{2})er$"), "r"),  # Alexander / Aleksandr (not Samer / Samr)
    (re.compile(r"(?<=[aeiou])[yj]$"), "i"),  # Sergey / Sergei, Nikolay / Nikolai
    (re.compile(r"iy$"), "i"),  # Vasiliy / Vasili
    (re.compile(r"y$"), "i"),  # Yury / Yuri, Dmitry / Dmitri
)
_VOWEL_RUNS = re.compile(r"[aeiouy]+")
_FIRST_VOWEL = re.compile(r"[aeiouy]")
_VOWEL_CLASS = {"a": "a", "e": "i", "i": "i", "y": "i", "o": "u", "u": "u"}
_NON_LETTERS = re.compile(r"[^a-z]+")


def fold_given_name(word: str) -> str:
    """The spelling a given name is compared in: "Mohammed" -> "mohamed", "Sergey" -> "sergei"."""
    folded = _NON_LETTERS.sub("", fold(word))
    for pattern, replacement in _FOLDS:
        folded = pattern.sub(replacement, folded)
    return folded


@functools.cache
def _census() -> dict[str, tuple[float, float]]:
    """Given name -> (frequency among men, among women), from the 1990 US census lists."""
    frequencies: dict[str, list[float]] = {}
    for column, filename in enumerate(("dist.male.first", "dist.female.first")):
        text = resources.files("names").joinpath(filename).read_text(encoding="ascii")
        for line in text.splitlines():
            parts = line.split()
            if len(parts) >= 2:
                frequencies.setdefault(parts[0].lower(), [0.0, 0.0])[column] = float(parts[1])
    return {name: (men, women) for name, (men, women) in frequencies.items()}


@functools.cache
def _folded_census() -> frozenset[str]:
    return frozenset(map(fold_given_name, _census()))


def is_given_name(word: str) -> bool:
    """Whether the census lists `word`, or a transliteration of it, as a given name ("Tomas",
    "Anna", "Aleksandr" as "Alexander"; not "Credit", "Real")."""
    return fold(word) in _census() or fold_given_name(word) in _folded_census()


def is_frequent_given_name(word: str) -> bool:
    """Whether `word` is a common given name in its own right ("Stanley", "James")."""
    return max(_census().get(fold(word), (0.0, 0.0))) >= FREQUENT_GIVEN_NAME


def _gender(word: str) -> str:
    """ "m", "f" or "" (unknown or used for both) for one given name."""
    men, women = _census().get(fold(word), (0.0, 0.0))
    if men > GENDER_DOMINANCE * women:
        return "m"
    if women > GENDER_DOMINANCE * men:
        return "f"
    return ""


def _ending(folded: str) -> str:
    last = folded[-1:]
    return _VOWEL_CLASS.get(last, "consonant") if last != "e" else "e"


def _skeleton(folded: str) -> str:
    return _VOWEL_RUNS.sub("*", folded)


def _first_vowel_class(folded: str) -> str:
    m = _FIRST_VOWEL.search(folded)
    return _VOWEL_CLASS[m.group(0)] if m else ""


def given_word_match(a: str, b: str) -> bool:
    """Whether two single given names are one name spelt two ways (see the module docstring)."""
    if a.lower() == b.lower():
        return True
    gender_a, gender_b = _gender(a), _gender(b)
    if gender_a and gender_b and gender_a != gender_b:
        return False
    fa, fb = fold_given_name(a), fold_given_name(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    return (
        _ending(fa) == _ending(fb)
        and _skeleton(fa) == _skeleton(fb)
        and _first_vowel_class(fa) == _first_vowel_class(fb)
    )


def given_names_match(a: str, b: str) -> bool:
    """Whether two given-name keys ("sergei", "abu mohammed") are the same names transliterated
    differently, word by word. An empty key matches nothing."""
    words_a, words_b = a.split(), b.split()
    if not words_a or len(words_a) != len(words_b):
        return False
    return all(given_word_match(x, y) for x, y in zip(words_a, words_b, strict=True))

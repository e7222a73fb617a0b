"""Names as strings: clean them, key them, tell a surname from a given name. Plain Python, no spaCy.

`name_key` is the matching key shared by people extraction and archive.importing.resolution: accents folded,
lower case, Arabic articles ("al-", "Al ", "el-") dropped, hyphens and spaces normalised, so
"Bashar Assad", "Bashar Al Assad" and "Bashar al-Assad" share one key. First-name transliterations
("Ahmad"/"Ahmed") are matched by `archive.ingest.givennames.given_names_match`, not folded into the
key, so two different people who share a surname keep distinct keys.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from archive.ingest.names import (
    ARABIC_ARTICLES,
    DEMONYMS,
    NAME_PARTICLES,
    PERSONAL_TITLES,
    ROLE_WORDS,
    TITLE_WORDS,
)
from archive.ingest.textrules import fold
from archive.ingest.transliteration import sound_key

# A nationality before an office ("Syrian President", "Russian Deputy Foreign Minister") is part of
# the title, not of the name; "Brian" before "Smith" is not. (Words not in names.DEMONYMS.)
DEMONYM_SHAPE = re.compile(r"(?:an|ese|ish|i)$", re.I)
_HYPHENS = re.compile(r"[-‐‑–]")
_POSSESSIVE = re.compile(r"['’]s?$", re.I)
_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w.]+$")
_WORD_SPLIT = re.compile(r"[\s\-‐‑–—_'’`]+")
_NON_KEY_CHARS = re.compile(r"[^a-z0-9 ]+")
# An Arabic article hyphenated to the word it belongs to ("al-Assad", "El-Sisi").
_JOINED_ARTICLE = re.compile(rf"\b(?:{'|'.join(sorted(ARABIC_ARTICLES))})[-‐‑]\w", re.I)


def plain(word: str) -> str:
    """A word as the word lists spell it: ASCII, lower case, no abbreviation dot ("Mr." -> "mr")."""
    return fold(word).rstrip(".")


def clean_name(text: str) -> str:
    """The name in an entity span, without titles, nationality, possessive, quotes or odd
    whitespace: "Foreign Minister Sergei Lavrov's" -> "Sergei Lavrov", "Chilean Tomas Ruiz" ->
    "Tomas Ruiz"."""
    return clean_with_title(text)[0]


def clean_with_title(text: str) -> tuple[str, str]:
    """(clean name, the last personal title stripped from its front or "")."""
    words = [_EDGE_PUNCTUATION.sub("", w) for w in text.split()]
    words = [w for w in words if w]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
        words = [w for w in words if w]
    title = ""
    # Strip leading title words, but keep at least one word: "President" alone stays a (bad) name.
    # (A nationality only counts with more than the title after it: "Sebastian Major" stays whole.)
    while len(words) > 1 and _is_title_word(words[0], words[1] if len(words) > 2 else ""):
        last_part = plain(words[0]).split("-")[-1]
        if last_part in PERSONAL_TITLES:
            title = last_part
        words.pop(0)
    if len(words) > 1 and plain(words[0]) == "the":
        words.pop(0)
    return " ".join(words).strip(" .") if len(words) > 1 else "".join(words).strip("."), title


def _is_title_word(word: str, following: str) -> bool:
    word_plain = plain(word)
    # "Vice-President", "Secretary-General": every part a title word.
    if all(part in TITLE_WORDS for part in word_plain.split("-") if part) and word_plain.strip("-"):
        return True
    if word_plain in DEMONYMS or word_plain in ROLE_WORDS:
        return True  # "Chilean Tomas Ruiz", "fellow Victorian Anna Kerr", "Goalkeeper Ederson"

    return bool(DEMONYM_SHAPE.search(word_plain)) and plain(following).split("-")[0] in TITLE_WORDS


def key_words(name: str) -> list[str]:
    """Lowercase ASCII words of a name, Arabic articles removed (but never the last word)."""
    folded = fold(name)
    words = [_NON_KEY_CHARS.sub("", w) for w in _WORD_SPLIT.split(folded)]
    words = [w for w in words if w]
    return [w for i, w in enumerate(words) if w not in ARABIC_ARTICLES or i == len(words) - 1]


def name_key(name: str) -> str:
    """The matching key of a name: "Bashar al-Assad", "Bashar Al Assad", "BASHAR ASSAD" ->
    "bashar assad"; "Staffan de Mistura" -> "staffan de mistura". Empty for a name with no letters."""
    # Hyphens become spaces before the titles go, so "Vice-President X" and "Vice President X" agree.
    return " ".join(key_words(clean_name(_HYPHENS.sub(" ", name))))


def _surname_word_count(words: Sequence[str]) -> int:
    """How many trailing words form the surname: the last word plus the name particles before it
    ("de Mistura" is two), never the whole name unless it is all surname."""
    n = 1
    while n < len(words) and words[-n - 1].lower() in NAME_PARTICLES:
        n += 1
    return n


def surname_key(name: str) -> str:
    """The key of the surname: "Bashar Al Assad" -> "assad", "Staffan de Mistura" -> "de mistura",
    "De Mistura" -> "de mistura"."""
    words = clean_name(name).split()
    if not words:
        return ""
    return " ".join(key_words(" ".join(words[-_surname_word_count(words) :])))


def given_key(name: str) -> str:
    """The key of everything before the surname ("bashar" for "Bashar al-Assad"); empty for a
    surname-only name ("Lavrov", "Al Assad", "De Mistura")."""
    words = clean_name(name).split()
    if not words:
        return ""
    return " ".join(key_words(" ".join(words[: -_surname_word_count(words)])))


def name_fullness(name: str) -> tuple[int, int, int]:
    """Sort key for the fullest spelling: more key words, not all capitals, more letters.
    "Bashar al-Assad" and "Bashar Al Assad" are equally full (between them the spelling the texts
    use more wins, see the callers); both beat "Bashar Assad", which beats "Assad"."""
    return (len(key_words(name)), int(not name.isupper()), sum(c.isalpha() for c in name))


def name_style(name: str) -> tuple[int, int]:
    """Sort key, between equally full spellings of one name, for the one an editor would print: its
    particles in lower case ("Bashar al-Assad", "Staffan de Mistura", not "Bashar Al Assad", "Staffan
    De Mistura"), an Arabic article joined by a hyphen ("al-Assad", not "al Assad")."""
    parts = [p for p in _WORD_SPLIT.split(name) if p]
    lower = sum(1 for p in parts if p.islower() and p in NAME_PARTICLES)
    joined = len(_JOINED_ARTICLE.findall(name))
    return (lower, joined)


def sound_name_key(name: str) -> str:
    """One key for a name in any script and spelling: the sound keys of its key words ("Джон Керри",
    "John Kerry" and "Τζον Κέρι" are all "jon keri"). Looser than name_key: used only to meet a
    spelling in another script, never to join two Latin spellings (their own rules decide those)."""
    return " ".join(sound_key(w) for w in key_words(name))


def surname_sound_key(name: str) -> str:
    """The sound key of the name's surname words (the last word of sound_name_key for most names)."""
    words = key_words(name)
    return " ".join(sound_key(w) for w in words[len(words) - _surname_word_count(words) :])


def is_initialled(name: str) -> bool:
    """Whether the name's given part is initials alone ("J. Smith", "М. Тасмаганбетов", "J.R. Doe")."""
    words = clean_name(name).split()
    given = words[: -_surname_word_count(words)] if words else []
    return bool(given) and all(len(part) == 1 for w in given for part in w.split(".") if part)


def initials_stand_for(short: str, full: str) -> bool:
    """Whether an initialled name ("J. Smith", "М. Тасмаганбетов") is `full` ("John Smith", "Марат
    Тасмаганбетов", "Марат Сергеевич Тасмаганбетов"): one surname key, and each initial opens the
    given name's word in its place (in any script: both are compared folded)."""
    if not is_initialled(short) or is_initialled(full) or surname_key(short) != surname_key(full):
        return False
    initials, given = given_key(short.replace(".", ". ")).split(), given_key(full).split()
    return len(initials) <= len(given) and all(g.startswith(i) for i, g in zip(initials, given, strict=False))

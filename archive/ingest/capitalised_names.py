"""Names by their shape, where no package reads the language: a run of two or three capitalised
words after a title word ("министр", "president", "υπουργός"), or opening with a given name the
census lists, or (Cyrillic) ending in a surname ending ("-ов", "-ин", "-ский", "-енко"). A title or a
function word of the article's language opening the run is no part of the name
(`names.FUNCTION_WORDS`: "Le Togo", "In Bremen", "Wenn Sie" name nobody, though the census lists
"Le", "In" and "Wenn"); a run right after an article names a thing ("eine Art Schock",
`names.ARTICLES`); and a Latin run keeps to the shape rules of English names
(`grouping.looks_like_name`: no "Stanford University", "Santa Marta", "Gmail SRE"). The rules of
archive.ingest.multilingual_people; plain Python.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from archive.ingest.givennames import is_given_name
from archive.ingest.grouping import looks_like_name
from archive.ingest.namekeys import plain
from archive.ingest.names import ARTICLES, FOREIGN_TITLES, FUNCTION_WORDS, HONORIFICS, PERSONAL_TITLES
from archive.ingest.textrules import words_with_openings
from archive.ingest.transliteration import nominative, script_of, to_latin

# Capitalised runs longer than this are titles of bodies, not names.
MAX_RUN_WORDS = 3

# Cyrillic surname endings (nominative and case forms): a capitalised pair ending so is a name.
_SLAVIC_SURNAME = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ский|цкий|енко|ук|юк|ич|швили|дзе|ян)(?:а|у|ым|ом|е|ой|ую|ого|ому|им)?$"
)
# Cyrillic adjective endings: a capitalised adjective opens a body's name ("Государственная Дума").
_ADJECTIVE = re.compile(r"(?:ая|яя|ое|ее|ые|ие|ых|их|ого|его|ому|ему|ую|юю|ской|ный|ной|кий|ские)$")


@dataclass(frozen=True)
class Token:
    """A word of the text, where it stands, and whether it opens a sentence (its capital says nothing)."""

    text: str
    start: int
    end: int
    sentence_start: bool


def word_tokens(text: str) -> list[Token]:
    return [Token(*word) for word in words_with_openings(text)]


def is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def capitalised_names(
    text: str, tokens: Sequence[Token], covered: Sequence[bool], language: str = ""
) -> list[tuple[str, str]]:
    """The runs of `tokens` (not `covered` by a known person) that look like a person's name, each
    as (its nominative in its own script, the run as written)."""
    out = []
    function_words = FUNCTION_WORDS.get(language, frozenset())
    articles = ARTICLES.get(language, frozenset())
    i = 0
    while i < len(tokens):
        if covered[i] or not is_capitalised(tokens[i].text):
            i += 1
            continue
        j = i + 1
        while (
            j < len(tokens)
            and j - i < MAX_RUN_WORDS + 1
            and not covered[j]
            and is_capitalised(tokens[j].text)
            and not tokens[j].sentence_start
            and not text[tokens[j - 1].end : tokens[j].start].strip(" -")
            # A word before a colon after two of a run is the next field's label, where a page's
            # fields run on in one line ("Übersetzer: Sonja Keller Erscheinungsdatum: 14.08.2017").
            and not (j - i >= 2 and text[tokens[j].end : tokens[j].end + 1] == ":")
        ):
            j += 1
        start = i
        # A sentence's first word is capitalised anyway: "Слова Марии Захаровой" names the two after it.
        if j - i > 2 and tokens[i].sentence_start and not is_given_name(to_latin(nominative(tokens[i].text))):
            start = i + 1
        # An article, preposition or title opening the run is no part of the name: "Le Togo", "In
        # Bremen" (the census lists "Le" and "In" as given names), "Bürgermeisterin Anna Keller".
        while j - start > 1 and _opens_no_name(tokens[start].text, function_words):
            start += 1
        run = tokens[start:j]
        opener = tokens[start - 1] if start else None
        if opener and plain(opener.text) in articles and not text[opener.end : tokens[start].start].strip():
            run = []  # "eine Art Schock", "Die Linie Hamburg-Kiel": an article's noun phrase
        if 2 <= len(run) <= MAX_RUN_WORDS and _looks_like_person(run, tokens[start - 1] if start else None):
            out.append((_name_of(run), " ".join(t.text for t in run)))
        i = j
    return out


def _looks_like_person(run: Sequence[Token], before: Token | None) -> bool:
    words = [t.text for t in run]
    cyrillic = script_of(words[0]) == "CYRILLIC"
    if cyrillic and _ADJECTIVE.search(words[0].lower()):
        return False
    if any(len(w) < 2 for w in words) or any(is_title(part) for w in words for part in w.split("-")):
        return False  # "US-Außenminister" is an office, not a surname
    titled = before is not None and not run[0].sentence_start and is_title(before.text)
    if script_of(words[0]) == "LATIN" and not looks_like_name(" ".join(words), titled, titled):
        return False  # "Stanford University", "Santa Marta", "Gmail SRE"
    given = is_given_name(to_latin(nominative(words[0])))
    surname = cyrillic and bool(_SLAVIC_SURNAME.search(words[-1].lower()))
    if run[0].sentence_start and not (given or surname):
        return False
    return titled or given or surname


def _opens_no_name(word: str, function_words: frozenset[str]) -> bool:
    """A function word, an honorific or a title of the languages these rules read ("Bürgermeisterin",
    "Me", "Dr"); an English office stays in the run, which it rules out ("Major League Baseball")."""
    folded = plain(word)
    either = {
        word.lower(),
        folded,
    }  # the Russian words are listed as written, the rest as `plain` spells them
    return bool(either & function_words) or folded in HONORIFICS or bool(either & FOREIGN_TITLES)


def is_title(word: str) -> bool:
    lower = word.lower()
    return lower in FOREIGN_TITLES or plain(word) in FOREIGN_TITLES or plain(word) in PERSONAL_TITLES


def _name_of(run: Sequence[Token]) -> str:
    """The nominative of a capitalised run, in its own script: case forms undone, a woman's surname
    kept feminine when her given name or the surname's form says so."""
    words = [t.text for t in run]
    if script_of(words[0]) != "CYRILLIC":
        return " ".join(words)
    first = nominative(words[0])
    feminine = first.lower().endswith(("а", "я")) or words[-1].lower().endswith(("ой", "ая", "ую"))
    return " ".join([nominative(words[0], feminine)] + [nominative(w, feminine) for w in words[1:]])

"""People named in an article the English name finder cannot read (Russian, Arabic, Greek, French...).

No model reads every language offline, so two kinds of evidence that do not need one:

1. the archive's known people (`known_people`: full names confirmed in earlier articles, in any
   script) found in the text by `archive.ingest.transliteration` keys, so "Сергея Лаврова",
   "Σεργκέι Λαβρόφ" and "سيرغي لافروف" are all "Sergei Lavrov", "Джону Керри" is "John Kerry".
   Case forms are undone by a general rule on Slavic endings; a surname alone ("Керри", "Лаврову")
   counts when the article also names the person in full, or when the surname is long enough to be
   unmistakable and belongs to one known person only;
2. in scripts with capital letters, a run of two or three capitalised words that looks like a
   name: after a title word ("министр", "president", "υπουργός"), or opening with a given name
   the census lists, or (Cyrillic) ending in a surname ending ("-ов", "-ин", "-ский", "-енко").
   A title or a function word of the article's language opening the run is no part of the name
   (`names.FUNCTION_WORDS`: "Le Togo", "In Bremen", "Wenn Sie" name nobody, though the census
   lists "Le", "In" and "Wenn"); a run right after an article names a thing ("eine Art Schock",
   `names.ARTICLES`); and a Latin run keeps to the shape rules of English names
   (`grouping.looks_like_name`: no "Stanford University", "Santa Marta", "Gmail SRE").
   Abjads (Arabic, Hebrew) have no capitals: there only known people are found.

Each person comes back as a PersonMention whose `name` is the known spelling, or else the nominative
in the article's own script ("Эммануэль Макрон" for "Эммануэля Макрона"), and whose `forms` are the
spellings the article used. Not a transliteration: as a Latin name "Emmanuel Makron" would be one
more Latin spelling, which resolution (archive.importing.resolution) never joins to "Emmanuel Macron"
by sound, where the Cyrillic nominative meets it across scripts. Plain Python, no spaCy.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from archive.ingest.article import PersonMention
from archive.ingest.givennames import is_given_name
from archive.ingest.grouping import looks_like_name
from archive.ingest.name_finders import NameSpan, person_spans
from archive.ingest.namekeys import key_words, name_key, plain
from archive.ingest.names import (
    ARABIC_ARTICLES,
    ARTICLES,
    FOREIGN_TITLES,
    FUNCTION_WORDS,
    HONORIFICS,
    PERSONAL_TITLES,
)
from archive.ingest.textrules import arabic_unprefixed, words_with_openings
from archive.ingest.transliteration import (
    ABJAD_SCRIPTS,
    CASED_SCRIPTS,
    base_forms,
    name_word_key,
    nominative,
    script_of,
    to_latin,
)

# A surname met alone is taken for a known person without the full name in the same article only
# when its key has at least this many letters (consonants in an abjad): "Lavrov" (lavrof) and
# "Zakharova" are unmistakable, "Kerry" (keri) and "Asad" could be many words.
LONE_SURNAME_KEY = 5
LONE_SURNAME_CONSONANTS = 4
# Capitalised runs longer than this are titles of bodies, not names.
MAX_RUN_WORDS = 3

# Cyrillic surname endings (nominative and case forms): a capitalised pair ending so is a name.
_SLAVIC_SURNAME = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ский|цкий|енко|ук|юк|ич|швили|дзе|ян)(?:а|у|ым|ом|е|ой|ую|ого|ому|им)?$"
)
# Cyrillic adjective endings: a capitalised adjective opens a body's name ("Государственная Дума").
_ADJECTIVE = re.compile(r"(?:ая|яя|ое|ее|ые|ие|ых|их|ого|его|ому|ему|ую|юю|ской|ный|ной|кий|ские)$")

# The Arabic article spelt in Latin or Cyrillic letters before a hyphen ("al-", "аль-").
_ARTICLE_RE = re.compile(r"(?:al|el|ad|ash|as|an|ar|az|аль|ал|эль)[-‐]", re.IGNORECASE)


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    sentence_start: bool  # first word of a sentence (its capital says nothing)


@dataclass(frozen=True)
class _Known:
    spelling: str
    words: tuple[str, ...]  # key words (Arabic articles dropped), as written


@dataclass
class _Found:
    name: str
    forms: list[str]
    count: int


def find_people(
    text: str, known_people: Collection[str] = (), language: str = ""
) -> tuple[PersonMention, ...]:
    """The people named in `text` (any language), one PersonMention per person, most mentioned
    first. `known_people` are full names the archive knows, in any script. Where a package reads
    `language` (archive.ingest.name_finders), its names stand in for the capitalised-name rules."""
    tokens = _tokens(text)
    if not tokens:
        return ()
    script = script_of(text[tokens[0].start :]) or "LATIN"
    script = next((script_of(t.text) for t in tokens if script_of(t.text) != "LATIN"), script)
    matcher = _matcher(frozenset(known_people), "abjad" if script in ABJAD_SCRIPTS else "sound")
    found: dict[str, _Found] = {}
    covered = [False] * len(tokens)
    _find_known(tokens, matcher, found, covered)
    spans = person_spans(text, language) if language else None
    if spans is not None:
        _find_spans(tokens, spans, found, covered)
    elif script in CASED_SCRIPTS:
        _find_capitalised(text, tokens, found, covered, language)
    ordered = sorted(found.values(), key=lambda f: (-f.count, f.name))
    return tuple(
        PersonMention(f.name, tuple(dict.fromkeys(f.forms)), f.count, name_key(f.name)) for f in ordered
    )


def _tokens(text: str) -> list[_Token]:
    return [_Token(*word) for word in words_with_openings(text)]


# ---------------------------------------------------------------- known people


@dataclass(frozen=True)
class _Matcher:
    known: tuple[_Known, ...]
    # word key -> (index into known, position of the word in that name)
    by_key: dict[str, tuple[tuple[int, int], ...]]
    kind: str


@lru_cache(maxsize=8)
def _matcher(known_people: frozenset[str], kind: str) -> _Matcher:
    """The known names indexed by the keys of their words (cached: one archive's list per batch)."""
    script = "ARABIC" if kind == "abjad" else "LATIN"
    known = []
    for spelling in sorted(known_people):
        words = tuple(
            w for w in re.split(r"[\s\-‐]+", spelling) if key_words(w) and plain(w) not in ARABIC_ARTICLES
        )
        if len(words) >= 2:
            known.append(_Known(spelling, words))
    by_key: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, entry in enumerate(known):
        for position, word in enumerate(entry.words):
            key = name_word_key(word, script)
            if key:
                by_key[key].append((i, position))
    return _Matcher(tuple(known), {k: tuple(v) for k, v in by_key.items()}, kind)


def _word_keys(word: str, kind: str) -> set[str]:
    """The keys a word of the text may stand for: its case forms' (Cyrillic), its prefixed forms'
    (Arabic "ولافروف" is "and Lavrov")."""
    script = script_of(word)
    article = _ARTICLE_RE.match(word)  # "al-Dschubeir", "аль-Джубейром": the article is no part of the key
    forms = list(base_forms(word[article.end() :] if article and len(word) > article.end() + 2 else word))
    if script == "ARABIC":
        forms += arabic_unprefixed(word)
    return {k for f in forms if (k := name_word_key(f, "ARABIC" if kind == "abjad" else script))}


def _find_known(
    tokens: Sequence[_Token], matcher: _Matcher, found: dict[str, _Found], covered: list[bool]
) -> None:
    if not matcher.known:
        return
    keys = [_word_keys(t.text, matcher.kind) for t in tokens]
    hits = [{hit for k in ks for hit in matcher.by_key.get(k, ())} for ks in keys]
    full_surnames: dict[str, str] = {}  # surname key -> spelling found in full here
    lone: list[int] = []
    for i in range(len(tokens)):
        if covered[i]:
            continue
        match = _full_match(i, tokens, hits, matcher)
        if match is not None:
            entry, length = match
            form = " ".join(t.text for t in tokens[i : i + length])
            _add(found, entry.spelling, form)
            full_surnames[
                name_word_key(entry.words[-1], "ARABIC" if matcher.kind == "abjad" else "LATIN")
            ] = entry.spelling
            for j in range(i, i + length):
                covered[j] = True
        elif any(pos == len(matcher.known[k].words) - 1 for k, pos in hits[i]):
            lone.append(i)
    for i in lone:
        if covered[i] or (tokens[i].text[:1].islower()):
            continue
        spelling = _lone_surname(tokens[i], keys[i], hits[i], matcher, full_surnames)
        if spelling:
            _add(found, spelling, tokens[i].text)
            covered[i] = True


def _full_match(
    i: int, tokens: Sequence[_Token], hits: list[set], matcher: _Matcher
) -> tuple[_Known, int] | None:
    """The known name whose words the tokens from `i` spell, in order (the longest first)."""
    best = None
    for index, position in hits[i]:
        if position != 0:
            continue
        entry = matcher.known[index]
        n = len(entry.words)
        if i + n > len(tokens):
            continue
        if all((index, p) in hits[i + p] for p in range(n)) and (best is None or n > len(best.words)):
            best = entry
    return (best, len(best.words)) if best is not None else None


def _lone_surname(
    token: _Token, keys: set[str], hits: set[tuple[int, int]], matcher: _Matcher, full: dict[str, str]
) -> str:
    """The known spelling a lone surname stands for, or "" when it is not sure enough."""
    for key in keys:
        if key in full:
            return full[key]
    surnames = {
        name_word_key(matcher.known[k].words[-1], "ARABIC" if matcher.kind == "abjad" else "LATIN")
        for k, pos in hits
        if pos == len(matcher.known[k].words) - 1
    }
    if len(surnames) != 1:
        return ""  # several known people share it
    key = next(iter(surnames))
    if len(key) < (LONE_SURNAME_CONSONANTS if matcher.kind == "abjad" else LONE_SURNAME_KEY):
        return ""
    return min(matcher.known[k].spelling for k, pos in hits if pos == len(matcher.known[k].words) - 1)


def _add(found: dict[str, _Found], name: str, form: str) -> None:
    key = name_key(name)
    entry = found.setdefault(key, _Found(name, [], 0))
    entry.forms.append(form)
    entry.count += 1


# ---------------------------------------------------------------- a name finder's names


def _find_spans(
    tokens: Sequence[_Token], spans: Sequence[NameSpan], found: dict[str, _Found], covered: list[bool]
) -> None:
    """The names a package found, two words or more, where no known person stands already (a surname
    alone is a known person's or nobody's, as with the rules)."""
    for span in spans:
        inside = [i for i, t in enumerate(tokens) if t.start >= span.start and t.end <= span.end]
        if len(inside) < 2 or any(covered[i] for i in inside):
            continue
        _add(found, span.normal, span.text)
        found[name_key(span.normal)].forms.append(span.normal)


# ---------------------------------------------------------------- capitalised names


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def _find_capitalised(
    text: str, tokens: Sequence[_Token], found: dict[str, _Found], covered: list[bool], language: str = ""
) -> None:
    function_words = FUNCTION_WORDS.get(language, frozenset())
    articles = ARTICLES.get(language, frozenset())
    i = 0
    while i < len(tokens):
        if covered[i] or not _is_capitalised(tokens[i].text):
            i += 1
            continue
        j = i + 1
        while (
            j < len(tokens)
            and j - i < MAX_RUN_WORDS + 1
            and not covered[j]
            and _is_capitalised(tokens[j].text)
            and not tokens[j].sentence_start
            and not text[tokens[j - 1].end : tokens[j].start].strip(" -")
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
            native = _name_of(run)
            _add(found, native, " ".join(t.text for t in run))
            found[name_key(native)].forms.append(native)
        i = j


def _looks_like_person(run: Sequence[_Token], before: _Token | None) -> bool:
    words = [t.text for t in run]
    cyrillic = script_of(words[0]) == "CYRILLIC"
    if cyrillic and _ADJECTIVE.search(words[0].lower()):
        return False
    if any(len(w) < 2 for w in words) or any(_is_title(part) for w in words for part in w.split("-")):
        return False  # "US-Außenminister" is an office, not a surname
    titled = before is not None and not run[0].sentence_start and _is_title(before.text)
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


def _is_title(word: str) -> bool:
    lower = word.lower()
    return lower in FOREIGN_TITLES or plain(word) in FOREIGN_TITLES or plain(word) in PERSONAL_TITLES


def _name_of(run: Sequence[_Token]) -> str:
    """The nominative of a capitalised run, in its own script: case forms undone, a woman's surname
    kept feminine when her given name or the surname's form says so."""
    words = [t.text for t in run]
    if script_of(words[0]) != "CYRILLIC":
        return " ".join(words)
    first = nominative(words[0])
    feminine = first.lower().endswith(("а", "я")) or words[-1].lower().endswith(("ой", "ая", "ую"))
    return " ".join([nominative(words[0], feminine)] + [nominative(w, feminine) for w in words[1:]])

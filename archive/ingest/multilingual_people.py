"""People named in an article the English name finder cannot read (Russian, Arabic, Greek, French...).

No model reads every language offline, so two kinds of evidence that do not need one:

1. the archive's known people (`known_people`: full names confirmed in earlier articles, in any
   script) found in the text by `archive.ingest.transliteration` keys, so "Сергея Лаврова",
   "Σεργκέι Λαβρόφ" and "سيرغي لافروف" are all "Sergei Lavrov", "Джону Керри" is "John Kerry".
   Case forms are undone by a general rule on Slavic endings; a surname alone ("Керри", "Лаврову")
   counts when the article also names the person in full, or when the surname is long enough to be
   unmistakable and belongs to one known person only;
2. the names a package reads in the article's language (archive.ingest.name_finders: Natasha for
   Russian), a name alone placed as the English rules place one (`_find_spans`);
3. else, in scripts with capital letters, runs of capitalised words shaped like a name
   (archive.ingest.capitalised_names). Abjads (Arabic, Hebrew) have no capitals: there only known
   people are found.

Within one article an initialled name ("М. Тасмаганбетов") is the full name it stands for, as in
English (`grouping.join_initials`), and a given name and patronymic ("Александра Григорьевича") the
person whose name holds them (archive.ingest.patronymics).

Each person comes back as a PersonMention whose `name` is the known spelling, or else the nominative
in the article's own script ("Эммануэль Макрон" for "Эммануэля Макрона"), and whose `forms` are the
spellings the article used. Not a transliteration: as a Latin name "Emmanuel Makron" would be one
more Latin spelling, which resolution (archive.importing.resolution) never joins to "Emmanuel Macron"
by sound, where the Cyrillic nominative meets it across scripts. Plain Python, no spaCy.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from archive.ingest.article import PersonMention
from archive.ingest.capitalised_names import Token, capitalised_names, is_capitalised, is_title, word_tokens
from archive.ingest.givennames import is_frequent_given_name, is_given_name
from archive.ingest.grouping import join_initials
from archive.ingest.name_finders import NameSpan, person_spans
from archive.ingest.namekeys import is_initialled, key_words, name_key, plain
from archive.ingest.names import ARABIC_ARTICLES
from archive.ingest.patronymics import is_given_and_patronymic, patronymic_owner
from archive.ingest.textrules import arabic_unprefixed
from archive.ingest.transliteration import (
    ABJAD_SCRIPTS,
    CASED_SCRIPTS,
    base_forms,
    name_word_key,
    script_of,
    sound_key,
)

# A surname met alone is taken for a known person without the full name in the same article only
# when its key has at least this many letters, and never in an abjad: "Lavrov" (lavrof) and
# "Zakharova" are unmistakable, "Kerry" (keri) and "Asad" could be many words.
LONE_SURNAME_KEY = 5
# A known name is looked for in an abjad only when its words keep at least this many consonants
# between them: "Annie Hall" keeps 'n' and 'l', which two words of almost any Persian sentence spell
# ("آنان علیه", "عین حال"); "John Kerry" keeps j-n k-r.
ABJAD_NAME_CONSONANTS = 3
# The Arabic article spelt in Latin or Cyrillic letters before a hyphen ("al-", "аль-").
_ARTICLE_RE = re.compile(r"(?:al|el|ad|ash|as|an|ar|az|аль|ал|эль)[-‐]", re.IGNORECASE)


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
    text: str, known_people: Collection[str] = (), language: str = "", headline_end: int = 0
) -> tuple[PersonMention, ...]:
    """The people named in `text` (any language), one PersonMention per person, most mentioned
    first. `known_people` are full names the archive knows, in any script. Where a package reads
    `language` (archive.ingest.name_finders), its names stand in for the capitalised-name rules.
    `text` may open with the headline, ending at `headline_end` (archive.ingest.people.people_text)."""
    tokens = word_tokens(text)
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
        _find_spans(tokens, spans, found, covered, headline_end)
    elif script in CASED_SCRIPTS:
        for native, form in capitalised_names(text, tokens, covered, language):
            _add(found, native, form)
            found[name_key(native)].forms.append(native)
    ordered = sorted(_joined(found), key=lambda f: (-f.count, f.name))
    return tuple(
        PersonMention(f.name, tuple(dict.fromkeys(f.forms)), f.count, name_key(f.name)) for f in ordered
    )


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
        if kind == "abjad" and sum(len(name_word_key(w, script)) for w in words) < ABJAD_NAME_CONSONANTS:
            continue
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
    tokens: Sequence[Token], matcher: _Matcher, found: dict[str, _Found], covered: list[bool]
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
        if covered[i] or (tokens[i].text[:1].islower()) or _in_another_name(tokens, i):
            continue
        titled = i > 0 and is_title(tokens[i - 1].text)
        spelling = _lone_surname(tokens[i], keys[i], hits[i], matcher, full_surnames, titled)
        if spelling:
            _add(found, spelling, tokens[i].text)
            covered[i] = True


def _spelt_alike(word: str, matcher: _Matcher, hit: tuple[int, int], titled: bool) -> bool:
    """Whether a surname met alone, with no full name in the article, may be that word of a known
    name: only across scripts ("Лаврова", "Λαβρόφ" as Lavrov). In the name's own script a lone word
    is too often a word of the language: by sound the German "Fällen" was Hannah Phalen and "Freude"
    Sigmund Freud, and spelt alike "Covid" and "Interview" were the last words of two names an English
    page gave ("Aussie Covid", "Dan Wootton Interview"). A full name ("Sergej Lawrow") still meets its
    other transliterations by sound, and its surname alone counts after it. After a title
    ("Außenminister Lavrov") a word spelt as the surname counts (not one that sounds like it: "le
    chef Clément" is not Roberto Clemente)."""
    known = matcher.known[hit[0]].words[hit[1]]
    if script_of(word) != script_of(known):
        return True
    return titled and plain(known) in {plain(form) for form in base_forms(word)}


def _in_another_name(tokens: Sequence[Token], i: int) -> bool:
    """Whether a lone surname is part of somebody else's name: after an initial or a given name
    ("Sewell T. Taylor", "Anna Taylor"), or itself a given name before a capitalised word ("Thomas
    Handy" is not Derek Thomas). A title before it ("Außenminister Lawrow") leaves it alone."""
    previous = tokens[i - 1].text if i > 0 else ""
    if len(previous) == 1 and previous.isupper():  # an initial (its dot reads as a sentence's end)
        return True
    if previous and not tokens[i].sentence_start and is_given_name(previous) and not is_title(previous):
        return True
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return bool(
        following
        and not following.sentence_start
        and is_given_name(tokens[i].text)
        and is_capitalised(following.text)
        and not is_title(following.text)
    )


def _full_match(
    i: int, tokens: Sequence[Token], hits: list[set], matcher: _Matcher
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
    token: Token,
    keys: set[str],
    hits: set[tuple[int, int]],
    matcher: _Matcher,
    full: dict[str, str],
    titled: bool = False,
) -> str:
    """The known spelling a lone surname stands for, or "" when it is not sure enough."""
    for key in keys:
        if key in full:
            return full[key]
    hits = {hit for hit in hits if _spelt_alike(token.text, matcher, hit, titled)}
    surnames = {
        name_word_key(matcher.known[k].words[-1], "ARABIC" if matcher.kind == "abjad" else "LATIN")
        for k, pos in hits
        if pos == len(matcher.known[k].words) - 1
    }
    if len(surnames) != 1:
        return ""  # several known people share it
    key = next(iter(surnames))
    if matcher.kind == "abjad" or len(key) < LONE_SURNAME_KEY:
        # Not in an abjad, whatever its length: with no vowels written, a common word's consonants
        # spell a surname too (Persian "گرفته", "took", is g-r-f-t: Griffith).
        return ""
    if is_frequent_given_name(token.text):
        return ""  # "Thomas" alone is as likely anyone's given name as this person's surname
    return min(matcher.known[k].spelling for k, pos in hits if pos == len(matcher.known[k].words) - 1)


def _add(found: dict[str, _Found], name: str, form: str) -> None:
    key = name_key(name)
    entry = found.setdefault(key, _Found(name, [], 0))
    entry.forms.append(form)
    entry.count += 1


# ---------------------------------------------------------------- a name finder's names


def _find_spans(
    tokens: Sequence[Token],
    spans: Sequence[NameSpan],
    found: dict[str, _Found],
    covered: list[bool],
    headline_end: int,
) -> None:
    """The names a package found where no known person stands already: two words or more, then a
    word alone, as the English rules place one (archive.ingest.grouping): it joins the one full name
    it ends ("Пати" of "Самуэль Пати") or else opens; with none it stands alone after a title
    ("президент Путин") or when it is in the headline and the package tags it every time the text
    names it ("Причиной инаугурации Лукашенко стал стыд"); otherwise a known person's or nobody's."""
    tagged: set[int] = set()
    lone: list[tuple[int, NameSpan]] = []
    # Tokens stand in text order: a span's are found by bisection, not by reading every token for
    # every span (which was 10 of the 16 s that a 170 KB Russian page took).
    starts = [t.start for t in tokens]
    for span in spans:
        inside, i = [], bisect_left(starts, span.start)
        while i < len(tokens) and tokens[i].end <= span.end:
            inside.append(i)
            i += 1
        tagged.update(inside)
        if not inside or any(covered[i] for i in inside):
            continue
        if len(inside) == 1:
            lone.append((inside[0], span))
            continue
        _add(found, span.normal, span.text)
        found[name_key(span.normal)].forms.append(span.normal)
    if not lone:
        return
    keys = [_word_keys(t.text, "sound") if is_capitalised(t.text) else set() for t in tokens]
    for i, span in lone:
        mine = keys[i] | {sound_key(span.normal)}
        full = [f for f in found.values() if len(f.name.split()) >= 2]
        owners = [f for f in full if sound_key(f.name.split()[-1]) in mine] or [
            f for f in full if sound_key(f.name.split()[0]) in mine
        ]
        owners = [f for f in owners if not is_initialled(f.name)] or owners  # "М. Иванов" is "Марат Иванов"
        alone = [f for f in found.values() if " " not in f.name and sound_key(f.name) in mine]
        if len(owners) + len(alone) == 1:
            (owners or alone)[0].forms.append(tokens[i].text)
            (owners or alone)[0].count += 1
        elif not owners and not alone:
            named = [j for j, k in enumerate(keys) if k & mine]
            titled = i > 0 and is_title(tokens[i - 1].text)
            headline = any(tokens[j].start < headline_end for j in named) and all(j in tagged for j in named)
            if titled or headline:
                _add(found, span.normal, tokens[i].text)


def _joined(found: dict[str, _Found]) -> list[_Found]:
    """The people found, an initialled name ("М. Тасмаганбетов") joined to the full name it stands for
    (archive.ingest.grouping.join_initials, as in English) and a given name and patronymic to the
    person whose name holds them (archive.ingest.patronymics)."""
    people = join_initials(list(found.values()), lambda f: f.name, _merge)
    for pair in [f for f in people if is_given_and_patronymic(f.name)]:
        owner = patronymic_owner(pair.name, [f.name for f in people if f is not pair])
        if owner:
            _merge(next(f for f in people if f.name == owner), pair)
            people.remove(pair)
    return people


def _merge(into: _Found, other: _Found) -> None:
    into.forms.extend(other.forms)
    into.count += other.count

"""Snippets for the PostgreSQL backend, cut in Python from the bodies the hits bring back (split from
backend.py).

ts_headline parsed each hit's whole body (up to 100,000 characters) in the database: 17-48 ms for a
page of 20 hits at 100,000 articles, a third of a common word's search. Here the query's tsquery text
(PostgreSQL's own normalised lexemes) is read into its words and phrases; each hit's body is split
into words in Python; the distinct words that could be one of the query's lexemes (same first letter
once accents are dropped) are normalised by PostgreSQL in one statement, with the same two
configurations the articles were indexed with, so a word is marked exactly when search matched it;
a phrase is marked where its words stand in order.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from archive.ingest.prose import UNSPACED_CHAR, UNSPACED_RANGES
from archive.search.backends.postgres.compile import ENGLISH, SIMPLE, WORD_LEXEMES

# A letter or digit of a spaced script (a character of an unspaced one is a word of its own).
_SPACED = f"(?![{UNSPACED_RANGES}])[^\\W_]"
_SPACED_LETTER = re.compile(_SPACED)
_NOT_BEFORE_LETTER = f"(?!{_SPACED})"
# A word as PostgreSQL's parser splits text (letters and digits; each character of an unspaced
# script a word of its own, as parallax_spaced() makes it), and the faster pattern for text with
# no unspaced script.
_WORD = re.compile(f"{UNSPACED_CHAR.pattern}|(?:{_SPACED})+")
_RUN = re.compile(r"[^\W_]+")
# Words whose lexemes a process remembers (_normalised): a few hundred bytes each.
LEXEMES_KEPT = 200_000
_LEXEMES: dict[str, tuple[str, ...]] = {}
# The parts of tsquery text: a quoted lexeme (quotes doubled inside) with its prefix and weight
# marks, a phrase operator, or another operator or bracket.
_PART = re.compile(r"'((?:[^']|'')*)'(:[*A-D]+)?|<(-|\d+)>|([&|!()])")


@dataclass(frozen=True)
class Term:
    lexeme: str
    prefix: bool
    gap: int  # positions after the phrase's previous word (0 for its first)


def phrases(tsquery: str | None) -> list[tuple[Term, ...]]:
    """The positive words and phrases of tsquery text ('a' <-> 'b' | 'c':* -> [(a, b), (c,)]); a
    negated word or bracket is skipped."""
    found: list[tuple[Term, ...]] = []
    current: list[Term] = []
    joined, gap, depth, negate, skipping = False, 0, 0, False, None
    for m in _PART.finditer(tsquery or ""):
        lexeme, marks, distance, op = m.groups()
        if op == "(":
            if negate:
                skipping, negate = (depth if skipping is None else skipping), False
            depth += 1
        elif op == ")":
            depth -= 1
            skipping = None if skipping == depth else skipping
        elif op == "!":
            negate = True
        elif distance is not None:
            joined, gap = True, 1 if distance == "-" else int(distance)
        elif op:
            joined = False
        elif skipping is None and not negate:
            term = Term(lexeme.replace("''", "'"), "*" in (marks or ""), gap)
            if joined and current:
                current.append(term)
            else:
                found += [tuple(current)] if current else []
                current = [Term(term.lexeme, term.prefix, 0)]
            joined = False
        else:
            negate, joined = False, False
    found += [tuple(current)] if current else []
    return list(dict.fromkeys(found))


def _first_letter(word: str) -> str:
    """The first letter with its accents dropped and its case folded (stemming never changes it)."""
    return unicodedata.normalize("NFKD", word[:1].casefold())[:1]


def spans(cursor, bodies: dict[int, str], tsquery: str | None) -> dict[int, list[tuple[int, int]]]:
    """{key: [(start, end), ...]} of the query's words and phrases in each text of `bodies` (bodies
    and titles, keyed as the caller keeps them apart)."""
    wanted = phrases(tsquery)
    if not wanted:
        return {}
    firsts = frozenset(_first_letter(t.lexeme) for p in wanted for t in p)
    candidates = sorted(_words_starting(bodies.values(), firsts))
    words_of: dict[str, set[str]] = {}  # lexeme -> the body words PostgreSQL normalises to it
    for word, found in _normalised(cursor, candidates).items():
        for lexeme in found:
            words_of.setdefault(lexeme, set()).add(word)
    # The body's words that are each phrase's words (any of their forms).
    forms = [[_forms(words_of, t) for t in p] for p in wanted]
    words = {w for p in forms if len(p) == 1 for w in p[0]}
    single = _word_finder(words) if words else None
    out: dict[int, list[tuple[int, int]]] = {}
    for article_id, body in bodies.items():
        marked = [m.span() for m in single(body)] if single and body else []
        for phrase, terms in zip(wanted, forms, strict=True):
            if len(phrase) > 1 and terms[0] and body:
                marked += _phrase_spans(body, phrase, terms)
        out[article_id] = marked
    return out


def _word_finder(words: set[str]):
    """A function giving the occurrences (re.Match) of `words` in a body, each a whole word as _WORD
    splits text: a letter or digit of an unspaced script beside it is a word of its own, so it does not
    join the word. The pattern starts with the words themselves, which Python's re scans for quickly,
    and the letter before a match is checked here (a look-behind first made it five times as slow)."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    unspaced = "|".join(re.escape(w) for w in words if UNSPACED_CHAR.fullmatch(w))
    # Only when there is one: a pattern that is one alternation at its top is scanned for position by
    # position, five times as slowly as one whose first characters re can look for (0.65 ms
    # against 3.0 for a word's forms in 20 bodies).
    pattern = re.compile(f"(?:{alternatives}){_NOT_BEFORE_LETTER}" + (f"|{unspaced}" if unspaced else ""))

    def find(body: str):
        for m in pattern.finditer(body):
            start = m.start()
            if start and _SPACED_LETTER.match(body, start - 1) and not UNSPACED_CHAR.match(body, start):
                continue  # inside a word (a match cannot hide another here: words are letters)
            yield m

    return find


def _phrase_spans(body: str, phrase: tuple[Term, ...], terms: list[set[str]]) -> list[tuple[int, int]]:
    """Where the phrase's words stand in order in `body` (each at its gap after the one before): from
    each place of its first word, the next words read one by one (not every word of the body split,
    which was most of a phrase search's own time)."""
    marked: list[tuple[int, int]] = []
    for first in _word_finder(terms[0])(body):
        places, end = [first.span()], first.end()
        for term, words in zip(phrase[1:], terms[1:], strict=True):
            word = None
            for _ in range(term.gap):
                word = _WORD.search(body, end)
                if word is None:
                    break
                end = word.end()
            if word is None or word.group() not in words:
                break
            places.append(word.span())
        else:
            marked += places
    return marked


def _normalised(cursor, words: list[str]) -> dict[str, tuple[str, ...]]:
    """Each word's lexemes in both configurations: PostgreSQL's answer, remembered by the process (it
    cannot change while the configurations stand, and most words of one page's bodies were on the
    page before: the statement and the reading of its rows were a fifth of a common word's search)."""
    found = {w: lexemes for w in words if (lexemes := _LEXEMES.get(w)) is not None}
    unknown = [w for w in words if w not in found]
    if unknown:
        cursor.execute(
            f"SELECT w, {WORD_LEXEMES} FROM unnest(%s::text[]) AS w",
            [SIMPLE, ENGLISH, unknown],
        )
        new = {w: tuple(lexemes or ()) for w, lexemes in cursor.fetchall()}
        if len(_LEXEMES) + len(new) > LEXEMES_KEPT:
            _LEXEMES.clear()
        _LEXEMES.update(new)
        found |= new
    return found


def _forms(words_of: dict[str, set[str]], term: Term) -> set[str]:
    """The body words that are `term`: those normalised to its lexeme (or to one it begins)."""
    if not term.prefix:
        return words_of.get(term.lexeme, set())
    return {w for lexeme, words in words_of.items() if lexeme.startswith(term.lexeme) for w in words}


def _words_starting(bodies, firsts: frozenset[str]) -> set[str]:
    """The distinct words of the bodies, as _WORD splits them, whose first letter (_first_letter) is
    one of `firsts`. Most text has no unspaced script and no character past the Basic Multilingual
    Plane: its words are runs of letters and digits, and those starting so are found from their first
    letters (a third of the time of splitting the body into every word)."""
    words: set[str] = set()
    for body in bodies:
        if not body:
            continue
        # One look for both kinds of character (two took 1.3 of a common word's 3.5 ms of
        # snippets), none in ASCII text (which Python knows without reading it).
        if not body.isascii() and _UNSPACED_OR_ASTRAL.search(body):
            words.update(w for w in _WORD.findall(body) if _first_letter(w) in firsts)
        else:
            words.update(_starting(firsts).findall(body))
    return words


# A character of an unspaced script, or one past the Basic Multilingual Plane (which _folding()
# does not list): text holding either is split word by word.
_UNSPACED_OR_ASTRAL = re.compile(f"[{UNSPACED_RANGES}\U00010000-\U0010ffff]")


@functools.lru_cache(maxsize=256)
def _starting(firsts: frozenset[str]) -> re.Pattern:
    """A pattern of the runs of letters and digits whose first letter is one of `firsts`."""
    folding = _folding()
    letters = "".join(re.escape(c) for first in sorted(firsts) for c in folding.get(first, ""))
    if not letters:
        return re.compile("(?!)")
    return re.compile(f"[{letters}](?<![^\\W_][{letters}])[^\\W_]*")


@functools.cache
def _folding() -> dict[str, str]:
    """{first letter: the letters and digits of the Basic Multilingual Plane whose _first_letter it
    is} ("n": n, N, ñ, Ñ, ń...), built once a process in one pass (about 40 ms)."""
    found: dict[str, list[str]] = {}
    for c in map(chr, range(0x10000)):
        if not "\ud800" <= c <= "\udfff" and _RUN.fullmatch(c):
            found.setdefault(_first_letter(c), []).append(c)
    return {first: "".join(chars) for first, chars in found.items()}

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

import re
import unicodedata
from dataclasses import dataclass

from archive.ingest.prose import UNSPACED_RANGES
from archive.search.backends.postgres.compile import ENGLISH, SIMPLE

# A word as PostgreSQL's parser splits text (letters and digits; each character of an unspaced
# script a word of its own, as parallax_spaced() makes it).
_WORD = re.compile(f"[{UNSPACED_RANGES}]|(?:(?![{UNSPACED_RANGES}])[^\\W_])+")
_UNSPACED_WORD = re.compile(f"[{UNSPACED_RANGES}]")
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
    """{article id: [(start, end), ...]} of the query's words and phrases in each body."""
    wanted = phrases(tsquery)
    if not wanted:
        return {}
    firsts = {_first_letter(t.lexeme) for p in wanted for t in p}
    distinct = {w for body in bodies.values() for w in _WORD.findall(body or "")}
    initials = {c for c in {w[0] for w in distinct} if _first_letter(c) in firsts}
    candidates = sorted(w for w in distinct if w[0] in initials)
    lexemes: dict[str, set[str]] = {}
    if candidates:
        cursor.execute(
            "SELECT w, tsvector_to_array(to_tsvector(%s::regconfig, w) || to_tsvector(%s::regconfig, w)) "
            "FROM unnest(%s::text[]) AS w",
            [SIMPLE, ENGLISH, candidates],
        )
        lexemes = {w: set(found) for w, found in cursor.fetchall() if found}
    # The body's words that are each phrase's words (any of their forms).
    forms = [[{w for w, held in lexemes.items() if _holds(held, t)} for t in p] for p in wanted]
    words = {w for p in forms if len(p) == 1 for w in p[0]}
    single = _words_pattern(words) if words else None
    out: dict[int, list[tuple[int, int]]] = {}
    for article_id, body in bodies.items():
        marked = [m.span() for m in single.finditer(body)] if single and body else []
        for phrase, terms in zip(wanted, forms, strict=True):
            if len(phrase) > 1 and terms[0] and body:
                marked += _phrase_spans(body, phrase, terms)
        out[article_id] = marked
    return out


def _words_pattern(words: set[str]) -> re.Pattern:
    """The body's occurrences of `words`, each a whole word as _WORD splits text (a character of an
    unspaced script is a word wherever it stands)."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(
        f"(?<![^\\W_])(?:{alternatives})(?![^\\W_])|"
        + ("|".join(re.escape(w) for w in words if _UNSPACED_WORD.fullmatch(w)) or "(?!)")
    )


def _phrase_spans(body: str, phrase: tuple[Term, ...], terms: list[set[str]]) -> list[tuple[int, int]]:
    """Where the phrase's words stand in order in `body` (each at its gap after the one before)."""
    found = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(body)]
    marked: list[tuple[int, int]] = []
    for at, (_, _, word) in enumerate(found):
        if word not in terms[0]:
            continue
        places, pos = [found[at][:2]], at
        for term, words in zip(phrase[1:], terms[1:], strict=True):
            pos += term.gap
            if pos >= len(found) or found[pos][2] not in words:
                break
            places.append(found[pos][:2])
        else:
            marked += places
    return marked


def _holds(forms, term: Term) -> bool:
    if term.prefix:
        return any(form.startswith(term.lexeme) for form in forms)
    return term.lexeme in forms

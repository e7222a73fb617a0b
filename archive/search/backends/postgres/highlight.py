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
    return unicodedata.normalize("NFKD", word[:2].casefold())[:1]


def spans(cursor, bodies: dict[int, str], tsquery: str | None) -> dict[int, list[tuple[int, int]]]:
    """{article id: [(start, end), ...]} of the query's words and phrases in each body."""
    wanted = phrases(tsquery)
    if not wanted:
        return {}
    firsts = {_first_letter(t.lexeme) for p in wanted for t in p}
    words = {
        i: [(m.start(), m.end(), m.group()) for m in _WORD.finditer(body or "")] for i, body in bodies.items()
    }
    candidates = sorted({w for found in words.values() for _, _, w in found if _first_letter(w) in firsts})
    lexemes: dict[str, set[str]] = {}
    if candidates:
        cursor.execute(
            "SELECT w, tsvector_to_array(to_tsvector(%s::regconfig, w) || to_tsvector(%s::regconfig, w)) "
            "FROM unnest(%s::text[]) AS w",
            [SIMPLE, ENGLISH, candidates],
        )
        lexemes = {w: set(found) for w, found in cursor.fetchall() if found}
    out: dict[int, list[tuple[int, int]]] = {}
    for article_id, found in words.items():
        marked: list[tuple[int, int]] = []
        for at in range(len(found)):
            for phrase in wanted:
                places, pos = [], at
                for term in phrase:
                    pos += term.gap
                    if pos >= len(found) or not _holds(lexemes.get(found[pos][2], ()), term):
                        break
                    places.append(found[pos][:2])
                else:
                    marked += places
        out[article_id] = marked
    return out


def _holds(forms, term: Term) -> bool:
    if term.prefix:
        return any(form.startswith(term.lexeme) for form in forms)
    return term.lexeme in forms

"""User query text -> a small AST that every search backend compiles (plain Python, no Django).

The language (documented on /search/help/):
    words             all must match (AND is the default)
    "exact phrase"    the words in this order
    a OR b            either (OR binds tighter than the implicit AND: `a OR b c` = `(a OR b) AND c`)
    -word, NOT word   exclude
    title:  source:  person:   restrict a word or a "quoted value" to one field
    from:YYYY[-MM[-DD]]  to:YYYY[-MM[-DD]]   publication date range (undated articles drop out)
    cease*            prefix

User text never reaches a backend's own parser: anything malformed is read the sensible way and
explained in `ParsedQuery.notices` (shown on the page), never raised.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

# Longer input is cut here: no real query is longer, and it bounds the work of a 5,000-char paste.
MAX_QUERY_CHARS = 500
# More clauses than this are dropped: each becomes several index lookups.
MAX_CLAUSES = 32
FIELDS = frozenset({"title", "source", "person"})
FIELD_ALIASES = {"people": "person", "outlet": "source", "intitle": "title"}
DATE_FIELDS = frozenset({"from", "to"})
# A shorter prefix ("a*") expands to most of the vocabulary: too slow to be worth it.
MIN_PREFIX_CHARS = 3


@dataclass(frozen=True)
class Word:
    text: str
    field: str | None = None  # None: every text field
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    text: str
    field: str | None = None


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Spellings(Or):
    """The spellings of one word or phrase as a reader typed it (variants.spelled: "ceasefire" OR
    "cease fire"): any of them matches, as with any Or; the PostgreSQL backend ranks by the best of
    them, not each, so that a word with many spellings weighs no more than one without."""


Node = Word | Phrase | Not | And | Or


@dataclass(frozen=True)
class ParsedQuery:
    """The parsed query: `node` is None for an empty query (match everything)."""

    text: str
    node: Node | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    notices: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return self.node is None


@dataclass(frozen=True)
class _Token:
    kind: str  # "word", "phrase", "or", "not"
    text: str = ""
    field: str | None = None
    negated: bool = False


_TOKEN_RE = re.compile(
    r"""
    (?P<neg>-)?
    (?:(?P<field>[A-Za-z]+):)?
    (?:
        "(?P<quoted>[^"]*)("|$)
      | (?P<bare>[^\s"]+)
    )
    """,
    re.VERBOSE,
)
_HAS_WORD_CHAR = re.compile(r"\w")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def parse_query(text: str | None) -> ParsedQuery:
    """Parse user text into a ParsedQuery. Never raises on any input."""
    notices: list[str] = []
    cleaned = _clean(text or "", notices)
    tokens, dates = _tokenize(cleaned, notices)
    node = _build(tokens, notices)
    date_from, date_to = _period(dates.get("from", ""), "from"), _period(dates.get("to", ""), "to")
    if date_from and date_to and date_from > date_to:
        notices.append("The from: date was after the to: date, so the two were swapped.")
        date_from, date_to = _period(dates["to"], "from"), _period(dates["from"], "to")
    return ParsedQuery(cleaned, node, date_from, date_to, tuple(dict.fromkeys(notices)))


def _clean(text: str, notices: list[str]) -> str:
    # Control characters (and other non-printing ones) become spaces; they are never meaningful.
    chars = [" " if unicodedata.category(c)[0] in "CZ" and c != " " else c for c in text]
    cleaned = " ".join("".join(chars).split())
    if len(cleaned) > MAX_QUERY_CHARS:
        notices.append(f"The query was cut to its first {MAX_QUERY_CHARS} characters.")
        head = cleaned[:MAX_QUERY_CHARS]
        cleaned = head.rsplit(" ", 1)[0] if " " in head else head
    # Typographic quotes are quotes too.
    return cleaned.translate(str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'}))


def _tokenize(text: str, notices: list[str]) -> tuple[list[_Token], dict[str, str]]:
    """The tokens, and the valid from:/to: values (as typed)."""
    tokens: list[_Token] = []
    dates: dict[str, str] = {}
    for m in _TOKEN_RE.finditer(text):
        negated = bool(m.group("neg"))
        fieldname = (m.group("field") or "").lower() or None
        fieldname = FIELD_ALIASES.get(fieldname, fieldname)
        quoted, bare = m.group("quoted"), m.group("bare")
        if quoted is not None and not text.startswith('"', m.end("quoted")):
            notices.append("A quotation mark was not closed, so the phrase runs to the end of the query.")
        value = quoted if quoted is not None else bare
        if fieldname in DATE_FIELDS:
            if _period(value.strip(), fieldname) is None:
                notices.append(f"“{fieldname}:{value}” is not a date like 2014-01-31, so it was ignored.")
            else:
                dates[fieldname] = value.strip()
            continue
        if fieldname is not None and fieldname not in FIELDS:
            notices.append(
                f"There is no “{fieldname}:” field (use title:, source:, person:, from: or to:), "
                f"so “{fieldname}” was searched as a word."
            )
            tokens.append(_Token("word", fieldname, None, negated))
            fieldname = None
        if quoted is not None:
            tokens.append(_Token("phrase", quoted, fieldname, negated))
        elif bare in {"OR", "|", "||"} and fieldname is None and not negated:
            tokens.append(_Token("or"))
        elif bare in {"NOT", "!"} and fieldname is None and not negated:
            tokens.append(_Token("not"))
        elif bare in {"AND", "&", "&&", "+"} and fieldname is None:
            continue
        else:
            tokens.append(_Token("word", bare.lstrip("+"), fieldname, negated))
    return tokens, dates


def _period(value: str, which: str) -> dt.date | None:
    """from:2014 -> 2014-01-01, to:2014-02 -> 2014-02-28; None when it is not a real date."""
    m = _DATE_RE.match(value) if value else None
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if month is None:
            return dt.date(year, 1, 1) if which == "from" else dt.date(year, 12, 31)
        month_n = int(month)
        if day is None:
            last = calendar.monthrange(year, month_n)[1] if 1 <= month_n <= 12 else 0
            return dt.date(year, month_n, 1 if which == "from" else last)
        return dt.date(year, month_n, int(day))
    except ValueError:
        return None


def _atom(token: _Token, notices: list[str]) -> Node | None:
    text = token.text.strip()
    if token.kind == "phrase":
        words = text.split()
        if not _HAS_WORD_CHAR.search(text):
            return None
        return Word(text, token.field) if len(words) == 1 else Phrase(" ".join(words), token.field)
    prefix = text.endswith("*")
    text = text.rstrip("*").strip("()[]{}.,;:!?'")
    if not _HAS_WORD_CHAR.search(text):
        return None
    if prefix and len(text) < MIN_PREFIX_CHARS:
        notices.append(
            f"“{text}*” is too short for a prefix search (use at least {MIN_PREFIX_CHARS} letters)."
        )
        prefix = False
    # A word with inner punctuation ("al-Assad", "U.S.") is left whole: the backend's analyzer
    # splits it the same way it split the indexed text.
    return Word(text, token.field, prefix and "*" not in text)


def _build(tokens: list[_Token], notices: list[str]) -> Node | None:
    """Turn the token stream into clauses: OR groups of (possibly negated) atoms, ANDed together."""
    groups: list[list[Node]] = []
    pending_or = False
    pending_not = False
    for i, token in enumerate(tokens):
        if token.kind == "or":
            if not groups or i == len(tokens) - 1 or tokens[i - 1].kind in {"or", "not"}:
                notices.append("A lone OR was ignored: put it between two words, like Kerry OR Lavrov.")
            else:
                pending_or = True
            continue
        if token.kind == "not":
            if i == len(tokens) - 1:
                notices.append("A NOT at the end had nothing to exclude, so it was ignored.")
            pending_not = True
            continue
        node = _atom(token, notices)
        if node is None:
            pending_or = pending_not = False
            continue
        if token.negated or pending_not:
            node = Not(node)
        if pending_or and groups:
            groups[-1].append(node)
        else:
            groups.append([node])
        pending_or = pending_not = False
    if sum(len(g) for g in groups) > MAX_CLAUSES:
        notices.append(f"Only the first {MAX_CLAUSES} terms of the query were used.")
        groups = _first_clauses(groups, MAX_CLAUSES)
    clauses = [g[0] if len(g) == 1 else Or(tuple(g)) for g in groups]
    if not clauses:
        return None
    if all(isinstance(c, Not) for c in clauses) and len(clauses) > 0:
        notices.append("The query only excludes words, so it lists every other article.")
    return clauses[0] if len(clauses) == 1 else And(tuple(clauses))


def _first_clauses(groups: list[list[Node]], limit: int) -> list[list[Node]]:
    kept: list[list[Node]] = []
    left = limit
    for group in groups:
        if left <= 0:
            break
        kept.append(group[:left])
        left -= len(kept[-1])
    return kept


def query_words(node: Node | None) -> list[Word]:
    """The positive words of a query (not under a Not), for spelling suggestions."""
    if node is None or isinstance(node, Not):
        return []
    if isinstance(node, Word):
        return [node]
    if isinstance(node, Phrase):
        return [Word(w, node.field) for w in node.text.split()]
    return [w for child in node.children for w in query_words(child)]


def positive_atoms(node: Node | None) -> Iterator[Word | Phrase]:
    """The words and phrases of a query that are not excluded."""
    if node is None or isinstance(node, Not):
        return
    if isinstance(node, Word | Phrase):
        yield node
        return
    for child in node.children:
        yield from positive_atoms(child)


def marked_atoms(node: Node | None) -> Iterator[Word | Phrase]:
    """What a snippet marks: the positive unfielded words and phrases, and for each positive
    `person:` value its name where it stands whole and its surname alone, as text ("Omar Haddad
    told...", "Haddad said..."): a search for a person shows where the article names them."""
    for atom in positive_atoms(node):
        if atom.field is None:
            yield atom
        elif atom.field == "person" and not (isinstance(atom, Word) and atom.prefix):
            words = atom.text.split()
            if len(words) > 1:
                yield Phrase(atom.text)
            if words:
                yield Word(words[-1])


def replace_words(text: str, replacements: dict[str, str]) -> str:
    """The query text with misspelt words replaced (for "did you mean"), keeping everything else."""

    def swap(m: re.Match[str]) -> str:
        word = m.group(0)
        new = replacements.get(word.lower())
        if new is None:
            return word
        return new.capitalize() if word[:1].isupper() else new

    return re.sub(r"\w+", swap, text)

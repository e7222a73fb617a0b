"""Spelling variants a search treats as one word, on every backend (plain Python, no engine imports).

One home for two rule sets, applied to the query's AST before an engine compiles it
(BaseSearchBackend.search runs `spelled()` once), so Whoosh and PostgreSQL search the same
alternatives and mark them in snippets, and the facets count the same matches:

- British and American spellings: regular families (-ise/-ize, -yse/-yze, -our/-or, -re/-er,
  -ence/-ense, a doubled l before a suffix) and a short list of irregular pairs. A word is searched
  as itself OR its other spelling. The rules only ever ADD an alternative: a rule that produces a
  form no article uses costs one empty term lookup, so the guards below are there to keep two
  different real words apart ("prize" is not "prise", "tour" is not "tor"), not to be exhaustive.
- Compounds: a hyphenated, a spaced and a closed compound are one word. "cease-fire" is searched as
  "ceasefire" OR the phrase "cease fire" (the phrase finds the hyphenated and the spaced forms, as
  both engines split at the hyphen); two adjacent plain words "cease fire" also find "ceasefire"; a
  closed word "ceasefire" also finds the phrase of its two halves when the index holds both halves
  as words (the engine's `known` step says which) and are long enough (SPLIT_MIN below), so
  "southwest" is tried as "south west" only when both are words of the archive, and then matches
  only where they stand side by side.

Why at query time and not in the analysers: the index and the stemmers stay as they are on both
engines (no re-index, no migration, stemming untouched), and each engine already splits a hyphen the
same way, which is all the compound rule needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import product

from archive.search.query import And, Node, Not, Or, Phrase, Spellings, Word

# A closed word is tried as two halves only from this length, each half at least SPLIT_MIN letters.
# Measured on 311 real articles (../shared/realworld and the seeds; bench/SEARCH_BACKENDS.md, "The closed-word
# split on real text"): with halves of 3+ letters and any short first half that is not a word, 26% of
# their English words of 5+ letters got a split both halves of which the archive held ("s|tart",
# "ti|mes", "dec|ember", "washing|ton"), each a phrase on the slower position-checking path; with
# halves of 4+ and the short halves below, 8% (13% against an 82,765-word English list, as a large
# archive would hold), keeping ceasefire, e-mail, co-operate, south-west, policy-making, front-line.
SPLIT_FROM, SPLIT_MIN = 7, 4
# ...and a first half of one or two letters that English writes before a hyphen ("e|mail",
# "co|operate", "re|elect", "x|ray"), from SHORT_SPLIT_FROM letters.
SHORT_SPLIT_FROM = 5
SPLIT_PREFIXES = frozenset(["e", "x", "co", "re"])
# A phrase is given at most this many spellings (the product of its words' variants).
MAX_PHRASE_SPELLINGS = 4
# Only words (and the fields whose words are article text) get variants: names keep their spelling.
TEXT_FIELDS = (None, "title")

_LETTERS = re.compile(r"^[^\W\d_]+$")
_HYPHENATED = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)+$")


@dataclass(frozen=True)
class Family:
    """Words `stem + british` and `stem + american` are one word, for each (british, american) pair
    of suffixes, when the stem matches `stem` and is not one of `unless`."""

    stem: str
    suffixes: tuple[tuple[str, str], ...]
    unless: frozenset[str] = frozenset()

    def other(self, word: str) -> str | None:
        for british, american in self.suffixes:
            for mine, theirs in ((british, american), (american, british)):
                if word.endswith(mine):
                    stem = word[: -len(mine)]
                    if stem not in self.unless and re.fullmatch(self.stem, stem):
                        return stem + theirs
        return None


def _endings(british: str, american: str, endings: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((british + b, american + a) for b, a in endings)


FAMILIES: tuple[Family, ...] = (
    # organise/organize: a stem of 3+ letters; the words always spelt -ise on both sides are kept.
    Family(
        r"[a-z]{3,}",
        _endings(
            "is",
            "iz",
            [(e, e) for e in ("e", "ed", "es", "ing", "ation", "ations", "er", "ers", "able")],
        ),
        frozenset(
            [
                "parad",
                "advert",
                "expert",
                "exerc",
                "merchand",
                "comprom",
                "enterpr",
                "franch",
                "otherw",
                "prem",
                "prom",
                "surpr",
                "superv",
                "telev",
                "rev",
                "dev",
                "improv",
                "chast",
                "compr",
                "desp",
                "disgu",
                "prec",
                "conc",
                "exc",
                "inc",
                "circumc",
                "likew",
                "clockw",
                "treat",
                "pra",
                "cru",
                "bru",
                "tortoi",
                "porpo",
                "turquo",
                "val",
                "mort",
                "rem",
                "dem",
                "repr",
                "appr",
            ]
        ),
    ),
    # analyse/analyze
    Family(r"[a-z]{2,}", _endings("ys", "yz", [(e, e) for e in ("e", "ed", "es", "ing", "er", "ers")])),
    # colour/color, behaviour/behavior: not after a, e, o or u ("tour", "four", "detour" stay).
    Family(
        r"[a-z]{2,}[^aeou]",
        _endings(
            "our",
            "or",
            [
                (e, e)
                for e in ("", "s", "ed", "ing", "ful", "less", "able", "ably", "ite", "ites", "er", "ers")
            ],
        ),
        frozenset(["cont", "det", "dev", "troubad", "param", "vel"]),
    ),
    # centre/center, theatre/theater, metre/meter: a closed list of stems (most -er words have no
    # -re form), with any word before them (epicentre, kilometre, amphitheatre).
    Family(
        r"[a-z]*(?:cent|theat|met|lit|fib|sab|calib|somb|spect|lust|meag|och|mit|nit|goit|sepulch)",
        (("re", "er"), ("res", "ers"), ("red", "ered"), ("ring", "ering")),
    ),
    # defence/defense, offence/offense, licence/license, pretence/pretense.
    Family(r"(?:def|off|lic|pret)", (("ence", "ense"), ("ences", "enses"))),
    # travelled/traveled, cancelling/canceling, modeller/modeler, fuelled/fueled: a doubled l after
    # an unstressed last syllable (a vowel, consonants, a vowel; or two vowels).
    Family(
        r"[a-z]*(?:[aeiou][^aeiou]+[aeiou]|[aeiou][aeiou])",
        (("lled", "led"), ("lling", "ling"), ("ller", "ler"), ("llers", "lers")),
    ),
)

# Pairs no family covers (British first); plurals and -s forms follow.
IRREGULAR: dict[str, str] = {
    "grey": "gray",
    "programme": "program",
    "aluminium": "aluminum",
    "plough": "plow",
    "mould": "mold",
    "jewellery": "jewelry",
    "manoeuvre": "maneuver",
    "judgement": "judgment",
    "ageing": "aging",
    "sceptic": "skeptic",
    "sceptical": "skeptical",
    "scepticism": "skepticism",
    "pyjamas": "pajamas",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "analogue": "analog",
    "counsellor": "counselor",
    "marvellous": "marvelous",
    "woollen": "woolen",
    "fulfil": "fulfill",
    "enrol": "enroll",
    "instalment": "installment",
    "skilful": "skillful",
    "wilful": "willful",
    "paediatric": "pediatric",
    "anaesthetic": "anesthetic",
    "oestrogen": "estrogen",
    "foetus": "fetus",
    "encyclopaedia": "encyclopedia",
    "cheque": "check",
    "tyre": "tire",
}
_IRREGULAR_BOTH = {
    **IRREGULAR,
    **{b: a for a, b in IRREGULAR.items()},
    **{a + "s": b + "s" for a, b in IRREGULAR.items()},
    **{b + "s": a + "s" for a, b in IRREGULAR.items()},
}
# "check" and "tire" are common words with other meanings: only their British forms widen.
_IRREGULAR_BOTH.pop("check"), _IRREGULAR_BOTH.pop("checks"), _IRREGULAR_BOTH.pop("tire")
_IRREGULAR_BOTH.pop("tires")


def spellings(word: str) -> tuple[str, ...]:
    """`word` (lower-cased) and its other spellings, `word` first: "defence" -> ("defence",
    "defense"); a word with no variant -> (word,)."""
    word = word.lower()
    found = [word]
    if _LETTERS.match(word):
        other = _IRREGULAR_BOTH.get(word)
        if other is None:
            other = next((o for f in FAMILIES if (o := f.other(word)) is not None), None)
        if other is not None and other != word:
            found.append(other)
    return tuple(found)


def compound_halves(word: str) -> list[tuple[str, str]]:
    """The ways a closed word might be two words written apart ("ceasefire" -> ("cease", "fire"),
    "email" -> ("e", "mail")): halves of SPLIT_MIN+ letters for words of SPLIT_FROM+ letters, and
    a short first half of SPLIT_PREFIXES."""
    word = word.lower()
    if len(word) < SHORT_SPLIT_FROM or not _LETTERS.match(word):
        return []
    short = [(word[:i], word[i:]) for i in (1, 2) if word[:i] in SPLIT_PREFIXES]
    if len(word) < SPLIT_FROM:
        return short
    return short + [(word[:i], word[i:]) for i in range(SPLIT_MIN, len(word) - SPLIT_MIN + 1)]


# known(words) -> Held: those of `words` the index holds in any form a phrase of them would match, with
# how many articles hold each, and how many articles the index holds (an engine step; estimates where
# an engine keeps no exact count). Pruning the halves never changes what matches, a phrase of an
# unknown word finds nothing anyway; it keeps the phrases (and the phrase budget) to the splits that
# can match, and a query with no such split free of phrases (on Whoosh a phrase takes the slower
# position-checking path: measured +4.5 ms a word at 2,000 articles when short halves were not checked).
#
# A split is also left out when too many articles could hold its halves side by side: checking the
# phrase reads the positions of every article holding both, and at 100,000 generated articles a word
# whose halves are both common ("nosel|mermer", like "some|thing" or "under|stand" in English) went
# from 16 to 278 ms on Whoosh and 143 to 277 ms on PostgreSQL, for one more match. The articles
# holding both are estimated as if the halves were independent (count(a) x count(b) / articles):
# "cease|fire" or "data|base" stay tried in a large archive, "some|thing" does not.
SPLIT_MAX_CANDIDATES = 300


@dataclass(frozen=True)
class Held:
    counts: Mapping[str, int]  # word -> the articles holding it
    articles: int  # the articles in the index

    def splits(self, first: str, second: str) -> bool:
        """Whether "first second" is worth trying as a phrase: both held, few articles hold both."""
        if first not in self.counts or second not in self.counts:
            return False
        articles = max(self.articles, *self.counts.values(), 1)
        return self.counts[first] * self.counts[second] <= SPLIT_MAX_CANDIDATES * articles


NOTHING_HELD = Held({}, 0)
Known = Callable[[set[str]], Held]


def spelled(node: Node | None, known: Known) -> Node | None:
    """The query with each text word and phrase widened to its other spellings and compound forms."""
    if node is None:
        return None
    halves = {h for w in _closed_words(node) for pair in compound_halves(w.text) for h in pair}
    held = known(halves) if halves else NOTHING_HELD
    return _spelled(node, held)


def _closed_words(node: Node) -> list[Word]:
    if isinstance(node, Word):
        return [node] if _widens(node) else []
    if isinstance(node, Phrase):
        return []
    if isinstance(node, Not):
        return _closed_words(node.child)
    return [w for c in node.children for w in _closed_words(c)]


def _widens(node: Word | Phrase) -> bool:
    return node.field in TEXT_FIELDS and not (isinstance(node, Word) and node.prefix)


def _spelled(node: Node, held: Held) -> Node:
    if isinstance(node, Word):
        return _word(node, held) if _widens(node) else node
    if isinstance(node, Phrase):
        return _phrase(node) if _widens(node) else node
    if isinstance(node, Not):
        return Not(_spelled(node.child, held))
    if isinstance(node, Or):
        return Or(tuple(_spelled(c, held) for c in node.children))
    return _pairs(tuple(_spelled(c, held) for c in node.children), node.children)


def _word(node: Word, held: Held) -> Node:
    text = node.text.lower()
    if _HYPHENATED.match(text):
        parts = text.split("-")
        options: list[Node] = [Word("".join(parts), node.field), Phrase(" ".join(parts), node.field)]
    else:
        options = [Word(s, node.field) for s in spellings(text)]
        options += [Phrase(f"{a} {b}", node.field) for a, b in compound_halves(text) if held.splits(a, b)]
    if len(options) == 1:
        return node
    return Spellings(tuple(dict.fromkeys(options)))


def _phrase(node: Phrase) -> Node:
    words = node.text.split()
    if len(words) == 2 and all(_LETTERS.match(w) for w in words):
        joined = Word("".join(words).lower(), node.field)
        return Spellings((_phrase_spellings(node, words), joined))
    return _phrase_spellings(node, words)


def _phrase_spellings(node: Phrase, words: list[str]) -> Node:
    options = [
        Phrase(" ".join(p), node.field)
        for p in list(product(*(spellings(w) if _LETTERS.match(w) else (w,) for w in words)))[
            :MAX_PHRASE_SPELLINGS
        ]
    ]
    options[0] = node  # the phrase as typed keeps its case and punctuation
    return options[0] if len(options) == 1 else Spellings(tuple(options))


def _pairs(spelled: tuple[Node, ...], typed: tuple[Node, ...]) -> Node:
    """An AND's clauses with each pair of adjacent plain words ("cease fire") also matching their
    closed form ("ceasefire"), pairs taken left to right without overlap."""
    out: list[Node] = []
    i = 0
    while i < len(typed):
        a, b = typed[i], typed[i + 1] if i + 1 < len(typed) else None
        if _joinable(a) and _joinable(b) and a.field == b.field:
            both = And((spelled[i], spelled[i + 1]))
            out.append(Spellings((both, Word((a.text + b.text).lower(), a.field))))
            i += 2
        else:
            out.append(spelled[i])
            i += 1
    return out[0] if len(out) == 1 else And(tuple(out))


def _joinable(node: Node | None) -> bool:
    return isinstance(node, Word) and _widens(node) and bool(_LETTERS.match(node.text))

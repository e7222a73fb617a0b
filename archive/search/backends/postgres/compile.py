"""Our query AST -> a PostgreSQL WHERE clause over `archive_searchdoc a` (split from backend.py).

User text never becomes SQL or tsquery syntax: each word is quoted as a tsquery lexeme (quotes and
backslashes escaped) and sent as a bound parameter to to_tsquery(), which normalises it with the
same configuration the articles were indexed with. PostgreSQL returns each atom's normalised tsquery
text in ONE round trip; the tree is then assembled from those texts (PostgreSQL's own output) with
&, |, ! and <->, so the planner sees constants and the GIN index is used.

Words search `search_vector` of the search table (SEARCH_TABLE, backend.py): unstemmed ('parallax_simple') OR
English-stemmed ('parallax_english'); `title:` keeps weight A (the title); prefixes and phrases use the
unstemmed words only (a phrase is the words as written, and keeps its stop words, as Whoosh's common
grams do); `person:` and `source:` match the words of a person's canonical name or an outlet's name
and aliases, in their own tables, so a renamed person or outlet is searched at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.ingest.prose import UNSPACED_CHAR
from archive.search.budget import MAX_PHRASE_WORDS, Budget
from archive.search.query import Node, Not, Or, Phrase, Spellings, Word, marked_atoms, positive_atoms
from archive.search.schema import COMMON_WORDS

SIMPLE, ENGLISH = "parallax_simple", "parallax_english"
# The lexemes of a text `w` in both configurations, as an article's search_vector holds its words;
# params SIMPLE, ENGLISH.
WORD_LEXEMES = "tsvector_to_array(to_tsvector(%s::regconfig, w) || to_tsvector(%s::regconfig, w))"
# What a search reads (migrations 0021-0023): one narrow row per article (id, source_id,
# published_date, year, people, search_vector, gram_vector), kept in step with archive_article by
# triggers.
SEARCH_TABLE = "archive_searchdoc"
TITLE_WEIGHT = "A"  # setweight() of the title in migration 0005_search_vector
# The title's part of search_vector (same configurations, weight and section gap) on its own, indexed
# by migration 0007_search_order_indexes (as 0025_search_vector_as_whoosh left it): which matches hold
# the query in their title, read from that index.
TITLE_VECTOR = "parallax_title_vector(title)"
# A query with more spellings than this in all is ranked as one tsquery (each spelling is a ts_rank
# call for each of up to 1,000 candidates: ranking.py).
RANKED_SPELLINGS = 8
# PostgreSQL's parser reads "-2" in "Geneva-2" (or "+2") as a signed number, the lexeme '-2', where
# Whoosh indexes the word "2": parallax_spaced() (migration 0013_search_parity) and the query words
# put a space after a sign that precedes a digit, so both engines index and search "2".
SIGNED_DIGIT, SIGN_SPACED = "([-+])([0-9])", r"\1 \2"
_SIGNED_DIGIT = re.compile(SIGNED_DIGIT)
_TRUE, _FALSE = ("bool", "TRUE"), ("bool", "FALSE")
_STEMMED_PHRASE = (
    "(SELECT CASE WHEN numnode(x.e) = numnode(x.s) THEN x.s || x.e ELSE x.s END "
    "FROM (SELECT to_tsquery(%s, %s) AS s, to_tsquery(%s, %s) AS e) x)"
)

# A tsquery operator that needs word positions (a phrase: <-> or <N>).
_POSITIONAL = re.compile(r"<(?:-|\d+)>")
# A phrase as PostgreSQL normalises it, when it is a plain chain of quoted words ('a' <-> 'b' ...).
_CHAIN = re.compile(r"'[^'\\]+'(?: <-> '[^'\\]+')+")
_COMMON = frozenset(COMMON_WORDS)
# The longest gram, two words and a space, that parallax_common_grams() stores (its words at most
# 2,045 bytes together: a lexeme holds at most 2,047).
MAX_GRAM_BYTES = 2046


def _common_grams(text: str) -> tuple[str, str, list] | None:
    """A phrase (normalised tsquery text) through the common grams of migration 0022, as a condition:
    a phrase of two words, one of them common, is exactly its gram ("bermerno the": one GIN lookup, no
    vector read); a longer one needs all its grams and its positions checked in the vectors of the
    articles holding them. None when the phrase has no common word (or is not a plain chain)."""
    if not _CHAIN.fullmatch(text):
        return None
    words = [w.strip("'") for w in text.split(" <-> ")]
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False) if a in _COMMON or b in _COMMON]
    if not pairs or any(len(pair.encode()) > MAX_GRAM_BYTES for pair in pairs):
        return None  # no common word, or a pair too long to be a lexeme (never stored as a gram)
    grams = " & ".join(quote(pair) for pair in dict.fromkeys(pairs))
    if len(words) == 2:
        return "bool", "a.gram_vector @@ %s::tsquery", [grams]
    return "bool", "(a.gram_vector @@ %s::tsquery AND a.search_vector @@ %s::tsquery)", [grams, text]


# The article's people ids (migration 0014_article_people, copied to the search table and GIN-indexed
# there by 0021) against the people named so.
PERSON_MATCH = (
    "a.people && ARRAY(SELECT p.id FROM archive_person p "
    "WHERE NOT p.not_a_person AND to_tsvector('parallax_simple'::regconfig, p.name) @@ %s::tsquery)"
)
SOURCE_MATCH = (  # an array, not IN (SELECT ...), as facets.filter_sql's outlets (why: there)
    "a.source_id = ANY(ARRAY(SELECT s.id FROM archive_source s WHERE "
    "to_tsvector('parallax_simple'::regconfig, s.name || ' ' || s.aliases::text) @@ %s::tsquery))"
)


# Words OR phrases, matched apart (Compiler._tree): one condition...
_WORDS_OR_PHRASES = "a.search_vector @@ %s::tsquery OR a.search_vector @@ %s::tsquery"
# ...or, when it is the whole query, the matches of the words, then those of the phrases that the
# words did not match. In one bitmap scan, a page holding one phrase candidate has every match on it
# re-read for positions (PostgreSQL keeps "recheck" per page, not per row): a common word with a
# compound variant ("noselmermer" OR "nosel mermer") took 46 ms that way against 11 ms apart
# (30,000 articles, 65 search rows a page).
_WORDS_THEN_PHRASES = (
    f"(SELECT * FROM {SEARCH_TABLE} a WHERE a.search_vector @@ %s::tsquery UNION ALL "
    f"SELECT * FROM {SEARCH_TABLE} a WHERE a.search_vector @@ %s::tsquery "
    "AND NOT a.search_vector @@ %s::tsquery)"
)


@dataclass(frozen=True)
class Compiled:
    where: str  # SQL over `a`, with %s placeholders
    params: tuple
    rank: str | None  # tsquery text of the positive words and phrases (ranking)
    marks: str | None = None  # what snippets mark: those, and the people's names (query.marked_atoms)
    table: str = SEARCH_TABLE  # what `a` is: the search table, or a part of it (_WORDS_THEN_PHRASES)
    table_params: tuple = ()
    headline: str | None = None  # tsquery text a title holds to be a headline match (_headline)
    # When a word has other spellings: for each word or phrase as typed, its spellings' tsquery texts
    # (_rank_groups), which ranking.py scores apart; () when none has (`rank` is scored whole).
    spellings: tuple[tuple[str, ...], ...] = ()

    def matching(self, conditions: list[str], params: list) -> tuple[str, list]:
        """SQL `<table> a WHERE ...` of the matches that also meet `conditions`, and its params."""
        sql = " AND ".join([f"({self.where})", *conditions])
        return f"{self.table} a WHERE {sql}", [*self.table_params, *self.params, *params]


def _plain_word(atom: Word | Phrase) -> bool:
    """A word of article text, whole, in a spaced script: one the English configuration may drop."""
    return (
        isinstance(atom, Word)
        and atom.field in (None, "title")
        and not atom.prefix
        and not UNSPACED_CHAR.search(atom.text)
    )


def _headline(node: Node, lexemes: dict[int, str], stop: set[int]) -> str | None:
    """tsquery text a title holds when it holds the query (ranking.py ranks those matches first):
    the query's own ANDs and ORs over its words and phrases of article text, leaving out what a
    title cannot be asked for or should not decide: excluded words, `person:` and `source:`
    values, prefixes (Whoosh gives them no title clause either) and the English stop words, so
    "the bridge collapse" asks the title for "bridge" and "collapse". None when nothing is left."""
    if isinstance(node, Word | Phrase):
        keep = node.field in (None, "title") and id(node) not in stop
        keep = keep and not (isinstance(node, Word) and node.prefix)
        text = lexemes.get(id(node)) if keep else None
        return f"({text})" if text else None
    if isinstance(node, Not):
        return None
    parts = [p for p in (_headline(c, lexemes, stop) for c in node.children) if p]
    return f"({(' | ' if isinstance(node, Or) else ' & ').join(parts)})" if parts else None


def _rank_groups(node: Node, lexemes: dict[int, str]) -> list[tuple[str, ...]]:
    """The query's positive words and phrases as ranking reads them: a group for each as typed,
    holding the tsquery text of each of its spellings (variants.Spellings). ts_rank averages over every
    lexeme of its query, so one tsquery of all the spellings lowered an article using the typed
    spelling six times below one using "cease-fires" once, whose parts are more lexemes of it."""
    if isinstance(node, Not):
        return []
    if isinstance(node, Spellings | Word | Phrase):
        texts = tuple(dict.fromkeys(_spelling_texts(node, lexemes)))
        return [texts] if texts else []
    return [group for child in node.children for group in _rank_groups(child, lexemes)]


def _spelling_texts(node: Node, lexemes: dict[int, str]) -> list[str]:
    """One spelling's tsquery text for ranking (a spelling of two words, "cease" AND "fire", is both),
    or those of each spelling it holds."""
    if isinstance(node, Spellings):
        return [text for child in node.children for text in _spelling_texts(child, lexemes)]
    text = _any_of(_ranked(node, lexemes))
    return [text] if text else []


def _ranked(node: Node, lexemes: dict[int, str]) -> list[str]:
    """The tsquery texts of the positive words and phrases ranking reads (article text and titles)."""
    return [lexemes.get(id(a), "") for a in positive_atoms(node) if a.field in (None, "title")]


def _any_of(texts: list[str]) -> str | None:
    """tsquery text matching any of `texts` (each once, empty ones left out); None for none."""
    return " | ".join(f"({t})" for t in dict.fromkeys(t for t in texts if t)) or None


def _marked(atom: Word | Phrase) -> tuple[str, tuple]:
    """SQL giving the tsquery of a name a snippet marks (query.marked_atoms): its words in order, as
    written or English-stemmed (outside the phrase budget: it matches nothing, it only marks)."""
    words = UNSPACED_CHAR.sub(r" \g<0> ", atom.text).split()[:MAX_PHRASE_WORDS] or [atom.text]
    text = " <-> ".join(quote(w) for w in words)
    return _STEMMED_PHRASE, (SIMPLE, text, ENGLISH, text)


def quote(word: str, suffix: str = "") -> str:
    """`word` as one quoted tsquery operand (its own quotes and backslashes escaped), then `suffix`
    (':*' for a prefix, ':A' for the title weight)."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'" + suffix


class Compiler:
    """Compiles one request's AST within its Budget, using `cursor` to normalise the atoms."""

    def __init__(self, cursor, budget: Budget) -> None:
        self.cursor = cursor
        self.budget = budget
        self._phrases = 0

    def compile(self, node: Node | None) -> Compiled | None:
        """None for an empty query (every article)."""
        if node is None:
            return None
        atoms: list[tuple[Word | Phrase, str, tuple]] = []  # (atom, SQL giving its tsquery, params)
        self._collect(node, atoms)
        seen = {id(atom) for atom, _, _ in atoms}
        marking = [(a, *_marked(a)) for a in marked_atoms(node) if id(a) not in seen]  # people's names
        # Each plain word as the English configuration reads it: '' for one of its stop words.
        plain = [a for a in positive_atoms(node) if _plain_word(a)]
        english = [("to_tsquery(%s, %s)", (ENGLISH, quote(a.text))) for a in plain]
        texts = self._normalise([(sql, params) for _, sql, params in atoms + marking] + english)
        texts, stems = texts[: len(texts) - len(english)], texts[len(texts) - len(english) :]
        lexemes = {id(atom): text for (atom, _, _), text in zip(atoms + marking, texts, strict=True)}
        stop = {id(a) for a, stem in zip(plain, stems, strict=True) if not stem}
        kind, sql, params = self._tree(node, lexemes)
        table, table_params = SEARCH_TABLE, ()
        if kind == "tsq":
            sql, params = "a.search_vector @@ %s::tsquery", (sql,)
        elif sql == _WORDS_OR_PHRASES:
            words, phrases = params
            table, table_params, sql, params = _WORDS_THEN_PHRASES, (words, phrases, words), "TRUE", ()
        ranked = _ranked(node, lexemes)
        rank = _any_of(ranked)
        marks = _any_of(ranked + [lexemes[id(a)] for a, _, _ in marking])
        headline = _headline(node, lexemes, stop) or rank
        groups = tuple(_rank_groups(node, lexemes))
        spelt = any(len(group) > 1 for group in groups) and sum(map(len, groups)) <= RANKED_SPELLINGS
        spellings = groups if spelt else ()
        return Compiled(sql, tuple(params), rank, marks, table, table_params, headline, spellings)

    # ---- atoms -------------------------------------------------------------------------------
    def _collect(self, node: Node, atoms: list) -> None:
        if isinstance(node, Word | Phrase):
            atoms.append((node, *self._atom(node)))
        elif isinstance(node, Not):
            self._collect(node.child, atoms)
        else:
            for child in node.children:
                self._collect(child, atoms)

    def _atom(self, node: Word | Phrase) -> tuple[str, tuple]:
        weight = f":{TITLE_WEIGHT}" if node.field == "title" else ""
        if isinstance(node, Word) and node.prefix:
            return "to_tsquery(%s, %s)", (SIMPLE, quote(node.text, ":*" + weight.lstrip(":")))
        # Each character of an unspaced script is a word of its own (parallax_spaced() in the
        # migration does the same to the articles): "渡轮" is the phrase of its two characters.
        text = _SIGNED_DIGIT.sub(SIGN_SPACED, node.text) if node.field in (None, "title") else node.text
        words = UNSPACED_CHAR.sub(r" \g<0> ", text).split()
        if len(words) == 1 or (isinstance(node, Word) and not UNSPACED_CHAR.search(text)):
            if node.field in ("person", "source"):
                return "to_tsquery(%s, %s)", (SIMPLE, quote(text))
            q = quote(text, weight)
            return "(to_tsquery(%s, %s) || to_tsquery(%s, %s))", (SIMPLE, q, ENGLISH, q)
        if len(words) > MAX_PHRASE_WORDS:
            self.budget.note(f"Long phrases were cut to their first {MAX_PHRASE_WORDS} words.")
            words = words[:MAX_PHRASE_WORDS]
        joiner = " <-> "
        if self._phrases >= self.budget.phrases:
            # Each phrase re-reads the positions of every article holding its words: past the budget
            # a phrase matches its words anywhere, as on the Whoosh backend.
            self.budget.note(
                f"Only the first {self.budget.phrases} phrases were matched word for word; "
                "the others match their words anywhere in an article."
            )
            joiner = " & "
        else:
            self._phrases += 1
        text = joiner.join(quote(w, weight) for w in words)
        # A phrase matches other forms of its words, as on Whoosh (whose phrases are stemmed), unless
        # the English configuration drops some of its words as stop words: then as written.
        return _STEMMED_PHRASE, (SIMPLE, text, ENGLISH, text)

    def _normalise(self, atoms: list[tuple[str, tuple]]) -> list[str]:
        """Each atom's tsquery as PostgreSQL normalises it ('' when it holds no word). The same
        statement turns sequential scans off for the rest of the transaction: the planner does not
        count the cost of reading each article's vector out of TOAST, so for a query with words it
        preferred a sequential scan reading every vector to the GIN index (158 ms against 2.6 ms for a
        common word at 10,000 articles). An empty query keeps the planner's own choices."""
        if not atoms:
            return []
        columns = ", ".join(f"({sql})::text" for sql, _ in atoms)
        self.cursor.execute(
            f"SELECT set_config('enable_seqscan', 'off', true), {columns}",
            [p for _, params in atoms for p in params],
        )
        return list(self.cursor.fetchone())[1:]

    # ---- the tree ----------------------------------------------------------------------------
    def _tree(self, node: Node, lexemes: dict[int, str]) -> tuple[str, str, list]:
        """(kind, sql, params): kind "tsq" is tsquery text (sql is the text, no params), "bool" a
        predicate over `a`."""
        if isinstance(node, Word | Phrase):
            text = lexemes[id(node)]
            if not text:
                return (*_FALSE, [])  # nothing searchable in it (punctuation): matches nothing
            if node.field == "person":
                return "bool", PERSON_MATCH, [text]
            if node.field == "source":
                return "bool", SOURCE_MATCH, [text]
            if node.field is None and (grams := _common_grams(text)):
                return grams
            return "tsq", text, []
        if isinstance(node, Not):
            kind, sql, params = self._tree(node.child, lexemes)
            if kind == "tsq":
                return "tsq", f"!({sql})", []
            return "bool", "TRUE" if sql == "FALSE" else "FALSE" if sql == "TRUE" else f"NOT ({sql})", params
        children = [self._tree(c, lexemes) for c in node.children]
        empty, absorbing = (_FALSE, _TRUE) if isinstance(node, Or) else (_TRUE, _FALSE)
        if any((k, s) == absorbing for k, s, _ in children):
            return (*absorbing, [])
        children = [c for c in children if (c[0], c[1]) != empty]
        if not children:
            return (*empty, [])
        if all(kind == "tsq" for kind, _, _ in children):
            op = " | " if isinstance(node, Or) else " & "
            positional = [c for c in children if _POSITIONAL.search(c[1])]
            if isinstance(node, Or) and positional and len(positional) < len(children):
                # One tsquery holding a phrase makes PostgreSQL re-read every match's vector out of TOAST
                # to check positions, even the matches of its plain words ("noselmermer | nosel <->
                # mermer": 365 against 123 ms at 100,000 articles): the words and the phrases are
                # matched apart, so only the phrases' candidates are re-read.
                plain = [c for c in children if c not in positional]
                return (
                    "bool",
                    _WORDS_OR_PHRASES,
                    [
                        op.join(f"({sql})" for _, sql, _ in plain),
                        op.join(f"({sql})" for _, sql, _ in positional),
                    ],
                )
            return "tsq", op.join(f"({sql})" for _, sql, _ in children), []
        op = " OR " if isinstance(node, Or) else " AND "
        parts, params = [], []
        for kind, sql, p in children:
            if kind == "tsq":
                parts.append("a.search_vector @@ %s::tsquery")
                params.append(sql)
            else:
                parts.append(f"({sql})")
                params += p
        return "bool", op.join(parts), params

"""Our query AST -> Whoosh queries, for one request, within its Budget (split from backend.py).

Prefixes expand over the index's UNSTEMMED words (the catch-all's spelling field) and each word found
becomes its stem: `country*` reaches "countryside" (stem "countrysid"), which no stem of "country"
("countri") starts. The expansion is capped per prefix and per query (archive.search.budget), and a
cut is said in a notice. Phrases past the budget match their words in any order, also with a notice.
"""

from __future__ import annotations

from itertools import islice

from whoosh import query

from archive.search import schema as spec
from archive.search.backends.whoosh.schema import (
    ALL_FIELD,
    NAME_GRAM_WORDS,
    NAME_KEYS,
    PLAIN_ANALYZER,
    PREFIX_FIELD,
    PREFIX_MAX,
    PREFIX_MIN,
    common_grams,
    name_words,
    stem,
)
from archive.search.budget import MAX_PHRASE_WORDS, PREFIX_WORDS, Budget
from archive.search.query import Node, Not, Or, Phrase, Word, marked_atoms, positive_atoms

# Snippets mark at most this many of the query's terms, the rarest first: each costs a walk through
# its postings to the page's documents (32 common words spent 0.7 s there at 10,000 articles).
HIGHLIGHT_WORDS = 12


class Negated:
    """A compiled clause to exclude (Whoosh wants exclusions as AndNot on a positive query)."""

    def __init__(self, q) -> None:
        self.q = q


class Compiler:
    """Compiles one request's AST against `reader`, remembering each atom's query so the match pass,
    the ranking pass and the highlighter share one expansion (and spend the budget once)."""

    def __init__(self, schema, reader, budget: Budget) -> None:
        self.schema = schema
        self.reader = reader
        self.budget = budget
        self.words_field = schema[ALL_FIELD].spelling_fieldname(ALL_FIELD)
        self._memo: dict[tuple[str, Word | Phrase], object] = {}
        self._phrases: set[Phrase] = set()
        self._share: int | None = None  # words each prefix of the query may expand to
        self._expanded: dict[tuple[str, str], list[str]] = {}  # (words field, prefix) -> words

    def compile(self, node: Node | None, rank: bool = False):
        """A Whoosh query; None means "every document". `rank` adds the RANK_FIELDS clauses: the same
        matches, scored with the title boost (for ordering a page only)."""
        if node is None:
            return None
        if self._share is None:
            # The query's allowance of prefix words is shared out equally, so that the last of 32
            # prefixes is not left with nothing by the first ones.
            prefixes = sum(
                1 for a in positive_atoms(node) if isinstance(a, Word) and a.prefix and _expands(a)
            )
            self._share = min(PREFIX_WORDS, self.budget.prefix_words // max(1, prefixes))
        compiled = self._node(node, rank)
        if isinstance(compiled, Negated):
            return query.And([query.Every(), query.Not(compiled.q)])
        return compiled

    def _node(self, node: Node, rank: bool):
        if isinstance(node, Word | Phrase):
            # A prefix ranks by its matches alone: a title clause would double the words it reads.
            ranks = rank and not (isinstance(node, Word) and node.prefix)
            names = spec.QUERY_FIELDS[node.field] + (spec.RANK_FIELDS.get(node.field, ()) if ranks else ())
            parts = [p for p in (self.field_query(f, node) for f in names) if p is not None]
            if not parts:
                return query.NullQuery
            return parts[0] if len(parts) == 1 else query.Or(parts)
        if isinstance(node, Not):
            inner = self._node(node.child, False)
            return Negated(inner.q if isinstance(inner, Negated) else inner)
        children = [self._node(c, rank) for c in node.children]
        if isinstance(node, Or):
            return query.Or([query.Not(c.q) if isinstance(c, Negated) else c for c in children])
        positives = [c for c in children if not isinstance(c, Negated)]
        negatives = [c.q for c in children if isinstance(c, Negated)]
        if not positives:
            return Negated(query.Or(negatives))
        if not negatives:
            return query.And(positives)
        return query.AndNot(query.And(positives), query.Or(negatives))

    def field_query(self, fieldname: str, node: Word | Phrase):
        key = (fieldname, node)
        if key not in self._memo:
            self._memo[key] = self._field_query(fieldname, node)
        return self._memo[key]

    def _field_query(self, fieldname: str, node: Word | Phrase):
        analyzer = self.schema[fieldname].analyzer
        if isinstance(node, Word) and node.prefix:
            return self._prefix(fieldname, node.text)
        if fieldname in NAME_KEYS:
            # A name or a run of its words is one term of the name parts (no positions to check).
            words = name_words(node.text)
            if 0 < len(words) <= NAME_GRAM_WORDS:
                return query.Term(NAME_KEYS[fieldname], " ".join(words))
        words = [t.text for t in analyzer(node.text, mode="query")]
        if not words:
            return None
        if len(words) > 1:
            words = self._phrase_words(node, words)
        if len(words) == 1:
            return query.Term(fieldname, words[0])
        if (
            isinstance(node, Phrase)
            and node not in self._phrases
            and len(self._phrases) >= self.budget.phrases
        ):
            self.budget.note(
                f"Only the first {self.budget.phrases} phrases were matched word for word; "
                "the others match their words anywhere in an article."
            )
            return query.And([query.Term(fieldname, w) for w in dict.fromkeys(words)])
        if isinstance(node, Phrase):
            self._phrases.add(node)
        if fieldname == ALL_FIELD:
            words = common_grams(words)
        return query.Term(fieldname, words[0]) if len(words) == 1 else query.Phrase(fieldname, words)

    def _phrase_words(self, node: Word | Phrase, words: list[str]) -> list[str]:
        if len(words) <= MAX_PHRASE_WORDS:
            return words
        self.budget.note(f"Long phrases were cut to their first {MAX_PHRASE_WORDS} words.")
        return words[:MAX_PHRASE_WORDS]

    def _prefix(self, fieldname: str, text: str):
        """The words of `fieldname` starting with `text`, as an OR of their indexed forms."""
        head = prefix_head(text)
        if not head:
            return None
        if fieldname == ALL_FIELD and PREFIX_MIN <= len(head) <= PREFIX_MAX:
            return query.Term(PREFIX_FIELD, head)
        stemmed = self.schema[fieldname].analyzer.has_morph()
        source = self.words_field if stemmed else fieldname
        found = self._expansion(source, head)
        terms = list(dict.fromkeys(stem(w) for w in found)) if stemmed else found
        if not terms:
            return query.NullQuery
        clauses = [query.Term(fieldname, t) for t in terms]
        return clauses[0] if len(clauses) == 1 else query.Or(clauses)

    def _expansion(self, source: str, head: str) -> list[str]:
        """The first words of field `source` starting with `head`, within the budget (charged once
        per prefix, however many fields it is searched in)."""
        key = (source, head)
        if key not in self._expanded:
            cap = max(0, min(self._share or PREFIX_WORDS, self.budget.prefix_words))
            found = [b.decode() for b in islice(self.reader.expand_prefix(source, head), cap + 1)]
            if len(found) > cap:
                found = found[:cap]
                self.budget.note(f"Showing the matches of the first {cap:,} words starting with “{head}”.")
            self.budget.prefix_words -= len(found)
            self._expanded[key] = found
        return self._expanded[key]

    def highlight_terms(self, node: Node | None) -> list[tuple[str, ...]]:
        """What a snippet marks, as catch-all terms, of the query's positive unfielded words and
        phrases and its people's names (query.marked_atoms): a word as (term,), marked wherever it
        stands; a phrase as its terms in order, marked only where they stand together as the phrase
        matched them (its common grams mark just its real occurrences), so `"prisoner swap"` leaves a
        lone "prisoners" unmarked and the split of
        `ceasefire` a lone "fired". At most HIGHLIGHT_WORDS distinct terms, the cheapest entries first
        (a phrase costs the walks of all its terms: the articles holding each, summed)."""
        entries: list[tuple[str, ...]] = []
        for atom in marked_atoms(node):
            q = self.field_query(ALL_FIELD, atom)
            if isinstance(q, query.Term) and q.fieldname == PREFIX_FIELD:
                continue  # marked where the page's bodies hold it (highlight_prefixes)
            if isinstance(q, query.Phrase):
                entries.append(tuple(q.words))
            elif isinstance(q, query.Term):
                entries.append((q.text,))
            elif isinstance(q, query.Or | query.And):  # a prefix's words, or a phrase past the budget
                entries += [(leaf.text,) for leaf in q.leaves() if isinstance(leaf, query.Term)]
        entries = list(dict.fromkeys(entries))
        terms = {t for entry in entries for t in entry}
        if len(terms) <= HIGHLIGHT_WORDS:
            return entries
        rarity = {t: self.reader.doc_frequency(ALL_FIELD, t) for t in terms}
        # A spelling or a split no article holds marks nothing: it must not take a held word's place.
        entries = [e for e in entries if all(rarity[t] for t in e)]
        kept: list[tuple[str, ...]] = []
        read: set[str] = set()
        for entry in sorted(entries, key=lambda e: sum(rarity[t] for t in e)):
            if len(read | set(entry)) <= HIGHLIGHT_WORDS:
                kept.append(entry)
                read |= set(entry)
        return kept


def prefix_head(text: str) -> str:
    """The normalised word a prefix query begins with ("Négociat" -> "negociat"; "" if none)."""
    typed = [t.text for t in PLAIN_ANALYZER(text)]
    return typed[-1] if typed else ""


def _expands(atom: Word) -> bool:
    """Whether a prefix is expanded over the words (not looked up as one term of PREFIX_FIELD)."""
    head = prefix_head(atom.text)
    return atom.field is not None or not PREFIX_MIN <= len(head) <= PREFIX_MAX


def highlight_prefixes(node: Node | None) -> list[str]:
    """The normalised heads of the query's positive unfielded prefixes (`con*` -> "con")."""
    heads = []
    for atom in positive_atoms(node):
        if isinstance(atom, Word) and atom.prefix and atom.field is None:
            heads.append(prefix_head(atom.text))
    return [h for h in dict.fromkeys(heads) if h]


def has_phrase(q) -> bool:
    return any(isinstance(leaf, query.Phrase) for leaf in q.leaves())

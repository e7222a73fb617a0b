"""Names in a query read through a resolver (plain Python over the query's AST; split from query.py).

The glue (archive/searching.py) passes the archive's person lookup as `resolve`; the engine package
never reads the archive's people itself. Two rewrites: a field value typed in another spelling is
replaced by the archive's name for it (`resolve_field_values`), and plain words that name someone also
match that name in the field (`widen_name_runs`).
"""

from __future__ import annotations

from collections.abc import Callable

from archive.ingest.transliteration import CASED_SCRIPTS, script_of
from archive.search.query import And, Node, Not, Or, Phrase, Word

# A field word takes at most this many plain words after it as one value ("person:Abdel Fattah
# al-Sisi" is four words; longer runs are not names).
MAX_VALUE_RUN = 4
# Runs of plain words looked up as a name, at most (each is a lookup in the archive's people).
MAX_NAME_LOOKUPS = 12

Resolver = Callable[[str], str | None]


def resolve_field_values(node: Node | None, fieldname: str, resolve: Resolver) -> Node | None:
    """The query with each value of `fieldname` replaced by `resolve(value)` where that returns a
    string (an alias to its canonical name). A field word followed by plain words is also tried
    as one value with them, longest first: "person:Sergey Lavrov" typed without quotes means the
    person "Sergey Lavrov", not "Sergey" among people and "Lavrov" anywhere."""
    if node is None:
        return None
    if isinstance(node, Word | Phrase):
        return _resolved(node, fieldname, resolve, node.text) or node
    if isinstance(node, Not):
        return Not(resolve_field_values(node.child, fieldname, resolve) or node.child)
    if isinstance(node, Or):
        return Or(tuple(resolve_field_values(c, fieldname, resolve) or c for c in node.children))
    children: list[Node] = []
    i = 0
    while i < len(node.children):
        taken, resolved = _resolve_run(node.children, i, fieldname, resolve)
        children.append(resolved)
        i += taken
    return children[0] if len(children) == 1 else And(tuple(children))


def _resolve_run(children: tuple[Node, ...], i: int, fieldname: str, resolve: Resolver) -> tuple[int, Node]:
    """(how many clauses were used, the resolved clause) from children[i]: a field word with up to
    MAX_VALUE_RUN plain words after it, when the run names something, else children[i] alone."""
    child = children[i]
    if isinstance(child, Word) and child.field == fieldname and not child.prefix:
        for n in range(MAX_VALUE_RUN, 0, -1):
            run = children[i + 1 : i + 1 + n]
            if len(run) == n and all(_is_plain_word(w) for w in run):
                joined = _resolved(child, fieldname, resolve, " ".join([child.text, *(w.text for w in run)]))
                if joined is not None:
                    return n + 1, joined
    return 1, resolve_field_values(child, fieldname, resolve) or child


def _is_plain_word(node: Node) -> bool:
    return isinstance(node, Word) and node.field is None and not node.prefix


def _named_alone(text: str) -> bool:
    """Whether a word typed alone may be a surname to look up: capitalised, in a cased script other
    than Latin ("Лавров", "Λαβρόφ"). Not in Latin (price, brown, rice are words first), not in a
    caseless script, and not in lower case: "мир" (peace) would be Hamid Mir, "май" (May) Theresa May."""
    return script_of(text) in CASED_SCRIPTS - {"LATIN"} and text[:1].isupper()


def _resolved(node: Word | Phrase, fieldname: str, resolve: Resolver, text: str) -> Node | None:
    if node.field != fieldname or (isinstance(node, Word) and node.prefix):
        return None
    name = resolve(text)
    return _value(name, fieldname) if name else None


def _value(name: str, fieldname: str) -> Word | Phrase:
    """A name as the value of `fieldname`: a phrase when it has several words."""
    return Phrase(name, fieldname) if " " in name.strip() else Word(name, fieldname)


def widen_name_runs(
    node: Node | None,
    fieldname: str,
    resolve: Resolver,
    resolve_word: Resolver,
    widened: list[tuple[str, str]] | None = None,
) -> Node | None:
    """The query with each run of 2 to MAX_VALUE_RUN plain words (or an unfielded phrase) that
    `resolve` reads as a full name also matching that name in `fieldname`: `Sergey Lavrov` typed as
    words finds the articles naming the person the archive calls "Sergei Lavrov", as well as the
    words themselves. A plain word alone is tried too, through `resolve_word`, when it is not in
    Latin script: `Лавров` also finds the articles naming the person the archive spells Lavrov. A
    Latin word alone never is: many surnames are common words (Price, Brown, Rice) that would bring
    in every article naming such a person. A run is not read by its surname alone (`Лавров Керри` is
    two people, not one named by the last word). Longest runs first, at most MAX_NAME_LOOKUPS of them
    tried. Each (text, name) widened is appended to `widened` when given."""
    tries = [MAX_NAME_LOOKUPS]

    def lookup(resolver: Resolver) -> Resolver:
        def named(text: str) -> str | None:
            if tries[0] <= 0:
                return None
            tries[0] -= 1
            name = resolver(text)
            if name is not None and widened is not None:
                widened.append((text, name))
            return name

        return named

    return _widened(node, fieldname, lookup(resolve), lookup(resolve_word))


def _widened(node: Node | None, fieldname: str, named: Resolver, word_named: Resolver) -> Node | None:
    if node is None:
        return None
    if isinstance(node, Word):
        name = word_named(node.text) if _is_plain_word(node) and _named_alone(node.text) else None
        return Or((node, _value(name, fieldname))) if name else node
    if isinstance(node, Phrase):
        name = named(node.text) if node.field is None and len(node.text.split()) > 1 else None
        return Or((node, Phrase(name, fieldname))) if name else node
    if isinstance(node, Not):
        return node
    if isinstance(node, Or):
        return Or(tuple(_widened(c, fieldname, named, word_named) or c for c in node.children))
    children: list[Node] = []
    i = 0
    while i < len(node.children):
        for n in range(min(MAX_VALUE_RUN, len(node.children) - i), 1, -1):
            run = node.children[i : i + n]
            if all(_is_plain_word(w) for w in run):
                name = named(" ".join(w.text for w in run))  # type: ignore[union-attr]
                if name:
                    children.append(Or((And(run), Phrase(name, fieldname))))
                    i += n
                    break
        else:
            child = node.children[i]
            children.append(_widened(child, fieldname, named, word_named) or child)
            i += 1
    return children[0] if len(children) == 1 else And(tuple(children))

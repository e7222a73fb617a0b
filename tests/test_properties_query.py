"""Properties of the query parser: it never raises on any text, its cleaned text reads back to the
same query, and a query written out from its tree parses back to that tree."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from archive.search.query import And, Not, Or, ParsedQuery, Phrase, Word, parse_query

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäéø0123456789", min_size=1, max_size=10)
fields = st.sampled_from([None, "title", "source", "person"])


@st.composite
def atoms(draw) -> str:
    field = draw(fields)
    prefix = f"{field}:" if field else ""
    kind = draw(st.sampled_from(["word", "prefix", "phrase"]))
    if kind == "phrase":
        return f'{prefix}"{" ".join(draw(st.lists(words, min_size=1, max_size=4)))}"'
    word = draw(words)
    return f"{prefix}{word}{'*' if kind == 'prefix' else ''}"


@st.composite
def queries(draw) -> str:
    """Query text in the documented language: atoms, -negation, OR, from:/to: dates."""
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        atom = draw(atoms())
        parts.append(draw(st.sampled_from([atom, f"-{atom}", f"NOT {atom}"])))
        if draw(st.booleans()):
            parts.append("OR")
    if draw(st.booleans()):
        parts.append(f"from:{draw(st.integers(1990, 2030))}")
    if draw(st.booleans()):
        parts.append(f"to:{draw(st.integers(1990, 2030))}-{draw(st.integers(1, 12)):02}")
    return " ".join(parts)


def written(node) -> str:
    """A query tree as query text."""
    if isinstance(node, Word):
        field = f"{node.field}:" if node.field else ""
        return f"{field}{node.text}*" if node.prefix else f'{field}"{node.text}"'
    if isinstance(node, Phrase):
        return f'{node.field + ":" if node.field else ""}"{node.text}"'
    if isinstance(node, Not):
        return f"-{written(node.child)}"
    if isinstance(node, Or):
        return " OR ".join(written(child) for child in node.children)
    assert isinstance(node, And)
    return " ".join(written(child) for child in node.children)


def same_query(a: ParsedQuery, b: ParsedQuery) -> bool:
    return (a.node, a.date_from, a.date_to) == (b.node, b.date_from, b.date_to)


@given(st.text(max_size=700))
def test_parsing_any_text_never_raises(text):
    parsed = parse_query(text)
    assert all(isinstance(notice, str) for notice in parsed.notices)


@given(st.text(max_size=700))
def test_the_cleaned_text_of_any_query_reads_back_to_the_same_query(text):
    parsed = parse_query(text)
    again = parse_query(parsed.text)
    assert same_query(again, parsed) and again.text == parsed.text


@given(queries())
def test_a_query_written_out_from_its_tree_parses_back_to_that_tree(text):
    parsed = parse_query(text)
    dates = [
        f"from:{parsed.date_from}" if parsed.date_from else "",
        f"to:{parsed.date_to}" if parsed.date_to else "",
    ]
    rewritten = " ".join([written(parsed.node) if parsed.node else "", *dates]).strip()
    assert same_query(parse_query(rewritten), parsed)

"""Snippets cut in Python: the shared passage cutter and the PostgreSQL backend's reading of its
tsquery text (no database needed for either)."""

from __future__ import annotations

import re

from archive.search.backends.postgres.highlight import Term, phrases
from archive.search.snippets import FRAGMENT_DELIMITER, SNIPPET_CHARS, passages


def _spans(body: str, word: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(rf"\b{word}\b", body)]


def test_a_passage_marks_each_match_and_escapes_the_text():
    body = "Talks <in> the harbour town resumed on Monday & the ferry waited."
    html = passages(body, _spans(body, "ferry"))
    assert "<mark>ferry</mark>" in html and "&lt;in&gt;" in html and "&amp;" in html


def test_neighbouring_matches_become_one_mark():
    body = "The Bank of England raised its rate."
    spans = _spans(body, "Bank") + _spans(body, "of") + _spans(body, "England")
    assert "<mark>Bank of England</mark>" in passages(body, spans)


def test_passages_start_and_end_on_whole_words():
    body = " ".join(f"word{i}" for i in range(200)) + " harbour " + " ".join(f"tail{i}" for i in range(200))
    html = passages(body, _spans(body, "harbour"))
    text = re.sub(r"<[^>]+>", "", html)
    assert text.startswith("… ") and text.endswith(" …")  # cut from inside the body, and said so
    words = text.split()[1:-1]
    assert words[0] in body.split() and words[-1] in body.split()
    assert len(text) <= SNIPPET_CHARS + 4


def test_a_passage_at_the_body_s_start_or_end_has_no_ellipsis_there():
    assert passages("Harbour dues rose.", [(0, 7)]) == "<mark>Harbour</mark> dues rose."
    body = " ".join(f"word{i}" for i in range(100)) + " harbour"
    html = passages(body, _spans(body, "harbour"))
    assert html.startswith("… ") and html.endswith("<mark>harbour</mark>")


def test_the_passages_with_most_matches_are_kept_in_the_body_s_order():
    filler = " ".join(["filler"] * 80)
    body = f"alpha {filler} beta beta beta {filler} gamma gamma {filler} delta"
    spans = [m.span() for m in re.finditer(r"alpha|beta|gamma|delta", body)]
    html = passages(body, spans)
    parts = html.split(FRAGMENT_DELIMITER)
    assert len(parts) == 2 and "beta" in parts[0] and "gamma" in parts[1]


def test_no_spans_give_no_passage():
    assert passages("Nothing matched here.", []) == ""


def test_tsquery_text_is_read_as_words_and_phrases():
    found = phrases("( 'geneva' <-> '2' | 'genev' <-> '2' ) & 'talk':* | 'o''neil':A")
    assert found == [
        (Term("geneva", False, 0), Term("2", False, 1)),
        (Term("genev", False, 0), Term("2", False, 1)),
        (Term("talk", True, 0),),
        (Term("o'neil", False, 0),),
    ]


def test_a_phrase_keeps_the_distance_of_a_dropped_stop_word():
    assert phrases("'bank' <2> 'england'") == [(Term("bank", False, 0), Term("england", False, 2))]


def test_negated_words_and_brackets_are_not_marked():
    assert phrases("'ferry' & !'harbour' & !( 'storm' <-> 'surge' )") == [(Term("ferry", False, 0),)]
    assert phrases(None) == []


def test_the_parts_of_a_compound_are_one_mark():
    body = "Both sides agreed to local cease-fires in the north."
    spans = _spans(body, "cease") + _spans(body, "fires")
    assert "<mark>cease-fires</mark>" in passages(body, spans)

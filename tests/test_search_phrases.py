"""Phrases and ranking over the catch-all text field: stop words are found through common grams
(pairs indexed as one term), so these check that a phrase still means exactly "these words, in this
order, next to each other", that sections of the text never join into a phrase, and that the title
boost survives the single field."""

from __future__ import annotations

import re

import pytest

from tests.fixtures_search import store_articles

EXTRA = (
    (101, "Quarterly rates", "A statement by the bank of england on rates went up."),
    (102, "Lending survey", "The bank said england of all places would lend more."),
    (103, "Bank in england", "Nothing else happened at the bank in England that week."),
    (104, "Harvest festival opens", "Crowds arrived early on Saturday."),
    (105, "Weekend events", "A harvest market and a harvest parade, then music."),
    (106, "Border deal", "Both sides agreed a prisoner swap at the border. Some prisoners had waited years."),
    (107, "Night in the square", "The ceasefire began at noon; by dusk police fired tear gas."),
    (108, "Truce in the north", "A cease-fire was agreed in the north on Friday."),
)


@pytest.fixture
def run(search_backend, run_search):
    store_articles(search_backend, EXTRA)
    return lambda text: run_search(text, per_page=50)


def ids(page) -> set[int]:
    return {hit.id for hit in page.hits}


def test_a_phrase_with_a_stop_word_matches_only_the_words_side_by_side_in_order(run):
    assert ids(run('"bank of england"')) == {101}
    assert ids(run('"england of"')) == {102}
    assert ids(run('"the bank said"')) == {102}
    assert ids(run('"bank in england"')) == {103}
    assert ids(run('"bank on england"')) == set()


def test_a_phrase_with_a_stop_word_that_forms_no_grams_is_exact_too(run):
    assert ids(run('"happened at the bank"')) == {103}
    assert ids(run('"said at the bank"')) == set()


def test_a_phrase_of_stop_words_only_still_needs_them_together(run):
    assert ids(run('"by the"')) == {101}
    assert ids(run('"of all"')) == {102}


def test_a_phrase_never_joins_the_end_of_the_body_to_the_title(run):
    assert ids(run('"went up quarterly"')) == set()
    assert ids(run('"went up"')) == {101}


def test_a_headline_match_ranks_above_a_body_match(run):
    hits = run("harvest").hits
    assert [h.id for h in hits] == [104, 105]


def test_a_phrase_snippet_marks_the_phrase_and_not_its_stop_words_elsewhere(run):
    [hit] = run('"bank of england"').hits
    assert "bank of england</mark>" in hit.snippet.lower()
    assert "the</mark>" not in hit.snippet.lower()


def marked(snippet: str) -> list[str]:
    """The words a snippet marks, lower-cased (engines differ in how they join neighbouring marks)."""
    return [w for m in re.findall(r"<mark[^>]*>(.*?)</mark>", snippet) for w in m.lower().split()]


def test_a_phrase_marks_its_words_only_where_they_stand_together(run):
    [hit] = run('"prisoner swap"').hits
    assert marked(hit.snippet) == ["prisoner", "swap"]
    assert "prisoners had waited" in hit.snippet  # shown, but not marked


def test_a_closed_word_never_marks_one_half_of_its_split_alone(run):
    hit = next(h for h in run("ceasefire").hits if h.id == 107)
    assert marked(hit.snippet) == ["ceasefire"]
    assert "police fired tear" in hit.snippet  # shown, but not marked
    [other] = [h for h in run("ceasefire").hits if h.id == 108]
    # the split stood together there: one mark on both engines (Whoosh marked the parts apart)
    assert marked(other.snippet) == ["cease-fire"]


def test_words_no_article_holds_never_keep_a_held_word_from_being_marked(run):
    """Whoosh marks at most HIGHLIGHT_WORDS terms of a long query: the unheld ones must not fill them."""
    unheld = " OR ".join(f"zzq{letter}" for letter in "abcdefghijklmn")
    hit = next(h for h in run(f"harvest OR {unheld}").hits if h.id == 105)
    assert marked(hit.snippet) == ["harvest", "harvest"]


def test_a_word_only_in_the_headline_gives_the_unmarked_opening_as_snippet(run):
    [hit] = run("festival").hits
    assert "<mark" not in hit.snippet and hit.snippet.startswith("Crowds arrived")

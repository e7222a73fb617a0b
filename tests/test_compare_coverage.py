"""Side-by-side comparison values: credits, wording diffs, unique sentences, timeline, distinctive words."""

from __future__ import annotations

import datetime as dt

from archive.compare.coverage import (
    ArticleView,
    classify_credit,
    compare,
    diff_words,
    distinctive_words,
    outlet_coverage,
    timeline,
    unique_sentences,
)
from archive.compare.quotes import QuoteRef
from tests.fixtures_compare import FLOOD_BODY, LISBON_BODY_A, LISBON_BODY_B


def test_a_credit_naming_only_agencies_is_wire_copy():
    credit = classify_credit("* Reuters and Agence France-Presse")
    assert (credit.kind, credit.agencies) == ("wire", ("AFP", "Reuters"))


def test_an_outlet_with_agencies_is_mixed_and_a_byline_is_own_reporting():
    assert classify_credit("TBP and Agencies").kind == "mixed"
    assert classify_credit("By Maria Lopes").kind == "own"
    assert classify_credit("").kind == "unknown"


def test_a_wording_diff_marks_added_and_missing_words():
    pieces = diff_words(
        "Maybe a localised ceasefire, beginning with Aleppo", "Maybe a localized ceasefire in Aleppo"
    )
    assert [(p.kind, p.text) for p in pieces if p.kind != "same"] == [
        ("del", "localised"),
        ("ins", "localized"),
        ("del", "beginning with"),
        ("ins", "in"),
    ]


def test_sentences_only_one_article_reports_are_listed_for_it():
    unique = unique_sentences({1: LISBON_BODY_A, 2: LISBON_BODY_B})
    assert "Critics in the fishing ports said the quotas remained too low." in unique[2]
    assert not any("joint coastguard patrol" in s and "twelve-mile" in s for s in unique[1])


def test_a_quotation_running_across_two_sentences_is_shown_whole():
    """A sentence only one outlet reports is shown from its start: a quotation of two sentences is
    one, not a stray close ('The warnings were ignored," he said.') with its opening lost."""
    alone = (
        'The pier stays shut. "The cracks did not appear overnight. The warnings were ignored for a '
        'decade," councillor Mira Okafor said.\nA second paragraph "opens a quote. And never closes it.'
    )
    shared = "The pier stays shut."
    unique = unique_sentences({1: alone, 2: shared})[1]
    assert unique[0] == (
        '"The cracks did not appear overnight. The warnings were ignored for a decade," '
        "councillor Mira Okafor said."
    )
    assert unique[1].startswith("A second paragraph")  # a quote left open ends with its paragraph
    german = (
        "„Die Brücke bleibt zu“, sagte die Bürgermeisterin. Die Fähren fahren jetzt stündlich nach Norden."
    )
    assert unique_sentences({1: german, 2: "Nichts."})[1][0] == (
        "„Die Brücke bleibt zu“, sagte die Bürgermeisterin."  # German marks: closed, nothing joined
    )


def test_the_timeline_puts_dated_articles_in_order_and_undated_last():
    views = [
        ArticleView(1, "Late", "B", "", dt.date(2014, 1, 14)),
        ArticleView(2, "Undated", "C", "", None),
        ArticleView(3, "Morning", "A", "", dt.date(2014, 1, 13), dt.time(9, 0)),
        ArticleView(4, "Afternoon", "D", "", dt.date(2014, 1, 13), dt.time(14, 21)),
    ]
    assert [(e.article_id, e.order) for e in timeline(views)] == [(3, 1), (4, 2), (1, 3), (2, None)]


def test_a_comparison_counts_who_each_article_quotes():
    quotes = (
        QuoteRef(1, "We will sign the treaty soon", "Petrova", 7),
        QuoteRef(1, "It is a good day", "she", 7),
    )
    views = [
        ArticleView(
            1, "Treaty", "Harbour Times", LISBON_BODY_A, quotes=quotes, person_names={7: "Anna Petrova"}
        ),
        ArticleView(2, "Flood", "Evening Ledger", FLOOD_BODY),
    ]
    result = compare(views)
    harbour = next(c for c in result.columns if c.source == "Harbour Times")
    assert [(q.name, q.count) for q in harbour.quoted] == [("Anna Petrova", 2)]
    assert result.shared_quotes == ()


def test_distinctive_words_set_each_outlet_apart():
    words = distinctive_words({"Harbour Times": [LISBON_BODY_A] * 3, "Evening Ledger": [FLOOD_BODY] * 3})
    assert "treaty" in dict(words["Harbour Times"])
    assert "metro" in dict(words["Evening Ledger"])
    assert "treaty" not in dict(words["Evening Ledger"])


def test_each_outlets_framing_comes_in_the_columns_order():
    """The framing columns sit below the side-by-side columns: in the same order, not A-Z."""
    views = [ArticleView(1, "First", "Zeta Post", "Text.", dt.date(2014, 1, 1)),
             ArticleView(2, "Second", "Alpha Times", "Text.", dt.date(2014, 1, 2)),
             ArticleView(3, "Third", "Zeta Post", "More.", dt.date(2014, 1, 3))]  # fmt: skip
    assert [c.outlet for c in outlet_coverage(views)] == ["Zeta Post", "Alpha Times"]

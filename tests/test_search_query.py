"""The query language parser (plain Python): user text -> AST, never an exception."""

from __future__ import annotations

import datetime as dt

from archive.search.query import MAX_QUERY_CHARS, And, Not, Or, Phrase, Word, parse_query, replace_words


def test_words_are_anded():
    assert parse_query("kerry lavrov").node == And((Word("kerry"), Word("lavrov")))


def test_quotes_make_a_phrase_and_fields_take_quoted_values():
    assert parse_query('"localized ceasefire"').node == Phrase("localized ceasefire")
    assert parse_query('source:"The Moscow Times"').node == Phrase("The Moscow Times", "source")


def test_or_binds_tighter_than_the_implicit_and():
    assert parse_query("a OR b c").node == And((Or((Word("a"), Word("b"))), Word("c")))


def test_minus_and_not_negate():
    assert parse_query("a -b NOT c").node == And((Word("a"), Not(Word("b")), Not(Word("c"))))


def test_prefix_needs_three_letters():
    assert parse_query("cease*").node == Word("cease", prefix=True)
    parsed = parse_query("ce*")
    assert parsed.node == Word("ce") and "too short" in parsed.notices[0]


def test_dates_become_a_range_and_partial_dates_cover_their_period():
    parsed = parse_query("from:2014-01 to:2014-02")
    assert (parsed.date_from, parsed.date_to, parsed.node) == (
        dt.date(2014, 1, 1),
        dt.date(2014, 2, 28),
        None,
    )


def test_reversed_dates_are_swapped_with_a_notice():
    parsed = parse_query("from:2015 to:2014")
    assert (parsed.date_from, parsed.date_to) == (dt.date(2014, 1, 1), dt.date(2015, 12, 31))
    assert parsed.notices


def test_malformed_input_reads_sensibly_with_a_notice():
    unclosed = parse_query('"localized ceasefire')
    assert unclosed.node == Phrase("localized ceasefire") and "not closed" in unclosed.notices[0]
    assert parse_query("OR").node is None and parse_query("OR").notices
    unknown = parse_query("colour:red")
    assert unknown.node == And((Word("colour"), Word("red"))) and "colour" in unknown.notices[0]
    assert parse_query("from:2014-13-45").node is None and parse_query("from:2014-13-45").notices


def test_control_characters_are_dropped_and_long_input_is_cut():
    assert parse_query("cease\x00fire\x07").node == And((Word("cease"), Word("fire")))
    long = parse_query("word " * 2000)
    assert len(long.text) <= MAX_QUERY_CHARS and long.notices


def test_replace_words_keeps_the_rest_of_the_query():
    assert replace_words('Lavrof "peace talks" -iran', {"lavrof": "lavrov"}) == 'Lavrov "peace talks" -iran'

"""Aligning one event's reports across languages (archive.compare.alignment): an invented meeting
reported in English, Russian and German, its people in two scripts, one speaker quoted in two
languages, figures written by each locale's conventions, and the day of the meeting."""

from __future__ import annotations

import datetime as dt

from archive.compare.alignment import align, number_rows
from archive.compare.coverage import ArticleView, PersonCount
from archive.compare.event_evidence import number_mentions
from archive.compare.quotes import QuoteRef
from archive.ingest.dates import mentioned_dates
from tests.fixtures_compare import LUND_ENGLISH as ENGLISH
from tests.fixtures_compare import LUND_GERMAN as GERMAN
from tests.fixtures_compare import LUND_RUSSIAN as RUSSIAN

VOLKOVA, BRANDT, OKAFOR = 1, 2, 3


def view(article_id, source, language, body, people, quotes=(), day=14):
    return ArticleView(
        article_id=article_id,
        title=f"{source} report",
        source=source,
        body=body,
        published_date=dt.date(2025, 3, day),
        language=language,
        people=tuple(PersonCount(name, 2, pid) for pid, name, _forms in people),
        name_forms={name: forms for _pid, name, forms in people},
        quotes=tuple(
            QuoteRef(article_id, text, speaker, pid, at) for at, (text, speaker, pid) in enumerate(quotes)
        ),
    )


def story():
    return [
        view(
            2,
            "Moscow Daily",
            "ru",
            RUSSIAN,
            [
                (VOLKOVA, "Irina Volkova", ("Ирина Волкова", "Волкова")),
                (BRANDT, "Jonas Brandt", ("Йонасом Брандтом",)),
            ],
            [("Мы не оставим приграничные сёла одних", "Волкова", VOLKOVA)],
        ),
        view(
            1,
            "London Ledger",
            "en",
            ENGLISH,
            [
                (VOLKOVA, "Irina Volkova", ("Irina Volkova", "Volkova")),
                (BRANDT, "Jonas Brandt", ("Jonas Brandt", "Brandt")),
            ],
            [("We will not leave the border villages alone", "Volkova", VOLKOVA)],
            day=13,
        ),
        view(
            3,
            "Berliner Blatt",
            "de",
            GERMAN,
            [
                (VOLKOVA, "Irina Volkova", ("Irina Wolkowa",)),
                (BRANDT, "Jonas Brandt", ("Jonas Brandt",)),
                (OKAFOR, "Daniel Okafor", ("Daniel Okafor",)),
            ],
        ),
    ]


def test_columns_follow_publication_order_and_say_their_language():
    alignment = align(story())
    assert [(c.source, c.language) for c in alignment.columns] == [
        ("London Ledger", "en"),
        ("Moscow Daily", "ru"),
        ("Berliner Blatt", "de"),
    ]


def test_a_person_is_one_row_with_each_outlets_spelling():
    people = {row.label: row for row in align(story()).people}
    assert people["Irina Volkova"].cells == (
        ("Irina Volkova", "Volkova"),
        ("Ирина Волкова", "Волкова"),
        ("Irina Wolkowa",),
    )
    assert people["Jonas Brandt"].cells[1] == ("Йонасом Брандтом",)
    assert "Daniel Okafor" not in people  # one article names him: nothing to align


def test_one_speakers_quotes_stand_side_by_side_across_languages():
    (row,) = align(story()).speakers
    assert row.label == "Irina Volkova" and row.person_id == VOLKOVA
    assert row.cells == (
        ("We will not leave the border villages alone",),
        ("Мы не оставим приграничные сёла одних",),
        (),  # the German report names her but does not quote her
    )


def test_a_figure_is_one_row_however_each_locale_writes_it():
    figures = {row.label: row.cells for row in align(story()).numbers}
    assert figures["1,500"] == (("1,500",), ("1 500",), ("1.500",))
    assert figures["2,500,000"] == (("2.5 million",), ("2,5 млн",), ("2,5 Millionen",))
    assert "14" not in figures  # the day of the meeting is a date, not a figure


def test_the_day_is_aligned_with_or_without_its_year():
    (row,) = align(story()).dates
    assert row.label == "14 March 2025"
    assert row.cells == (("14 March 2025",), ("14 марта",), ("14. März",))


def test_one_article_has_nothing_to_align():
    alignment = align(story()[:1])
    assert alignment.sections == () and len(alignment.columns) == 1


def test_a_figure_one_outlet_alone_gives_is_not_a_row():
    views = story()
    views[1] = view(1, "London Ledger", "en", ENGLISH.replace("1,500", "1,700"), [], day=13)
    rows = {row.label: row.cells for row in number_rows(views)}  # cells in the order given
    assert rows["1,500"] == (("1 500",), (), ("1.500",))
    assert "1,700" not in rows


def test_numbers_are_read_by_the_languages_conventions():
    def values(text, language):
        return [m.value for m in number_mentions(text, language)]

    assert values("1,500 and 1.500", "en") == ["1500", "1.5"]
    assert values("1,500 und 1.500", "de") == ["1.5", "1500"]
    assert values("1 500, 1.500.000 and 1,500.25", "") == ["1500", "1500000", "1500.25"]
    assert values("3 тыс. солдат и 2 млрд рублей", "ru") == ["3000", "2000000000"]
    assert values("2 Billionen", "de") == values("2 trillion", "en") == ["2000000000000"]
    assert values("at 12:30 in 2014, 7 of them", "en") == []  # times, years, single digits
    assert values("١٬٥٠٠ شخص و ٢٫٥ مليون", "ar") == ["1500", "2500000"]  # the Arabic marks
    assert values("9" * 5000 + " and 12", "en") == ["12"]  # a run of digits is no figure


def test_days_named_in_a_text():
    found = [(d.year, d.month, d.day) for d in mentioned_dates(RUSSIAN + " 03/04/2025, 31 февраля")]
    assert found == [(None, 3, 14)]  # 03/04 could be March or April; 31 February is no day
    found = [(d.year, d.month, d.day) for d in mentioned_dates("On March 3, talks may 15 times fail")]
    assert found == [(None, 3, 3)]

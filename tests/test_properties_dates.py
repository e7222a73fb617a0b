"""Properties of the date parser that hold whatever its rules become: it never raises, and what it
reads is never page furniture (an update stamp, a masthead's crawl date above the headline, a date
inside running text, a date after tomorrow, a day/month it would have to guess)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from archive.ingest.dates import find_date_line, parse_date_line

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PLACES = ["Abu Dhabi, UAE", "Valmora", "London", "Harbour City", ""]
WORDS = st.sampled_from([
    "the", "council", "said", "it", "would", "meet", "again", "after", "talks", "on", "the",
    "harbour", "ferry", "plan", "ended", "without", "a", "deal",
])  # fmt: skip
TODAY = dt.date(2024, 6, 1)

dates = st.dates(min_value=dt.date(1995, 1, 1), max_value=TODAY)


@st.composite
def written_dates(draw, days=dates) -> tuple[dt.date, str]:
    """A date and one way a page writes it."""
    day = draw(days)
    month = MONTH_NAMES[day.month - 1]
    form = draw(st.sampled_from(["dmy", "mdy", "iso", "short"]))
    text = {
        "dmy": f"{day.day} {month} {day.year}",
        "mdy": f"{month} {day.day}, {day.year}",
        "iso": day.isoformat(),
        "short": f"{month[:3]}. {day.day} {day.year}",
    }[form]
    return day, text


@given(st.text(max_size=300))
def test_parsing_any_line_never_raises(line):
    parse_date_line(line)


@given(st.lists(st.text(max_size=150), max_size=6), st.lists(st.text(max_size=150), max_size=6))
def test_finding_the_date_line_of_any_page_never_raises(before, under):
    find_date_line(before, under)


@given(written_dates())
def test_a_date_read_is_the_date_written(written):
    day, text = written
    match = parse_date_line(f"Published {text}", today=TODAY)
    assert match is None or match.date == day


@given(written_dates(), st.sampled_from(["Updated", "Last modified", "Edited"]))
def test_an_update_stamp_alone_is_never_a_publication_date(written, label):
    assert parse_date_line(f"{label} {written[1]}", today=TODAY) is None


@given(written_dates(), st.sampled_from(PLACES), st.sampled_from(WEEKDAYS), st.lists(WORDS, min_size=6))
def test_an_unlabelled_masthead_date_above_the_headline_is_never_the_publication_date(
    written, place, weekday, running_text
):
    crawl_line = f"{place} {weekday} {written[1]}".strip()
    assert find_date_line([crawl_line], [" ".join(running_text) + "."]) is None


@given(written_dates(), st.lists(WORDS, min_size=8, max_size=20), st.integers(0, 8))
def test_a_date_inside_running_text_is_never_a_date_line(written, words, at):
    sentence = words[:at] + ["on", written[1]] + words[at:]
    assert parse_date_line(" ".join(sentence).capitalize() + ".", today=TODAY) is None


@given(written_dates(st.dates(min_value=TODAY + dt.timedelta(days=2), max_value=dt.date(2099, 12, 31))))
def test_a_date_after_tomorrow_is_never_a_publication_date(written):
    assert parse_date_line(f"Published {written[1]}", today=TODAY) is None


@given(st.integers(1, 12), st.integers(1, 12), st.integers(1995, 2023))
def test_a_numeric_date_whose_day_and_month_could_swap_is_never_guessed(first, second, year):
    match = parse_date_line(f"{first:02}/{second:02}/{year}", today=TODAY)
    if first != second:
        assert match is None
    else:
        assert match is None or match.date == dt.date(year, first, first)

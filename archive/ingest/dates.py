"""Publication dates: read only where a page states them, never guessed.

Why a date is a publication date (the rules `find_date_line` applies to a plain-text page):

1. It stands on its own line. A date inside a sentence ("Since July 1, 2024, we have disabled
   all ads", "talks on Jan. 22") is something the text talks about, not when it was published.
   A line counts as a date line when, after taking out the date, an optional time, weekday,
   time zone, labels ("Published", "Updated", "Posted on") and separators, at most
   `DATE_LINE_MAX_LEFTOVER_WORDS` words remain (a byline such as "By Jane Doe" is allowed).
2. It sits with the headline: among the first `DATE_LINE_WINDOW` lines after the title, before
   the running text starts. That is where papers print a story's date (with the byline).
3. A date line above the headline counts only when it is labelled ("Published 16 December 2014").
   An unlabelled date above the headline is page furniture: the masthead's "today" (e.g. a crawl
   date such as "Abu Dhabi, UAE Saturday 22 July 2017").
4. It must be a real calendar date between `EARLIEST_YEAR` and tomorrow (pages from the future
   do not exist; a date further ahead is an event, not a publication).
5. "Updated" / "Modified" dates are not publication dates; a page showing only those has no date,
   and a line giving both ("Published 16 Dec 2014 | Updated 17 Dec 2014") is read for the first.
6. Numeric dates are read only when day and month cannot be confused (16/12/2014, 2014-12-16);
   03/04/2014 could be March or April and is not guessed.

For HTML the parser uses explicit metadata only (archive.ingest.html). Dates in URLs are never used.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

# Years before this are OCR noise or history, not when a web page was published.
EARLIEST_YEAR = 1990
# How many non-empty lines after the title may hold the date line (title, date, byline, outlet,
# caption): the seeds put it on the first or second line; 4 leaves room for a byline and a kicker.
DATE_LINE_WINDOW = 4
# Words allowed on a date line besides the date itself: a short byline ("By Jane Doe") or a place.
DATE_LINE_MAX_LEFTOVER_WORDS = 4

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # December 16, 2014 / Dec. 16 2014
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),  # 16 December 2014
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),  # 2014-12-16
    # 16/12/2014, 16.12.2014, 12/16/2014: read only when unambiguous (one part above 12, or both equal).
    re.compile(
        r"(?<![\d./])(?P<first>[0-3]?\d)([./])(?P<second>[0-3]?\d)\2(?P<year>(?:19|20)\d\d)(?![\d./])"
    ),
)
_TIME = re.compile(
    r"(?<![\d:])(?P<hour>[0-2]?\d)[:.](?P<minute>[0-5]\d)(?::[0-5]\d)?\s*(?P<ampm>[ap]\.?m\.?)?(?![\d:])",
    re.I,
)
_LABEL = re.compile(
    r"\b(published|posted|first published|date|dated|created|issued|released|on|at|last)\b", re.I
)
_UPDATE_LABEL = re.compile(r"\b(updated|modified|edited|revised)\b", re.I)
_FILLER = re.compile(
    r"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|sday|nesday|rsday|urday)?\b"
    r"|\b(gmt|utc|bst|cet|cest|est|edt|pst|pdt|msk|ist|local time)\b"
    r"|\b(by)\b|[|,:;/\-–—•·()\[\]]",
    re.I,
)

_GLUED = re.compile(
    r"[A-Za-z](?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|[a-z](?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
)


@dataclass(frozen=True)
class DateMatch:
    """A date (and time, when the same line gives one) found on one line of the page."""

    date: dt.date
    time: dt.time | None
    line: str
    labelled: bool


def parse_date_line(line: str, *, today: dt.date | None = None) -> DateMatch | None:
    """The date a line states when the line is essentially just a date (rule 1 and 4), else None."""
    if len(line) > 120:
        return None
    text = line
    if _UPDATE_LABEL.search(line):
        # "Published 16 Dec 2014 | Updated 17 Dec 2014": only the published part speaks.
        parts = [p for p in re.split(r"\s[|·•;]\s|\s[—–]\s", line) if re.search(r"\bpublished\b", p, re.I)]
        if len(parts) != 1 or _UPDATE_LABEL.search(parts[0]):
            return None
        text = parts[0]
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        date = _to_date(match, today=today)
        if date is None:
            return None
        rest = text[: match.start()] + " " + text[match.end() :]
        time_match = _TIME.search(rest)
        time = _to_time(time_match) if time_match else None
        if time_match:
            rest = rest[: time_match.start()] + " " + rest[time_match.end() :]
        labelled = bool(re.search(r"\b(published|posted|first published|dated|issued)\b", rest, re.I))
        leftover = _FILLER.sub(" ", _LABEL.sub(" ", rest)).split()
        if len(leftover) > DATE_LINE_MAX_LEFTOVER_WORDS:
            return None
        # A word glued to the date ("UAESaturday 22 July 2017") is a masthead run together, not a date line.
        if _GLUED.search(rest):
            return None
        return DateMatch(date=date, time=time, line=line, labelled=labelled)
    return None


def find_date_line(before_title: Sequence[str], under_title: Sequence[str]) -> DateMatch | None:
    """The publication date line of a plain-text page (rules 2 and 3): a labelled date line above the
    headline, else the first date line among the lines between the headline and the running text."""
    for line in before_title:
        match = parse_date_line(line)
        if match and match.labelled:
            return match
    for line in under_title[:DATE_LINE_WINDOW]:
        match = parse_date_line(line)
        if match:
            return match
    return None


def contains_full_date(line: str) -> bool:
    """Whether a line names a full calendar date anywhere (mastheads and banners do)."""
    return any(pattern.search(line) for pattern in _DATE_PATTERNS)


def parse_iso_datetime(value: str, *, today: dt.date | None = None) -> tuple[dt.date, dt.time | None] | None:
    """A date (and time when given) from machine-readable metadata ("2014-01-13T14:21:00+04:00")."""
    value = value.strip()
    match = re.match(
        r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)(?:[T ](?P<hour>\d\d):(?P<minute>\d\d))?", value
    )
    if not match:
        return None
    date = _to_date(match, today=today)
    if date is None:
        return None
    time = None
    if match.group("hour") is not None:
        hour, minute = int(match.group("hour")), int(match.group("minute"))
        if hour < 24 and minute < 60:
            time = dt.time(hour, minute)
    return date, time


def _to_date(match: re.Match, *, today: dt.date | None) -> dt.date | None:
    parts = match.groupdict()
    if parts.get("first"):
        day_month = _unambiguous_day_month(int(parts["first"]), int(parts["second"]))
        if day_month is None:
            return None
        day, month = day_month
    else:
        month_text = parts["month"].lower().rstrip(".")
        month = int(month_text) if month_text.isdigit() else MONTHS[month_text]
        day = int(parts["day"])
    try:
        date = dt.date(int(parts["year"]), month, day)
    except ValueError:
        return None
    latest = (today or dt.date.today()) + dt.timedelta(days=1)
    if date.year < EARLIEST_YEAR or date > latest:
        return None
    return date


def _unambiguous_day_month(first: int, second: int) -> tuple[int, int] | None:
    """(day, month) of a numeric date, or None when 03/04 could be March or April (never guess)."""
    if first == second or (first > 12 and second <= 12):
        return first, second
    if second > 12 and first <= 12:
        return second, first
    return None


def _to_time(match: re.Match) -> dt.time | None:
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    ampm = (match.group("ampm") or "").lower().replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23:
        return None
    return dt.time(hour, minute)

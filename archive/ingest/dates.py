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

For HTML pages archive.ingest.page_dates reads declared metadata and checks it against these date lines.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Years before this are OCR noise or history, not when a web page was published.
EARLIEST_YEAR = 1990
# How many non-empty lines after the title may hold the date line (title, date, byline, outlet,
# caption): the seeds put it on the first or second line; 4 leaves room for a byline and a kicker.
DATE_LINE_WINDOW = 4
# Words allowed on a date line besides the date itself: a short byline ("By Jane Doe") or a place.
DATE_LINE_MAX_LEFTOVER_WORDS = 4
# ...of which at most this many lower-case (a byline or place is capitalised; "the", "talks" are prose).
DATE_LINE_MAX_LOWERCASE_WORDS = 1

# Month names as news pages print them, in English and the languages most met in a newsroom
# (German, French, Spanish, Italian, Portuguese, Dutch, Swedish, Polish and Russian in the genitive
# that follows a day). Short forms that are also common words ("ago", "set", "out", "gen") are left
# out: a date is never read off an ordinary word.
MONTHS = {
    # English
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mär": 3, "mrz": 3, "mai": 5,
    "juni": 6, "juli": 7, "oktober": 10, "okt": 10, "dezember": 12, "dez": 12,
    # French
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "mars": 3, "avril": 4,
    "avr": 4, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10,
    "novembre": 11, "décembre": 12, "decembre": 12, "déc": 12,
    # Spanish, Italian, Portuguese
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12, "ene": 1,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9,
    "ottobre": 10, "dicembre": 12, "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6,
    "julho": 7, "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
    # Dutch, Swedish
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8, "augusti": 8, "maj": 5,
    # Polish and Russian (genitive, as after a day)
    "stycznia": 1, "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6, "lipca": 7,
    "sierpnia": 8, "września": 9, "października": 10, "listopada": 11, "grudnia": 12,
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º)?\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # December 16, 2014 / Dec. 16 2014
    # 16 December 2014, 16. Dezember 2014, 16 de diciembre de 2014, 16 декабря 2014 г.
    re.compile(rf"\b{_DAY}\s+(?:of\s+|de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),  # 2014-12-16
    # 2014/12/16, 2014.12.16, 2014年12月16日, 2014년 12월 16일: year first, then month and day.
    re.compile(
        r"(?<![\d./])(?P<year>(?:19|20)\d\d)\s*(?:([./])|年|년)\s*(?P<month>[01]?\d)\s*(?:\2|月|월)\s*"
        r"(?P<day>[0-3]?\d)(?:\s*[日일])?(?![\d./])"
    ),
    # 16.12.2014: day first wherever dots separate a date (German, Russian, Polish, Turkish...).
    re.compile(r"(?<![\d./])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?![\d./])"),
    # 16/12/2014, 12/16/2014: read only when unambiguous (one part above 12, or both equal).
    re.compile(r"(?<![\d./])(?P<first>[0-3]?\d)/(?P<second>[0-3]?\d)/(?P<year>(?:19|20)\d\d)(?![\d./])"),
)
_TIME = re.compile(
    r"(?<![\d:])(?P<hour>[0-2]?\d)[:.](?P<minute>[0-5]\d)(?::[0-5]\d)?\s*(?P<ampm>[ap]\.?\s?m\.?)?(?![\d:])",
    re.I,
)
_LABEL = re.compile(
    r"\b(published|posted|first published|date|dated|created|issued|released|on|at|last"
    r"|veröffentlicht|publiziert|erschienen|am|um|datum|publié|publie|le|à|publicado|publicada|el|"
    r"pubblicato|il|gepubliceerd|op|publicerad|opublikowano|опубликовано|uhr|h)\b",
    re.I,
)
_UPDATE_LABEL = re.compile(
    r"\b(updated|modified|edited|revised|aktualisiert|geändert|mis à jour|modifié|actualizado|actualizada|"
    r"atualizado|aggiornato|bijgewerkt|uppdaterad|zaktualizowano|обновлено)\b",
    re.I,
)
_PUBLISHED_LABEL = re.compile(
    r"\b(published|posted|first published|dated|issued|veröffentlicht|publiziert|erschienen|publié|"
    r"publicado|publicada|pubblicato|gepubliceerd|publicerad|opublikowano|опубликовано)\b",
    re.I,
)
# Weekday names in the languages whose month names MONTHS reads: a date line may open with one
# ("Dienstag, 28. April 2020", "Miércoles, 15 de abril de 2020").
_WEEKDAY_NAMES = (
    "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "lunes martes miércoles miercoles jueves viernes sábado sabado domingo "
    "lunedì lunedi martedì martedi mercoledì mercoledi giovedì giovedi venerdì venerdi sabato domenica "
    "segunda-feira terça-feira terca-feira quarta-feira quinta-feira sexta-feira "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag "
    "måndag tisdag onsdag torsdag fredag lördag söndag "
    "poniedziałek wtorek środa czwartek piątek sobota niedziela "
    "понедельник вторник среда четверг пятница суббота воскресенье"
)
WEEKDAYS = frozenset(_WEEKDAY_NAMES.split())
_FILLER = re.compile(
    r"\b(" + "|".join(map(re.escape, sorted(WEEKDAYS, key=len, reverse=True))) + r")\b"
    r"|\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|sday|nesday|rsday|urday)?\b"
    r"|\b(gmt|utc|bst|cet|cest|est|edt|pst|pdt|msk|ist|local time|г)\b"
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
        parts = [p for p in re.split(r"\s[|·•;]\s|\s[—–]\s", line) if _PUBLISHED_LABEL.search(p)]
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
        labelled = bool(_PUBLISHED_LABEL.search(rest))
        leftover = _FILLER.sub(" ", _LABEL.sub(" ", rest)).split()
        if len(leftover) > DATE_LINE_MAX_LEFTOVER_WORDS:
            return None
        # What a date line holds besides the date is a name or a place, capitalised; lower-case words
        # ("... the talks begin on 1 January 2000 in the hall.") make it a sentence.
        if sum(word[:1].islower() for word in leftover) > DATE_LINE_MAX_LOWERCASE_WORDS:
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


@dataclass(frozen=True)
class MentionedDate:
    """A calendar day a text names ("13 January 2014", "13 января", "January 13"), with the year
    when the text gives it (a day named without one is not given one), and where it stands."""

    year: int | None
    month: int
    day: int
    start: int
    end: int


# A day and a month without a year: "13 января", "13. Januar", "13 January" (day first), and
# "January 13" (month first; its month capitalised, so "may 15" is no date).
_MONTH_FIRST = r"\b" + _MONTH
# How far from its figures a date reaches: "13 października 2014" is 12 letters between two figures.
DATE_REACH = 30
_DIGITS = re.compile(r"\d+")
_BEFORE_FIGURE = re.compile(r"\b([^\W\d_]+)\.?\s+\d")
_YEARLESS_DAY = r"(?P<day>[0-3]?\d)(?!\d)(?:st|nd|rd|th|er|º)?\.?"
_YEARLESS_PATTERNS = (
    re.compile(rf"(?<![\d.,]){_YEARLESS_DAY}\s+(?:of\s+|de\s+)?{_MONTH}(?!\w)", re.I),
    re.compile(rf"\b{_MONTH}\s+{_YEARLESS_DAY}(?![\d.,]\d)", re.I),
)


def mentioned_dates(text: str) -> tuple[MentionedDate, ...]:
    """Every calendar day the text names, in text order: full dates by the date line patterns (the
    numeric ones only when day and month cannot be confused), then a day and month without a year
    where no full date stands. Any day from EARLIEST_YEAR on counts (a text names future days too)."""
    found: list[MentionedDate] = []
    taken: list[tuple[int, int]] = []

    def free(m: re.Match) -> bool:
        return all(m.end() <= a or m.start() >= b for a, b in taken)

    segments = _segments(text)
    for pattern in _DATE_PATTERNS:
        for m in _matches(pattern, text, segments):
            date = _calendar_date(m)
            if date is not None and date.year >= EARLIEST_YEAR and free(m):
                taken.append(m.span())
                found.append(MentionedDate(date.year, date.month, date.day, m.start(), m.end()))
    for index, pattern in enumerate(_YEARLESS_PATTERNS):
        for m in _matches(pattern, text, segments):
            month_word = m.group("month")
            if index == 1 and month_word[:1].islower():
                continue
            month = MONTHS[month_word.lower().rstrip(".")]
            day = int(m.group("day"))
            if free(m) and 1 <= day <= calendar.monthrange(2000, month)[1]:  # 2000: 29 February
                taken.append(m.span())
                found.append(MentionedDate(None, month, day, m.start(), m.end()))
    return tuple(sorted(found, key=lambda d: d.start))


def _matches(pattern: re.Pattern, text: str, segments: Sequence[tuple[int, int]]) -> Iterable[re.Match]:
    """pattern's matches in the stretches of text around figures (`_segments`: a text without
    figures names no day). A pattern that opens with the month is tried only where a month name
    stands before a figure: the month alternation tried at every word cost most of the time."""
    month_first = pattern.pattern.startswith(_MONTH_FIRST)
    for start, end in segments:
        if not month_first:
            yield from pattern.finditer(text, start, end)
            continue
        for word in _BEFORE_FIGURE.finditer(text, start, end):
            if word.group(1).lower() in MONTHS:
                found = pattern.match(text, word.start(), end)
                if found:
                    yield found


def _segments(text: str) -> list[tuple[int, int]]:
    """The stretches of `text` within DATE_REACH characters of a figure, overlapping ones merged."""
    spans: list[tuple[int, int]] = []
    for digits in _DIGITS.finditer(text):
        start, end = max(0, digits.start() - DATE_REACH), min(len(text), digits.end() + DATE_REACH)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _to_date(match: re.Match, *, today: dt.date | None) -> dt.date | None:
    date = _calendar_date(match)
    return date if date is not None and is_plausible(date, today=today) else None


def _calendar_date(match: re.Match) -> dt.date | None:
    """The day a date pattern matched, or None when it is no calendar day (or 03/04 is unsure)."""
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
        return dt.date(int(parts["year"]), month, day)
    except ValueError:
        return None


def is_plausible(date: dt.date, *, today: dt.date | None = None) -> bool:
    """Rule 4: a publication date lies between EARLIEST_YEAR and tomorrow."""
    return date.year >= EARLIEST_YEAR and date <= (today or dt.date.today()) + dt.timedelta(days=1)


def _unambiguous_day_month(first: int, second: int) -> tuple[int, int] | None:
    """(day, month) of a numeric date, or None when 03/04 could be March or April (never guess)."""
    if first == second or (first > 12 and second <= 12):
        return first, second
    if second > 12 and first <= 12:
        return second, first
    return None


def _to_time(match: re.Match) -> dt.time | None:
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    ampm = (match.group("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23:
        return None
    return dt.time(hour, minute)

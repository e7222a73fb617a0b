"""What can be aligned across a story's articles whatever their language: the people (each
outlet's spelling of one person), each speaker's quotes (one person's words as each outlet quotes
them, side by side in their languages), the figures (one value however each locale writes it) and
the days named. Nothing is translated: people and speakers are the archive's person ids (resolved
across scripts at import), figures and days are read into values (compare.event_evidence,
ingest.dates), and each cell shows the article's own wording. Plain Python, no Django.

Rows list what at least two articles share (a speaker: whom any article quotes, when another names
them), so a cell left empty says that article does not mention it.
"""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from archive.compare.coverage import ArticleView, timeline
from archive.compare.event_evidence import number_mentions
from archive.ingest.dates import MentionedDate, mentioned_dates

# Rows of each kind shown at most (the most widely shared first): beyond these the table stops
# being read.
MAX_ROWS = 12
# Wordings one cell shows at most (spellings, quotes, how a figure is written), in text order.
MAX_WORDINGS = 3
# A person, figure or day is aligned when at least this many articles give it.
MIN_ARTICLES = 2


# The kinds of row, in page order, with their headings.
ALIGNED_KINDS = {"people": "People", "speakers": "Quotes by speaker", "numbers": "Figures", "dates": "Dates"}


@dataclass(frozen=True)
class AlignedColumn:
    article_id: int
    source: str
    language: str  # ISO 639-1, "" unknown
    source_id: int | None = None  # None: no known outlet


@dataclass(frozen=True)
class AlignedRow:
    """One person, speaker, figure or day: its label and, per column, the article's wordings
    (empty: the article does not give it)."""

    label: str
    cells: tuple[tuple[str, ...], ...]
    person_id: int | None = None

    @property
    def given_by(self) -> int:
        return sum(1 for cell in self.cells if cell)


@dataclass(frozen=True)
class Alignment:
    columns: tuple[AlignedColumn, ...]
    people: tuple[AlignedRow, ...] = ()
    speakers: tuple[AlignedRow, ...] = ()
    numbers: tuple[AlignedRow, ...] = ()
    dates: tuple[AlignedRow, ...] = ()

    @property
    def sections(self) -> tuple[tuple[str, str, tuple[AlignedRow, ...]], ...]:
        """(kind, heading, rows) of each non-empty kind, in page order."""
        kinds = ((kind, heading, getattr(self, kind)) for kind, heading in ALIGNED_KINDS.items())
        return tuple(kind for kind in kinds if kind[2])


def align(articles: Sequence[ArticleView]) -> Alignment:
    """The alignment of 2+ articles, columns in publication order (compare.coverage.timeline); one
    article has nothing to align with."""
    order = {e.article_id: i for i, e in enumerate(timeline(articles))}
    ordered = sorted(articles, key=lambda a: order[a.article_id])
    columns = tuple(AlignedColumn(a.article_id, a.source, a.language, a.source_id) for a in ordered)
    if len(ordered) < 2:
        return Alignment(columns)
    days = [mentioned_dates(_text(a)) for a in ordered]  # read once: figures leave days out
    return Alignment(
        columns,
        people=people_rows(ordered),
        speakers=speaker_rows(ordered),
        numbers=number_rows(ordered, days),
        dates=date_rows(ordered, days),
    )


def people_rows(articles: Sequence[ArticleView]) -> tuple[AlignedRow, ...]:
    """People named by MIN_ARTICLES+ articles, each cell the spellings that article uses."""
    names = _person_names(articles)
    cells: list[dict[int, tuple[str, ...]]] = []
    for a in articles:
        forms = a.name_forms or {}
        cells.append({p.person_id: forms.get(p.name, (p.name,)) for p in a.people if p.person_id is not None})
    mentions: Counter[int] = Counter()
    for a in articles:
        mentions.update({p.person_id: p.count for p in a.people if p.person_id is not None})
    return _rows(cells, names, mentions, person=True)


def speaker_rows(articles: Sequence[ArticleView]) -> tuple[AlignedRow, ...]:
    """People any article quotes (by person id, so a Russian and an English quote of one minister
    meet) whom another article names or quotes too, each cell that article's quotes of them."""
    names = _person_names(articles)
    cells: list[dict[int, tuple[str, ...]]] = []
    quoted: Counter[int] = Counter()
    for a in articles:
        by_person: dict[int, list[str]] = defaultdict(list)
        for q in sorted(a.quotes, key=lambda q: q.position):
            if q.person_id is not None:
                by_person[q.person_id].append(q.text)
        quoted.update(by_person.keys())
        cells.append({pid: tuple(texts) for pid, texts in by_person.items()})
    named = Counter(pid for a in articles for pid in {p.person_id for p in a.people} | _quoted_ids(a))
    wanted = {pid: names.get(pid, "") for pid in quoted if named[pid] >= MIN_ARTICLES}
    return _rows(cells, wanted, quoted, person=True, min_articles=1)


def number_rows(
    articles: Sequence[ArticleView], days: Sequence[Sequence[MentionedDate]] | None = None
) -> tuple[AlignedRow, ...]:
    """Figures given by MIN_ARTICLES+ articles (days named are not figures: `days` are each
    article's, when already read), each cell how that article writes the figure ("1,500", "1.500")."""
    days = days if days is not None else [mentioned_dates(_text(a)) for a in articles]
    cells: list[dict[str, tuple[str, ...]]] = []
    for a, named in zip(articles, days, strict=True):
        shown: dict[str, list[str]] = defaultdict(list)
        for m in number_mentions(_text(a), a.language):
            if not any(d.start <= m.start < d.end for d in named):
                shown[m.value].append(m.shown)
        cells.append({value: tuple(forms) for value, forms in shown.items()})
    labels = {value: _figure_label(value) for cell in cells for value in cell}
    return _rows(cells, labels, Counter())


def date_rows(
    articles: Sequence[ArticleView], days: Sequence[Sequence[MentionedDate]]
) -> tuple[AlignedRow, ...]:
    """Days named by MIN_ARTICLES+ articles (`days`: each article's, read once by align), each cell
    how that article writes the day. A day named without its year ("15 января") joins the one full
    date of that day and month in the story, if there is exactly one."""
    full: dict[tuple[int, int], set[int]] = defaultdict(set)
    for dates in days:
        for d in dates:
            if d.year is not None:
                full[(d.month, d.day)].add(d.year)
    cells: list[dict[tuple, tuple[str, ...]]] = []
    for a, dates in zip(articles, days, strict=True):
        text = _text(a)
        shown: dict[tuple, list[str]] = defaultdict(list)
        for d in dates:
            shown[_day_key(d, full)].append(text[d.start : d.end].rstrip(". "))
        cells.append({key: tuple(forms) for key, forms in shown.items()})
    labels = {key: _day_label(key) for cell in cells for key in cell}
    return _rows(cells, labels, Counter())


def _rows(
    cells: Sequence[Mapping],
    labels: Mapping,
    weight: Counter,
    *,
    person: bool = False,
    min_articles: int = MIN_ARTICLES,
) -> tuple[AlignedRow, ...]:
    """A row for each key of `labels` that at least `min_articles` cells hold: most articles first,
    then by `weight`, then where it first appears; MAX_ROWS at most."""
    first_seen = {key: i for i, cell in reversed(list(enumerate(cells))) for key in cell}
    held = Counter(key for cell in cells for key in cell)
    rows = []
    for key, label in labels.items():
        if held[key] < min_articles:
            continue  # most figures of a story are given once: build no row for them
        row_cells = tuple(_first(cell.get(key, ())) for cell in cells)
        row = AlignedRow(label, row_cells, key if person else None)
        if row.given_by >= min_articles:
            rows.append((-row.given_by, -weight[key], first_seen.get(key, 0), label, row))
    rows.sort(key=lambda r: r[:4])
    return tuple(r[-1] for r in rows[:MAX_ROWS])


def _first(wordings: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w for w in wordings if w))[:MAX_WORDINGS]


def _person_names(articles: Sequence[ArticleView]) -> dict[int, str]:
    names: dict[int, str] = {}
    for a in articles:
        names.update(a.person_names or {})
        names.update({p.person_id: p.name for p in a.people if p.person_id is not None})
    return names


def _quoted_ids(article: ArticleView) -> set[int]:
    return {q.person_id for q in article.quotes if q.person_id is not None}


def _text(article: ArticleView) -> str:
    return f"{article.title}\n\n{article.body}"


def _figure_label(value: str) -> str:
    """A figure written for the row's label: groups of thousands with commas ("1,500", "1.5")."""
    whole, _, fraction = value.partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def _day_key(day: MentionedDate, full: Mapping[tuple[int, int], set[int]]) -> tuple:
    years = full.get((day.month, day.day), set())
    year = day.year if day.year is not None else (next(iter(years)) if len(years) == 1 else None)
    return (year, day.month, day.day)


def _day_label(key: tuple) -> str:
    year, month, day = key
    return f"{day} {calendar.month_name[month]}" + (f" {year}" if year is not None else "")

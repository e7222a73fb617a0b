"""Inline SVG charts: counts over time as columns, rankings as horizontal bars.

Charts are drawn server-side so they work without JavaScript. Horizontal geometry is in
percentages and vertical geometry in pixels, with no viewBox: the chart stretches to any width
while its text keeps a readable size on a phone (a scaled viewBox would shrink it to ~6px).
Each chart is an `<svg role="img">` with `<title>`/`<desc>` and an `aria-label`, followed by a
`<details>` data table as its text alternative (with links where points have them).

Usage in a template::

    {% load charts %}
    {% time_chart month_counts title="Articles per month" %}      {# [(date, count), ...] #}
    {% time_chart counts max_value=40 start=first_day end=last_day %}  {# small multiples #}
    {% column_chart points title="..." max_value=40 %}            {# [(label, value), ...] #}
    {% bar_chart ranking title="Most mentioned people" unit="mentions" %}

Points may be `ChartPoint`s, `(label, value)` / `(label, value, url)` tuples, or dicts with
"label", "value" (or "count") and optional "url". Pass the same `max_value` to several charts to
draw them on one scale (small multiples, e.g. one chart per outlet).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django import template
from django.urls import reverse

register = template.Library()

# Pixel geometry of the column chart: plot area from PLOT_TOP to PLOT_BOTTOM, axis labels below.
COLUMN_HEIGHT = 190
PLOT_TOP = 18
PLOT_BOTTOM = 150
# A handful of bars should not become slabs a third of the page wide: draw at least this many slots.
MIN_SLOTS = 8
# Over this many months a monthly chart gets too dense to read on a phone (390px / 48 ≈ 8px a bar),
# so longer spans are drawn by year. Chosen by looking at phone screenshots.
MAX_MONTHS = 48
# Years labelled on the axis before labels are thinned to every n-th year: on a phone (about 360px
# of chart) ten four-digit years touch; seven leave a gap (looked at in phone screenshots).
MAX_YEAR_LABELS = 7
# Row height and bar thickness of the horizontal bar chart (label line above each bar).
BAR_ROW = 32
BAR_THICKNESS = 10
# Labels longer than this are cut with an ellipsis so they never run into the value text.
MAX_LABEL_CHARS = 38

_ids = itertools.count(1)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class ChartPoint:
    """One value to draw: `label` names it in full (table, tooltip), `url` links it in the table."""

    label: str
    value: int | float
    url: str = ""


@dataclass(frozen=True)
class AxisLabel:
    text: str
    x: float  # percent of the chart's width
    anchor: str  # SVG text-anchor
    line: int  # 1 = first line under the axis, 2 = second


@dataclass(frozen=True)
class Column:
    point: ChartPoint
    x: float  # percent
    width: float  # percent
    y: float  # px
    height: float  # px


@dataclass(frozen=True)
class Bar:
    point: ChartPoint
    label: str
    width: float  # percent
    label_y: float
    bar_y: float


def as_points(data: Iterable) -> list[ChartPoint]:
    """Normalise ChartPoints, (label, value[, url]) tuples or dicts into ChartPoints."""
    points = []
    for item in data or ():
        if isinstance(item, ChartPoint):
            points.append(item)
        elif isinstance(item, Mapping):
            value = item.get("value", item.get("count", 0))
            points.append(ChartPoint(str(item.get("label", "")), value or 0, item.get("url") or ""))
        else:
            label, value, *rest = item
            points.append(ChartPoint(str(label), value or 0, rest[0] if rest else ""))
    return points


def _month_key(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


def time_series(
    counts: Iterable[tuple[dt.date, int]],
    *,
    max_months: int = MAX_MONTHS,
    url_for: Callable[[int, int | None], str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[ChartPoint]:
    """Counts per month (dates anywhere in their month), gaps filled with zeros, labelled "Jan 2014".

    Spans longer than `max_months` are summed by year instead. `url_for(year, month_or_None)`
    gives each point a link; undated rows (None) are ignored: say "date unknown" beside the chart.
    `start`/`end` widen the axis to those months, so small multiples can share one time axis.
    """
    by_month: dict[tuple[int, int], int] = {}
    for day, count in counts:
        if day is not None:
            key = _month_key(day)
            by_month[key] = by_month.get(key, 0) + (count or 0)
    for bound in (start, end):
        # one bound alone widens a chart that has data; both give the whole axis even to a chart
        # without any (an outlet with no dated match, beside others on a shared axis)
        if bound is not None and (by_month or (start is not None and end is not None)):
            by_month.setdefault(_month_key(bound), 0)
    if not by_month:
        return []
    first, last = min(by_month), max(by_month)
    span = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    if span > max_months:
        by_year: dict[int, int] = {}
        for (year, _month), count in by_month.items():
            by_year[year] = by_year.get(year, 0) + count
        return [
            ChartPoint(str(year), by_year.get(year, 0), url_for(year, None) if url_for else "")
            for year in range(first[0], last[0] + 1)
        ]
    points = []
    year, month = first
    for _ in range(span):
        url = url_for(year, month) if url_for else ""
        points.append(ChartPoint(f"{_MONTHS[month - 1]} {year}", by_month.get((year, month), 0), url))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return points


def date_archive_url(year: int, month: int | None) -> str:
    """Link a chart point to the browse-by-date page of its month or year."""
    if month is None:
        return reverse("archive:dates_year", args=[year])
    return reverse("archive:dates_month", args=[year, month])


@dataclass(frozen=True)
class SharedAxis:
    """Several time charts on one axis: each chart's points (same periods, first to last), the top
    of their common scale, and what a period is ("Month" or "Year")."""

    series: tuple[tuple[ChartPoint, ...], ...]
    top: int | float
    label: str

    @property
    def first_label(self) -> str:
        return self.series[0][0].label if self.series and self.series[0] else ""

    @property
    def last_label(self) -> str:
        return self.series[0][-1].label if self.series and self.series[0] else ""


def shared_time_axis(
    counts: Iterable[Iterable[tuple[dt.date | None, int]]],
    *,
    url_for: Callable[[int, int | None], str] | None = date_archive_url,
) -> SharedAxis:
    """Put charts of (date, count) rows on one time axis: every chart runs from the first month any
    of them has to the last (by year when that is long), and `top` is the highest period of any,
    so a spike lines up across the charts and bars of equal height mean equal counts."""
    rows = [[(day, n) for day, n in chart if day is not None] for chart in counts]
    days = [day for chart in rows for day, _ in chart]
    if not days:
        return SharedAxis(tuple(() for _ in rows), 0, "Month")
    first, last = min(days), max(days)
    series = tuple(tuple(time_series(chart, url_for=url_for, start=first, end=last)) for chart in rows)
    top = max((p.value for points in series for p in points), default=0)
    label = "Year" if series[0] and " " not in series[0][0].label else "Month"
    return SharedAxis(series, top, label)


def _axis_labels(points: list[ChartPoint], slot: float) -> list[AxisLabel]:
    """Month names under each bar when there are few; otherwise the year at each January."""
    labels: list[AxisLabel] = []
    n = len(points)
    monthly = bool(points) and " " in points[0].label
    if not monthly:
        # A year is centred under its bar, but a bar can be narrower than its year (twenty years
        # on a phone), so the first year starts at its bar's left edge and a year under the last
        # bar ends at its right edge: centred there, they ran off the chart ("005" ... "202").
        step = max(1, math.ceil(n / MAX_YEAR_LABELS))
        for i, point in enumerate(points):
            if i % step == 0:
                if i == 0:
                    labels.append(AxisLabel(point.label, 0, "start", 1))
                elif i == n - 1:
                    labels.append(AxisLabel(point.label, n * slot, "end", 1))
                else:
                    labels.append(AxisLabel(point.label, (i + 0.5) * slot, "middle", 1))
        return labels
    for i, point in enumerate(points):
        month, year = point.label.split(" ", 1)
        if n <= 12:
            labels.append(AxisLabel(month, (i + 0.5) * slot, "middle", 1))
        # The year starts at its January's left edge; the first bar carries it too when there is
        # room before the next January, and the last few bars never do (it would run off the edge).
        starts_year = month == "Jan" or (i == 0 and (n <= 12 or n - i > 6))
        if starts_year and (i < n - 2 or n <= 12):
            labels.append(AxisLabel(year, i * slot, "start", 2 if n <= 12 else 1))
    return labels


def _nice_max(value: float) -> float:
    """Round the top of the scale up to 2, 4, 6, 8 or 10 times a power of ten (at least 2), so the
    top and the middle gridline are whole numbers that read well."""
    if value <= 2:
        return 2
    magnitude = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 4, 6, 8, 10):
        if value <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _format(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _counted(value: float, unit: str) -> str:
    """ "1 article", "3 articles", "1.5 articles": a plural unit made singular for exactly one."""
    return f"{_format(value)} {unit[:-1] if value == 1 and unit.endswith('s') else unit}"


def _chart_context(title: str, desc: str, unit: str, points: list[ChartPoint]) -> dict:
    n = next(_ids)
    total = sum(p.value for p in points)
    if not desc and points:
        peak = max(points, key=lambda p: p.value)
        desc = (
            f"{_counted(len(points), 'values')} from {points[0].label} to {points[-1].label}; "
            f"total {_counted(total, unit)}; highest {_format(peak.value)} ({peak.label})."
        )
    return {
        "chart_id": f"chart-{n}",
        "title": title,
        "desc": desc,
        "unit": unit,
        "points": points,
        "total": _format(total),
        "empty": not points,
    }


@register.inclusion_tag("archive/includes/chart_columns.html")
def column_chart(data, title="Chart", desc="", unit="articles", max_value=None, label="Period"):
    """Columns of counts in order (e.g. per month); `label` heads the table's first column."""
    points = as_points(data)
    top = _nice_max(max(max_value or 0, *(p.value for p in points), 0))
    slot = 100 / max(len(points), MIN_SLOTS)
    plot = PLOT_BOTTOM - PLOT_TOP
    columns = []
    for i, point in enumerate(points):
        height = plot * point.value / top
        if point.value and height < 1:
            height = 1  # a non-zero value stays visible
        columns.append(Column(point, i * slot + slot * 0.1, slot * 0.8, PLOT_BOTTOM - height, height))
    context = _chart_context(title, desc, unit, points)
    context.update(
        columns=columns,
        axis_labels=_axis_labels(points, slot),
        height=COLUMN_HEIGHT,
        plot_top=PLOT_TOP,
        plot_bottom=PLOT_BOTTOM,
        plot_mid=(PLOT_TOP + PLOT_BOTTOM) // 2,
        plot_top_text=PLOT_TOP - 4,
        top_label=_format(top),
        line1_y=PLOT_BOTTOM + 16,
        line2_y=PLOT_BOTTOM + (32 if len(points) <= 12 else 16),
        table_label=label,
    )
    return context


@register.inclusion_tag("archive/includes/chart_columns.html")
def time_chart(
    counts,
    title="Coverage over time",
    desc="",
    unit="articles",
    max_value=None,
    link_dates=True,
    start=None,
    end=None,
):
    """A column chart of (date, count) rows: by month, or by year over long spans.

    With `link_dates` each point links to its /dates/ page in the data table. For small multiples
    pass the same `max_value`, `start` and `end` (dates) to each chart: one scale, one time axis.
    """
    url_for = date_archive_url if link_dates else None
    points = time_series(counts or (), url_for=url_for, start=start, end=end)
    label = "Year" if points and " " not in points[0].label else "Month"
    return column_chart(points, title=title, desc=desc, unit=unit, max_value=max_value, label=label)


@register.inclusion_tag("archive/includes/chart_bars.html")
def bar_chart(data, title="Ranking", desc="", unit="", max_value=None, label="Name"):
    """Horizontal bars for a ranking, largest first as given; the label sits above each bar."""
    points = as_points(data)
    top = max(max_value or 0, *(p.value for p in points), 0) or 1
    bars = []
    for i, point in enumerate(points):
        text = point.label
        if len(text) > MAX_LABEL_CHARS:
            text = text[: MAX_LABEL_CHARS - 1].rstrip() + "…"
        width = max(100 * point.value / top, 0.5 if point.value else 0)
        bars.append(Bar(point, text, width, i * BAR_ROW + 13, i * BAR_ROW + 18))
    context = _chart_context(title, desc or _ranking_desc(points, unit), unit, points)
    context.update(
        bars=bars,
        height=max(len(points), 1) * BAR_ROW,
        bar_thickness=BAR_THICKNESS,
        table_label=label,
    )
    return context


def _ranking_desc(points: list[ChartPoint], unit: str) -> str:
    if not points:
        return ""
    top = ", ".join(f"{p.label} {_format(p.value)}" for p in points[:3])
    return f"{len(points)} ranked by {unit or 'value'}; top: {top}."


@dataclass(frozen=True)
class RankRow:
    item: object
    value: int | float
    width: float  # percent of the largest value
    detail: int | float | None


@register.inclusion_tag("archive/includes/chart_ranking.html")
def ranking(items, value="count", unit="", detail="", detail_unit="", label="Ranking"):
    """A ranked list of links (each item's get_absolute_url and str) with a proportional bar.

    Unlike bar_chart the names stay real links for keyboard and screen-reader users; the bars are
    decorative SVG (aria-hidden) and the numbers are in the text. `value`/`detail` name attributes,
    e.g. `{% ranking people value="mention_count" unit="mention" detail="article_count"
    detail_unit="article" %}` renders "John Kerry 12 mentions in 5 articles" (units singular).
    """
    items = list(items or ())
    values = [getattr(item, value, 0) or 0 for item in items]
    top = max(values, default=0) or 1
    rows = [
        RankRow(item, v, max(100 * v / top, 1 if v else 0), getattr(item, detail, None) if detail else None)
        for item, v in zip(items, values, strict=True)
    ]
    return {"rows": rows, "unit": unit, "detail_unit": detail_unit, "label": label}

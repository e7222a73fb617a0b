"""The inline SVG chart tags: time series, column and bar charts with text alternatives."""

from __future__ import annotations

import datetime as dt
import re

from django.template import Context, Template

from archive.templatetags.charts import ChartPoint, as_points, shared_time_axis, time_series


def render(source: str, **context) -> str:
    return Template("{% load charts %}" + source).render(Context(context))


def test_time_series_fills_missing_months_with_zero():
    points = time_series([(dt.date(2014, 1, 13), 2), (dt.date(2014, 4, 2), 1), (dt.date(2014, 1, 30), 1)])
    assert [(p.label, p.value) for p in points] == [
        ("Jan 2014", 3),
        ("Feb 2014", 0),
        ("Mar 2014", 0),
        ("Apr 2014", 1),
    ]


def test_time_series_crosses_the_year_boundary_in_order():
    points = time_series([(dt.date(2013, 11, 1), 1), (dt.date(2014, 2, 1), 1)])
    assert [p.label for p in points] == ["Nov 2013", "Dec 2013", "Jan 2014", "Feb 2014"]


def test_time_series_switches_to_years_over_a_long_span():
    points = time_series([(dt.date(2010, 3, 1), 4), (dt.date(2010, 9, 1), 1), (dt.date(2016, 5, 1), 2)])
    assert [(p.label, p.value) for p in points][:2] == [("2010", 5), ("2011", 0)]
    assert points[-1].label == "2016"
    assert len(points) == 7


def test_time_series_ignores_undated_rows_and_links_points():
    points = time_series([(None, 5), (dt.date(2014, 1, 1), 1)], url_for=lambda y, m: f"/d/{y}/{m}/")
    assert points == [ChartPoint("Jan 2014", 1, "/d/2014/1/")]


def test_points_can_be_given_as_tuples_dicts_or_points():
    points = as_points([("A", 1), ("B", 2, "/b/"), {"label": "C", "count": 3}, ChartPoint("D", 4)])
    assert [(p.label, p.value, p.url) for p in points] == [
        ("A", 1, ""),
        ("B", 2, "/b/"),
        ("C", 3, ""),
        ("D", 4, ""),
    ]


def test_a_column_chart_is_an_accessible_svg_with_a_data_table():
    html = render(
        '{% column_chart data title="Articles per month" unit="articles" %}',
        data=[("Jan 2014", 3), ("Feb 2014", 0), ("Mar 2014", 1)],
    )
    assert '<svg class="chart chart-columns"' in html
    assert 'role="img"' in html and 'aria-label="Articles per month"' in html
    assert "<title id=" in html and "<desc id=" in html
    assert "highest 3 (Jan 2014)" in html  # the generated description names the peak
    assert len(re.findall(r"<rect ", html)) == 3
    assert "<details" in html and "<table>" in html
    assert re.search(r"<th scope=\"row\">Mar 2014</th><td class=\"num\">1</td>", html)


def test_column_heights_are_proportional_on_a_shared_scale():
    html = render("{% column_chart data max_value=10 %}", data=[("A", 10), ("B", 5)])
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"', html)]
    assert heights[0] == 2 * heights[1]
    assert "10 articles" in html  # the scale's top label


def test_a_time_chart_links_months_to_the_date_pages():
    html = render("{% time_chart data %}", data=[(dt.date(2014, 1, 5), 2)])
    assert 'href="/dates/2014/1/"' in html
    assert ">Jan<" in html and ">2014<" in html  # month and year under the axis


def test_an_empty_chart_says_so_instead_of_drawing():
    html = render("{% time_chart data %}", data=[])
    assert "<svg" not in html
    assert "No dated articles to chart yet." in html


def test_a_bar_chart_ranks_with_labels_values_and_escaped_names():
    html = render(
        '{% bar_chart data title="Most mentioned" unit="mentions" %}',
        data=[("John Kerry", 8, "/people/john-kerry/"), ("<b>Lavrov</b>", 4)],
    )
    assert 'aria-label="Most mentioned"' in html
    assert "John Kerry" in html and 'href="/people/john-kerry/"' in html
    assert "&lt;b&gt;Lavrov&lt;/b&gt;" in html and "<b>Lavrov" not in html
    widths = re.findall(r'<rect x="0" y="[\d.]+" width="([\d.]+)%"', html)
    assert [float(w) for w in widths] == [100.0, 50.0]


def test_a_long_label_is_shortened_on_the_chart_but_whole_in_the_table():
    name = "A very long name that would run into the value text on a phone"
    html = render("{% bar_chart data %}", data=[(name, 1)])
    assert "…</text>" in html
    assert f">{name}</th>" in html


def test_a_long_monthly_chart_labels_each_year_where_it_starts():
    counts = [(dt.date(2013, 5, 1), 1), (dt.date(2015, 8, 1), 1)]  # 28 months
    html = render("{% time_chart data %}", data=counts)
    labels = re.findall(r'<text x="([\d.]+)%" y="\d+" text-anchor="(\w+)">([^<]+)</text>', html)
    assert [text for _, _, text in labels] == ["2013", "2014", "2015"]
    assert all(anchor == "start" for _, anchor, _ in labels)
    assert ">May<" not in html  # no month names when there are too many bars


def test_small_multiples_can_share_one_time_axis():
    one = time_series([(dt.date(2014, 3, 1), 2)], start=dt.date(2014, 1, 13), end=dt.date(2014, 4, 30))
    assert [(p.label, p.value) for p in one] == [
        ("Jan 2014", 0),
        ("Feb 2014", 0),
        ("Mar 2014", 2),
        ("Apr 2014", 0),
    ]
    # nothing dated beside charts that have: the same axis, all zeros (an outlet silent on the subject)
    empty = time_series([], start=dt.date(2014, 1, 1), end=dt.date(2014, 4, 1))
    assert [(p.label, p.value) for p in empty] == [(p.label, 0) for p in one]
    assert time_series([], start=dt.date(2014, 1, 1)) == []  # one bound alone draws nothing


def test_charts_on_a_shared_axis_have_the_same_periods_and_one_scale():
    axis = shared_time_axis(
        [
            [(dt.date(2014, 1, 5), 3), (None, 9)],  # undated rows are left out of every chart
            [(dt.date(2014, 6, 1), 10)],
            [],
        ],
        url_for=None,
    )
    assert [[p.label for p in points] for points in axis.series] == [
        ["Jan 2014", "Feb 2014", "Mar 2014", "Apr 2014", "May 2014", "Jun 2014"]
    ] * 3
    assert axis.top == 10 and axis.label == "Month"
    assert (axis.first_label, axis.last_label) == ("Jan 2014", "Jun 2014")


def test_a_long_shared_axis_is_drawn_by_year_on_the_scale_of_the_years():
    axis = shared_time_axis(
        [[(dt.date(2010, 1, 1), 4), (dt.date(2010, 2, 1), 4)], [(dt.date(2016, 1, 1), 5)]]
    )
    assert [p.label for p in axis.series[0]] == [str(year) for year in range(2010, 2017)]
    assert axis.top == 8 and axis.label == "Year"  # 2010 summed: the top is the year, not a month


def test_a_chart_describes_one_article_in_the_singular():
    html = render("{% column_chart data %}", data=[("Jan 2014", 1)])
    assert "1 value from Jan 2014 to Jan 2014; total 1 article; highest 1 (Jan 2014)." in html
    html = render("{% column_chart data %}", data=[("Jan 2014", 2), ("Feb 2014", 1)])
    assert "2 values from Jan 2014 to Feb 2014; total 3 articles;" in html


def test_a_yearly_chart_keeps_its_first_and_last_year_inside_the_chart():
    # Nineteen years in a sidebar or on a phone: each bar is narrower than its year, so a year
    # centred under the first or the last bar was cut by the chart's edge ("005", "202").
    counts = [(dt.date(year, 6, 1), 1) for year in range(2005, 2024)]
    html = render("{% time_chart data %}", data=counts)
    labels = re.findall(r'<text x="([\d.]+)%" y="\d+" text-anchor="(\w+)">(\d{4})</text>', html)
    first, *middle, last = labels
    assert first == ("0.000", "start", "2005")
    assert last == ("100.000", "end", "2023")
    assert middle and all(anchor == "middle" for _, anchor, _ in middle)

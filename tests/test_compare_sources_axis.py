"""/compare/sources/: every outlet on one time axis and one scale, counts of the query's matches, and
an outlet picker that stays short with many outlets (the busiest for the query, the rest by name)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def outlets_archive(make_article, make_source, django_capture_on_commit_callbacks):
    """Alpha wrote on the ceasefire in January 2014, Beta in June 2014 (a spike of three), Gamma
    only on floods, which every outlet covered in 2016."""
    alpha, beta, gamma = (make_source(name) for name in ("Alpha Post", "Beta Daily", "Gamma News"))
    rows = [
        (alpha, "Ceasefire agreed", dt.date(2014, 1, 10)),
        (beta, "Ceasefire holds", dt.date(2014, 6, 2)),
        (beta, "Ceasefire tested", dt.date(2014, 6, 9)),
        (beta, "Ceasefire broken", dt.date(2014, 6, 20)),
        *((source, "Floods in the valley", dt.date(2016, 2, 1)) for source in (alpha, beta, gamma)),
        (gamma, "Floods recede", dt.date(2016, 3, 1)),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for n, (source, title, day) in enumerate(rows):
            make_article(source=source, title=title, body=f"{title}. Report number {n}.", published_date=day)
    return {"alpha": alpha, "beta": beta, "gamma": gamma}


def chart_periods(page: str) -> list[tuple[str, str]]:
    """(first period, last period) of each chart's data table."""
    tables = re.findall(r"<tbody>.*?</tbody>", page.split('class="column outlet-profile"', 1)[1], flags=re.S)
    found = []
    for table in tables:
        rows = re.findall(r'<th scope="row">(?:<a [^>]*>)?([^<]+)', table)
        if rows and rows[0][:3] in {
            "Jan",
            "Feb",
            "Mar",
            "Apr",
            "May",
            "Jun",
            "Jul",
            "Aug",
            "Sep",
            "Oct",
            "Nov",
            "Dec",
        }:
            found.append((rows[0], rows[-1]))
    return found


def test_every_outlet_compared_shares_one_time_axis_and_scale(client, outlets_archive):
    response = client.get(
        reverse("archive:compare_sources"), {"q": "ceasefire", "source": ["alpha-post", "beta-daily"]}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert chart_periods(page) == [("Jan 2014", "Jun 2014"), ("Jan 2014", "Jun 2014")]
    # one scale: the top label of every chart is that of the busiest period (Beta's three in June)
    assert response.context["axis"].top == 3
    tops = re.findall(r'<text class="chart-scale"[^>]*>([^<]+)</text>', page)
    assert len(tops) == 2 and len(set(tops)) == 1
    assert "Every chart runs from Jan 2014 to Jun 2014 on one scale" in page


def test_an_outlet_without_a_match_gets_the_same_empty_axis(client, outlets_archive):
    response = client.get(
        reverse("archive:compare_sources"), {"q": "ceasefire", "source": ["alpha-post", "gamma-news"]}
    )
    series = [profile["series"] for profile in response.context["profiles"]]
    assert [[p.label for p in points] for points in series] == [["Jan 2014"], ["Jan 2014"]]
    assert [sum(p.value for p in points) for points in series] == [1, 0]


def test_the_picker_counts_the_querys_matches_not_the_archive(client, outlets_archive):
    response = client.get(reverse("archive:compare_sources"), {"q": "ceasefire"})
    counts = {outlet.name: outlet.matches for outlet in response.context["picker"]}
    assert counts == {"Beta Daily": 3, "Alpha Post": 1}  # Gamma has articles, none about the ceasefire
    page = response.content.decode()
    assert 'Beta Daily <span class="muted">(3 matches)</span>' in page
    everything = client.get(reverse("archive:compare_sources")).context["picker"]
    assert [(o.name, o.matches) for o in everything] == [
        ("Beta Daily", 4),
        ("Alpha Post", 2),
        ("Gamma News", 2),
    ]


def test_the_picker_lists_the_busiest_dozen_and_finds_the_others_by_name(client, make_article, make_source):
    for n in range(30):
        source = make_source(f"Outlet {n:02d}")
        for _ in range(n % 5 + 1):
            make_article(source=source, title="Harbour strike")
    picker = client.get(reverse("archive:compare_sources")).context["picker"]
    assert len(picker) == 12 and [o.matches for o in picker] == [5] * 6 + [4] * 6
    found = client.get(reverse("archive:compare_sources"), {"outlet_q": "outlet 0"}).context["picker"]
    assert [o.name for o in found][:3] == ["Outlet 04", "Outlet 09", "Outlet 03"]
    assert len(found) == 10
    # a ticked outlet stays offered (and ticked) whatever the list shows
    response = client.get(reverse("archive:compare_sources"), {"source": "Outlet 00", "outlet_q": "outlet 1"})
    assert "Outlet 00" in [o.name for o in response.context["picker"]]
    assert re.search(r'value="outlet-00" checked', response.content.decode())


def test_the_picker_works_without_javascript(client, outlets_archive):
    page = client.get(reverse("archive:compare_sources")).content.decode()
    assert "<script" not in page and " style=" not in page
    assert 'name="outlet_q"' in page and '<datalist id="outlet-names">' in page


def test_an_outlet_named_in_the_url_by_name_is_compared(client, outlets_archive):
    response = client.get(reverse("archive:compare_sources"), {"source": "gamma news"})
    assert [o.name for o in response.context["chosen"]] == ["Gamma News"]

"""The search page's fragments written in Python (archive/templatetags/search_tags.py): a facet's
list of links and one result, escaped as the templates they replace escaped them."""

from __future__ import annotations

import datetime as dt

from django.test import RequestFactory

from archive.search.backend import FacetCount, Hit
from archive.templatetags.search_tags import facet_list, result_list


def _hit(**changes) -> Hit:
    values = {
        "id": 7,
        "title": "Talks <resume> & stall",
        "source": "",
        "published": None,
        "url": "",
        "people": (),
        "story": None,
        "snippet": "the <mark>talks</mark> went on",
        "score": None,
    }
    return Hit(**{**values, **changes})


def test_a_facet_lists_links_that_add_or_remove_its_value():
    context = {"request": RequestFactory().get("/search/", {"q": "talks", "source": "A & B", "page": "3"})}
    html = facet_list(context, "source", [FacetCount("A & B", 2), FacetCount("C", 1200)])
    # The chosen value links to the search without it; the other adds itself (the page is dropped).
    assert '<a href="/search/?q=talks" aria-current="true" title="Remove this filter">' in html
    assert "(selected) </span>A &amp; B</a>" in html
    assert (
        '<a href="/search/?q=talks&amp;source=A+%26+B&amp;source=C">C</a> <span class="count">1,200</span>'
        in html
    )
    assert facet_list(context, "person", []) == '<p class="muted">None among these matches</p>'


def test_a_result_escapes_its_text_and_keeps_the_snippets_marks():
    html = result_list([_hit(), _hit(id=8)], set())  # two: each has its compare box, titled
    assert "Talks &lt;resume&gt; &amp; stall</a>" in html and "“Talks &lt;resume&gt; &amp; stall”" in html
    assert '<a href="/articles/7/">' in html and "the <mark>talks</mark> went on" in html
    assert 'Unknown outlet · <span class="tag tag-warn">date unknown</span>' in html
    assert "people-line" not in html and "other coverage" not in html


def test_a_lone_result_has_no_compare_box():
    assert 'name="a"' not in result_list([_hit()], set())
    assert result_list([_hit(), _hit(id=8)], set()).count('name="a"') == 2


def test_a_result_shows_its_outlet_date_story_and_six_people():
    people = tuple(f"Person <{i}>" for i in range(8))
    hit = _hit(source="The <Herald>", published=dt.date(2014, 3, 9), story=4, people=people)
    html = result_list([hit], {4})
    assert '<span class="source">The &lt;Herald&gt;</span>' in html
    assert (
        '<time datetime="2014-03-09">9 March 2014</time> · <a href="/stories/4/">other coverage</a>' in html
    )
    assert (
        html.count('<span class="tag">') == 6
        and "Person &lt;5&gt;" in html
        and "Person &lt;6&gt;" not in html
    )
    assert '<span class="muted">+2 more</span>' in html

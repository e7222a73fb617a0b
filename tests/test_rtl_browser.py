"""Right-to-left names among left-to-right page text, in headless Chromium: an Arabic outlet's name
keeps to its own place in a byline, and the date written after it stays after it."""

from __future__ import annotations

import datetime as dt
import urllib.parse

import pytest

from tests.browser import VIEWPORTS

pytestmark = pytest.mark.browser

OUTLET = "صحيفة الوادي"  # "The Valley Paper": an outlet name written for this test
WORD = "السد"  # "the dam"


@pytest.fixture
def arabic_article(transactional_db, make_article, make_source):
    return make_article(
        title="وزير المياه يزور السد الجديد في الصعيد",
        body="زار وزير المياه السد الجديد في الصعيد صباح اليوم. وقال إن العمل في السد سينتهي قبل الصيف. " * 3,
        source=make_source(OUTLET),
        published_date=dt.date(2020, 8, 24),
        language="ar",
    )


def _source_then_date(page, line: str, source: str) -> tuple[dict, dict]:
    """The boxes of the outlet's name and of the date written after it in one byline."""
    row = page.locator(line).first
    return row.locator(source).bounding_box(), row.locator("time").bounding_box()


@pytest.mark.parametrize(
    "where",
    [
        ("article", ".kicker", "a"),
        ("search", ".search-result .meta", ".source"),
    ],
    ids=lambda where: where[0],
)
def test_a_date_after_an_arabic_outlet_name_stays_after_it(where, browser, live_server, arabic_article):
    name, line, source = where
    search = "/search/?q=" + urllib.parse.quote(WORD)
    path = arabic_article.get_absolute_url() if name == "article" else search
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    try:
        assert page.goto(live_server.url + path).status == 200
        outlet_box, date_box = _source_then_date(page, line, source)
        # Without isolation the day ("24") is pulled into the Arabic run and drawn left of the name.
        assert date_box["x"] >= outlet_box["x"] + outlet_box["width"] - 1, (name, outlet_box, date_box)
    finally:
        context.close()


def test_an_arabic_story_title_reads_from_the_right(browser, live_server, arabic_article):
    from archive.models import Story
    from archive.stories import clustering

    story = Story.objects.create(title="زيارة السد الجديد", title_is_custom=True)
    type(arabic_article).objects.filter(pk=arabic_article.pk).update(story=story)
    story = clustering.refresh_story(story)
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    try:
        for path, heading in (
            (story.get_absolute_url(), "h1"),
            ("/stories/?min_outlets=1", "h2.story-title"),
        ):
            assert page.goto(live_server.url + path).status == 200
            box = page.locator(heading).first.evaluate(
                "h => { const r = document.createRange(); r.selectNodeContents(h);"
                " const t = r.getBoundingClientRect(), b = h.getBoundingClientRect();"
                " return [t.left - b.left, b.right - t.right]; }"
            )
            assert box[1] < box[0], (path, box)  # the text sits at the heading's right edge
    finally:
        context.close()

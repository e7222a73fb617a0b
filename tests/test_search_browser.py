"""The search and help pages in headless Chromium at phone and desktop widths: no sideways scrolling,
headings in order, and a search typed and run from the keyboard alone."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from archive.search import bulk_indexing
from tests.browser import HEADING_LEVELS_JS, VIEWPORTS, screenshot_dir

pytestmark = pytest.mark.browser

PAGES = {
    "results": "/search/?q=ceasefire",
    "filtered": "/search/?q=ceasefire&year=2014&source=The+Harbour+Herald",
    "everything": "/search/",
    "nothing": "/search/?q=zzzz+%22unclosed",
    "help": "/search/help/",
}


@pytest.fixture
def searchable(transactional_db, make_article, make_source):
    herald = make_source("The Harbour Herald")
    with bulk_indexing():  # one index commit for the lot
        _add_articles(make_article, herald)


def _add_articles(make_article, herald) -> None:
    for n in range(25):
        make_article(
            title=f"Ceasefire talks resume in the northern valley, day {n + 1}",
            body="Delegates discussed a localized ceasefire and a prisoner exchange at great length. " * 4,
            source=herald if n % 2 else None,
            published_date=dt.date(2014, 1, 1) + dt.timedelta(days=n * 30) if n % 5 else None,
            people=["Anna Petrova", "Omar Haddad-Rahimi"] if n % 3 else ["Anna Petrova"],
        )


@pytest.mark.parametrize("device", VIEWPORTS)
def test_search_pages_fit_the_screen_with_headings_in_order(
    device, browser, live_server, searchable, tmp_path
):
    viewport = VIEWPORTS[device]
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        for name, path in PAGES.items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, f"{path} answered {response.status}"
            width = page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{name} scrolls sideways at {device} width ({width}px)"
            levels = page.evaluate(HEADING_LEVELS_JS)
            assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels)), (name, levels)
            page.screenshot(
                path=str(screenshot_dir(tmp_path) / f"search-{name}-{device}.png"), full_page=True
            )
    finally:
        context.close()


def test_a_search_can_be_typed_run_and_narrowed_from_the_keyboard(browser, live_server, searchable):
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    try:
        page.goto(live_server.url + "/search/")
        page.get_by_label("Search words").focus()
        page.keyboard.type("ceasefire")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search/?q=ceasefire")
        assert page.get_by_role("heading", name="25 articles for “ceasefire”").is_visible()
        assert page.locator("mark").first.is_visible()
        facet = page.locator("#facet-source + ul a").first
        facet.focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**source=*")
        assert page.get_by_role("link", name="Remove filter Outlet: The Harbour Herald").is_visible()
    finally:
        context.close()

"""The compare pages in headless Chromium at phone and desktop widths: no sideways scrolling, one
visible <h1>, headings in order, outlets in columns on a wide screen and stacked on a phone."""

from __future__ import annotations

import itertools

import pytest

from tests.browser import HEADING_LEVELS_JS, VIEWPORTS, screenshot_dir

pytestmark = pytest.mark.browser

# Top offsets of the side-by-side columns: equal on a wide screen (one row), rising on a phone (stacked).
_COLUMN_TOPS_JS = (
    "() => [...document.querySelectorAll('.compare-column')].map(c => c.getBoundingClientRect().top)"
)


@pytest.mark.parametrize("device", VIEWPORTS)
def test_compare_pages_fit_the_screen(
    device,
    browser,
    live_server,
    transactional_db,
    lisbon_archive,
    tmp_path,
):
    story = lisbon_archive["treaty"].story
    ids = "&".join(f"a={lisbon_archive[n].pk}" for n in ("treaty", "pipeline", "flood"))
    pages = {
        "stories": "/stories/",
        "story": story.get_absolute_url(),
        "compare": f"/compare/?{ids}",
        "compare-form": "/compare/",
        "compare-sources": "/compare/sources/?q=treaty&source=harbour-times&source=evening-ledger",
    }
    viewport = VIEWPORTS[device]
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    shots = screenshot_dir(tmp_path)
    try:
        for name, path in pages.items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, f"{path} answered {response.status}"
            width = page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{name} scrolls sideways at {device} width ({width}px)"
            assert page.locator("h1").count() == 1 and page.locator("h1").is_visible()
            levels = page.evaluate(HEADING_LEVELS_JS)
            assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (name, levels)
            page.screenshot(path=str(shots / f"{name}-{device}.png"), full_page=True)
        page.goto(live_server.url + story.get_absolute_url())
        tops = page.evaluate(_COLUMN_TOPS_JS)
        assert len(tops) == 2
        assert (tops[0] == tops[1]) if device == "desktop" else (tops[1] > tops[0])
    finally:
        context.close()

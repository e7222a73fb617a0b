"""The story page's "Aligned across outlets" in headless Chromium: a table of rows x outlets on a
wide screen, each row's cells stacked (each naming its outlet and language) on a phone, and no
sideways scrolling at either width. PARALLAX_SCREENSHOTS=DIR keeps the screenshots."""

from __future__ import annotations

import pytest

from tests.browser import VIEWPORTS, screenshot_dir

pytestmark = pytest.mark.browser

# Left offsets of the cells of the first person row: side by side on a desktop, one above the
# other (same left) on a phone.
_CELL_BOXES_JS = """() => [...document.querySelectorAll('.aligned-people tr:nth-child(2) td')]
  .map(td => { const r = td.getBoundingClientRect(); return [r.left, r.top]; })"""


@pytest.mark.parametrize("device", VIEWPORTS)
def test_the_alignment_fits_the_screen(device, browser, live_server, transactional_db, lund_story, tmp_path):
    viewport = VIEWPORTS[device]
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        response = page.goto(live_server.url + lund_story.get_absolute_url())
        assert response.status == 200
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"the story page scrolls sideways at {device} width ({width}px)"
        section = page.locator("section.aligned")
        section.scroll_into_view_if_needed()
        assert section.is_visible()
        boxes = page.evaluate(_CELL_BOXES_JS)
        assert len(boxes) == 3
        lefts, tops = {left for left, _ in boxes}, [top for _, top in boxes]
        if device == "desktop":
            assert len(lefts) == 3 and len(set(tops)) == 1
            assert not page.locator(".aligned-outlet").first.is_visible()
        else:
            assert len(lefts) == 1 and tops == sorted(tops) and len(set(tops)) == 3
            assert page.locator(".aligned-outlet").first.is_visible()
        section.screenshot(path=str(screenshot_dir(tmp_path) / f"story-aligned-{device}.png"))
    finally:
        context.close()

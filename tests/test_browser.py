"""The browse pages in headless Chromium at phone and desktop widths: no sideways scrolling, a
visible <h1>, and the main navigation reachable with the Tab key. Screenshots are saved under
tmp_path (or the folder in env PARALLAX_SCREENSHOTS, to look at them)."""

from __future__ import annotations

import itertools

import pytest

from tests.browse_data import build_sample_archive
from tests.browser import HEADING_LEVELS_JS, VIEWPORTS, screenshot_dir

pytestmark = pytest.mark.browser

NAV_PATHS = ["/stories/", "/sources/", "/people/", "/dates/", "/compare/sources/"]
# Tab presses allowed to reach the last nav link: skip link, brand, five nav links, and slack.
MAX_TABS = 12


def _pages(sample) -> dict[str, str]:
    return {
        "home": "/",
        "sources": "/sources/",
        "source": sample.harbour.get_absolute_url(),
        "people": "/people/",
        "person": sample.petrova.get_absolute_url(),
        "article": sample.talks.get_absolute_url(),
        "dates": "/dates/2014/",
        "month": "/dates/2014/1/",
        "undated": "/dates/?undated=1",
    }


# The path of the focused link, and whether the focus ring is drawn around it.
_FOCUS_JS = """() => {
  const el = document.activeElement;
  return [el && el.pathname || '', el ? getComputedStyle(el).outlineStyle : 'none'];
}"""


def _focused_paths(page) -> list[str]:
    """The link paths focus visits on repeated Tab presses from the top of the page; each nav link
    reached must show a focus outline."""
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        path, outline = page.evaluate(_FOCUS_JS)
        if path in NAV_PATHS:
            assert outline != "none", f"no focus outline on {path}"
        seen.append(path)
    return seen


@pytest.mark.parametrize("device", VIEWPORTS)
def test_browse_pages_fit_the_screen_and_work_from_the_keyboard(
    device, browser, live_server, transactional_db, tmp_path
):
    sample = build_sample_archive()
    viewport = VIEWPORTS[device]
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    shots = screenshot_dir(tmp_path)
    try:
        for name, path in _pages(sample).items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, f"{path} answered {response.status}"
            width = page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{name} scrolls sideways at {device} width ({width}px)"
            assert page.locator("h1").first.is_visible(), f"{name} has no visible h1"
            levels = page.evaluate(HEADING_LEVELS_JS)
            assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels)), (name, levels)
            page.screenshot(path=str(shots / f"{name}-{device}.png"), full_page=True)
            assert (shots / f"{name}-{device}.png").stat().st_size > 0
            if device == "phone" or name in ("home", "article"):
                reached = _focused_paths(page)
                missing = [p for p in NAV_PATHS if p not in reached]
                assert not missing, f"Tab never reached {missing} on {name} ({device}); saw {reached}"
    finally:
        context.close()


def test_an_empty_archive_greets_the_reader_on_a_phone(browser, live_server, transactional_db, tmp_path):
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        assert page.get_by_role("heading", name="No articles yet").is_visible()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= VIEWPORTS["phone"]["width"]
        page.screenshot(path=str(screenshot_dir(tmp_path) / "home-empty-phone.png"), full_page=True)
    finally:
        context.close()

"""The admin in headless Chromium: a title in a right-to-left script reads from the right in the
article list (each cell takes its direction from its own text), a Latin title from the left."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Where the title's text sits in its cell: [text left - cell left, cell right - text right] in px.
_TEXT_GAPS_JS = """(title) => {
  const link = [...document.querySelectorAll('#result_list tbody th a')].find(a => a.textContent === title);
  const cell = link.closest('th').getBoundingClientRect(), text = link.getBoundingClientRect();
  return [text.left - cell.left, cell.right - text.right];
}"""


def test_a_right_to_left_title_reads_from_the_right(browser, live_server, transactional_db, make_source):
    from django.contrib.auth import get_user_model

    from archive.models import Article

    persian = "گزارش تازه از بندر"  # "a new report from the harbour"
    english = "New report from the harbour"
    source = make_source("Harbour Gazette")
    for title in (persian, english):
        Article.objects.create(title=title, body=f"{title}. Written for this test.", source=source)
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a long test password")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(live_server.url + "/admin/login/?next=/admin/archive/article/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", "a long test password")
        page.click("input[type=submit]")
        page.wait_for_selector("#result_list")
        left, right = page.evaluate(_TEXT_GAPS_JS, persian)
        assert right < left, f"the Persian title starts at the left of its cell ({left}px / {right}px)"
        left, right = page.evaluate(_TEXT_GAPS_JS, english)
        assert left < right, f"the English title starts at the right of its cell ({left}px / {right}px)"
    finally:
        page.close()

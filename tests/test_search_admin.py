"""The admin article list's search box uses the index (archive.searching.search_article_ids)."""

from __future__ import annotations

from archive.searching import search_article_ids


def test_search_article_ids_returns_matching_ids_best_first(make_article, indexed):
    with indexed():
        strong = make_article(title="Ceasefire holds", body="The ceasefire held; the ceasefire was welcomed.")
        weak = make_article(title="Weather report", body="Rain, and talk of a ceasefire.")
        make_article(title="Markets", body="Shares rose.")
    assert search_article_ids("ceasefire") == [strong.pk, weak.pk]
    assert search_article_ids("ceasefire", limit=1) == [strong.pk]


def test_search_article_ids_is_none_when_the_index_cannot_be_read(make_article, settings, use_whoosh):
    settings.SEARCH_BACKENDS = {
        "default": {**settings.SEARCH_BACKENDS["default"], "PATH": "/proc/no-index-here"}
    }
    assert search_article_ids("ceasefire") is None


def test_the_admin_article_search_box_finds_by_stemmed_words(admin_client, make_article, indexed):
    with indexed():
        make_article(title="Ceasefire talks resume", body="Negotiators met again.")
        make_article(title="Markets", body="Shares rose.")
    page = admin_client.get("/admin/archive/article/", {"q": "ceasefires"}).content.decode()
    assert "Ceasefire talks resume" in page and "Markets" not in page

"""A view's path reversed once (archive/paths.py) is the path reverse() gives, wherever the site is
served and whatever URL configuration is in force."""

from __future__ import annotations

import pytest
from django.urls import path, reverse, set_script_prefix

from archive.paths import view_path


def _other_article(request, pk):  # pragma: no cover - never called, only reversed
    raise AssertionError


urlpatterns = [path("news/<int:pk>/read/", _other_article, name="article")]


@pytest.fixture
def prefix():
    def serve_under(value: str) -> None:
        set_script_prefix(value)

    yield serve_under
    set_script_prefix("/")


def test_it_gives_the_path_reverse_gives_with_and_without_an_id():
    assert view_path("archive:search") == reverse("archive:search") == "/search/"
    assert view_path("archive:article", 7) == "/articles/7/"
    assert view_path("archive:article", 1234567) == reverse("archive:article", args=[1234567])


def test_it_follows_the_script_prefix_of_each_request(prefix):
    assert view_path("archive:article", 7) == "/articles/7/"
    prefix("/archive/")
    assert view_path("archive:article", 7) == "/archive/articles/7/"
    assert view_path("archive:search") == "/archive/search/"
    prefix("/")
    assert view_path("archive:search") == "/search/"


def test_it_follows_a_changed_url_configuration(settings):
    assert view_path("archive:article", 7) == "/articles/7/"
    settings.ROOT_URLCONF = __name__
    assert view_path("article", 7) == "/news/7/read/"


def test_an_id_whose_digits_stand_elsewhere_in_the_path_is_still_put_in_its_place(prefix):
    prefix("/987654321/")  # the stand-in's own digits in the prefix: every call reverses
    assert view_path("archive:article", 5) == "/987654321/articles/5/"


def test_a_pages_navigation_and_footer_link_through_the_named_paths(client, db, prefix):
    html = client.get("/search/help/").content.decode()
    assert '<a href="/stories/">Stories</a>' in html and '<a href="/admin/">Admin</a>' in html
    prefix("/archive/")
    html = client.get("/search/help/").content.decode()
    assert '<a href="/archive/stories/">Stories</a>' in html
    assert '<a href="/archive/login/">Sign in</a>' in html

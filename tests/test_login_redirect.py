"""After logging in, the user lands on the page they asked for when it is on this site, and on the
admin's index when it is not (an off-site `next=` is refused): never on Django's default
/accounts/profile/, which this site does not have."""

from __future__ import annotations

import pytest

LOGIN_URL = "/admin/login/"


@pytest.fixture
def editor(django_user_model, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return django_user_model.objects.create_user("editor", password="the-right-password", is_staff=True)


def log_in(client, next_url: str | None):
    data = {"username": "editor", "password": "the-right-password"}
    if next_url is not None:
        data["next"] = next_url
    return client.post(LOGIN_URL, data)


@pytest.mark.parametrize("refused", ["https://evil.example/", "//evil.example/admin/", "javascript:alert(1)"])
def test_a_refused_next_lands_on_the_admin_index(client, editor, refused):
    response = log_in(client, refused)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200


def test_no_next_lands_on_the_admin_index(client, editor):
    response = log_in(client, None)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_the_page_asked_for_on_this_site_is_where_the_login_goes(client, editor):
    response = log_in(client, "/admin/archive/article/")
    assert response.status_code == 302 and response["Location"] == "/admin/archive/article/"

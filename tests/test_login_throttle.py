"""The login throttle (django-axes): after the configured number of wrong passwords for one user
from one address, even the right password is refused with a page that says why and for how long."""

from __future__ import annotations

import pytest

LOGIN_URL = "/admin/login/"


@pytest.fixture
def editor(django_user_model, settings):
    # A fast hasher: each try would otherwise cost the real hasher's 0.4 s of CPU.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return django_user_model.objects.create_user("editor", password="the-right-password", is_staff=True)


def log_in(client, password: str, *, username: str = "editor", address: str = "203.0.113.7"):
    data = {"username": username, "password": password, "next": "/admin/"}
    return client.post(LOGIN_URL, data, REMOTE_ADDR=address)


def test_a_mistyped_password_then_the_right_one_logs_in(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong").status_code == 200
    response = log_in(client, "the-right-password")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_after_the_failure_limit_even_the_right_password_is_refused_with_a_clear_message(
    client, editor, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong")
    response = log_in(client, "the-right-password")

    assert response.status_code == 429
    page = response.content.decode()
    assert "Login locked" in page and f"{settings.AXES_FAILURE_LIMIT} wrong passwords" in page
    assert "0:30:00" in page  # the cool-off time, as configured
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_user_and_address(client, editor, django_user_model, settings):
    django_user_model.objects.create_user("archivist", password="another-password", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong")
    assert log_in(client, "the-right-password", address="198.51.100.4").status_code == 302
    client.logout()
    assert log_in(client, "another-password", username="archivist").status_code == 302


# Behind the README's proxy every request comes from the proxy's address; the client is the
# address the proxy appended to X-Forwarded-For.
PROXY = "127.0.0.1"


def log_in_through_proxy(client, password: str, forwarded_for: str):
    data = {"username": "editor", "password": password, "next": "/admin/"}
    return client.post(LOGIN_URL, data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def test_behind_a_proxy_a_guesser_does_not_lock_the_user_out_at_other_addresses(client, editor, settings):
    settings.PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in_through_proxy(client, "wrong", "203.0.113.66")
    response = log_in_through_proxy(client, "the-right-password", "198.51.100.4")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_behind_a_proxy_the_guessing_address_is_locked(client, editor, settings):
    settings.PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in_through_proxy(client, "wrong", "203.0.113.66")
    assert log_in_through_proxy(client, "the-right-password", "203.0.113.66").status_code == 429


def test_behind_a_proxy_an_address_the_client_wrote_in_the_header_is_not_believed(client, editor, settings):
    # The proxy appends the address it saw; whatever the client sent stands to its left.
    settings.PROXY_COUNT = 1
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in_through_proxy(client, "wrong", f"192.0.2.{number}, 203.0.113.66")
    assert log_in_through_proxy(client, "the-right-password", "203.0.113.66").status_code == 429


def test_without_a_proxy_the_header_is_not_trusted(client, editor, settings):
    assert settings.PROXY_COUNT == 0
    for number in range(settings.AXES_FAILURE_LIMIT):
        data = {"username": "editor", "password": "wrong", "next": "/admin/"}
        client.post(LOGIN_URL, data, REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert log_in(client, "the-right-password", address="203.0.113.66").status_code == 429

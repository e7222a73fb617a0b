import pytest
from django.core.exceptions import ImproperlyConfigured

from archive import settings as project_settings


def test_envbool_rejects_a_value_that_is_not_a_boolean(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        project_settings.envbool("SOME_FLAG", False)


def test_envint_reads_integers_and_rejects_words(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "12")
    assert project_settings.envint("SOME_NUMBER", 1) == 12
    monkeypatch.setenv("SOME_NUMBER", "twelve")
    with pytest.raises(ImproperlyConfigured):
        project_settings.envint("SOME_NUMBER", 1)


def test_admin_requires_a_staff_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]

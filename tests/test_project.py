import os

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


@pytest.mark.slow
def test_manage_py_runs_on_a_fresh_checkout_without_any_environment(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    env = {"PATH": os.environ.get("PATH", ""), "PARALLAX_DATA_DIR": str(tmp_path)}
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr

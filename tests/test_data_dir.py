"""The archive's folder is made by the entry points (manage.py, wsgi.py), never by importing the
settings: a test run, `pytest --collect-only` or a tool that only reads the settings writes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_python(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if name in ("PATH", "HOME", "LANG")}
    env.update(
        PARALLAX_DATA_DIR=str(tmp_path / "archive"), DEBUG="true", DJANGO_SETTINGS_MODULE="archive.settings"
    )
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_importing_the_settings_and_setting_up_django_writes_nothing(tmp_path):
    done = run_python(
        tmp_path, "-c", "import django; django.setup(); from django.conf import settings; settings.DATA_DIR"
    )
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "archive").exists()


@pytest.mark.slow
def test_manage_py_makes_the_data_folder_and_its_static_root(tmp_path):
    done = run_python(tmp_path, "manage.py", "check")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "archive").is_dir()
    assert (tmp_path / "archive" / "static").is_dir()

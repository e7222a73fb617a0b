"""The archive's folder on disk (PARALLAX_DATA_DIR: the SQLite file, the Whoosh index, uploads and
collected static files) is made by the entry points that serve or manage an archive (manage.py,
wsgi.py), never by importing the settings: a test run or a `--collect-only` writes nothing."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def prepare_data_dir() -> Path:
    """Create the data folder and the static root inside it if missing; return the data folder."""
    data = Path(settings.DATA_DIR)
    data.mkdir(parents=True, exist_ok=True)
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # whitenoise warns when missing
    return data

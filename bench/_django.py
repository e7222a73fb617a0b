"""Django set-up shared by the benchmarks: a throw-away archive folder, DEBUG off, migrated.

DEBUG stays off because with it Django keeps every SQL statement it ran, which inflates peak memory
(generate_corpus's bulk inserts hold whole bodies). The settings refuse the development key without
DEBUG unless PARALLAX_ALLOW_DEV_KEY says this is not a site.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(data_dir: str | Path, **env: str) -> None:
    """Point Django at `data_dir` (plus any extra settings in `env`), set it up and migrate."""
    os.environ.update(
        {
            "PARALLAX_DATA_DIR": str(data_dir),
            "DEBUG": "false",
            "PARALLAX_ALLOW_DEV_KEY": "true",
            "SECURE_SSL_REDIRECT": "false",  # the benchmarks' client speaks plain HTTP
            "PARALLAX_STATIC_MANIFEST": "false",  # static/ served as it is, no collectstatic step
            "DJANGO_SETTINGS_MODULE": "archive.settings",
            **env,
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    from archive.datadir import prepare_data_dir

    prepare_data_dir()

    call_command("migrate", verbosity=0)


def generate_up_to(size: int) -> None:
    """Add generated articles until the archive holds `size` (the same seeded corpus every time)."""
    import time

    from django.core.management import call_command

    from archive.models import Article

    have = Article.objects.count()
    if have < size:
        started = time.monotonic()
        call_command("generate_corpus", str(size - have), verbosity=0)
        print(f"generated {size - have} articles in {time.monotonic() - started:.0f} s")

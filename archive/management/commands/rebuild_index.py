"""`manage.py rebuild_index [--procs N]`: rebuild the search index from the database.

Searches go on against the old index until the new one commits; saves made meanwhile are queued in
the pending journal and indexed right after (archive/search/indexing.py)."""

from __future__ import annotations

import os
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.models import Article
from archive.search import get_backend
from archive.search.backend import IndexBusyError

# How long to wait for another writer (an upload in progress) before giving up.
LOCK_WAIT = 120.0
# Two writer processes gave ~1.5x the single-writer rate on this 2-core machine (WHOOSH.md; 138/s
# against ~80/s here at 2,000 articles); more than the cores only adds memory.
DEFAULT_PROCS = 2


class Command(BaseCommand):
    help = "Rebuild the search index from the database (with a progress bar)."

    def add_arguments(self, parser):
        parser.add_argument("--alias", default="default", help="Which of settings.SEARCH_BACKENDS.")
        parser.add_argument(
            "--procs",
            type=int,
            default=min(DEFAULT_PROCS, os.cpu_count() or 1),
            help="Indexing processes (default 2: ~1.5x the single-writer rate on 2 cores).",
        )

    def handle(self, *args, alias="default", procs=None, **options):
        backend = get_backend(alias)
        if procs:
            backend.options["PROCS"] = procs
        total = Article.objects.count()
        started = time.monotonic()
        with tqdm(total=total, unit="article", disable=None, file=self.stderr._out) as bar:
            try:
                count = backend.rebuild_from_database(timeout=LOCK_WAIT, progress=bar.update)
            except IndexBusyError as e:
                raise CommandError(f"Could not rebuild: {e}. Try again when the upload has finished.") from e
        elapsed = time.monotonic() - started
        caught_up = backend.catch_up(timeout=LOCK_WAIT)
        rate = count / elapsed if elapsed else 0.0
        self.stdout.write(f"Indexed {count} articles in {elapsed:.1f} s ({rate:.0f}/s).")
        if caught_up:
            self.stdout.write(f"Then indexed {caught_up} article(s) saved during the rebuild.")

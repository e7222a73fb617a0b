"""`manage.py rebuild_index [--procs N]`: rebuild the search index from the database.

Searches go on against the old index until the new one commits; saves made meanwhile are queued in
the pending journal and indexed right after (archive/search/indexing.py)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.models import Article
from archive.search import get_backend
from archive.search.backend import IndexBusyError
from archive.search.documents import documents_for
from archive.search.indexing import drain

# How long to wait for another writer (an upload in progress) before giving up.
LOCK_WAIT = 120.0


class Command(BaseCommand):
    help = "Rebuild the search index from the database (with a progress bar)."

    def add_arguments(self, parser):
        parser.add_argument("--alias", default="default", help="Which of settings.SEARCH_BACKENDS.")
        parser.add_argument(
            "--procs", type=int, default=None, help="Indexing processes (WHOOSH.md: 2 gave ~1.5x on 2 cores)."
        )

    def handle(self, *args, alias="default", procs=None, **options):
        backend = get_backend(alias)
        if procs:
            backend.options["PROCS"] = procs
        total = Article.objects.count()
        started = time.monotonic()
        with tqdm(total=total, unit="article", disable=None, file=self.stderr._out) as bar:
            try:
                count = backend.rebuild(documents_for(), timeout=LOCK_WAIT, progress=bar.update)
            except IndexBusyError as e:
                raise CommandError(f"Could not rebuild: {e}. Try again when the upload has finished.") from e
        elapsed = time.monotonic() - started
        caught_up = drain(alias, timeout=LOCK_WAIT)
        rate = count / elapsed if elapsed else 0.0
        self.stdout.write(f"Indexed {count} articles in {elapsed:.1f} s ({rate:.0f}/s).")
        if caught_up:
            self.stdout.write(f"Then indexed {caught_up} article(s) saved during the rebuild.")

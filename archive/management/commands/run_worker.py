"""`manage.py run_worker [--burst]`: run one task worker for the configured queue (PARALLAX_TASKS):
django-tasks-db's `db_worker`, or django-rq's `rqworker` with django-tasks-rq's job class. First it
re-queues import chunks whose worker died (archive/jobs/runner.py), so a restarted worker finishes them,
and removes orphaned upload folders (archive/jobs/cleaning.py; django-tasks has no scheduler).
Start as many as the machine's cores allow; on other machines, point them at the same database,
Redis and PARALLAX_DATA_DIR.

A locked database ("database is locked": SQLite's write lock held past the busy timeout, by a long
import, a backup or another worker) never ends the worker: it waits (1, 2, 4, ... s up to
PARALLAX_LOCK_RETRY_MAX_SECONDS) and starts its loop again. Anything else
still ends it; in production a supervisor restarts it (README, "Serving in production")."""

from __future__ import annotations

import os
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import OperationalError

from archive.importing.base import is_locked
from archive.jobs import tasks
from archive.jobs.base import lock_backoff
from archive.jobs.cleaning import clean_uploads


class Command(BaseCommand):
    help = "Run a task worker (import jobs) for the configured queue."

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="Run what is queued, then exit.")

    def handle(self, *args, burst=False, verbosity=1, **options):
        lower_priority(settings.PARALLAX_WORKER_NICE)
        attempt = 0
        while True:
            started = time.monotonic()
            try:
                self.work(burst=burst, verbosity=verbosity)
                return
            except OperationalError as error:
                if not is_locked(error):
                    raise
                # A loop that ran a while before meeting the lock starts its waits from the shortest.
                quiet = time.monotonic() - started > settings.PARALLAX_LOCK_RETRY_MAX_SECONDS
                attempt = 1 if quiet else attempt + 1
                wait = lock_backoff(attempt)
                self.stderr.write(f"The database is locked ({error}); the worker tries again in {wait} s.")
                time.sleep(wait)  # the queue's loop checks its connections when it starts again

    def work(self, *, burst: bool, verbosity: int) -> None:
        """What is ready, then what is queued, until stopped (or, with --burst, until none is left)."""
        removed = clean_uploads()
        if removed:
            self.stdout.write(f"Removed {len(removed)} orphaned upload folder(s).")
        requeued = tasks.requeue_stale()
        if requeued:
            self.stdout.write(f"Re-queued {requeued} import chunk(s) whose worker had died.")
        if settings.PARALLAX_TASKS == "rq":
            extra = ["--burst"] if burst else []
            queue, job_class = settings.PARALLAX_TASK_QUEUE, "django_tasks_rq.Job"
            call_command("rqworker", queue, "--job-class", job_class, *extra, verbosity=verbosity)
        else:
            # No autoreload: its parent process would outlive a `kill` of this one.
            extra = ["--batch"] if burst else []
            queue = ["--queue-name", settings.PARALLAX_TASK_QUEUE]
            call_command("db_worker", "--no-reload", *queue, *extra, verbosity=verbosity)


def lower_priority(increment: int) -> None:
    """Yield the CPU to the web processes on this machine: an import's NER and clustering keep a core
    busy, and at the same priority a 300-file upload took search p95 from 100 to 400 ms for 20 readers
    on 2 cores (bench/README.md, "Load")."""
    if increment > 0 and hasattr(os, "nice"):
        os.nice(increment)

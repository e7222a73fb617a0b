"""`manage.py run_worker [--burst]`: run one task worker for the configured queue (PARALLAX_TASKS):
django-tasks-db's `db_worker`, or django-rq's `rqworker` with django-tasks-rq's job class. First it
re-queues import chunks whose worker died (archive/jobs/runner.py), so a restarted worker finishes them.
Start as many as the machine's cores allow; on other machines, point them at the same database,
Redis and PARALLAX_DATA_DIR."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from archive.jobs import tasks


class Command(BaseCommand):
    help = "Run a task worker (import jobs) for the configured queue."

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="Run what is queued, then exit.")

    def handle(self, *args, burst=False, verbosity=1, **options):
        lower_priority(settings.PARALLAX_WORKER_NICE)
        requeued = tasks.requeue_stale()
        if requeued:
            self.stdout.write(f"Re-queued {requeued} import chunk(s) whose worker had died.")
        if settings.PARALLAX_TASKS == "rq":
            extra = ["--burst"] if burst else []
            call_command(
                "rqworker", "default", "--job-class", "django_tasks_rq.Job", *extra, verbosity=verbosity
            )
        else:
            # No autoreload: its parent process would outlive a `kill` of this one.
            extra = ["--batch"] if burst else []
            call_command("db_worker", "--no-reload", *extra, verbosity=verbosity)


def lower_priority(increment: int) -> None:
    """Yield the CPU to the web processes on this machine: an import's NER and clustering keep a core
    busy, and at the same priority a 300-file upload took search p95 from 100 to 400 ms for 20 readers
    on 2 cores (bench/README.md, "Load")."""
    if increment > 0 and hasattr(os, "nice"):
        os.nice(increment)

"""Background jobs through Django's tasks API (the django-tasks backport of Django 6's
django.tasks). The queue is chosen in settings (PARALLAX_TASKS: the database, or Redis through
RQ); `manage.py run_worker` runs a worker for either.

This module owns enqueueing: every task of an import job is queued by `enqueue`, which the runner
(archive/jobs/runner.py, the work itself) is handed, so the runner never imports this module."""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from archive.jobs import runner
from archive.models import ImportChunk


@task(queue_name=settings.PARALLAX_TASK_QUEUE)
def run_chunk(job_id: int, number: int, token: str) -> str:
    """One chunk of an import job: unpack what was received (chunk 0) or import its files."""
    return runner.run_chunk(job_id, number, token, enqueue=enqueue)


def enqueue(chunk: ImportChunk) -> None:
    """Queue the task of `chunk` and keep its id on the chunk."""
    result = run_chunk.enqueue(chunk.job_id, chunk.number, chunk.token)
    ImportChunk.objects.filter(pk=chunk.pk, token=chunk.token).update(task_id=str(result.id))


def requeue_stale() -> int:
    """A new claim and a new task for each running chunk whose worker died (runner.requeue_stale)."""
    return runner.requeue_stale(enqueue=enqueue)

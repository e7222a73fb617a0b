"""Background jobs through Django's tasks API (the django-tasks backport of Django 6's
django.tasks). The queue is chosen in settings (PARALLAX_TASKS: the database, or Redis through
RQ); `manage.py run_worker` runs a worker for either. The work itself lives in archive/job_runner.py."""

from __future__ import annotations

from django_tasks import task

from archive import job_runner


@task()
def run_chunk(job_id: int, number: int, token: str) -> str:
    """One chunk of an import job: unpack what was received (chunk 0) or import its files."""
    return job_runner.run_chunk(job_id, number, token)

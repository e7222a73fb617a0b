"""Import jobs in one process: an upload posted, then its queued tasks run here as a worker would
run them (django-tasks-db's rows), so tests read the job page and its results."""

from __future__ import annotations

import pytest

UPLOAD_URL = "/admin/archive/article/upload/"


def run_queued_tasks(capture) -> int:
    """Run every ready task of the database queue, as `db_worker` does; returns how many ran.
    `capture` is pytest-django's django_capture_on_commit_callbacks: a test's transaction never
    commits, so the callbacks that enqueue the next chunks are run by it."""
    from django_tasks_db.models import DBTaskResult

    ran = 0
    while row := DBTaskResult.objects.ready().order_by("enqueued_at").first():
        row.claim("in-process")
        with capture(execute=True):
            value = row.task.call(*row.task_result.args, **row.task_result.kwargs)
        row.set_successful(value)
        ran += 1
    return ran


@pytest.fixture
def post_upload(django_capture_on_commit_callbacks):
    """post_upload(client, data, run=True): post the upload form; when it made a job, run the job
    (unless run=False) and return the job page, else the form's own answer."""

    def post(client, data, *, run: bool = True):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(UPLOAD_URL, data)
        if response.status_code != 302 or "/importjob/" not in response["Location"]:
            return response
        if run:
            run_queued_tasks(django_capture_on_commit_callbacks)
        return client.get(response["Location"])

    return post

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


_SYLLABLES = "ka lo mi ra ten vor sel an dri pul mer cas ti no ber gul fa sen dor ive".split()  # noqa: SIM905


def _word(rng, parts: int = 3) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts))


def tiny_articles(n: int, seed: int = 7) -> list[tuple[str, bytes]]:
    """`n` short plain-text articles (a headline, a date line and four sentences), each with its own
    made-up place and words, so none is a near-copy of another."""
    import random

    rng = random.Random(seed)
    articles = []
    for i in range(n):
        town, thing, other = _word(rng).title(), _word(rng), _word(rng)
        name = f"{_word(rng, 2).title()} {_word(rng, 3).title()}"
        body = (
            f"Council in {town} backs the {thing} plan, vote number {i}\n\n"
            f"March {1 + i % 28}, 2023\n\n"
            f"The council of {town} voted on Tuesday to fund the {thing} scheme for {3 + i % 9} more years, "
            f"after a long debate about the {other} budget and the {_word(rng)} road.\n\n"
            f'"We have waited {i + 2} months for this," said {name}, who led the {_word(rng)} campaign. '
            f'"The {other} will be ready before the winter."\n\n'
            f"Opponents said the {_word(rng)} works would cost {10 + i} thousand pounds and asked for a "
            f"review of the {_word(rng)} contract.\n\n"
            f"A final decision on the {_word(rng)} site is expected at the next meeting in {town}.\n"
        )
        articles.append((f"article-{i:05d}.txt", body.encode()))
    return articles


def zip_bytes(files: list[tuple[str, bytes]]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()

"""Import jobs in one process: an upload posted, then its queued tasks run here as a worker would
run them (django-tasks-db's rows), so tests read the job page and its results."""

from __future__ import annotations

import pytest

from archive.synthetic import SYLLABLES

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


_SENTENCES = (
    "The {a} of {P} said on {day} that the {b} would reopen before the {c} season.",
    "{N}, who runs the {a} office, told reporters the {b} had cost {n} thousand pounds.",
    '"We have waited {n} months for the {c}," said {N}. "The {b} must come first."',
    "Officials in {P} expect a decision on the {a} and the {c} at a meeting next week.",
    "Critics asked why the {b} was approved without a review of the {a} contract.",
    "Police in {P} closed the {c} road after the {b} collapsed on {day} night.",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def tiny_articles(n: int, seed: int = 7) -> list[tuple[str, bytes]]:
    """`n` short plain-text articles (a headline, a date line and four sentences), each about its
    own made-up place and things, so no two are near-copies or one story."""
    import random

    rng = random.Random(seed)

    def word(parts: int = 3) -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(parts))

    articles = []
    for i in range(n):
        place, name = word().title(), f"{word(2).title()} {word(3).title()}"
        fill = {"P": place, "N": name, "a": word(), "b": word(), "c": word(), "n": i + 2}
        fill["day"] = rng.choice(_DAYS)
        sentences = [s.format(**fill) for s in rng.sample(_SENTENCES, 4)]
        title = f"{word().title()} {word()} in {place} as {word()} {word()} {i}"
        body = (
            f"{title}\n\n{rng.choice(_DAYS[:3])}, March {1 + i % 28}, 2023\n\n"
            + "\n\n".join(sentences)
            + "\n"
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

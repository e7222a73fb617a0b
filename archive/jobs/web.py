"""Import jobs, the web side: an upload handed to the task workers (archive/jobs/tasks.py) instead of
run in the request.

A job is received (files saved under MEDIA_ROOT/<job>/received/, or paths named by `ingest --queue`)
and split into chunks, one task each: chunk 0 unpacks what was received (zips through
archive.ingest.files, with its limits and refusals) into one ImportFile per article file, then
chunks 1..n import PARALLAX_JOB_CHUNK_FILES files each through the importer, so several
workers share a big upload. This module receives, cancels and reports on jobs (the web side);
archive/jobs/runner.py runs their chunks and resumes those whose worker died.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from archive.importing.base import FileResult, summarise
from archive.jobs.base import COUNTED, file_suffix, remove_uploads, uploads_dir
from archive.jobs.tasks import enqueue
from archive.models import ImportChunk, ImportJob

Status = ImportJob.Status


# --- receiving ---------------------------------------------------------------------------------


def receive_upload(uploaded: Iterable, *, user, source_name: str | None, may_update: bool) -> ImportJob:
    """Save uploaded files (Django UploadedFile) under the job's folder and queue the job."""
    job = ImportJob.objects.create(created_by=user, source_name=source_name or "", may_update=may_update)
    folder = uploads_dir(job) / "received"
    folder.mkdir(parents=True, exist_ok=True)
    received = []
    for i, upload in enumerate(uploaded):
        path = folder / f"{i:05d}{file_suffix(upload.name)}"
        with path.open("wb") as out:
            for piece in upload.chunks():
                out.write(piece)
        received.append([upload.name, str(path.relative_to(settings.MEDIA_ROOT))])
    return _queue(job, received)


def queue_paths(paths: Sequence[Path], *, user=None, source_name: str | None = None) -> ImportJob:
    """A job for files already on disk (`ingest --queue`): read in place, by absolute path, so
    every worker must see them at that path."""
    job = ImportJob.objects.create(created_by=user, source_name=source_name or "")
    return _queue(job, [[str(path), str(Path(path).resolve())] for path in paths])


def _queue(job: ImportJob, received: list[list[str]]) -> ImportJob:
    with transaction.atomic():
        job.received = received
        job.files_total = len(received)  # until unpacked
        job.save(update_fields=["received", "files_total"])
        chunk = ImportChunk.objects.create(job=job, number=0, token=uuid.uuid4().hex)
        transaction.on_commit(lambda: enqueue(chunk))
    return job


def cancel(job: ImportJob) -> bool:
    """Cancel a queued or running job: queued chunks never start, a running one stops before its
    next step (within one file), and the job's uploaded files are removed once the cancel commits.
    Returns False when the job had already ended."""
    ended = ImportJob.objects.filter(pk=job.pk, status__in=[Status.QUEUED, Status.RUNNING]).update(
        status=Status.CANCELLED, finished_at=timezone.now(), current_file=""
    )
    if ended:
        transaction.on_commit(lambda: remove_uploads(job.pk))
    return bool(ended)


# --- what the job page shows ----------------------------------------------------------------------


@dataclass(frozen=True)
class JobProgress:
    done: int
    total: int
    counts: dict[str, int]
    current_file: str
    elapsed: dt.timedelta | None
    remaining: dt.timedelta | None  # estimated, from the pace so far

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


def progress(job: ImportJob) -> JobProgress:
    start, end = job.started_at, job.finished_at or timezone.now()
    elapsed = end - start if start else None
    remaining = None
    if elapsed and job.files_done and not job.is_finished:
        remaining = elapsed * (job.files_total - job.files_done) / job.files_done
    counts = {name: getattr(job, name) for name in COUNTED}
    return JobProgress(job.files_done, job.files_total, counts, job.current_file, elapsed, remaining)


def results(job: ImportJob) -> tuple[list[FileResult], str]:
    """Every file's results in upload order, and the one-line summary."""
    found = []
    for data in job.files.order_by("position").values_list("results", flat=True):
        for item in data:
            found.append(
                FileResult(
                    **{**item, "people": tuple(item["people"]), "needs_review": tuple(item["needs_review"])}
                )
            )
    return found, summarise(found)

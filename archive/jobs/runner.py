"""Running an import job's chunks (archive/jobs/web.py), and running again those whose worker died.

The task module (archive/jobs/tasks.py) runs `run_chunk` and owns enqueueing: what must queue a
chunk's task (new chunks after unpacking, chunks whose worker died) is handed its `enqueue`.

Resuming. Each file's result is written in the same transaction as its article, so a chunk that
runs again skips the files already done: nothing doubled, nothing lost. A chunk is claimed with a
token; its worker (host:pid) writes a heartbeat every few seconds from a thread. The database
queue (django-tasks-db) never runs a task twice: a task whose worker died stays RUNNING there for
ever. So `requeue_stale()` gives a chunk a new token and a new task when its worker is a dead
process on this host, or has not been heard from for PARALLAX_JOB_STALE_SECONDS (a dead machine).
It runs when a worker starts (`manage.py run_worker`), when a chunk ends, and when the job page
or list is viewed. The old task, if it ever wakes, no longer holds the token and stops before
its next file. A chunk claimed RUN_LIMIT times fails its job (a file that kills its worker).

Stopping. The claim (the job still queued or running, the chunk still this worker's) is checked
between every two steps: before unpacking each received file and each member, before parsing each
file, between parsing and name finding, before storing each article. A cancel stops the chunk
within one file; a file's parse is bounded by the 5 MB an article file may be (archive.ingest.files).

A locked database ("database is locked", SQLite's write lock held past its busy timeout) is a
wait, not a failure: the chunk waits (lock_backoff) and runs again from where it stood, up to
LOCK_RETRIES times. An ended job's files are removed, and orphaned upload folders with them
(archive/jobs/cleaning.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from archive.importing.base import FileResult, failed, is_locked
from archive.importing.importer import import_unpacked
from archive.ingest.article import IngestError
from archive.ingest.files import RefusedMember, expand_upload
from archive.jobs.base import COUNTED, count, file_suffix, lock_backoff, remove_uploads, uploads_dir
from archive.jobs.cleaning import clean_uploads
from archive.models import ImportChunk, ImportFile, ImportJob

log = logging.getLogger(__name__)

# A chunk's worker writes its heartbeat this often (and the stale limit is several times this).
HEARTBEAT_SECONDS = 5
# Claims of one chunk before its job is failed: a file that kills its worker every time.
RUN_LIMIT = 3
# Runs of a chunk, one after another in its worker, that meet a locked database before its job fails
# (waits of 1, 2, 4, ... s up to PARALLAX_LOCK_RETRY_MAX_SECONDS: about ten minutes by default).
LOCK_RETRIES = 12
Status = ImportJob.Status
# Queues a chunk's task (archive.jobs.tasks.enqueue).
Enqueue = Callable[[ImportChunk], None]


class _LostClaimError(BaseException):
    """The job was cancelled, or this chunk was given to another worker: stop between files.
    A BaseException so the importer's per-file `except Exception` lets it through."""


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def run_chunk(job_id: int, number: int, token: str, *, enqueue: Enqueue) -> str:
    """The task body: claim the chunk, do its work, say whether the job is done."""
    claimed = ImportChunk.objects.filter(
        job_id=job_id, number=number, token=token, status=ImportChunk.Status.QUEUED
    ).update(
        status=ImportChunk.Status.RUNNING, worker=worker_name(), heartbeat=timezone.now(), runs=F("runs") + 1
    )
    if not claimed:
        return "not claimed: another worker holds this chunk, or it is done"
    chunk = ImportChunk.objects.select_related("job").get(job_id=job_id, number=number)
    job = chunk.job
    if job.is_finished:
        _finish_chunk(chunk)
        return f"job {job.status}"
    ImportJob.objects.filter(pk=job.pk, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=timezone.now()
    )
    stop = threading.Event()
    beat = threading.Thread(target=_heartbeat, args=(chunk.pk, token, stop), daemon=True)
    beat.start()
    try:
        _work(job, chunk, enqueue)
    except _LostClaimError:
        if ImportJob.objects.filter(pk=job.pk, finished_at__isnull=False).exists():
            remove_uploads(job.pk)  # what this chunk wrote after the cancel removed the folder
        return "stopped: the job was cancelled or the chunk given to another worker"
    except Exception as error:
        log.exception("import job %s chunk %s failed", job.pk, number)
        _end_job(job.pk, Status.FAILED, error=f"chunk {number}: {error.__class__.__name__}: {error}")
        raise
    finally:
        stop.set()
        beat.join()
    _finish_chunk(chunk)
    requeue_stale(enqueue=enqueue)
    return f"chunk {number} done"


def _work(job: ImportJob, chunk: ImportChunk, enqueue: Enqueue) -> None:
    """Unpack (chunk 0) or import the chunk's files; after a locked database, wait and go on from
    where it stood (each file's result commits with its article; unpacking starts again)."""
    for attempt in range(1, LOCK_RETRIES + 2):
        try:
            if chunk.number == 0:
                _unpack(job, chunk, enqueue)
            else:
                _import_chunk(job, chunk)
            return
        except OperationalError as error:
            if not is_locked(error) or attempt > LOCK_RETRIES:
                raise
            wait = lock_backoff(attempt)
            log.warning("import job %s chunk %s: %s; again in %s s", job.pk, chunk.number, error, wait)
            time.sleep(wait)  # the connection stays usable: the transaction that met the lock rolled back


def _heartbeat(chunk_pk: int, token: str, stop: threading.Event) -> None:
    try:
        while not stop.wait(HEARTBEAT_SECONDS):
            try:
                ImportChunk.objects.filter(pk=chunk_pk, token=token).update(heartbeat=timezone.now())
            except DatabaseError:  # a busy database: a missed beat is harmless, the limit is 12 of them
                log.warning("import chunk %s: heartbeat not written", chunk_pk, exc_info=True)
    finally:
        connection.close()  # this thread's own connection


def _check_claim(job_id: int, chunk: ImportChunk) -> None:
    alive = ImportChunk.objects.filter(pk=chunk.pk, token=chunk.token).filter(
        Q(job__status=Status.RUNNING) | Q(job__status=Status.QUEUED)
    )
    if not alive.exists():
        raise _LostClaimError


def _unpack(job: ImportJob, chunk: ImportChunk, enqueue: Enqueue) -> None:
    """Chunk 0: every received file, and every member of a received zip, becomes an ImportFile;
    refused members are done at once with the reason. Re-run from scratch if interrupted."""
    folder = uploads_dir(job) / "files"
    files: list[ImportFile] = []
    for name, stored in job.received:
        _check_claim(job.pk, chunk)
        path = Path(settings.MEDIA_ROOT) / stored
        try:
            data = path.read_bytes()
            for member, body in expand_upload(name, data):
                _check_claim(job.pk, chunk)
                position = len(files)
                if isinstance(body, RefusedMember):
                    files.append(_done_file(job, position, member, failed(member, body.reason)))
                elif member == name:  # not an archive: read from where it was received
                    files.append(ImportFile(job=job, position=position, name=_kept_name(member), path=stored))
                else:
                    folder.mkdir(parents=True, exist_ok=True)
                    target = folder / f"{position:05d}{file_suffix(member)}"
                    target.write_bytes(body)
                    relative = str(target.relative_to(settings.MEDIA_ROOT))
                    kept = _kept_name(member)
                    files.append(ImportFile(job=job, position=position, name=kept, path=relative))
        except IngestError as error:
            files.append(_done_file(job, len(files), name, failed(name, str(error))))
        except OSError as error:
            files.append(_done_file(job, len(files), name, failed(name, f"cannot read the file: {error}")))
    size = max(1, settings.PARALLAX_JOB_CHUNK_FILES)
    pending = [f for f in files if not f.done]
    for i, file in enumerate(pending):
        file.chunk = 1 + i // size
    numbers = sorted({f.chunk for f in pending})
    counts = count(r for f in files for r in f.results)
    with transaction.atomic():
        _check_claim(job.pk, chunk)
        ImportFile.objects.filter(job=job).delete()
        ImportFile.objects.bulk_create(files)
        ImportChunk.objects.filter(job=job, number__gt=0).delete()
        chunks = ImportChunk.objects.bulk_create(
            ImportChunk(job=job, number=n, token=uuid.uuid4().hex) for n in numbers
        )
        ImportJob.objects.filter(pk=job.pk).update(
            files_total=len(files), files_done=len(files) - len(pending), **counts
        )
        for new in chunks:
            transaction.on_commit(lambda new=new: enqueue(new))


def _done_file(job: ImportJob, position: int, name: str, result: FileResult) -> ImportFile:
    return ImportFile(
        job=job, chunk=0, position=position, name=_kept_name(name), done=True, results=[result.as_dict()]
    )


def _kept_name(name: str) -> str:
    """A file's name as the job keeps it: cut to the column's length (PostgreSQL refuses a longer one;
    the file's result keeps the whole name and a refusal says how long it was)."""
    limit = ImportFile._meta.get_field("name").max_length
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _import_chunk(job: ImportJob, chunk: ImportChunk) -> None:
    files = list(ImportFile.objects.filter(job=job, chunk=chunk.number, done=False).order_by("position"))
    for file in files:
        if file.results:  # an export file cut short: its records are read again
            _forget(job.pk, file)
    items, readable = [], []
    for file in files:
        try:
            items.append((file.name, (Path(settings.MEDIA_ROOT) / file.path).read_bytes()))
            readable.append(file)
        except OSError as error:
            with transaction.atomic():
                _record(job.pk, chunk, file, failed(file.name, f"cannot read the file: {error}"), final=True)
    if not readable:
        return
    ImportJob.objects.filter(pk=job.pk).update(current_file=readable[0].name[:500])

    def record(position: tuple[int, ...], result: FileResult) -> None:
        file = readable[position[0]]
        with transaction.atomic():  # joins the article's transaction when there is one
            _record(job.pk, chunk, file, result, final=len(position) < 3)
        if len(position) < 3 and position[0] + 1 < len(readable):
            ImportJob.objects.filter(pk=job.pk).update(current_file=readable[position[0] + 1].name[:500])

    import_unpacked(
        items,
        source_name=job.source_name or None,
        may_update=job.may_update,
        record=record,
        check=lambda: _check_claim(job.pk, chunk),
    )
    with transaction.atomic():  # export files: done once all their records are in
        for file in readable:
            if not file.done:
                _check_claim(job.pk, chunk)
                ImportFile.objects.filter(pk=file.pk).update(done=True)
                ImportJob.objects.filter(pk=job.pk).update(files_done=F("files_done") + 1)


def _record(job_id: int, chunk: ImportChunk, file: ImportFile, result: FileResult, *, final: bool) -> None:
    _check_claim(job_id, chunk)
    file.results.append(result.as_dict())
    file.done = final
    ImportFile.objects.filter(pk=file.pk).update(results=file.results, done=final)
    counts = {result.status: F(result.status) + 1} if result.status in COUNTED else {}
    ImportJob.objects.filter(pk=job_id).update(files_done=F("files_done") + int(final), **counts)


def _forget(job_id: int, file: ImportFile) -> None:
    counts = count(file.results)
    with transaction.atomic():
        ImportJob.objects.filter(pk=job_id).update(**{k: F(k) - n for k, n in counts.items() if n})
        ImportFile.objects.filter(pk=file.pk).update(results=[])
    file.results = []


def _finish_chunk(chunk: ImportChunk) -> None:
    ImportChunk.objects.filter(pk=chunk.pk, token=chunk.token).update(status=ImportChunk.Status.DONE)
    following = ImportFile.objects.filter(job_id=chunk.job_id, done=False).order_by("position").first()
    ImportJob.objects.filter(pk=chunk.job_id).update(current_file=following.name[:500] if following else "")
    job = ImportJob.objects.get(pk=chunk.job_id)
    if job.status == Status.RUNNING and not job.chunks.exclude(status=ImportChunk.Status.DONE).exists():
        _end_job(job.pk, Status.DONE)


def _end_job(job_id: int, status: str, *, error: str = "") -> None:
    ended = ImportJob.objects.filter(pk=job_id, status__in=[Status.QUEUED, Status.RUNNING]).update(
        status=status, finished_at=timezone.now(), current_file="", error=error
    )
    if ended:  # the files are read; the articles hold their text
        remove_uploads(job_id)
        clean_uploads()  # and any folder left by an earlier job (no scheduler runs this otherwise)


# --- chunks whose worker died --------------------------------------------------------------------


def _is_dead(worker: str) -> bool:
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def requeue_stale(*, enqueue: Enqueue) -> int:
    """Give each running chunk whose worker died (a dead process on this host, or no heartbeat
    for PARALLAX_JOB_STALE_SECONDS) a new claim and a new task. Returns how many."""
    limit = timezone.now() - dt.timedelta(seconds=settings.PARALLAX_JOB_STALE_SECONDS)
    running = ImportChunk.objects.filter(status=ImportChunk.Status.RUNNING, job__status=Status.RUNNING)
    count = 0
    for chunk in running.select_related("job"):
        if not (chunk.heartbeat is None or chunk.heartbeat < limit or _is_dead(chunk.worker)):
            continue
        if chunk.runs >= RUN_LIMIT:
            _end_job(
                chunk.job_id, Status.FAILED, error=f"chunk {chunk.number}: its worker died {chunk.runs} times"
            )
            continue
        new = uuid.uuid4().hex
        with transaction.atomic():
            moved = ImportChunk.objects.filter(pk=chunk.pk, token=chunk.token).update(
                status=ImportChunk.Status.QUEUED, token=new, worker=""
            )
            if moved:
                chunk.token = new
                transaction.on_commit(lambda chunk=chunk: enqueue(chunk))
                _forget_task(chunk.task_id)
                count += moved
    if count:
        log.warning("re-queued %d import chunk(s) whose worker died", count)
    return count


def _forget_task(task_id: str) -> None:
    """The database queue leaves a dead worker's task RUNNING for ever: mark it failed."""
    if settings.PARALLAX_TASKS != "db" or not task_id:
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(id=task_id, status="RUNNING").update(
        status="FAILED", finished_at=timezone.now()
    )

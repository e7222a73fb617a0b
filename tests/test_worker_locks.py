"""A task worker survives a locked database ("database is locked": SQLite's write lock held past the
busy timeout): `run_worker` waits with backoff and starts its loop again, never exiting on it, and a
chunk that meets the lock runs again from where it stood instead of failing its job or its file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import OperationalError

from archive.importing import importer
from archive.models import Article, ImportJob
from tests.fixtures_jobs import tiny_articles, zip_bytes
from tests.served import ROOT, ServedArchive

LOCKED = "database is locked"


@pytest.fixture
def worker_loop(monkeypatch, settings):
    """run_worker with its queue loop replaced by `outcomes` (an error to raise, or None to return),
    and its waits recorded instead of slept."""
    settings.PARALLAX_LOCK_RETRY_SECONDS, settings.PARALLAX_LOCK_RETRY_MAX_SECONDS = 1, 4
    monkeypatch.setattr("os.nice", lambda increment: increment)
    waits: list[float] = []
    monkeypatch.setattr("archive.management.commands.run_worker.time.sleep", waits.append)

    def run(*outcomes):
        pending = list(outcomes)

        def loop(*args, **kwargs):
            outcome = pending.pop(0)
            if outcome is not None:
                raise outcome

        monkeypatch.setattr("archive.management.commands.run_worker.call_command", loop)
        call_command("run_worker", "--burst", verbosity=0)
        assert not pending
        return waits

    return run


def test_the_worker_waits_longer_each_time_the_database_is_locked_and_goes_on(db, worker_loop):
    locked = [OperationalError(LOCKED) for _ in range(4)]
    assert worker_loop(*locked, None) == [1, 2, 4, 4]  # doubling up to the maximum, then done


def test_the_worker_still_ends_on_any_other_database_error(db, worker_loop):
    with pytest.raises(OperationalError, match="no such table"):
        worker_loop(OperationalError("no such table: archive_article"))


def test_a_chunk_that_meets_a_locked_database_runs_again_and_loses_no_file(
    admin_client, post_upload, monkeypatch, settings
):
    settings.PARALLAX_LOCK_RETRY_SECONDS = 0
    real_store, calls = importer.store_article, []

    def locked_on_the_second_file(*args, **kwargs):
        calls.append(args[0])
        if len(calls) == 2:
            raise OperationalError(LOCKED)
        return real_store(*args, **kwargs)

    monkeypatch.setattr(importer, "store_article", locked_on_the_second_file)
    upload = SimpleUploadedFile("batch.zip", zip_bytes(tiny_articles(3)), content_type="application/zip")
    post_upload(admin_client, {"files": [upload]})

    job = ImportJob.objects.get()
    assert (job.status, job.files_done, job.created, job.failed) == ("done", 3, 3, 0)
    assert Article.objects.count() == 3
    assert len(calls) == 4  # the locked file was stored on the chunk's second run; the first not again


@pytest.mark.slow
def test_a_worker_facing_a_lock_held_past_the_busy_timeout_finishes_its_job_once_it_frees(tmp_path):
    served = ServedArchive(
        tmp_path / "data",
        PARALLAX_SQLITE_TIMEOUT="1",
        PARALLAX_LOCK_RETRY_SECONDS="1",
        PARALLAX_LOCK_RETRY_MAX_SECONDS="1",
        PARALLAX_NER="false",
        PARALLAX_WORKER_NICE="0",
    )
    served.migrate()
    folder = tmp_path / "drop"
    folder.mkdir()
    for name, data in tiny_articles(3, seed=5):
        (folder / name).write_bytes(data)
    served.manage("ingest", str(folder), "--queue")

    holder = sqlite3.connect(served.database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another connection holds the write lock
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--burst"],
        cwd=ROOT,
        env=served.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        time.sleep(6)  # several busy timeouts
        assert worker.poll() is None, worker.communicate()[0]  # still there, waiting
        holder.execute("COMMIT")
        output, _ = worker.communicate(timeout=180)
    finally:
        holder.close()
        if worker.poll() is None:
            worker.kill()

    assert worker.returncode == 0, output
    assert "The database is locked" in output
    job = served.job()
    assert (job["status"], job["files_done"], job["created"]) == ("done", 3, 3), job

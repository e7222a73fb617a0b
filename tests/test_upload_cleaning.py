"""Orphaned upload folders (PARALLAX_DATA_DIR/uploads/<job>/ with no job row, or whose job ended
long ago) are removed by `manage.py clean_uploads`, when a worker starts and after a job ends; a
queued or running job's folder, a folder that may still be arriving and other files are kept."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from archive.jobs.cleaning import clean_uploads
from archive.models import ImportJob
from tests.fixtures_jobs import tiny_articles, zip_bytes

LONG_AGO = dt.timedelta(days=2)


def folder(settings, name: str, *, age: dt.timedelta | None = None) -> Path:
    """An upload folder with one received file, last changed `age` ago."""
    path = Path(settings.MEDIA_ROOT) / name
    (path / "received").mkdir(parents=True)
    (path / "received" / "00000.zip").write_bytes(b"PK")
    if age:
        stamp = time.time() - age.total_seconds()
        for each in (path / "received" / "00000.zip", path / "received", path):
            os.utime(each, (stamp, stamp))
    return path


@pytest.fixture
def uploads(db, settings):
    """One folder of each kind; returns {kind: path}."""
    ended_long_ago = ImportJob.objects.create(status="cancelled", finished_at=timezone.now() - LONG_AGO)
    ended_just_now = ImportJob.objects.create(status="done", finished_at=timezone.now())
    running = ImportJob.objects.create(status="running")
    queued_long_ago = ImportJob.objects.create(status="queued")
    return {
        "no job, old": folder(settings, "90001", age=LONG_AGO),
        "no job, new": folder(settings, "90002"),
        "ended long ago": folder(settings, str(ended_long_ago.pk)),
        "ended just now": folder(settings, str(ended_just_now.pk)),
        "running": folder(settings, str(running.pk), age=LONG_AGO),
        "queued": folder(settings, str(queued_long_ago.pk), age=LONG_AGO),
        "not a job's": folder(settings, "logo-images", age=LONG_AGO),
    }


def kept(uploads: dict[str, Path]) -> set[str]:
    return {kind for kind, path in uploads.items() if path.exists()}


def test_clean_uploads_removes_only_the_orphaned_folders(uploads, capsys):
    call_command("clean_uploads")

    assert kept(uploads) == {"no job, new", "ended just now", "running", "queued", "not a job's"}
    assert "2 orphaned upload folder(s) removed" in capsys.readouterr().out


def test_the_grace_period_is_a_setting(uploads, settings):
    settings.PARALLAX_UPLOAD_ORPHAN_SECONDS = 0
    clean_uploads()
    assert kept(uploads) == {"running", "queued", "not a job's"}


def test_a_worker_cleans_when_it_starts(uploads, monkeypatch):
    monkeypatch.setattr("archive.management.commands.run_worker.call_command", lambda *a, **k: None)
    monkeypatch.setattr("os.nice", lambda increment: increment)
    call_command("run_worker", "--burst", verbosity=0)
    assert "no job, old" not in kept(uploads) and "ended long ago" not in kept(uploads)


def test_a_job_that_ends_cleans_what_earlier_jobs_left(uploads, admin_client, post_upload):
    upload = SimpleUploadedFile("batch.zip", zip_bytes(tiny_articles(1)), content_type="application/zip")
    post_upload(admin_client, {"files": [upload]})

    job = ImportJob.objects.latest("pk")
    assert job.status == "done" and not (Path(str(uploads["queued"].parent)) / str(job.pk)).exists()
    assert kept(uploads) == {"no job, new", "ended just now", "running", "queued", "not a job's"}

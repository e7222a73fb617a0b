"""Import jobs in one process: the upload returns at once to a job page that shows progress and
refreshes itself, chunks share the files, a chunk whose worker died runs again without doubling
anything, a cancelled job stops between files, and who may see and cancel jobs."""

from __future__ import annotations

import datetime as dt
import subprocess
import threading

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from archive.importing import importer
from archive.jobs import runner, tasks
from archive.jobs.base import uploads_dir
from archive.models import Article, ImportChunk, ImportFile, ImportJob
from tests.fixtures_jobs import UPLOAD_URL, run_queued_tasks, tiny_articles, zip_bytes

JOBS_URL = "/admin/archive/importjob/"


@pytest.fixture
def small_chunks(settings):
    settings.PARALLAX_JOB_CHUNK_FILES = 2


def zip_upload(n: int) -> SimpleUploadedFile:
    return SimpleUploadedFile("batch.zip", zip_bytes(tiny_articles(n)), content_type="application/zip")


def dead_worker() -> str:
    """host:pid of a process that has ended."""
    probe = subprocess.Popen(["true"])
    probe.wait()
    return f"{runner.worker_name().rpartition(':')[0]}:{probe.pid}"


def test_the_upload_returns_at_once_to_a_job_page_that_refreshes_itself(admin_client, post_upload):
    page = post_upload(admin_client, {"files": [zip_upload(3)]}, run=False)

    job = ImportJob.objects.get()
    assert job.status == "queued" and Article.objects.count() == 0
    html = page.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in html
    assert "Waiting for a worker" in html and "Cancel this job" in html
    # The site's policy governs scripts and styles, not a refresh: the page needs neither.
    assert "<script>" not in html and "style=" not in html
    assert [name for name, _ in job.received] == ["batch.zip"]
    assert (uploads_dir(job) / job.received[0][1].split("/", 1)[1]).is_file()


def test_a_job_nobody_takes_says_how_to_start_a_worker(admin_client, post_upload):
    post_upload(admin_client, {"files": [zip_upload(1)]}, run=False)
    job = ImportJob.objects.get()
    job_page = reverse("admin:archive_importjob_change", args=[job.pk])
    assert "No task worker has taken this job yet" not in admin_client.get(job_page).content.decode()
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=1))
    assert "manage.py run_worker" in admin_client.get(job_page).content.decode()


def test_the_job_page_shows_files_done_counts_and_the_current_file(admin_client, post_upload, small_chunks):
    page = post_upload(admin_client, {"files": [zip_upload(5)]}, run=False)
    job = ImportJob.objects.get()
    tasks.run_chunk.call(job.pk, 0, job.chunks.get(number=0).token)  # unpacked: 5 files in 3 chunks
    first = job.chunks.get(number=1)
    tasks.run_chunk.call(job.pk, 1, first.token)

    page = admin_client.get(reverse("admin:archive_importjob_change", args=[job.pk])).content.decode()
    assert "2 of 5 files done (40%)" in page
    assert '<th scope="row">Created</th><td>2</td>' in page
    assert "batch.zip/article-00002.txt" in page  # the next file: where the job stands
    assert "Time left (estimate)" in page and '<meta http-equiv="refresh"' in page


def test_a_job_runs_in_chunks_and_ends_with_the_per_file_results(admin_client, post_upload, small_chunks):
    broken = SimpleUploadedFile("empty.txt", b"", content_type="text/plain")
    page = post_upload(admin_client, {"files": [zip_upload(5), broken]})

    job = ImportJob.objects.get()
    assert job.status == "done" and job.finished_at and job.started_at
    assert sorted(job.chunks.values_list("number", flat=True)) == [0, 1, 2, 3]
    assert (job.files_total, job.files_done, job.created, job.failed) == (6, 6, 5, 1)
    assert Article.objects.count() == 5
    html = page.content.decode()
    assert "6 files: 5 created, 0 duplicate, 1 failed" in html and "refresh" not in html
    assert [r.file for r in page.context["results"]][-1] == "empty.txt"
    assert not uploads_dir(job).exists()  # read, stored, and the copies removed


def test_a_chunk_whose_worker_died_runs_again_and_nothing_is_doubled_or_lost(
    admin_client, post_upload, small_chunks, monkeypatch, django_capture_on_commit_callbacks
):
    post_upload(admin_client, {"files": [zip_upload(4)]}, run=False)
    job = ImportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):  # queues chunks 1 and 2
        tasks.run_chunk.call(job.pk, 0, job.chunks.get(number=0).token)
    real_store, stored = importer.store_article, []

    def dies_on_the_second_file(*args, **kwargs):
        if len(stored) == 1:
            raise KeyboardInterrupt("worker killed")  # as sudden as SIGKILL for this transaction
        stored.append(args[0])
        return real_store(*args, **kwargs)

    monkeypatch.setattr(importer, "store_article", dies_on_the_second_file)
    chunk = job.chunks.get(number=1)
    with pytest.raises(KeyboardInterrupt):
        tasks.run_chunk.call(job.pk, 1, chunk.token)
    monkeypatch.setattr(importer, "store_article", real_store)
    assert ImportFile.objects.filter(job=job, done=True).count() == 1  # recorded with its article
    ImportChunk.objects.filter(pk=chunk.pk).update(worker=dead_worker())

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.requeue_stale() == 1
    run_queued_tasks(django_capture_on_commit_callbacks)

    job.refresh_from_db()
    assert job.status == "done" and (job.files_done, job.created, job.duplicate) == (4, 4, 0)
    assert Article.objects.count() == 4
    assert job.chunks.get(number=1).runs == 2
    assert all(len(f.results) == 1 for f in job.files.all())


def test_a_chunk_silent_for_too_long_is_given_to_another_worker(admin_client, post_upload, settings):
    post_upload(admin_client, {"files": [zip_upload(1)]}, run=False)
    job = ImportJob.objects.get()
    chunk = job.chunks.get()
    gone = timezone.now() - dt.timedelta(seconds=settings.PARALLAX_JOB_STALE_SECONDS + 1)
    ImportJob.objects.filter(pk=job.pk).update(status="running")
    ImportChunk.objects.filter(pk=chunk.pk).update(status="running", worker="other-host:1", heartbeat=gone)

    assert tasks.requeue_stale() == 1
    moved = ImportChunk.objects.get(pk=chunk.pk)
    assert moved.status == "queued" and moved.token != chunk.token
    # The first claim, should its worker wake up, no longer holds the chunk.
    assert tasks.run_chunk.call(job.pk, 0, chunk.token).startswith("not claimed")


def test_a_chunk_given_away_stops_before_its_next_file(admin_client, post_upload, monkeypatch):
    post_upload(admin_client, {"files": [zip_upload(2)]}, run=False)
    job = ImportJob.objects.get()
    tasks.run_chunk.call(job.pk, 0, job.chunks.get(number=0).token)
    real_store = importer.store_article

    def given_away(*args, **kwargs):
        ImportChunk.objects.filter(job=job, number=1).update(token="someone-else")
        return real_store(*args, **kwargs)

    monkeypatch.setattr(importer, "store_article", given_away)
    assert tasks.run_chunk.call(job.pk, 1, job.chunks.get(number=1).token).startswith("stopped")
    assert Article.objects.count() == 0 and not ImportFile.objects.filter(job=job, done=True).exists()


def test_cancelling_a_queued_job_from_the_list_stops_it_before_any_file(
    admin_client, post_upload, django_capture_on_commit_callbacks
):
    post_upload(admin_client, {"files": [zip_upload(2)]}, run=False)
    job = ImportJob.objects.get()
    response = admin_client.post(JOBS_URL, {"action": "cancel_jobs", "_selected_action": [job.pk]})
    assert response.status_code == 302
    run_queued_tasks(django_capture_on_commit_callbacks)

    job.refresh_from_db()
    assert job.status == "cancelled" and Article.objects.count() == 0
    page = admin_client.get(reverse("admin:archive_importjob_change", args=[job.pk])).content.decode()
    assert "This job was cancelled" in page and "refresh" not in page


def test_a_running_job_cancelled_stops_between_files(admin_client, post_upload, monkeypatch):
    post_upload(admin_client, {"files": [zip_upload(3)]}, run=False)
    job = ImportJob.objects.get()
    tasks.run_chunk.call(job.pk, 0, job.chunks.get(number=0).token)
    real_store, calls = importer.store_article, []

    def cancelled_after_the_first(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            admin_client.post(reverse("admin:archive_importjob_change", args=[job.pk]), {"cancel": "1"})
        return real_store(*args, **kwargs)

    monkeypatch.setattr(importer, "store_article", cancelled_after_the_first)
    assert tasks.run_chunk.call(job.pk, 1, job.chunks.get(number=1).token).startswith("stopped")
    # The file in hand when the cancel was seen is not half-stored. (In one process the cancel
    # was written inside that file's transaction and went back with it; from another process it
    # stays: tests/test_import_workers.py.)
    job.refresh_from_db()
    assert job.files_done == 1 and Article.objects.count() == 1


def test_the_job_list_shows_status_counts_who_and_how_long(admin_client, admin_user, post_upload):
    post_upload(admin_client, {"files": [zip_upload(2)]})
    page = admin_client.get(JOBS_URL).content.decode()
    assert "Import job" in page and "done" in page and "2 of 2" in page and admin_user.username in page


@pytest.fixture
def staff(django_user_model, client):
    def log_in_with(*codenames: str):
        user = django_user_model.objects.create_user("desk", password="pw-for-tests-only", is_staff=True)
        user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
        client.force_login(user)
        return client

    return log_in_with


def test_only_those_who_may_upload_see_or_cancel_jobs(staff, admin_client, post_upload):
    post_upload(admin_client, {"files": [zip_upload(1)]}, run=False)
    job = ImportJob.objects.get()
    job_page = reverse("admin:archive_importjob_change", args=[job.pk])

    viewer = staff("view_article")
    assert viewer.get(JOBS_URL).status_code == 403
    assert viewer.get(job_page).status_code == 403
    assert viewer.post(job_page, {"cancel": "1"}).status_code == 403
    assert ImportJob.objects.get().status == "queued"


def test_an_uploader_sees_and_cancels_jobs(staff, post_upload):
    uploader = staff("add_article", "view_article")
    page = post_upload(uploader, {"files": [zip_upload(1)]}, run=False)
    assert page.status_code == 200
    job = ImportJob.objects.get()
    assert job.created_by.username == "desk" and job.may_update is False
    assert uploader.get(JOBS_URL).status_code == 200
    uploader.post(reverse("admin:archive_importjob_change", args=[job.pk]), {"cancel": "1"})
    assert ImportJob.objects.get().status == "cancelled"


def test_ingest_queue_hands_a_folder_to_the_workers(
    tmp_path, capsys, admin_client, django_capture_on_commit_callbacks
):
    folder = tmp_path / "drop"
    folder.mkdir()
    for name, data in tiny_articles(3):
        (folder / name).write_bytes(data)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", str(folder), "--queue")
    job = ImportJob.objects.get()
    assert f"/admin/archive/importjob/{job.pk}/change/" in capsys.readouterr().out
    assert Article.objects.count() == 0
    run_queued_tasks(django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == "done" and job.created == 3 and Article.objects.count() == 3
    assert all(path.exists() for path in folder.iterdir())  # read in place, never removed


def test_the_upload_page_is_unchanged_for_a_form_error(admin_client):
    response = admin_client.post(UPLOAD_URL, {})
    assert response.status_code == 200 and response.context["form"].errors
    assert not ImportJob.objects.exists()


def test_a_worker_runs_at_a_lower_cpu_priority_than_the_site(db, monkeypatch, settings):
    from django.core.management import call_command

    niced = []
    monkeypatch.setattr("os.nice", lambda increment: niced.append(increment) or increment)
    # Not the queue's own worker loop: db_worker closes the database connections when it ends.
    monkeypatch.setattr("archive.management.commands.run_worker.call_command", lambda *a, **k: None)
    call_command("run_worker", "--burst", verbosity=0)
    settings.PARALLAX_WORKER_NICE = 0
    call_command("run_worker", "--burst", verbosity=0)
    assert niced == [10]


def files_done_seen_by_another_connection(job_id: int) -> int:
    """files_done as the job page reads it from its own connection (a thread has its own)."""
    seen = []

    def read() -> None:
        try:
            seen.append(ImportJob.objects.get(pk=job_id).files_done)
        finally:
            connection.close()

    reader = threading.Thread(target=read)
    reader.start()
    reader.join()
    return seen[0]


@pytest.mark.django_db(transaction=True)
def test_progress_is_seen_by_another_connection_file_by_file_within_a_chunk(
    admin_client, post_upload, monkeypatch
):
    post_upload(admin_client, {"files": [zip_upload(3)]}, run=False)
    job = ImportJob.objects.get()
    tasks.run_chunk.call(job.pk, 0, job.chunks.get(number=0).token)  # one chunk of three files
    real_store, seen = importer.store_article, []

    def store_and_look(*args, **kwargs):
        seen.append(files_done_seen_by_another_connection(job.pk))
        return real_store(*args, **kwargs)

    monkeypatch.setattr(importer, "store_article", store_and_look)
    tasks.run_chunk.call(job.pk, 1, job.chunks.get(number=1).token)
    assert seen == [0, 1, 2]  # each file's progress committed with it, not at the chunk's end

"""A cancelled import job stops its running chunk within one file: the cancel is checked before
unpacking each member, before parsing each file, between parsing and name finding and before
storing each article, so nothing after the cancel is parsed, named or stored; and its uploaded
files are removed."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.importing import importer
from archive.jobs import runner, tasks, web
from archive.jobs.base import uploads_dir
from archive.models import Article, ImportJob
from tests.fixtures_jobs import tiny_articles, zip_bytes

FILES = 8


@pytest.fixture
def unpacked_job(admin_client, post_upload, settings):
    """A job of FILES articles in one chunk, unpacked and waiting for its import chunk."""
    settings.PARALLAX_JOB_CHUNK_FILES = 50
    upload = SimpleUploadedFile("batch.zip", zip_bytes(tiny_articles(FILES)), content_type="application/zip")
    post_upload(admin_client, {"files": [upload]}, run=False)
    job = ImportJob.objects.get()
    tasks.run_chunk.call(job.pk, 0, job.chunks.get(number=0).token)
    assert job.files.filter(done=False).count() == FILES
    return job


@pytest.fixture
def steps(monkeypatch):
    """What the importer did: each file parsed, each name-finding batch, each article stored."""
    done = {"parsed": [], "named": [], "stored": []}
    real_parse, real_people = importer.parse_document, importer.extract_people
    real_store = importer.store_article

    def parse(data, **kwargs):
        done["parsed"].append(kwargs["filename"])
        if done.get("cancel_at") == ("parsed", len(done["parsed"])):
            web.cancel(done["job"])
        return real_parse(data, **kwargs)

    def people(parsed):
        done["named"].append(len(parsed))
        return real_people(parsed)

    def store(name, *args, **kwargs):
        done["stored"].append(name)
        return real_store(name, *args, **kwargs)

    monkeypatch.setattr(importer, "parse_document", parse)
    monkeypatch.setattr(importer, "extract_people", people)
    monkeypatch.setattr(importer, "store_article", store)
    return done


def run_import_chunk(job: ImportJob) -> str:
    return tasks.run_chunk.call(job.pk, 1, job.chunks.get(number=1).token)


def test_a_job_cancelled_while_its_chunk_parses_stops_before_the_next_file(unpacked_job, steps):
    steps.update(job=unpacked_job, cancel_at=("parsed", 1))

    assert run_import_chunk(unpacked_job).startswith("stopped")

    assert len(steps["parsed"]) == 1  # the file in hand when the cancel came, and no other
    assert steps["named"] == [] and steps["stored"] == []
    unpacked_job.refresh_from_db()
    assert unpacked_job.status == "cancelled" and unpacked_job.files_done == 0
    assert Article.objects.count() == 0
    assert not unpacked_job.files.filter(done=True).exists()


def test_a_job_cancelled_after_its_last_parse_finds_no_names(unpacked_job, steps):
    steps.update(job=unpacked_job, cancel_at=("parsed", FILES))

    assert run_import_chunk(unpacked_job).startswith("stopped")

    assert len(steps["parsed"]) == FILES and steps["named"] == [] and steps["stored"] == []
    assert Article.objects.count() == 0


def test_a_job_cancelled_while_unpacking_stops_before_the_next_member_and_keeps_no_files(
    admin_client, post_upload, monkeypatch, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("batch.zip", zip_bytes(tiny_articles(FILES)), content_type="application/zip")
    post_upload(admin_client, {"files": [upload]}, run=False)
    job = ImportJob.objects.get()
    real_expand, members = runner.expand_upload, []

    def cancelled_after_the_first_member(name, data):
        for member in real_expand(name, data):
            members.append(member[0])
            if len(members) == 1:
                with django_capture_on_commit_callbacks(execute=True):
                    web.cancel(job)
            yield member

    monkeypatch.setattr(runner, "expand_upload", cancelled_after_the_first_member)
    assert tasks.run_chunk.call(job.pk, 0, job.chunks.get(number=0).token).startswith("stopped")

    assert len(members) <= 2  # the generator may have read one more before the check
    assert not job.files.exists() and not job.chunks.filter(number__gt=0).exists()
    job.refresh_from_db()
    assert job.status == "cancelled"
    assert not uploads_dir(job).exists()  # nor what the chunk wrote after the cancel removed it


def test_cancelling_a_job_removes_its_uploaded_files(
    admin_client, post_upload, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("batch.zip", zip_bytes(tiny_articles(2)), content_type="application/zip")
    post_upload(admin_client, {"files": [upload]}, run=False)
    job = ImportJob.objects.get()
    assert uploads_dir(job).is_dir()

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/archive/importjob/{job.pk}/change/", {"cancel": "1"})

    assert ImportJob.objects.get().status == "cancelled"
    assert not uploads_dir(job).exists()


def test_a_failed_job_leaves_no_files(admin_client, post_upload, monkeypatch):
    upload = SimpleUploadedFile("batch.zip", zip_bytes(tiny_articles(2)), content_type="application/zip")
    post_upload(admin_client, {"files": [upload]}, run=False)
    job = ImportJob.objects.get()
    tasks.run_chunk.call(job.pk, 0, job.chunks.get(number=0).token)
    assert uploads_dir(job).is_dir()

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(runner, "import_unpacked", broken)
    with pytest.raises(RuntimeError):
        run_import_chunk(job)

    job.refresh_from_db()
    assert job.status == "failed" and "a bug" in job.error
    assert not uploads_dir(job).exists()

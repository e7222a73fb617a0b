"""Who sees which import jobs: an uploader sees and cancels only their own; the "manage all jobs"
permission (archive.manage_all_jobs) and superusers see and cancel everyone's. Another user's job
page answers 404, as a job that does not exist, and its cancel changes nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from archive.models import ImportJob

JOBS_URL = "/admin/archive/importjob/"
UPLOADER = ("add_article", "view_article")


@pytest.fixture
def log_in(django_user_model):
    def log_in_as(username: str, *codenames: str):
        user = django_user_model.objects.create_user(username, password="pw-for-tests-only", is_staff=True)
        user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
        client = Client()
        client.force_login(user)
        return client, user

    return log_in_as


def job_page(job: ImportJob) -> str:
    return f"{JOBS_URL}{job.pk}/change/"


def test_an_uploader_sees_and_cancels_only_their_own_jobs(log_in):
    desk, desk_user = log_in("desk", *UPLOADER)
    other, other_user = log_in("other", *UPLOADER)
    mine = ImportJob.objects.create(created_by=desk_user)
    theirs = ImportJob.objects.create(created_by=other_user)
    nobodys = ImportJob.objects.create()  # `ingest --queue` from a shell

    listed = desk.get(JOBS_URL)
    assert listed.status_code == 200
    assert list(listed.context["cl"].queryset) == [mine]
    assert desk.get(job_page(mine)).status_code == 200
    assert desk.get(job_page(theirs)).status_code == 404
    assert desk.get(job_page(nobodys)).status_code == 404

    assert desk.post(job_page(theirs), {"cancel": "1"}).status_code == 404
    desk.post(JOBS_URL, {"action": "cancel_jobs", "_selected_action": [mine.pk, theirs.pk, nobodys.pk]})
    statuses = dict(ImportJob.objects.values_list("pk", "status"))
    assert statuses == {mine.pk: "cancelled", theirs.pk: "queued", nobodys.pk: "queued"}


def test_manage_all_jobs_sees_and_cancels_everyones(log_in):
    _, desk_user = log_in("desk", *UPLOADER)
    editor, _ = log_in("editor", *UPLOADER, "manage_all_jobs")
    theirs = ImportJob.objects.create(created_by=desk_user)
    nobodys = ImportJob.objects.create()

    assert set(editor.get(JOBS_URL).context["cl"].queryset) == {theirs, nobodys}
    assert editor.get(job_page(theirs)).status_code == 200
    editor.post(job_page(theirs), {"cancel": "1"})
    assert ImportJob.objects.get(pk=theirs.pk).status == "cancelled"


def test_a_superuser_sees_every_job(admin_client, django_user_model):
    someone = django_user_model.objects.create_user("someone")
    jobs = {ImportJob.objects.create(created_by=someone), ImportJob.objects.create()}
    assert set(admin_client.get(JOBS_URL).context["cl"].queryset) == jobs
    assert all(admin_client.get(job_page(job)).status_code == 200 for job in jobs)


def test_manage_all_jobs_alone_does_not_open_the_jobs(log_in):
    viewer, _ = log_in("viewer", "view_article", "manage_all_jobs")
    job = ImportJob.objects.create()
    assert viewer.get(JOBS_URL).status_code == 403
    assert viewer.get(job_page(job)).status_code == 403

"""Import jobs (uploads run by the task workers, archive/jobs/): the job, its chunks (one task
each) and its files with their results."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportJob(models.Model):
    """An upload handed to the task workers: its files are split into chunks (one task each)."""

    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"
        CANCELLED = "cancelled"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    source_name = models.CharField(max_length=200, blank=True)
    may_update = models.BooleanField(default=True, help_text="The uploader may change stored articles.")
    # What was handed in, before unpacking: [[name shown, path], ...] (paths under MEDIA_ROOT or absolute).
    received = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    files_total = models.PositiveIntegerField(default=0)
    files_done = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    duplicate = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    current_file = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        # An uploader sees and cancels their own jobs; this lets a desk editor see and cancel everyone's
        # (superusers hold it implicitly). archive/jobs/admin.py.
        permissions = [("manage_all_jobs", "Can see and cancel every user's import jobs")]

    def __str__(self) -> str:
        return f"Import job {self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED, self.Status.CANCELLED}


class ImportChunk(models.Model):
    """One task's share of a job: number 0 unpacks what was received, the others import files.
    `token` names the claim a task holds; `worker` (host:pid) and `heartbeat` say who runs it."""

    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="chunks")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    token = models.CharField(max_length=32)
    task_id = models.CharField(max_length=64, blank=True)
    worker = models.CharField(max_length=300, blank=True)
    heartbeat = models.DateTimeField(null=True, blank=True)
    runs = models.PositiveIntegerField(default=0, help_text="Times a worker claimed it (more: resumed).")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "number"], name="one_chunk_number_per_job")]
        indexes = [models.Index(fields=["status", "heartbeat"])]
        ordering = ["job", "number"]

    def __str__(self) -> str:
        return f"{self.job} chunk {self.number}"


class ImportFile(models.Model):
    """One file of a job, with what happened to it (FileResult dicts: an export gives several)."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="files")
    chunk = models.PositiveIntegerField()
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=500)
    path = models.CharField(max_length=1000, blank=True, help_text="Under MEDIA_ROOT, or absolute.")
    done = models.BooleanField(default=False)
    results = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "position"], name="one_file_per_position")]
        indexes = [models.Index(fields=["job", "chunk", "done"])]
        ordering = ["job", "position"]

    def __str__(self) -> str:
        return self.name

"""Admin for import jobs: the list (status, counts, who, when, how long), the job page (progress
that refreshes itself, then the per-file results) and cancelling. Whoever may upload (add articles)
may see and cancel their own jobs; those with "manage all jobs" (and superusers) everyone's. Another
user's job page answers 404, as a job that does not exist; jobs are made only by uploading."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from archive.jobs import tasks, web
from archive.models import Article, ImportJob

# Seconds between refreshes of a running job's page.
REFRESH_SECONDS = 2
# A job still queued after this long says how to start a worker (none may be running).
NO_WORKER_HINT_SECONDS = 30


def _may_upload(request) -> bool:
    return request.user.has_perm(f"archive.add_{Article._meta.model_name}")


def may_manage_all_jobs(user) -> bool:
    return user.has_perm("archive.manage_all_jobs")  # True for an active superuser


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "files", "created", "updated", "duplicate", "failed", "created_by"]
    list_display += ["created_at", "duration"]
    list_filter = ["status"]
    list_select_related = ["created_by"]
    actions = ["cancel_jobs"]

    def get_queryset(self, request):
        jobs = super().get_queryset(request)
        return jobs if may_manage_all_jobs(request.user) else jobs.filter(created_by=request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return _may_upload(request) or super().has_view_permission(request, obj)

    def has_module_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def has_add_permission(self, request) -> bool:
        return False  # jobs come from uploads

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_cancel_permission(self, request) -> bool:
        return _may_upload(request)

    @admin.display(description="files")
    def files(self, job: ImportJob) -> str:
        return f"{job.files_done} of {job.files_total}"

    @admin.display(description="duration")
    def duration(self, job: ImportJob) -> str:
        elapsed = web.progress(job).elapsed
        return _span(elapsed) if elapsed else "—"

    @admin.action(description="Cancel selected jobs", permissions=["cancel"])
    def cancel_jobs(self, request, queryset):
        cancelled = sum(web.cancel(job) for job in queryset)
        self.message_user(request, f"Cancelled {cancelled} job(s); a running one stops after its file.")

    def changelist_view(self, request, extra_context=None):
        tasks.requeue_stale()
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The job page: progress while it runs, the per-file results once it has ended."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        if not str(object_id).isdigit():
            raise Http404
        job = get_object_or_404(self.get_queryset(request), pk=object_id)
        if request.method == "POST" and "cancel" in request.POST:
            if not self.has_cancel_permission(request):
                raise PermissionDenied
            if web.cancel(job):
                self.message_user(request, "Cancelled; a running job stops after its current file.")
            return HttpResponseRedirect(request.path)
        tasks.requeue_stale()
        job.refresh_from_db()
        context = {**self.admin_site.each_context(request), "job": job, "title": f"{job}"}
        if job.is_finished:
            if job.status != ImportJob.Status.DONE:
                level = messages.ERROR if job.status == ImportJob.Status.FAILED else messages.WARNING
                self.message_user(request, f"This job was {job.status}. {job.error}".strip(), level=level)
            results, summary = web.results(job)
            context.update(opts=Article._meta, results=results, summary=summary, title=f"{job}: results")
            return TemplateResponse(request, "admin/archive/article/upload_results.html", context)
        progress = web.progress(job)
        context.update(
            opts=self.model._meta,
            progress=progress,
            refresh=REFRESH_SECONDS,
            may_cancel=self.has_cancel_permission(request),
            elapsed=_span(progress.elapsed),
            remaining=_span(progress.remaining),
            no_worker=job.status == ImportJob.Status.QUEUED
            and (timezone.now() - job.created_at).total_seconds() > NO_WORKER_HINT_SECONDS,
        )
        return TemplateResponse(request, "admin/archive/importjob/job.html", context)


def job_url(job: ImportJob) -> str:
    return reverse("admin:archive_importjob_change", args=[job.pk])


def _span(delta) -> str:
    if delta is None:
        return ""
    seconds = int(delta.total_seconds())
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"

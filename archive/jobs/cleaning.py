"""Upload folders nobody will read again: PARALLAX_DATA_DIR/uploads/<job>/ whose job row is gone, or
whose job ended (done, failed, cancelled) PARALLAX_UPLOAD_ORPHAN_SECONDS ago or more.

An ended job's folder is removed when it ends (archive/jobs/runner.py) or is cancelled
(archive/jobs/web.py); this catches the rest: a worker killed between ending a job and removing its
files, a chunk that wrote a file after its job was cancelled, a job row deleted in the admin. A
folder with no job row is left alone until it is that old too, so an upload still being received
(its job row not yet committed) is never touched. django-tasks has no scheduler, so this runs when a
worker starts (`manage.py run_worker`), after each job ends, and from `manage.py clean_uploads`.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from archive.jobs.base import remove_uploads
from archive.models import ImportJob

log = logging.getLogger(__name__)


def clean_uploads(*, older_than: float | None = None) -> list[Path]:
    """Remove the orphaned upload folders (see the module's doc); returns those removed."""
    grace = settings.PARALLAX_UPLOAD_ORPHAN_SECONDS if older_than is None else older_than
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    folders = {int(path.name): path for path in root.iterdir() if path.name.isdigit() and path.is_dir()}
    if not folders:
        return []
    limit = timezone.now() - dt.timedelta(seconds=grace)
    jobs = dict(ImportJob.objects.filter(pk__in=folders).values_list("pk", "finished_at"))
    removed = []
    for job_id, path in sorted(folders.items()):
        if job_id in jobs:
            finished = jobs[job_id]
            if finished is None or finished > limit:
                continue  # queued or running, or ended a moment ago
        elif _last_change(path) > time.time() - grace:
            continue  # no job row yet: an upload may still be arriving
        remove_uploads(job_id)
        removed.append(path)
    if removed:
        names = ", ".join(path.name for path in removed)
        log.warning("removed %d orphaned upload folder(s): %s", len(removed), names)
    return removed


def _last_change(folder: Path) -> float:
    """The newest modification time in `folder` (itself included)."""
    newest = folder.stat().st_mtime
    for path in folder.rglob("*"):
        try:
            newest = max(newest, path.stat().st_mtime)
        except OSError:  # removed while we looked
            continue
    return newest

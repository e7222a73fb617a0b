"""What the web side (archive/jobs/web.py), the runner (archive/jobs/runner.py) and the worker
command of import jobs share: where a job's files live and how they go, how its files' results
are counted, and what a locked database is and how long to wait for it."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from django.conf import settings

from archive.models import ImportJob

COUNTED = ("created", "updated", "duplicate", "failed")


def uploads_dir(job: ImportJob) -> Path:
    return Path(settings.MEDIA_ROOT) / str(job.pk)


def remove_uploads(job_id: int) -> None:
    """Remove what a job received and unpacked (PARALLAX_DATA_DIR/uploads/<job>/): once it has
    ended (done, failed or cancelled) nothing reads them; the articles hold their text."""
    shutil.rmtree(Path(settings.MEDIA_ROOT) / str(job_id), ignore_errors=True)


def lock_backoff(attempt: int) -> float:
    """Seconds to wait before the `attempt`-th retry (1, 2, ...) after a locked database: doubling
    from PARALLAX_LOCK_RETRY_SECONDS up to PARALLAX_LOCK_RETRY_MAX_SECONDS."""
    first, most = settings.PARALLAX_LOCK_RETRY_SECONDS, settings.PARALLAX_LOCK_RETRY_MAX_SECONDS
    return min(most, first * 2 ** max(0, attempt - 1))


def file_suffix(name: str) -> str:
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    return suffix if suffix.isascii() and suffix[1:].isalnum() and len(suffix) <= 6 else ""


def count(results: Iterable[dict]) -> dict[str, int]:
    counts = Counter(result["status"] for result in results)
    return {status: counts[status] for status in COUNTED}

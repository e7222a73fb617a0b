"""What the web side (archive/jobs/web.py) and the runner (archive/jobs/runner.py) of import jobs
share: where a job's files live, and how its files' results are counted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from django.conf import settings

from archive.models import ImportJob

COUNTED = ("created", "updated", "duplicate", "failed")


def uploads_dir(job: ImportJob) -> Path:
    return Path(settings.MEDIA_ROOT) / str(job.pk)


def file_suffix(name: str) -> str:
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    return suffix if suffix.isascii() and suffix[1:].isalnum() and len(suffix) <= 6 else ""


def count(results: Iterable[dict]) -> dict[str, int]:
    counts = Counter(result["status"] for result in results)
    return {status: counts[status] for status in COUNTED}

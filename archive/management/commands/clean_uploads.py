"""`manage.py clean_uploads [--older-than SECONDS]`: remove upload folders nobody will read again
(PARALLAX_DATA_DIR/uploads/<job>/ with no job row, or whose job ended, PARALLAX_UPLOAD_ORPHAN_SECONDS
ago or more; archive/jobs/cleaning.py). Workers also run it when they start and after each job ends."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from archive.jobs.cleaning import clean_uploads


class Command(BaseCommand):
    help = "Remove orphaned upload folders (no job, or a job that ended long ago)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=float,
            default=None,
            help="Seconds since the job ended (or its folder last changed); PARALLAX_UPLOAD_ORPHAN_SECONDS.",
        )

    def handle(self, *args, older_than=None, **options):
        removed = clean_uploads(older_than=older_than)
        for path in removed:
            self.stdout.write(f"Removed {path}")
        self.stdout.write(f"{len(removed)} orphaned upload folder(s) removed.")

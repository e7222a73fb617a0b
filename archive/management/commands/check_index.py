"""`manage.py check_index [--repair]`: index what the pending journal holds (a process killed before
indexing what it saved), then report articles missing from, stale in, or deleted but still in
the search index, and articles still queued; --repair indexes them all in one commit. A backend
whose index is the database (PostgreSQL) has its set-up checked instead (backend.check())."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from archive.search import get_backend
from archive.search.backend import IndexBusyError

LOCK_WAIT = 120.0
SHOW = 20  # ids listed per problem kind


class Command(BaseCommand):
    help = "Compare the search index with the database; --repair fixes what differs."

    def add_arguments(self, parser):
        parser.add_argument("--alias", default="default")
        parser.add_argument(
            "--repair", action="store_true", help="Index missing/stale articles, drop stray ones."
        )

    def handle(self, *args, alias="default", repair=False, **options):
        backend = get_backend(alias)
        try:
            caught_up = backend.catch_up(timeout=LOCK_WAIT)  # queued work, not a repair
        except IndexBusyError as e:
            self.stderr.write(f"Could not index the queued articles yet: {e}")
        else:
            if caught_up:
                self.stdout.write(f"Indexed {caught_up} queued article(s).")
        report = backend.check()
        for problem in report.setup:
            self.stdout.write(problem)
        if report.setup:
            raise CommandError(f"{len(report.setup)} part(s) of the search set-up missing: run migrate.")
        for label, ids in report.out_of_step.items():
            shown = ", ".join(map(str, ids[:SHOW])) + (" …" if len(ids) > SHOW else "")
            self.stdout.write(f"{len(ids)} article(s) {label}" + (f": {shown}" if ids else ""))
        problems = report.problems
        if not problems:
            self.stdout.write(self.style.SUCCESS(report.in_step))
            return
        if not repair:
            raise CommandError(f"{len(problems)} article(s) out of step: run check_index --repair.")
        try:
            backend.reindex(problems, timeout=LOCK_WAIT)
        except IndexBusyError as e:
            raise CommandError(f"Could not repair: {e}. The articles stay queued; try again.") from e
        self.stdout.write(self.style.SUCCESS(f"Repaired {len(problems)} article(s)."))

"""`manage.py check_index [--repair]`: index what the pending journal holds (a process killed before
indexing what it saved), then report articles missing from, stale in, or deleted but still in
the search index, and articles still queued; --repair indexes them all in one commit. A backend
whose index is the database (PostgreSQL) has its set-up checked instead."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from archive.search import get_backend
from archive.search.backend import IndexBusyError
from archive.search.documents import documents_for
from archive.search.indexing import drain, journal_for

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
        if backend.follows_database:
            self._check_machinery(backend)
            return
        try:
            caught_up = drain(alias, timeout=LOCK_WAIT)  # queued work, not a repair
        except IndexBusyError as e:
            self.stderr.write(f"Could not index the queued articles yet: {e}")
        else:
            if caught_up:
                self.stdout.write(f"Indexed {caught_up} queued article(s).")
        indexed = backend.digests()
        missing, stale, seen = [], [], set()
        for doc in documents_for():
            seen.add(doc.id)
            if doc.id not in indexed:
                missing.append(doc.id)
            elif indexed[doc.id] != doc.digest:
                stale.append(doc.id)
        stray = sorted(set(indexed) - seen)
        queued = sorted(set(journal_for(alias).read().values()))
        for label, ids in (
            ("missing from the index", missing),
            ("stale in the index", stale),
            ("deleted but still in the index", stray),
            ("queued for indexing", queued),
        ):
            shown = ", ".join(map(str, ids[:SHOW])) + (" …" if len(ids) > SHOW else "")
            self.stdout.write(f"{len(ids)} article(s) {label}" + (f": {shown}" if ids else ""))
        problems = set(missing) | set(stale) | set(stray) | set(queued)
        if not problems:
            self.stdout.write(
                self.style.SUCCESS(f"The index is in step with the database ({len(seen)} articles).")
            )
            return
        if not repair:
            raise CommandError(f"{len(problems)} article(s) out of step: run check_index --repair.")
        journal_for(alias).add(problems)
        try:
            drain(alias, timeout=LOCK_WAIT)
        except IndexBusyError as e:
            raise CommandError(f"Could not repair: {e}. The articles stay queued; try again.") from e
        self.stdout.write(self.style.SUCCESS(f"Repaired {len(problems)} article(s)."))

    def _check_machinery(self, backend) -> None:
        """A backend whose index is the database cannot fall out of step with it article by article:
        check what keeps it so (column, index, trigger, extensions) instead."""
        problems = backend.check()
        for problem in problems:
            self.stdout.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} part(s) of the search set-up missing: run migrate.")
        self.stdout.write(
            self.style.SUCCESS(
                f"The index is the database: all {backend.count()} articles are searchable as saved."
            )
        )

"""Send the saved searches' daily e-mail digests: queue the task for the workers (the default), or
send them here with --now. A scheduler (cron, a systemd timer) runs it; see the README."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from archive.following import digests, tasks


class Command(BaseCommand):
    help = "Queue the saved searches' e-mail digests for the task workers (--now: send them here)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--now", action="store_true", help="Send here instead of queuing the task.")

    def handle(self, *args, **options) -> None:
        if options["now"]:
            sent = digests.send_digests()
            self.stdout.write(f"{sent} digest{'s' if sent != 1 else ''} sent")
            return
        result = tasks.send_digests.enqueue()
        self.stdout.write(f"Digests queued as task {result.id}")

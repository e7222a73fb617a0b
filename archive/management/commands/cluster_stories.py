"""Re-cluster the whole archive into stories. Locked stories are left alone; custom titles are kept."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from archive.stories.clustering import recluster_all


class Command(BaseCommand):
    help = "Re-cluster every article into stories (locked stories and editors' titles are kept)."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        bar = tqdm(total=0, unit="story", disable=not sys.stderr.isatty() or options["verbosity"] < 1)

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        result = recluster_all(progress)
        bar.close()
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{result.articles} articles in {result.stories} stories ({result.locked_kept} locked kept, "
            f"{result.moved} articles moved) in {seconds:.1f}s"
        )

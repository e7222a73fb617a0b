"""`manage.py ingest PATH [PATH ...] [--source NAME] [--report FILE] [--queue]`: import article files,
folders (recursively), .zip files and Parallax export files, here with a progress bar, or with
--queue as an import job for the task workers (its admin page shows progress and results).

Exit status: 0 when at least one file could be read, whatever happened to the others (a batch
with a few bad files is a normal run; the summary and the report say which failed and why);
1 when nothing could be read at all (every file failed, or no file was found), so a script
notices a wrong path or a broken dump.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from tqdm import tqdm

from archive.importing.base import FileResult, failed, summarise
from archive.importing.importer import import_files
from archive.jobs import web as jobs

# Files per import_files() call: one NER batch and one search-index commit each. 256 keeps
# memory flat on big folders (a few MB of text) and gives each of two NER worker processes
# several whole nlp.pipe batches, so their one-second model load pays off (see
# people.suggested_processes).
BATCH_SIZE = 256


def find_files(paths: Sequence[str]) -> Iterator[Path]:
    """The files named, and every file under the folders named (sorted, dotfiles skipped)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden:
                    yield child
        else:
            yield path


class Command(BaseCommand):
    help = (
        "Import article files (text, HTML, .zip, or a Parallax export) into the archive. "
        "Exits 0 when at least one file was read (failures are listed and counted), "
        "1 when nothing could be read at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="A file or a folder (read recursively).")
        parser.add_argument("--source", help='These are all from this source (e.g. "The National").')
        parser.add_argument("--report", help="Write a JSON report of every file to this path.")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Hand the files to the task workers as an import job, read where they are "
            "(every worker must see these paths), and print the job's admin page.",
        )

    def handle(self, *args, paths, source=None, report=None, queue=False, **options):
        files = list(find_files(paths))
        if queue:
            if report:
                raise CommandError("--report goes with an inline run; a queued job's page lists every file.")
            if not files:
                raise CommandError("No files found.")
            job = jobs.queue_paths(files, source_name=source)
            url = reverse("admin:archive_importjob_change", args=[job.pk])
            self.stdout.write(f"Queued {len(files)} files as import job {job.pk}: {url}")
            return
        bar = tqdm(total=len(files), unit="file", disable=not sys.stderr.isatty(), file=sys.stderr)
        results: list[FileResult] = []
        try:
            for start in range(0, len(files), BATCH_SIZE):
                batch = list(self._read(files[start : start + BATCH_SIZE], results))
                results += import_files(batch, source_name=source, progress=lambda _result: bar.update(1))
        finally:
            bar.close()
        for result in results:
            if result.status == "failed":
                self.stderr.write(f"{result.file}: {result.error}")
        if report:
            Path(report).write_text(
                json.dumps({"files": [r.as_dict() for r in results]}, indent=2, ensure_ascii=False) + "\n",
                encoding="utf-8",
            )
        self.stdout.write(summarise(results))
        if not any(result.status != "failed" for result in results):
            raise CommandError("Nothing could be imported." if results else "No files found.")

    def _read(self, paths: Sequence[Path], results: list[FileResult]) -> Iterator[tuple[str, bytes]]:
        for path in paths:
            try:
                yield str(path), path.read_bytes()
            except OSError as error:
                results.append(failed(str(path), f"cannot read the file: {error.strerror or error}"))

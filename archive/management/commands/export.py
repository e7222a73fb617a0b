"""`manage.py export [--format json|csv] [--output FILE]`: every article with its reviewed
metadata, a backup that `manage.py ingest` restores."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from archive.importing.restoring import export_record
from archive.ingest import exports
from archive.models import Article


class Command(BaseCommand):
    help = "Export every article (JSON or CSV); `ingest` accepts the file back."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", help="Write to this file instead of standard output.")

    def handle(self, *args, format="json", output=None, **options):
        articles = Article.objects.select_related("source", "story").order_by("id").iterator(chunk_size=500)
        records = (export_record(article) for article in articles)
        write = exports.write_json if format == "json" else exports.write_csv
        if not output:
            # The raw stream: OutputWrapper.write would add a newline after every chunk.
            write(records, self.stdout._out)
            return
        with open(output, "w", encoding="utf-8", newline="") as out:
            count = write(records, out)
        self.stderr.write(f"{count} articles written to {output}")

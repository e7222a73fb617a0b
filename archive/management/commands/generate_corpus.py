"""`manage.py generate_corpus N [--seed S]`: add N synthetic articles (archive/synthetic/corpus.py) with
their sources, people and mentions, fast (bulk inserts, no per-article signals). The index is not
touched: run `rebuild_index` afterwards."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify
from tqdm import tqdm

from archive.models import Article, Mention, Person, Source
from archive.synthetic.corpus import SEED, CorpusGenerator

# Rows per bulk insert (and per transaction): big enough to amortise SQLite commits.
BATCH = 1000
FILENAME_PREFIX = "synthetic-"


class Command(BaseCommand):
    help = "Add N seeded synthetic articles for benchmarks (then run rebuild_index)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=SEED)

    def handle(self, *args, count: int, seed: int, **options):
        gen = CorpusGenerator(seed)
        sources = self._sources(gen.outlets)
        people = self._people(gen.people)
        start = Article.objects.filter(filename__startswith=FILENAME_PREFIX).count()
        began = time.monotonic()
        with tqdm(total=count, unit="article", disable=None, file=self.stderr._out) as bar:
            for first in range(start, start + count, BATCH):
                numbers = range(first, min(first + BATCH, start + count))
                self._insert([gen.article(n) for n in numbers], sources, people)
                bar.update(len(numbers))
        elapsed = time.monotonic() - began
        self.stdout.write(
            f"Added {count} synthetic articles in {elapsed:.1f} s. Now run: manage.py rebuild_index"
        )

    def _sources(self, names: list[str]) -> dict[str, Source]:
        for name in names:
            Source.objects.get_or_create(name=name)
        return {s.name: s for s in Source.objects.filter(name__in=names)}

    def _people(self, names: list[str]) -> dict[str, Person]:
        existing = {p.name: p for p in Person.objects.filter(name__in=names)}
        new = [Person(name=n, slug=f"{slugify(n)}-synthetic") for n in names if n not in existing]
        Person.objects.bulk_create(new, batch_size=BATCH)
        return {p.name: p for p in Person.objects.filter(name__in=names)}

    @transaction.atomic
    def _insert(self, batch, sources, people) -> None:
        rows = [
            Article(
                title=a.title,
                subtitle=a.subtitle,
                source=sources[a.source],
                published_date=a.published,
                body=a.body,
                raw_text="",  # synthetic: nothing was uploaded
                filename=f"{FILENAME_PREFIX}{a.number}.txt",
                fingerprint=a.fingerprint,
                review_fields=[] if a.published else ["published"],
                needs_review=a.published is None,
            )
            for a in batch
        ]
        Article.objects.bulk_create(rows, batch_size=BATCH)
        mentions = [
            Mention(article=row, person=people[name], count=n, forms=[name])
            for row, a in zip(rows, batch, strict=True)
            for name, n in a.people
        ]
        Mention.objects.bulk_create(mentions, batch_size=BATCH)

"""Benchmark the browse pages (home, sources, people, articles, dates) on a large synthetic archive.

Run from the repository root, niced (the machine is shared):

    nice -n 10 .venv/bin/python bench/browse_bench.py [--articles 20000] [--repeat 3] [--seed 5]

A seeded generator bulk-inserts articles into a throw-away SQLite database: 30 outlets, 500 people
(50 of them in most articles, the rest rarely, as news coverage goes), five mentions an article,
ten years of dates with 5% undated, half the articles in stories of a few outlets, a quote for every
second article. No search index is involved: browse pages read the ORM only. Prints, for each page,
the median time through Django's test client, its number of SQL queries and the slowest query's
time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _django import setup_django  # noqa: E402  (bench/ is on sys.path when a bench runs)

OUTLETS = 30
PEOPLE = 500
# People who appear in most articles (heads of state, ministers): two of them in every article.
FREQUENT = 50
STORIES_PER_ARTICLE = 0.15
UNDATED_SHARE = 0.05


def _populate(n: int, rng: random.Random) -> None:
    from archive.models import Article, Mention, Person, Quote, Source, Story

    sources = Source.objects.bulk_create(
        [Source(name=f"Outlet {i}", slug=f"outlet-{i}") for i in range(OUTLETS)]
    )
    people = Person.objects.bulk_create(
        [Person(name=f"Person {i} Name", slug=f"person-{i}") for i in range(PEOPLE)]
    )
    start = dt.date(2010, 1, 1)
    stories = Story.objects.bulk_create(
        [
            Story(title=f"Story {i}", first_published=start + dt.timedelta(days=i), last_published=start)
            for i in range(int(n * STORIES_PER_ARTICLE))
        ]
    )
    articles = []
    for i in range(n):
        day = None if rng.random() < UNDATED_SHARE else start + dt.timedelta(days=rng.randrange(3650))
        story = rng.choice(stories) if rng.random() < 0.5 else None
        articles.append(
            Article(
                title=f"Article {i}",
                source=rng.choice(sources),
                published_date=day,
                body="word " * 300,
                raw_text="word " * 300,
                fingerprint=str(i),
                story=story,
            )
        )
    articles = Article.objects.bulk_create(articles, batch_size=2000)
    mentions = []
    for article in articles:
        for person in rng.sample(people[:FREQUENT], 2) + rng.sample(people, 3):
            mentions.append(
                Mention(article=article, person=person, count=rng.randint(1, 5), forms=[person.name])
            )
    Mention.objects.bulk_create(mentions, batch_size=5000, ignore_conflicts=True)
    quotes = [
        Quote(article=rng.choice(articles), person=rng.choice(people[:FREQUENT]), text="A quote.", position=1)
        for _ in range(n // 2)
    ]
    Quote.objects.bulk_create(quotes, batch_size=5000)


def _measure(client, path: str, repeat: int) -> tuple[float, int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries, slowest = [], 0, 0.0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            began = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - began)
        assert response.status_code == 200, f"{path}: {response.status_code}"
        queries = len(ctx.captured_queries)
        slowest = max(slowest, *(float(q["time"]) for q in ctx.captured_queries))
    return statistics.median(times), queries, slowest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="parallax-browse-bench-")
    setup_django(data_dir, PARALLAX_INDEX_ON_SAVE="false", ALLOWED_HOSTS="localhost,testserver")
    from django.test import Client

    from archive.models import Article

    began = time.perf_counter()
    _populate(args.articles, random.Random(args.seed))
    print(f"{args.articles:,} articles generated in {time.perf_counter() - began:.1f} s ({data_dir})")

    article = Article.objects.filter(story__isnull=False).order_by("id").first()
    paths = [
        "/",
        "/sources/",
        "/sources/outlet-1/",
        "/people/",
        "/people/?sort=name",
        "/people/person-1/",
        "/people/person-300/",
        article.get_absolute_url(),
        "/dates/",
        "/dates/2014/",
        "/dates/2014/3/",
        "/dates/?undated=1",
    ]
    client = Client(HTTP_HOST="localhost")
    print(f"{'page':28} {'median ms':>10} {'queries':>8} {'slowest SQL ms':>15}")
    for path in paths:
        median, queries, slowest = _measure(client, path, args.repeat)
        print(f"{path:28} {median * 1000:10.0f} {queries:8d} {slowest * 1000:15.0f}")


if __name__ == "__main__":
    main()

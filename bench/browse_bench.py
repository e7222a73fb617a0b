"""Benchmark the browse pages (home, sources, people, articles, dates) on a large synthetic archive.

Run from the repository root, niced (the machine is shared):

    nice -n 10 .venv/bin/python bench/browse_bench.py [--articles 20000] [--repeat 5] [--seed 5]
        [--data-dir DIR] [--warm] [--explain]

A seeded generator bulk-inserts articles into a throw-away SQLite database: 30 outlets, 500 people
(50 of them in most articles, the rest rarely, as news coverage goes), five mentions an article,
ten years of dates with 5% undated, half the articles in stories of a few outlets, a quote for every
second article, bodies and raw texts of about 5,000 characters each (as generate_corpus writes, so
rows are as wide as real ones). `--data-dir` keeps the archive in that folder and reuses it on the
next run (migrated first, so a before/after comparison reads the same rows). No search index is
involved: browse pages read the ORM only.

Prints, for every public browse page, p50 and p95 through Django's test client, its number of SQL
queries and the slowest query's time; `--explain` adds the slowest query's EXPLAIN QUERY PLAN. The
cache is cleared before every request unless `--warm`: a cache miss must not be the slow path.
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
# About 5,000 characters, as generate_corpus's bodies: wide rows are what makes reading a column
# stored after the texts slow on SQLite.
BODY = "word " * 1000


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
                body=BODY,
                raw_text=BODY,
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
    Story.objects.refresh_outlet_counts()  # bulk_create skips what Article.save keeps


def _measure(client, path: str, repeat: int, warm: bool) -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries, slowest_sql = [], 0, (0.0, "")
    for _ in range(repeat):
        if not warm:
            cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            began = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - began)
        assert response.status_code == 200, f"{path}: {response.status_code}"
        queries = len(ctx.captured_queries)
        for query in ctx.captured_queries:
            if float(query["time"]) > slowest_sql[0]:
                slowest_sql = (float(query["time"]), query["sql"])
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {"p50": statistics.median(times), "p95": p95, "queries": queries, "slowest": slowest_sql}


def _explain(sql: str) -> list[str]:
    from django.db import connection

    if connection.vendor != "sqlite" or not sql.lstrip().upper().startswith("SELECT"):
        return []
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return [row[-1] for row in cursor.fetchall()]


def _paths() -> list[str]:
    from django.db.models import Count

    from archive.models import Article, Mention, Source, Story

    article = Article.objects.filter(story__isnull=False).order_by("id").first()
    source = Source.objects.annotate(n=Count("articles")).order_by("-n").first()
    top = Mention.objects.values("person__slug").annotate(n=Count("id")).order_by("-n").first()
    story = Story.objects.annotate(n=Count("articles")).order_by("-n").first()
    year = Article.objects.filter(published_date__isnull=False).values_list("published_date", flat=True)
    day = year.order_by("published_date")[year.count() // 2]
    return [
        "/",
        "/sources/",
        f"/sources/{source.slug}/",
        "/people/",
        "/people/?sort=name",
        "/people/?letter=P",
        "/people/?sort=name&letter=P",
        f"/people/{top['person__slug']}/",
        "/people/person-300/",
        "/dates/",
        f"/dates/{day.year}/",
        f"/dates/{day.year}/{day.month}/",
        "/dates/?undated=1",
        "/stories/",
        "/stories/?min_outlets=1",
        "/stories/?min_outlets=4",
        f"/stories/?outlet={source.slug}&from=2012-01-01&to=2013-12-31",
        "/stories/?language=en",
        "/api/stories/",
        f"/stories/{story.pk}/",
        article.get_absolute_url(),
        "/compare/sources/",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--data-dir", help="keep the archive here and reuse it when it exists")
    parser.add_argument("--warm", action="store_true", help="keep the cache between requests")
    parser.add_argument("--explain", action="store_true", help="print the slowest query's plan")
    args = parser.parse_args()

    data_dir = args.data_dir or tempfile.mkdtemp(prefix="parallax-browse-bench-")
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    setup_django(data_dir, PARALLAX_INDEX_ON_SAVE="false", ALLOWED_HOSTS="localhost,testserver")
    from django.test import Client

    from archive.models import Article

    if not Article.objects.exists():
        began = time.perf_counter()
        _populate(args.articles, random.Random(args.seed))
        print(f"{args.articles:,} articles generated in {time.perf_counter() - began:.1f} s ({data_dir})")
    print(f"{Article.objects.count():,} articles in {data_dir}, cache {'warm' if args.warm else 'cleared'}")

    client = Client(HTTP_HOST="localhost")
    print(f"{'page':32} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'slowest SQL ms':>15}")
    for path in _paths():
        found = _measure(client, path, args.repeat, args.warm)
        print(
            f"{path:32} {found['p50'] * 1000:8.0f} {found['p95'] * 1000:8.0f} {found['queries']:8d}"
            f" {found['slowest'][0] * 1000:15.0f}"
        )
        if args.explain:
            print(f"    {found['slowest'][1][:300]}")
            for line in _explain(found["slowest"][1]):
                print(f"      {line}")


if __name__ == "__main__":
    main()

"""Benchmark story clustering: incremental (one article at a time, as ingest does) and a full re-cluster.

Run from the repository root, niced (the machine is shared):

    nice -n 10 .venv/bin/python bench/cluster_bench.py [--articles 10000] [--preload 0] [--seed 11]

A seeded generator writes synthetic news: events (a date, two or three people from a pool of 400,
a dozen topic words) each reported by one to five outlets within two days, in 250-600 word bodies
drawn from a Zipf vocabulary plus the event's topic words. Follow-up events reuse the same people a
few months later, so "same people, different event" is exercised. Django runs on a throw-away SQLite
database with search indexing switched off, so the figures are clustering alone.

Prints ms/article for incremental assignment (the on_article_ingested hook: terms, candidates,
choice, story update, quotes) and for `recluster_all`, plus pairwise precision/recall against the
generator's events. With --preload N, N articles are first bulk-inserted already clustered and the
incremental figure is measured on top of them (e.g. --preload 90000 --articles 2000 for "at 100k").
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _django import setup_django  # noqa: E402  (bench/ is on sys.path when a bench runs)

# Vocabulary size and Zipf exponent of the filler text: close to English news word frequencies.
VOCABULARY = 20_000
ZIPF_S = 1.1
PEOPLE = 400
OUTLETS = 40
# Share of body words drawn from the event's own topic words (the rest is filler).
TOPIC_SHARE = 0.12
# Chance that an event is a follow-up: same people as an earlier event, new topic, 60-400 days later.
FOLLOW_UP = 0.25
YEARS = 10
_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "te",
    "su",
    "vo",
    "an",
    "el",
    "ir",
    "ob",
    "un",
    "da",
    "ne",
    "pi",
    "go",
    "ha",
    "je",
]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables))


class NewsGenerator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        self.vocab = list(dict.fromkeys(_word(rng, rng.randint(2, 4)) for _ in range(VOCABULARY * 2)))[
            :VOCABULARY
        ]
        weights = [1 / (i + 1) ** ZIPF_S for i in range(len(self.vocab))]
        total = sum(weights)
        self.cum = []
        acc = 0.0
        for w in weights:
            acc += w / total
            self.cum.append(acc)
        self.people = [f"{_word(rng, 2).title()} {_word(rng, 3).title()}" for _ in range(PEOPLE)]
        self.outlets = [
            f"{_word(rng, 2).title()} {rng.choice(['Times', 'Post', 'Herald', 'Daily'])}"
            for _ in range(OUTLETS)
        ]
        self.start = dt.date(2014, 1, 1)

    def _filler(self, n: int) -> list[str]:
        import bisect

        return [
            self.vocab[min(bisect.bisect(self.cum, self.rng.random()), len(self.vocab) - 1)] for _ in range(n)
        ]

    def events(self, n_articles: int):
        """Yield (event id, title, body, date, outlet, people) until n_articles are made, in date order."""
        rng = self.rng
        made, event_id, past = 0, 0, []
        day_span = YEARS * 365
        plans = []
        while made < n_articles:
            if past and rng.random() < FOLLOW_UP:
                people, base = rng.choice(past)
                day = base + rng.randint(60, 400)
            else:
                people = rng.sample(self.people, rng.randint(2, 3))
                day = rng.randint(0, day_span)
            topic = [_word(rng, rng.randint(3, 5)) for _ in range(12)]
            n = min(rng.choice([1, 1, 2, 2, 3, 3, 4, 5]), n_articles - made)
            plans.append((event_id, people, topic, day, n))
            past.append((people, day))
            made += n
            event_id += 1
        out = []
        for event_id, people, topic, day, n in plans:
            for outlet in rng.sample(self.outlets, n):
                length = rng.randint(250, 600)
                words = self._filler(length)
                for i in rng.sample(range(length), int(length * TOPIC_SHARE)):
                    words[i] = rng.choice(topic)
                for person in people:
                    for _ in range(rng.randint(1, 4)):
                        words.insert(rng.randrange(len(words)), person)
                sentences = [" ".join(words[i : i + 18]).capitalize() + "." for i in range(0, len(words), 18)]
                body = "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))
                title = " ".join([people[0].split()[-1], *rng.sample(topic, 4)]).capitalize()
                published = self.start + dt.timedelta(days=day + rng.randint(0, 2))
                undated = rng.random() < 0.1
                out.append((event_id, title, body, None if undated else published, outlet, people))
        out.sort(key=lambda row: row[3] or dt.date.max)
        return out


def _setup_django(data_dir: str) -> None:
    setup_django(data_dir, PARALLAX_INDEX_ON_SAVE="false")


def _store(rows, sources, persons, *, with_terms: bool = False):
    """Bulk-insert articles and mentions (what the importer stores before calling the hook)."""
    from archive.compare.stories import build_terms
    from archive.models import Article, Mention

    articles = [
        Article(
            title=title,
            body=body,
            raw_text="",
            fingerprint=f"bench-{i}-{random.random()}",
            published_date=day,
            source=sources[outlet],
            cluster_terms=build_terms(title, body) if with_terms else {},
        )
        for i, (_, title, body, day, outlet, _) in enumerate(rows)
    ]
    Article.objects.bulk_create(articles, batch_size=500)
    mentions = [
        Mention(article=a, person=persons[p], count=2, forms=[p, p.split()[-1]])
        for a, row in zip(articles, rows, strict=True)
        for p in row[5]
    ]
    Mention.objects.bulk_create(mentions, batch_size=1000)
    return articles


def _pairwise(truth: dict[int, int], found: dict[int, int]) -> tuple[float, float]:
    """Pairwise precision and recall of `found` groups against `truth` groups (article id -> group)."""

    def pairs(groups: dict[int, int]) -> set[tuple[int, int]]:
        members = defaultdict(list)
        for aid, g in groups.items():
            members[g].append(aid)
        return {
            (a, b)
            for ids in members.values()
            for i, a in enumerate(sorted(ids))
            for b in sorted(ids)[i + 1 :]
        }

    t, f = pairs(truth), pairs(found)
    precision = len(t & f) / len(f) if f else 1.0
    recall = len(t & f) / len(t) if t else 1.0
    return precision, recall


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--preload", type=int, default=0)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cluster-bench-") as data_dir:
        _setup_django(data_dir)
        from django.db import transaction

        from archive import clustering
        from archive.models import Article, Person, Source, Story

        gen = NewsGenerator(args.seed)
        rows = gen.events(args.preload + args.articles)
        sources = {name: Source.objects.create(name=name) for name in gen.outlets}
        persons = {name: Person.objects.create(name=name) for name in gen.people}

        began = time.perf_counter()
        preload, rest = rows[: args.preload], rows[args.preload :]
        if preload:
            articles = _store(preload, sources, persons, with_terms=True)
            by_event = defaultdict(list)
            for article, row in zip(articles, preload, strict=True):
                by_event[row[0]].append(article.pk)
            for ids in by_event.values():  # preloaded articles arrive already clustered (by the generator)
                story = Story.objects.create(title="preloaded")
                Article.objects.filter(pk__in=ids).update(story=story)
            print(f"preloaded {len(preload)} articles in {time.perf_counter() - began:.1f} s")

        started = time.perf_counter()
        clustering.reset_index()
        clustering._index()  # noqa: SLF001  (the one-off index build a process pays on its first ingest)
        print(f"index build over {len(preload)} stored articles: {time.perf_counter() - started:.2f} s")

        timings, truth = [], {}
        for row in rest:  # stored one by one, then the hook, as the importer does (storing is not timed)
            [article] = _store([row], sources, persons)
            truth[article.pk] = row[0]
            t0 = time.perf_counter()
            with transaction.atomic():
                clustering.on_article_ingested(article)
            timings.append(time.perf_counter() - t0)
        found = dict(Article.objects.filter(pk__in=truth).values_list("pk", "story_id"))
        p, r = _pairwise(truth, found)
        ms = [t * 1000 for t in timings]
        ms.sort()
        print(
            f"incremental: {len(ms)} articles on top of {len(preload)}: "
            f"mean {statistics.mean(ms):.1f} ms/article, "
            f"p50 {ms[len(ms) // 2]:.1f} ms, p95 {ms[int(len(ms) * 0.95)]:.1f} ms; "
            f"pairwise precision {p:.3f}, recall {r:.3f}"
        )

        t0 = time.perf_counter()
        result = clustering.recluster_all()
        seconds = time.perf_counter() - t0
        found = dict(Article.objects.filter(pk__in=truth).values_list("pk", "story_id"))
        p, r = _pairwise(truth, found)
        print(
            f"full re-cluster: {result.articles} articles in {seconds:.1f} s = "
            f"{seconds * 1000 / max(result.articles, 1):.2f} ms/article ({result.stories} stories, "
            f"{result.moved} moved); pairwise precision {p:.3f}, recall {r:.3f}"
        )
        print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()

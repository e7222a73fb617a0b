"""Benchmark story clustering: quality per hard case, and speed incremental (as ingest does) and full.

Run from the repository root, niced (the machine is shared):

    nice -n 10 .venv/bin/python bench/cluster_bench.py [--articles 10000] [--quality 3000] [--seed 11]

Articles come from the labelled event generator (archive/synthetic/events.py): one event told by several
outlets in their own words, wire copies under a new lede, the same ministers at two events a week apart,
undated copies, an undated earlier meeting of the same ministers, and background noise. Every article
carries its gold event, so pairwise precision and recall are printed per case class.

--quality N: N generated articles assigned one by one in plain Python (no database; what the thresholds
in archive/compare/story_similarity.py were chosen on), plus the five seeds imported through the importer,
plus the quote-match threshold on tests/fixtures/quote_pairs.json. --articles N: the same generator through
Django on a throw-away SQLite database (search indexing off): ms/article for the ingest hook
(on_article_ingested: terms, candidates, choice, story update, quotes) and for `recluster_all`, with
pairwise figures for both. --preload N first bulk-inserts N articles already clustered. 0 skips a part.

Measured (2 shared cores, other jobs running): --quality 3000: 1.4-6.8 ms/article in plain Python by
load, all pairs 0.987/0.992. --articles 10000 at load 2-4: incremental mean 68 ms/article (p50 61,
p95 136; 125 at load 5-7), all pairs 0.990/0.991; full re-cluster 1.5 ms/article, 0.997/0.986; peak
318 MB. --articles
2000 at load 3: 25.8 ms/article (the old rule and generator: 17.8; the named terms and quote pairs
add keys to look up and score).
The story index change log (stories/synced_index.py: each ingest logs its change and every process applies
the entries since its last, instead of reading the articles stored since), against the code before it,
both run side by side (same load): --quality 0 --articles 3000 at load 4-7: incremental mean 69.8 vs
73.8 ms/article (p50 63.8 vs 67.3, p95 126 vs 133), the same pairs (0.988/0.982). --preload 100000
--articles 1000 at load 8 (before the ingesting process indexed its own article at once, which saves two
queries): index build over 100,000 articles 56.9 vs 56.5 s, incremental 102.6 vs 95.2 ms/article (p50
92.6 vs 88.2, p95 174 vs 152), pairs 0.954/0.983 vs 0.954/0.985. Default size, one run after the other
under different loads: 29.1 ms/article (p50 23.7, p95 55.1; load 3-8) vs 14.6 (p50 10.8, p95 31.5; load
2-5), all pairs 0.993/0.979 vs 0.991/0.980.
"""

from __future__ import annotations

import argparse
import json
import os
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

SEEDS = Path(os.environ.get("PARALLAX_SEEDS") or ROOT.parent / "shared" / "seeds")
QUOTE_PAIRS = ROOT / "tests" / "fixtures" / "quote_pairs.json"


def _print_scores(label: str, gold: dict, found: dict, cases: dict) -> None:
    from archive.compare.evaluation import pair_counts, pairwise_scores
    from archive.synthetic.events import CASES

    p, r = pairwise_scores(gold, found)
    print(f"{label}: all pairs precision {p:.3f}, recall {r:.3f}")
    for case, members in sorted(cases.items(), key=lambda kv: CASES.index(kv[0])):
        p, r = pairwise_scores(gold, found, members)
        n_gold, n_found, hits = pair_counts(gold, found, members)
        print(
            f"  {case:16s} precision {p:.3f}  recall {r:.3f}  ({len(members)} articles; "
            f"{n_found - hits} wrong pairs, {n_gold - hits} missed)"
        )


def _cases(labelled) -> dict[str, set[int]]:
    out: dict[str, set[int]] = defaultdict(set)
    for i, item in enumerate(labelled):
        out[item.case].add(i)
    return dict(out)


def generated_signatures(n: int, seed: int) -> tuple[list, list]:
    """(the labelled articles of the event generator, their signatures, ids 0..n-1)."""
    from archive.compare.stories import ArticleSignature
    from archive.compare.story_terms import build_terms
    from archive.synthetic.events import generate_events

    labelled = generate_events(n, seed)
    ids: dict[str, int] = {}
    sigs = []
    for i, item in enumerate(labelled):
        a = item.article
        people = {ids.setdefault(name, len(ids) + 1): count for name, count in a.people}
        names = [form for name, _ in a.people for form in (name, name.split()[-1])]
        sigs.append(ArticleSignature(i, build_terms(a.title, a.body, a.subtitle, names), people, a.published))
    return labelled, sigs


def quality(n: int, seed: int) -> None:
    """Generated articles assigned in ingest order without a database, per case class."""
    from archive.compare.stories import assign_in_order

    labelled, sigs = generated_signatures(n, seed)
    began = time.perf_counter()
    found = assign_in_order(sigs)
    ms = (time.perf_counter() - began) * 1000 / len(sigs)
    gold = {i: item.event for i, item in enumerate(labelled)}
    _print_scores(
        f"generated, {len(sigs)} articles in ingest order ({ms:.2f} ms/article)",
        gold,
        found,
        _cases(labelled),
    )


def import_seeds() -> tuple[dict[int, str], dict[str, str]]:
    """The seeds through the importer, one by one as an upload: (article id -> file name, file name ->
    its gold event from expected.json)."""
    from archive.importing.importer import import_files
    from archive.models import Source

    expected = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))
    Source.objects.get_or_create(name="The BRICS Post", defaults={"aliases": ["TBP"]})
    uploader = {"003_d43e4ed34428a101.txt": "The National"}  # as tests/fixtures_compare.py names it
    imported = {}
    for name in sorted(expected["articles"]):
        [result] = import_files([(name, (SEEDS / name).read_bytes())], source_name=uploader.get(name))
        imported[result.article] = name
    stories = expected["stories"]
    event = dict.fromkeys([*stories["must_share_a_story"][0], *stories["should_share_that_story"]], "paris")
    return imported, {name: event.get(name, name) for name in imported.values()}


def seeds() -> None:
    """The seeds through the importer (one by one, as an upload), against expected.json's stories."""
    from archive.compare.evaluation import pairwise_scores
    from archive.models import Article

    imported, gold = import_seeds()
    found = {name: Article.objects.get(pk=pk).story_id for pk, name in imported.items()}
    p, r = pairwise_scores(gold, found)
    print(f"seeds: precision {p:.3f}, recall {r:.3f} (stories {sorted(found.items())})")


def quote_pairs() -> None:
    from archive.compare.quotes import QUOTE_MATCH_SCORE, quote_similarity

    pairs = json.loads(QUOTE_PAIRS.read_text(encoding="utf-8"))
    for kind in ("same", "different"):
        scores = [round(quote_similarity(a, b)) for a, b in pairs[kind]]
        hits = sum(s >= QUOTE_MATCH_SCORE for s in scores)
        print(
            f"quote pairs, {kind} remark: scores {scores}; {hits}/{len(scores)} match at {QUOTE_MATCH_SCORE}"
        )


def _store(labelled, sources, persons, *, with_terms: bool = False):
    """Bulk-insert articles and mentions (what the importer stores before calling the hook)."""
    from archive.compare.story_terms import build_terms
    from archive.models import Article, Mention

    articles = [
        Article(
            title=item.article.title,
            body=item.article.body,
            raw_text="",
            fingerprint=f"bench-{item.article.number}-{item.article.fingerprint[:16]}",
            published_date=item.article.published,
            source=sources[item.article.source],
            cluster_terms=build_terms(
                item.article.title,
                item.article.body,
                "",
                [f for n, _ in item.article.people for f in (n, n.split()[-1])],
            )
            if with_terms
            else {},
        )
        for item in labelled
    ]
    Article.objects.bulk_create(articles, batch_size=500)
    mentions = [
        Mention(article=a, person=persons[name], count=count, forms=[name, name.split()[-1]])
        for a, item in zip(articles, labelled, strict=True)
        for name, count in item.article.people
    ]
    Mention.objects.bulk_create(mentions, batch_size=1000)
    return articles


def speed(n: int, preload: int, seed: int) -> None:
    from django.db import transaction

    from archive.models import Article, Person, Source, Story
    from archive.stories import clustering, synced_index
    from archive.synthetic.events import EventGenerator

    gen = EventGenerator(seed)
    labelled = gen.articles(preload + n)
    sources = {name: Source.objects.get_or_create(name=name)[0] for name in gen.outlets}
    persons = {name: Person.objects.get_or_create(name=name)[0] for name in gen.people}
    first, rest = labelled[:preload], labelled[preload:]
    if first:
        began = time.perf_counter()
        articles = _store(first, sources, persons, with_terms=True)
        by_event = defaultdict(list)
        for article, item in zip(articles, first, strict=True):
            by_event[item.event].append(article.pk)
        for pks in by_event.values():  # preloaded articles arrive already clustered (by the generator)
            Article.objects.filter(pk__in=pks).update(story=Story.objects.create(title="preloaded"))
        print(f"preloaded {len(first)} articles in {time.perf_counter() - began:.1f} s")

    started = time.perf_counter()
    clustering.reset_index()
    synced_index.current()  # the one-off index build a process pays on its first ingest
    print(f"index build over {len(first)} stored articles: {time.perf_counter() - started:.2f} s")

    timings, gold, cases = [], {}, defaultdict(set)
    for item in rest:  # stored one by one, then the hook, as the importer does (storing is not timed)
        [article] = _store([item], sources, persons)
        gold[article.pk] = item.event
        cases[item.case].add(article.pk)
        t0 = time.perf_counter()
        with transaction.atomic():
            clustering.on_article_ingested(article)
        timings.append(time.perf_counter() - t0)
    found = dict(Article.objects.filter(pk__in=gold).values_list("pk", "story_id"))
    ms = sorted(t * 1000 for t in timings)
    _print_scores(
        f"incremental: {len(ms)} articles on top of {len(first)}: mean {statistics.mean(ms):.1f} ms/article, "
        f"p50 {ms[len(ms) // 2]:.1f} ms, p95 {ms[int(len(ms) * 0.95)]:.1f} ms",
        gold,
        found,
        cases,
    )

    t0 = time.perf_counter()
    result = clustering.recluster_all()
    seconds = time.perf_counter() - t0
    found = dict(Article.objects.filter(pk__in=gold).values_list("pk", "story_id"))
    _print_scores(
        f"full re-cluster: {result.articles} articles in {seconds:.1f} s = "
        f"{seconds * 1000 / max(result.articles, 1):.2f} ms/article "
        f"({result.stories} stories, {result.moved} moved)",
        gold,
        found,
        cases,
    )
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--preload", type=int, default=0)
    parser.add_argument("--quality", type=int, default=3_000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cluster-bench-") as data_dir:
        setup_django(data_dir, PARALLAX_INDEX_ON_SAVE="false")
        from archive.stories import clustering

        if args.quality:
            quality(args.quality, args.seed)
            seeds()
            quote_pairs()
        if args.articles:
            from archive.models import Article, Story

            Article.objects.all().delete()  # the seeds stay out of the timed archive
            Story.objects.all().delete()
            clustering.reset_index()
            speed(args.articles, args.preload, args.seed)


if __name__ == "__main__":
    main()

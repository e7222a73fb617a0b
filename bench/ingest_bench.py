"""Benchmark the plain-Python ingest pipeline: parsing, and parsing plus people extraction (NER).

Run from the repository root, niced (the machine is shared):

    nice -n 10 .venv/bin/python bench/ingest_bench.py [--articles 400] [--seed 7]

The articles are the seed pages (PARALLAX_SEEDS, default ../shared/seeds) varied by a seeded
generator: paragraphs shuffled and dropped, people renamed from generated names, outlet furniture
kept, so the parser and the NER see many different texts of realistic shape and length. Prints
articles per second for parse only, and for parse + NER with one and with two NER processes
(nlp.pipe batches), and the peak resident memory of this process and of the NER workers.
With --known-people N it also times NER with the entity ruler holding N generated full names (the
archive's confirmed people): loading them once, then the per-article cost (measured: 4,300 names
load in 0.9 s and leave the per-article NER cost within noise, 14.8 vs 14.4 articles per
CPU-second). With --resolve it also times resolving the extracted people to Person rows in a
temporary SQLite database (Django set up with DEBUG=true and a throw-away data folder), first and
second ingest.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _django import setup_django  # noqa: E402  (bench/ is on sys.path when a bench runs)

from archive.ingest.article import IngestError, PersonMention  # noqa: E402
from archive.ingest.parsing import parse_document  # noqa: E402
from archive.ingest.people import extract_people_batch  # noqa: E402
from archive.ingest.ruler import get_nlp  # noqa: E402
from archive.synthetic import SYLLABLES  # noqa: E402

# 400 articles take about 20 s with NER on one core of this machine: long enough for a stable
# rate, short enough to run while others work.
DEFAULT_ARTICLES = 400
# Names that replace the seeds' people (syllables combined by the seeded generator).
_GIVEN = ["Amira", "Tomas", "Leila", "Ivan", "Chidi", "Nadia", "Pavel", "Yusuf", "Marta", "Karim"]
_NAME = re.compile(r"\b(Sergei Lavrov|Lavrov|John Kerry|Kerry|Lakhdar Brahimi|Brahimi|Walid Muallem)\b")


def seed_pages(folder: Path) -> list[str]:
    pages = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not pages:
        raise SystemExit(f"no seed .txt files in {folder}: set PARALLAX_SEEDS")
    return pages


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def vary(page: str, rng: random.Random) -> str:
    """One new article from a seed page: body paragraphs shuffled, some dropped, people renamed."""
    lines = page.split("\n\n")
    head, body = lines[:4], lines[4:]
    rng.shuffle(body)
    body = [p for p in body if rng.random() > 0.15] or body[:1]
    cast: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        surname = match.group(1).split()[-1]
        if surname not in cast:
            cast[surname] = f"{rng.choice(_GIVEN)} {_surname(rng)}"
        new = cast[surname]
        return new if " " in match.group(1) else new.split()[-1]

    return _NAME.sub(rename, "\n\n".join(head + body))


def make_articles(pages: Sequence[str], count: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    return [vary(pages[i % len(pages)], rng).encode("utf-8") for i in range(count)]


def parse_all(articles: Sequence[bytes]) -> list[str]:
    """Parse every article; the bodies of those that parse (a failure is counted, not fatal)."""
    bodies = []
    for i, data in enumerate(articles):
        with contextlib.suppress(IngestError):
            bodies.append(parse_document(data, filename=f"bench-{i}.txt").body)
    return bodies


def cpu_seconds() -> float:
    """CPU time used so far by this process and its finished children (the NER workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(label: str, count: int, work: Callable[[], object]) -> float:
    """Run `work` and print its rate by the wall clock and per CPU-second: on a shared machine
    the second says what an idle core would do."""
    start, cpu = time.perf_counter(), cpu_seconds()
    work()
    elapsed, used = time.perf_counter() - start, cpu_seconds() - cpu
    rate = count / elapsed
    print(
        f"{label:<34} {count:>5} articles in {elapsed:6.2f} s = {rate:7.1f} articles/s"
        f"  ({count / max(used, 1e-9):6.1f} per CPU-second)",
        flush=True,
    )
    return rate


def time_resolution(mentions: Sequence[tuple[PersonMention, ...]]) -> None:
    """resolve_mentions for every article, one transaction each as the importer does, twice:
    the first pass creates the people, the second finds them all."""
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp, DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3")
        from django.db import transaction

        from archive.importing.resolution import resolve_mentions

        def resolve_all() -> None:
            for found in mentions:
                with transaction.atomic():
                    resolve_mentions(found)

        for label in ("resolve people, first ingest", "resolve people, known people"):
            timed(label, len(mentions), resolve_all)


def time_with_ruler(articles: Sequence[bytes], count: int, seed: int) -> None:
    """Parse + NER (one process) with the archive's known people in the entity ruler: the cost of
    loading `count` names into it once, then of matching them in every article."""
    rng = random.Random(seed)
    known = {f"{rng.choice(_GIVEN)} {_surname(rng)}" for _ in range(count)}
    start = time.perf_counter()
    get_nlp(known)
    print(f"{f'ruler load, {len(known)} names':<34} {time.perf_counter() - start:6.2f} s")
    timed(
        f"parse + NER + ruler of {len(known)}",
        len(articles),
        lambda: extract_people_batch(parse_all(articles), known_people=known),
    )


def peak_mb(who: int) -> float:

    return resource.getrusage(who).ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
    parser.add_argument("--seed", type=int, default=7, help="seed of the article generator")
    parser.add_argument("--no-ner", action="store_true", help="time parsing only")
    parser.add_argument("--resolve", action="store_true", help="also time resolution to Person rows")
    parser.add_argument(
        "--known-people", type=int, default=0, help="also time NER with a ruler of this many known full names"
    )
    args = parser.parse_args(argv)

    folder = Path(os.environ.get("PARALLAX_SEEDS") or ROOT.parent / "shared" / "seeds")
    articles = make_articles(seed_pages(folder), args.articles, args.seed)
    size = sum(len(a) for a in articles) / len(articles)
    print(
        f"{len(articles)} varied articles from {folder}, {size:.0f} bytes on average; {os.cpu_count()} CPUs"
    )
    # The machine is shared: the load says how much of its CPUs this run could have.
    print(f"load average {os.getloadavg()[0]:.1f} at start")

    parsed: list[str] = []
    timed("parse only (no NER)", len(articles), lambda: parsed.extend(parse_all(articles)))
    print(f"{'':<34} {len(articles) - len(parsed)} failed to parse")
    if not args.no_ner:
        start = time.perf_counter()
        get_nlp()
        print(f"{'spaCy model load (once)':<34} {time.perf_counter() - start:6.2f} s")
        mentions: list[tuple[PersonMention, ...]] = []
        for n_process in (1, 2):
            timed(
                f"parse + NER, n_process={n_process}",
                len(articles),
                lambda n=n_process: mentions.extend(extract_people_batch(parse_all(articles), n_process=n)),
            )
        people = sum(len(m) for m in mentions[: len(parsed)])
        print(f"{'':<34} {people / max(len(parsed), 1):.1f} people per article")
        if args.known_people:
            time_with_ruler(articles, args.known_people, args.seed)
        if args.resolve:
            time_resolution(mentions[: len(parsed)])
    print(f"load average {os.getloadavg()[0]:.1f} at end")
    print(
        f"peak memory: this process {peak_mb(resource.RUSAGE_SELF):.0f} MB, "
        f"NER workers {peak_mb(resource.RUSAGE_CHILDREN):.0f} MB (largest child)"
    )


if __name__ == "__main__":
    main()

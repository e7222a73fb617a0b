"""Search benchmark: build rate, index size, query latency through the Django view, through our
backend, and through raw Whoosh calls (the overhead ratio), peak memory, and save-to-visible delay.

    .venv/bin/python bench/search_bench.py --size 10000            # generates the corpus if needed
    .venv/bin/python bench/search_bench.py --both       # Whoosh beside PostgreSQL (search_both.py)
    nice -n 10 .venv/bin/python bench/search_bench.py --size 100000 --procs 2

The archive lives in its own folder (--data, default var/bench-<size>), never in the real archive.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _django import generate_up_to, setup_django  # noqa: E402  (bench/ is on sys.path when a bench runs)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--data", help="archive folder (default var/bench-<size>)")
    parser.add_argument("--procs", type=int, default=2, help="indexing processes for the rebuild")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per query")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the index even if it exists")
    parser.add_argument(
        "--backend", choices=("whoosh", "postgres"), default="whoosh", help="postgres: see search_both.py"
    )
    parser.add_argument("--both", action="store_true", help="both backends on one PostgreSQL corpus")
    return parser.parse_args()


def setup(args) -> Path:
    data = Path(args.data or ROOT / "var" / f"bench-{args.size}").resolve()
    data.mkdir(parents=True, exist_ok=True)
    setup_django(data, ALLOWED_HOSTS=os.environ.get("ALLOWED_HOSTS") or "testserver,127.0.0.1,localhost")
    return data


def query_mix(size: int) -> list[tuple[str, dict]]:
    """The fixed mix: one and two words (all facets, highlights), a phrase, a filtered query, a person,
    and the empty query with facets. Words come from the seeded generator, so they exist."""
    from archive.synthetic.corpus import CorpusGenerator

    gen = CorpusGenerator()
    v = gen.vocab
    words = [w.strip(".,").lower() for w in gen.article(3).body.split()]
    phrase = f'"{words[40]} {words[41]}"'  # whatever follows: often a stop word (the worst case)
    rank = {w: i for i, w in enumerate(v)}
    i = next(i for i in range(len(words) - 1) if min(rank.get(words[i], 0), rank.get(words[i + 1], 0)) > 300)
    content_phrase = f'"{words[i]} {words[i + 1]}"'  # two content words, as readers mostly quote
    surname = gen.people[2].split()[-1]
    return [
        ("one word", {"q": v[320]}),
        ("one word (rare)", {"q": v[2400]}),
        ("two words", {"q": f"{v[180]} {v[450]}"}),
        ("phrase", {"q": phrase}),
        ("phrase (content)", {"q": content_phrase}),
        ("filtered", {"q": v[320], "source": gen.outlets[0], "from": "2016-01-01", "to": "2017-12-31"}),
        ("person", {"q": f"person:{surname}"}),
        ("empty + facets", {}),
    ]


def timed(fn, repeat: int) -> tuple[float, float, object]:
    result = fn()  # warm-up (first use of this query's postings)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95, result


class RawWhoosh:
    """The same mix with plain Whoosh calls and no framework: a field query, a limit-20 search with
    highlights (bodies read with sqlite3), facet counts from columns cached once per searcher and
    counted over docs_for_query() with collections.Counter (the WHOOSH.md fast path, in plain Python)."""

    def __init__(self, index_dir: Path, db_path: Path) -> None:
        from whoosh import index

        self.ix = index.open_dir(str(index_dir))
        self.searcher = self.ix.searcher()
        self.db = sqlite3.connect(db_path)
        reader = self.searcher.reader()
        self.source = [b.decode() for b in reader.column_reader("source", translate=False)]
        self.people = [
            b.decode().split("\x1f") if b else [] for b in reader.column_reader("people", translate=False)
        ]
        self.date = list(reader.column_reader("published", translate=False))
        self.aid = list(reader.column_reader("aid", translate=False))

    def query(self, params: dict) -> int:
        from whoosh import highlight, query
        from whoosh.qparser import MultifieldParser

        text = params.get("q", "")
        if text.startswith("person:"):
            q = query.Term("people_text", text.split(":", 1)[1].lower())
        elif text:
            # The catch-all field holds body, title, subtitle and people (archive/search/schema.py).
            q = MultifieldParser(["text"], self.ix.schema).parse(text)
        else:
            q = query.Every()
        allowed = None
        if "source" in params:
            lo, hi = (int(params[k].replace("-", "")) for k in ("from", "to"))
            allowed = {
                d
                for d, (s, day) in enumerate(zip(self.source, self.date, strict=True))
                if s == params["source"] and lo <= day <= hi
            }
        docs = [d for d in self.searcher.docs_for_query(q) if allowed is None or d in allowed]
        facets = (
            Counter(self.source[d] for d in docs),
            Counter(self.date[d] // 10000 for d in docs),
            Counter(p for d in docs for p in self.people[d]).most_common(20),
        )
        if text:
            results = self.searcher.search(q, limit=20, filter=allowed, terms=True)
            results.fragmenter = highlight.PinpointFragmenter(maxchars=200, surround=70, autotrim=True)
            results.formatter = highlight.HtmlFormatter(tagname="mark")
            ids = [self.aid[hit.docnum] for hit in results]
            bodies = dict(
                self.db.execute(
                    f"SELECT id, body FROM archive_article WHERE id IN ({','.join('?' * len(ids))})", ids
                )
            )
            for hit in results:
                hit.highlights("text", text=bodies.get(self.aid[hit.docnum], ""), top=2)
        else:
            top = sorted(docs, key=lambda d: self.date[d], reverse=True)[:20]
            self.db.execute(
                f"SELECT id, body FROM archive_article WHERE id IN ({','.join('?' * len(top))})",
                [self.aid[d] for d in top],
            ).fetchall()
        return len(docs) + len(facets)


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children (the indexing processes)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def prepare(args, title: str) -> Path:
    """The bench archive: generated up to --size, indexed (rebuilt when asked, incomplete, or built
    by another schema version). Prints what it did; returns the data folder."""
    data = setup(args)
    from django.conf import settings
    from django.core.management import call_command

    from archive.search import get_backend
    from archive.search.backend import SearchError

    print(f"Parallax {title}: {args.size} articles in {data}")
    generate_up_to(args.size)
    index_dir = Path(settings.SEARCH_BACKENDS["default"]["PATH"])
    try:
        stale = not index_dir.exists() or get_backend().count() < args.size
    except SearchError:  # an index of another schema version is refused: rebuild it
        stale = True
    if args.rebuild or stale:
        started, cpu_before = time.monotonic(), cpu_seconds()
        call_command("rebuild_index", procs=args.procs, stdout=io.StringIO())
        elapsed, cpu = time.monotonic() - started, cpu_seconds() - cpu_before
        print(
            f"index build: {args.size / elapsed:.0f} articles/s ({elapsed:.0f} s, procs={args.procs});"
            f" {args.size / cpu:.0f} articles per CPU-second (what a shared machine's load does not distort)"
        )
    # Sizes on disk where the archive keeps them there (PostgreSQL keeps both in its own folder).
    if index_dir.exists():
        size = subprocess.run(["du", "-sm", str(index_dir)], capture_output=True, text=True).stdout.split()[0]
        print(f"index size: {size} MB")
    if (data / "parallax.sqlite3").exists():
        print(f"database {os.path.getsize(data / 'parallax.sqlite3') // 2**20} MB")
    return data


def main() -> None:
    args = parse_args()
    if args.both or args.backend == "postgres":
        import search_both  # bench/ is on sys.path when a bench runs

        search_both.main(args, query_mix, timed, _querydict)
        return
    data = prepare(args, "search benchmark")
    from django.conf import settings
    from django.test import Client

    from archive.models import Article
    from archive.search import get_backend
    from archive.search_forms import SearchForm

    index_dir = Path(settings.SEARCH_BACKENDS["default"]["PATH"])

    client = Client()
    backend = get_backend()
    raw = RawWhoosh(index_dir, data / "parallax.sqlite3")
    print(
        f"\n{'query':18} {'view p50/p95 ms':>17} {'backend p50/p95':>16} {'raw p50/p95':>14}"
        f" {'view/raw':>9}  matches"
    )
    ratios = []
    view_p95 = []
    for label, params in query_mix(args.size):
        v50, v95, response = timed(lambda p=params: client.get("/search/?" + urlencode(p)), args.repeat)
        request = SearchForm(_querydict(params)).search_request()
        b50, b95, page = timed(lambda r=request: backend.search(r), args.repeat)
        r50, r95, _ = timed(lambda p=params: raw.query(p), args.repeat)
        assert response.status_code == 200
        ratios.append(v50 / r50)
        view_p95.append(v95)
        print(
            f"{label:18} {v50:8.1f}/{v95:<8.1f} {b50:7.1f}/{b95:<8.1f} {r50:6.1f}/{r95:<7.1f}"
            f" {v50 / r50:8.2f}x  {page.total}"
        )
    print(
        f"overall: worst view p95 {max(view_p95):.0f} ms;"
        f" median overhead view/raw {statistics.median(ratios):.2f}x"
    )

    article = Article.objects.order_by("-pk").first()
    word = "zzqvisible"
    started = time.perf_counter()
    article.title = f"{article.title.split(' zzq')[0]} {word}"
    article.save()  # autocommit: indexed on commit, in this call
    while (
        backend.search(request.__class__(SearchForm(_querydict({"q": word})).search_request().query)).total
        < 1
    ):
        time.sleep(0.01)
    print(f"save to visible in search: {(time.perf_counter() - started) * 1000:.0f} ms")
    own, children = peak_mb()
    print(f"peak memory: this process {own:.0f} MB, largest child (indexing) {children:.0f} MB")


def _querydict(params: dict):
    from django.http import QueryDict

    q = QueryDict(mutable=True)
    for key, value in params.items():
        q[key] = value
    return q


if __name__ == "__main__":
    main()

"""One-word queries on real text: the closed-word split's cost, and the exact count's (issue 18).

    nice -n 10 .venv/bin/python bench/real_words_bench.py                 # real pages, 30 words
    nice -n 10 .venv/bin/python bench/real_words_bench.py --mix 2000 --data var/bench-2000

Imports ../shared/realworld/pages (unzipped) and the seeds (PARALLAX_REALWORLD, PARALLAX_SEEDS)
into their own archive folder with `manage.py ingest` (once; --data, default var/bench-realworld),
then times backend.search() (relevance, facets, highlights: a result page's whole search) for 30
words of the articles' own titles: words of 6+ letters at even steps down the list ordered by how
many articles hold them (common to rare). With --mix SIZE it times search_bench.py's one-word,
rare-word and two-word queries on that bench's corpus instead (build it with search_bench.py first),
or, with --index, on a Whoosh index folder built from that corpus elsewhere (any --data folder then).

Each query runs under three settings, taking turns (the machine's load hits all three alike):
"shipped"; "old count", the Whoosh scored pass with its matcher replacement back on (how it counted
before the fix); "no split", the closed-word split off (`variants.compound_halves` answering
nothing; the spelling variants stay). Also checks each relevance total against newest-first.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager, nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _django import setup_django  # noqa: E402  (bench/ is on sys.path when a bench runs)

WORDS = 30
TITLE_WORD = re.compile(r"[^\W\d_]{6,}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT / "var" / "bench-realworld"), help="archive folder")
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per query and setting")
    parser.add_argument(
        "--index", help="with --mix: time a Whoosh index folder of that corpus (no bodies: bare snippets)"
    )
    parser.add_argument(
        "--mix", type=int, metavar="SIZE", help="time search_bench.py's word queries on its corpus of SIZE"
    )
    return parser.parse_args()


def ingest_once() -> None:
    from django.core.management import call_command

    from archive.models import Article

    if Article.objects.exists():
        return
    shared = ROOT.parent / "shared"
    realworld = Path(os.environ.get("PARALLAX_REALWORLD") or shared / "realworld")
    seeds = Path(os.environ.get("PARALLAX_SEEDS") or shared / "seeds")
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as pages:  # the pages are kept gzip'd; ingest reads HTML
        for page in sorted((realworld / "pages").glob("*.gz")):
            (Path(pages) / page.name.removesuffix(".gz")).write_bytes(gzip.decompress(page.read_bytes()))
        files = [pages, *(str(p) for p in sorted(seeds.glob("*.txt")))]
        call_command("ingest", *files, stdout=io.StringIO(), stderr=io.StringIO())
    print(f"ingested {Article.objects.count()} articles in {time.monotonic() - started:.0f} s")


def title_words() -> list[str]:
    """WORDS words of the titles, at even steps from the most to the least widely held."""
    from archive.models import Article

    held = Counter()
    for title in Article.objects.values_list("title", flat=True):
        held.update({w.lower() for w in TITLE_WORD.findall(title or "")})
    ordered = sorted(held, key=lambda w: (-held[w], w))
    step = max(1, len(ordered) // WORDS)
    return ordered[::step][:WORDS]


@contextmanager
def split_off():
    from archive.search import variants

    kept = variants.compound_halves
    variants.compound_halves = lambda word: []
    try:
        yield
    finally:
        variants.compound_halves = kept


def split_into(backend, word: str) -> str:
    """The phrase(s) the widening adds to `word` on this index ("" when none)."""
    from archive.search.query import Phrase, parse_query

    with backend.reading(None) as reader:
        node = backend._spelled(reader, parse_query(word)).node
    children = node.children if hasattr(node, "children") else (node,)
    return ", ".join(c.text for c in children if isinstance(c, Phrase))


@contextmanager
def old_count():
    """The scored pass as it was before issue 18's fix: Whoosh's matcher replacement on."""
    from archive.search.backends.whoosh import collecting

    kept = collecting._RecordingCollector

    class Replacing(kept):
        def __init__(self, **kwargs):
            super().__init__(**{**kwargs, "replace": 10})

    collecting._RecordingCollector = Replacing
    try:
        yield
    finally:
        collecting._RecordingCollector = kept


SETTINGS = {"shipped": nullcontext, "old count": old_count, "no split": split_off}


def interleaved(fn, repeat: int) -> tuple[dict[str, float], dict[str, object]]:
    """p50 ms and the last result of `fn` under each of SETTINGS, their runs taking turns."""
    times: dict[str, list[float]] = {k: [] for k in SETTINGS}
    results: dict[str, object] = {}
    for n in range(repeat + 1):
        for name, setting in SETTINGS.items():
            with setting():
                started = time.perf_counter()
                results[name] = fn()
                if n:  # the first round warms up
                    times[name].append((time.perf_counter() - started) * 1000)
    return {k: statistics.median(v) for k, v in times.items()}, results


def main() -> None:
    args = parse_args()
    setup_django(Path(args.data).resolve())
    if args.mix:
        import search_bench  # bench/ is on sys.path when a bench runs

        mix = dict(search_bench.query_mix(args.mix))
        words = [mix["one word"]["q"], mix["one word (rare)"]["q"], mix["two words"]["q"]]
    else:
        ingest_once()
        words = title_words()
    from archive.search import get_backend
    from archive.search.backend import SearchRequest
    from archive.search.query import parse_query

    if args.index:
        from archive.search.backends.whoosh.backend import WhooshBackend

        backend = WhooshBackend("bench", {"PATH": str(Path(args.index).resolve())}, lambda ids: {})
    else:
        backend = get_backend()
    print(
        f"{backend.count()} articles indexed; {len(words)} queries; p50 ms of {args.repeat} interleaved runs"
    )
    print(
        f"\n{'query':24} {'shipped':>8} {'old count':>9} {'no split':>9}"
        f" {'total':>6} {'old':>6} {'no split':>8}"
    )
    times: dict[str, list[float]] = {k: [] for k in SETTINGS}
    phrased = widened = 0
    for word in words:
        request = SearchRequest(parse_query(word))
        ms, pages = interleaved(lambda r=request: backend.search(r), args.repeat)
        newest = backend.search(SearchRequest(parse_query(word), sort="newest", facets=False))
        for k in SETTINGS:
            times[k].append(ms[k])
        phrase = split_into(backend, word)
        phrased += bool(phrase)
        widened += pages["shipped"].total != pages["no split"].total
        flag = "" if pages["shipped"].total == newest.total else "  <- relevance total differs"
        totals = " ".join(f"{pages[k].total:{w}}" for k, w in zip(SETTINGS, (6, 6, 8), strict=True))
        print(
            f"{word:24} {ms['shipped']:8.1f} {ms['old count']:9.1f} {ms['no split']:9.1f}"
            f" {totals}  {phrase}{flag}"
        )
    print(
        "\nmedian (mean) of the p50s: "
        + ", ".join(f"{k} {statistics.median(v):.1f} ({statistics.mean(v):.1f}) ms" for k, v in times.items())
    )
    print(f"{phrased} of {len(words)} queries took a phrase, {widened} found more with it")


if __name__ == "__main__":
    main()

"""Worst-case benchmark: the requests outside the normal mix that anyone can send, through the Django
view, printed beside the normal mix of bench/search_bench.py as p50/p95 and the ratio to one word.

    .venv/bin/python bench/worst_case_bench.py --size 10000          # generates the corpus if needed
    nice -n 10 .venv/bin/python bench/worst_case_bench.py --size 100000 --procs 2

Then the full CSV export (rows/s, and whether it ended complete), and a served run: gunicorn with the
README's threaded workers, three worst-case requests at a time in a loop while the home page and the
one-word query are timed. The archive lives in its own folder (var/bench-<size>). Prints figures;
asserts nothing.
"""

from __future__ import annotations

import csv
import io
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search_bench import parse_args, prepare, query_mix, timed  # noqa: E402

# How long the served run keeps the three worst-case requests going.
SERVED_SECONDS = 20


def worst_cases(size: int) -> list[tuple[str, str]]:
    """(label, URL) of each worst case. Words come from the seeded generator, so they exist."""
    from archive.synthetic.corpus import CorpusGenerator

    gen = CorpusGenerator()
    v = gen.vocab
    typo = lambda w: w[:2] + w[3:] if len(w) > 4 else w + "q"  # noqa: E731 (a dropped letter)
    common = [w for w in v[:200] if len(w) > 3][:32]
    prefixes = list(dict.fromkeys(w[:3] for w in v[300:3000] if len(w) >= 5))[:32]
    stop_phrase = '"' + " ".join(["the", "of", "to", "and", "a", "in", "that", "is", "was", "for"] * 3) + '"'
    outlets = " OR ".join(f'source:"{o}"' for o in gen.outlets[:20])
    every = urlencode([("source", o) for o in gen.outlets])
    return [
        ("unknown word", "/search/?" + urlencode({"q": "zqxvbnwords"})),
        ("two typos", "/search/?" + urlencode({"q": f"{typo(v[900])} {typo(v[1800])}"})),
        ("five unknown words", "/search/?" + urlencode({"q": "qzxa qzxb qzxc qzxd qzxe"})),
        ("32-clause OR", "/search/?" + urlencode({"q": " OR ".join(common)})),
        ("32 common phrases", "/search/?" + urlencode({"q": " ".join(f'"{w} the"' for w in common)})),
        ("32 prefixes", "/search/?" + urlencode({"q": " OR ".join(p + "*" for p in prefixes)})),
        ("stop-word phrase", "/search/?" + urlencode({"q": stop_phrase})),
        ("source: 20 outlets", "/search/?" + urlencode({"q": outlets})),
        ("compare every outlet", "/compare/sources/?" + every),
        ("compare every + q=the", "/compare/sources/?q=the&" + every),
    ]


def row(label: str, p50: float, p95: float, base: float, note: str = "") -> None:
    print(f"{label:24} {p50:8.1f}/{p95:<8.1f} {p50 / base:7.1f}x  {note}")


def csv_export(client) -> None:
    """The CSV of every article through the view: rows per second and how the stream ended."""
    started = time.perf_counter()
    response = client.get("/api/search/", {"format": "csv"})
    text = b"".join(response.streaming_content).decode()
    elapsed = time.perf_counter() - started
    rows = list(csv.reader(io.StringIO(text)))
    last = rows[-1][0] if rows else ""
    ended = "truncated" if last.startswith("#") else "complete"
    n = len(rows) - 1
    print(f"CSV of every article: {n} rows in {elapsed:.1f} s = {n / elapsed:.0f} rows/s ({ended})")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[float, int]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as e:
        status = e.code
    except OSError:
        status = 0  # connection dropped (a killed worker)
    return (time.perf_counter() - started) * 1000, status


def served(cases: list[tuple[str, str]], one_word: str) -> None:
    """gunicorn as the README serves it; three worst cases at a time while the home page is timed."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    cmd = [str(gunicorn), "archive.wsgi", "--workers", "2", "--worker-class", "gthread", "--threads", "4"]
    server = subprocess.Popen(
        [*cmd, "--timeout", "30", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"], cwd=ROOT
    )
    try:
        for _ in range(100):
            if _get(base + "/")[1] == 200:
                break
            time.sleep(0.2)
        for _ in range(4):  # warm both workers: the index and its caches open on first use
            _get(base + one_word)
            for _, url in cases:
                _get(base + url)
        quiet = [_get(base + "/")[0] for _ in range(10)]
        stop = threading.Event()
        statuses: list[int] = []

        def hammer(offset: int) -> None:
            i = offset
            while not stop.is_set():
                statuses.append(_get(base + cases[i % len(cases)][1])[1])
                i += 3

        home, word = [], []
        with ThreadPoolExecutor(3) as pool:
            for k in range(3):
                pool.submit(hammer, k)
            until = time.monotonic() + SERVED_SECONDS
            while time.monotonic() < until:
                home.append(_get(base + "/")[0])
                word.append(_get(base + one_word)[0])
            stop.set()
        bad = sum(1 for s in statuses if s != 200)
        print(
            f"\nserved (gunicorn, 2 gthread workers x 4 threads), {SERVED_SECONDS} s"
            " with three worst cases at once:\n"
            f"  home page alone       p50/p95 {_p(quiet)}\n"
            f"  home page under load  p50/p95 {_p(home)}\n"
            f"  one word under load   p50/p95 {_p(word)}\n"
            f"  worst-case requests answered: {len(statuses)}, not 200: {bad}"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


def _p(times: list[float]) -> str:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return f"{statistics.median(times):.0f}/{p95:.0f} ms (n={len(times)})"


def main() -> None:
    args = parse_args()
    prepare(args, "worst-case benchmark")
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client then hands back each page's context (its notices)
    client = Client()
    get = lambda url: client.get(url)  # noqa: E731
    mix = [(label, "/search/?" + urlencode(params)) for label, params in query_mix(args.size)]
    print(f"\n{'request':24} {'p50/p95 ms':>17} {'/ one word':>8}  notes")
    base = None
    for label, url in mix + [("", "")] + worst_cases(args.size):
        if not label:
            print("-- worst cases --")
            continue
        p50, p95, response = timed(lambda u=url: get(u), args.repeat)
        base = base or p50
        notes = [] if response.status_code == 200 else [f"status {response.status_code}"]
        page = response.context["page"] if response.context and "page" in response.context else None
        if page is not None and hasattr(page, "total"):
            notes.append(f"{page.total} matches")
            if page.suggestion:
                notes.append(f"did you mean “{page.suggestion}”")
            if page.notices:
                notes.append("notice: " + page.notices[-1][:60])
        row(label, p50, p95, base, "; ".join(notes))
    csv_export(client)
    served(worst_cases(args.size), mix[0][1])


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()

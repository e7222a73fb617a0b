"""Load benchmark: the served site under a crowd of readers, with locust (headless and bounded).

    .venv/bin/python bench/load_bench.py --size 10000 --users 20 --seconds 60
    .venv/bin/python bench/load_bench.py --size 100000 --users 20 --seconds 60 --upload 300

Builds (or reuses) the generated archive var/bench-<size> (as search_bench.py does), serves it with
gunicorn as `make serve` does (threaded workers, whitenoise), and runs locust's Reader mix
(bench/locustfile.py: searches with facets and a facet click, OR searches sorted by date, article
and story pages, API searches, the home page) for --seconds. With --upload N, N generated article
files are queued as an import job when the crowd starts (`manage.py ingest --queue`) and a task
worker runs it meanwhile. Prints requests/s, p50/p95/p99 and failures per request type, from
locust's own statistics. Asserts nothing.
"""

from __future__ import annotations

import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search_bench import prepare  # noqa: E402


def parse_args():
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--data", help="archive folder (default var/bench-<size>)")
    parser.add_argument("--procs", type=int, default=2, help="indexing processes if the index is built")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--upload", type=int, default=0, help="article files queued while the crowd runs")
    return parser.parse_args()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _samples() -> dict[str, str]:
    """Words, outlets, article and story ids the readers pick from (as PARALLAX_LOAD_* variables)."""
    from archive.models import Article, Source, Story
    from archive.synthetic.corpus import CorpusGenerator

    vocab = CorpusGenerator().vocab
    words = [w for w in vocab[200:2000:9] if len(w) > 3][:150]
    return {
        "PARALLAX_LOAD_WORDS": json.dumps(words),
        "PARALLAX_LOAD_OUTLETS": json.dumps(list(Source.objects.values_list("name", flat=True)[:40])),
        "PARALLAX_LOAD_ARTICLES": json.dumps(
            list(Article.objects.order_by("?").values_list("pk", flat=True)[:500])
        ),
        "PARALLAX_LOAD_STORIES": json.dumps(
            list(Story.objects.order_by("?").values_list("pk", flat=True)[:300])
        ),
    }


def _upload_folder(n: int) -> Path:
    """N plain-text article files written by the corpus generator (new articles, not in the archive)."""
    from archive.synthetic.corpus import CorpusGenerator

    folder = Path(tempfile.mkdtemp(prefix="parallax-load-upload-"))
    gen = CorpusGenerator(seed=991)
    for i in range(n):
        a = gen.article(10_000_000 + i)
        date = a.published.strftime("%d %B %Y") if a.published else ""
        (folder / f"load-{i}.txt").write_text(
            f"{a.title}\n{a.source}\n{date}\n\n{a.body}\n", encoding="utf-8"
        )
    return folder


def _wait_up(base: str) -> None:
    for _ in range(300):
        try:
            with urllib.request.urlopen(base + "/", timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not come up")


def main() -> None:
    args = parse_args()
    data = prepare(args, "load benchmark")
    env = {**os.environ, **_samples()}
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "archive.wsgi",
            "--workers",
            str(args.workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(args.threads),
            "--timeout",
            "30",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    worker = None
    try:
        _wait_up(base)
        if args.upload:
            worker = subprocess.Popen([sys.executable, "manage.py", "run_worker"], cwd=ROOT, env=env)
            folder = _upload_folder(args.upload)
            subprocess.run([sys.executable, "manage.py", "ingest", "--queue", str(folder)], cwd=ROOT, env=env)
        prefix = Path(tempfile.mkdtemp(prefix="parallax-load-")) / "stats"
        locust = Path(sys.executable).with_name("locust")
        started = time.monotonic()
        subprocess.run(
            [
                str(locust),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--only-summary",
                "-u",
                str(args.users),
                "-r",
                str(max(1, args.users // 5)),
                "-t",
                f"{args.seconds}s",
                "--host",
                base,
                "--csv",
                str(prefix),
                "--stop-timeout",
                "5",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        elapsed = time.monotonic() - started
        report(prefix.with_name("stats_stats.csv"), args, elapsed)
        if args.upload:
            from archive.models import ImportJob

            print(f"upload: {args.upload} files queued; import jobs at the end (older ones resume):")
            for job in ImportJob.objects.order_by("pk"):
                print(f"  job {job.pk}: {job.status}, {job.files_done} of {job.files_total} files done")
    finally:
        for proc in (worker, server):
            if proc is not None:
                proc.terminate()  # a worker finishes the file in hand first
                try:
                    proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
    print(f"archive: {data}")


def report(path: Path, args, elapsed: float) -> None:
    rows = list(csv.DictReader(path.open()))
    uploading = f", {args.upload} files uploading" if args.upload else ""
    print(
        f"\n{args.users} users for {args.seconds} s against gunicorn ({args.workers} workers x"
        f" {args.threads} threads), {args.size} articles{uploading}:"
    )
    print(f"{'request':22} {'count':>7} {'fail':>5} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6} (ms)")
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        print(
            f"{name:22} {row['Request Count']:>7} {row['Failure Count']:>5} {float(row['Requests/s']):7.1f}"
            f" {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()

"""Whoosh and PostgreSQL search side by side on ONE corpus held in PostgreSQL (search_bench.py --both,
or --backend postgres for PostgreSQL alone): build rate and size of each index, then each query of the
mix through the Django view on each backend, p50/p95 and the PostgreSQL/Whoosh ratio, and how soon a
save is visible. The database is DATABASE_URL, else postgres://postgres@127.0.0.1:5432/parallax_bench_<size>
(created when missing); the Whoosh index lives in --data (default var/bench-pg-<size>).
"""

from __future__ import annotations

import io
import os
import subprocess
import time
from pathlib import Path
from urllib.parse import urlencode

from _django import ROOT, generate_up_to, setup_django

BACKENDS = {
    "whoosh": "archive.search.backends.whoosh.backend.WhooshBackend",
    "postgres": "archive.search.backends.postgres.backend.PostgresBackend",
}
# What one full PostgreSQL re-index costs (measured with --rebuild): every search row's vector
# recomputed from its article and the GIN index updated (as a migration changing the vector would).
REINDEX = (
    "UPDATE archive_searchdoc d SET search_vector = parallax_search_vector(a.title, a.subtitle, a.body) "
    "FROM archive_article a WHERE a.id = d.id"
)


def _database(size: int) -> str:
    url = os.environ.get("DATABASE_URL") or f"postgres://postgres@127.0.0.1:5432/parallax_bench_{size}"
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    return url


def _use(name: str) -> None:
    from django.conf import settings

    settings.SEARCH_BACKENDS = {"default": {**settings.SEARCH_BACKENDS["default"], "BACKEND": BACKENDS[name]}}


def _build_whoosh(args, size: int) -> str:
    from django.conf import settings
    from django.core.management import call_command

    from archive.search import get_backend
    from archive.search.backend import SearchError

    _use("whoosh")
    index_dir = Path(settings.SEARCH_BACKENDS["default"]["PATH"])
    try:
        stale = not index_dir.exists() or get_backend().count() < size
    except SearchError:
        stale = True
    rate = "kept"
    if args.rebuild or stale:
        started = time.monotonic()
        call_command("rebuild_index", procs=args.procs, stdout=io.StringIO())
        rate = f"{size / (time.monotonic() - started):.0f} articles/s"
    mb = subprocess.run(["du", "-sm", str(index_dir)], capture_output=True, text=True).stdout.split()[0]
    return f"whoosh:   build {rate}; index {mb} MB (folder, spelling dictionaries beside it)"


def _build_postgres(args, size: int) -> str:
    from django.core.management import call_command
    from django.db import connection

    _use("postgres")
    rate, words = "kept (--rebuild measures it)", "not run (--rebuild runs it)"
    if args.rebuild:
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute(REINDEX)
        rate = f"{size / (time.monotonic() - started):.0f} articles/s (every row's vector recomputed)"
        started = time.monotonic()
        call_command("rebuild_index", stdout=io.StringIO())  # every search row again, words recounted
        words = f"{time.monotonic() - started:.1f} s"
    # After any rewrite, as autovacuum would soon do: the search table's dead rows (one per article
    # after rebuild_index) doubled the pages a common word's matches visit.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE archive_article")
        cursor.execute("VACUUM ANALYZE archive_searchdoc")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sum(pg_column_size(search_vector)) / 1048576, pg_relation_size('searchdoc_vector') "
            "/ 1048576, pg_total_relation_size('archive_searchword') / 1048576 FROM archive_searchdoc"
        )
        vectors, gin, table = cursor.fetchone()
    return (
        f"postgres: build {rate}; rebuild_index {words}; vectors {vectors} MB, "
        f"GIN {gin} MB, words table {table} MB"
    )


def _own_cpu_ms(client, params: dict, page, repeat: int) -> float:
    """The view's own time: its CPU ms (p50) with the backend's page ready, so neither the search
    nor other processes on a loaded machine count (wall time is what the columns beside it show)."""
    from archive import searching

    class Ready:
        def search(self, request):
            return page

    real = searching.get_backend
    searching.get_backend = Ready
    try:
        times = []
        for _ in range(repeat):
            started = time.process_time()
            client.get("/search/?" + urlencode(params))
            times.append((time.process_time() - started) * 1000)
    finally:
        searching.get_backend = real
    return sorted(times)[len(times) // 2]


def main(args, query_mix, timed, querydict) -> None:
    names = list(BACKENDS) if args.both else [args.backend]
    data = Path(args.data or ROOT / "var" / f"bench-pg-{args.size}").resolve()
    data.mkdir(parents=True, exist_ok=True)
    url = _database(args.size)
    os.environ["PARALLAX_INDEX_ON_SAVE"] = "false"  # the corpus is bulk-inserted; indexes are built below
    hosts = os.environ.get("ALLOWED_HOSTS") or "testserver,127.0.0.1,localhost"
    setup_django(data, DATABASE_URL=url, ALLOWED_HOSTS=hosts)
    from django.conf import settings
    from django.test import Client

    from archive.models import Article
    from archive.search import get_backend
    from archive.search.backend import SearchRequest
    from archive.search_forms import SearchForm

    print(f"Parallax search backends: {args.size} articles in {url.rsplit('@', 1)[-1]}")
    generate_up_to(args.size)
    builders = {"whoosh": _build_whoosh, "postgres": _build_postgres}
    for name in names:
        print(builders[name](args, args.size))

    # Each query through the view, then through the backend alone (the search the view runs, with
    # the form's request), then the view's own CPU time with the backend's page ready ("own": forms,
    # templates, links, story look-ups).
    client = Client()
    head = "".join(f" {name + ' view p50/p95':>21} {'backend':>13} {'own':>5}" for name in names)
    print(f"\n{'query':18}{head}{'  pg/whoosh view p50 p95' if args.both else ''}  matches")
    for label, params in query_mix(args.size):
        cells, figures, totals = "", {}, []
        for name in names:
            _use(name)
            v50, v95, response = timed(lambda p=params: client.get("/search/?" + urlencode(p)), args.repeat)
            assert response.status_code == 200
            request = SearchForm(querydict(params)).search_request()
            b50, b95, page = timed(lambda r=request: get_backend().search(r), args.repeat)
            own = _own_cpu_ms(client, params, page, args.repeat)
            totals.append(str(page.total))
            figures[name] = (v50, v95)
            cells += f" {v50:9.1f}/{v95:<10.1f} {b50:6.1f}/{b95:<6.1f} {own:5.1f}"
        ratio = ""
        if args.both:
            (w50, w95), (p50, p95) = figures["whoosh"], figures["postgres"]
            ratio = f"  {p50 / w50:8.2f}x {p95 / w95:5.2f}x"
        print(f"{label:18}{cells}{ratio}  {'/'.join(totals)}", flush=True)

    if "postgres" in names:
        _use("postgres")
        settings.PARALLAX_INDEX_ON_SAVE = True
        article = Article.objects.order_by("-pk").first()
        query = SearchForm(querydict({"q": "zzqvisible"})).search_request().query
        started = time.perf_counter()
        article.title = f"{article.title.split(' zzq')[0]} zzqvisible"
        article.save()  # autocommit: committed when save() returns
        saved = time.perf_counter()
        searches = 1
        while get_backend().search(SearchRequest(query)).total < 1:
            searches += 1
            time.sleep(0.01)
        print(
            f"postgres: save {(saved - started) * 1000:.0f} ms (with its signals), then visible to search "
            f"{(time.perf_counter() - saved) * 1000:.0f} ms later, at search number {searches}"
        )

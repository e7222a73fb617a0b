"""The README's way from a SQLite archive to PostgreSQL: `dumpdata` on the old archive, `migrate` and
`loaddata` on PostgreSQL, and the PostgreSQL backend searches it at once (no index to build). Needs a
PostgreSQL database to move to: CI's second pass runs it."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from archive.models import Article, Source
from archive.search import get_backend
from archive.search.backend import SearchRequest
from archive.search.query import parse_query
from tests.fixtures_search import POSTGRES

ROOT = Path(__file__).resolve().parent.parent
# What the README's dumpdata leaves out: tables Django fills itself, and per-site state.
DUMP = [
    "dumpdata",
    "--natural-foreign",
    "--natural-primary",
    *("--exclude", "contenttypes", "--exclude", "auth.permission", "--exclude", "admin.logentry"),
    *("--exclude", "sessions", "--exclude", "axes"),
]
PAGES = {
    "ferry.txt": "Ferry crews strike over night shifts\n\nThe Quay Gazette\n\n12 March 2021\n\n"
    "Ferry crews walked out on Monday over new night shifts. The harbour board said talks would resume. "
    "Passengers waited on the quay for hours. A spokesman said the dispute could last a week.\n",
    "lighthouse.txt": "Lighthouse keepers win their pay claim\n\nThe Quay Gazette\n\n14 March 2021\n\n"
    "The lighthouse keepers accepted the board's offer on Wednesday. Their union called it fair. "
    "The lamps stayed lit through the dispute. The new rates apply from April.\n",
}


def sqlite_archive(tmp_path: Path) -> Path:
    """A SQLite archive made by the real commands in a subprocess, dumped as the README says."""
    (tmp_path / "files").mkdir()
    for name, text in PAGES.items():
        (tmp_path / "files" / name).write_text(text, encoding="utf-8")
    env = {**os.environ, "PARALLAX_DATA_DIR": str(tmp_path / "old"), "PARALLAX_NER": "false"}
    env["SECRET_KEY"] = "test-only-secret-key"
    for name in ("DATABASE_URL", "DATABASE_REPLICA_URL", "PARALLAX_SEARCH_BACKEND", "PARALLAX_INDEX_DIR"):
        env.pop(name, None)
    dump = tmp_path / "archive.json"
    for args in (["migrate", "-v0"], ["ingest", str(tmp_path / "files")], [*DUMP, "-o", str(dump)]):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=180)
    return dump


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL to move to (CI's second pass)"
)
def test_a_sqlite_archive_moves_to_postgresql_with_dumpdata_and_loaddata(
    tmp_path, db, settings, make_article
):
    settings.SEARCH_BACKENDS = {a: {**c, "BACKEND": POSTGRES} for a, c in settings.SEARCH_BACKENDS.items()}
    dump = sqlite_archive(tmp_path)
    call_command("loaddata", str(dump), stdout=io.StringIO())

    assert set(Article.objects.values_list("title", flat=True)) == {
        "Ferry crews strike over night shifts",
        "Lighthouse keepers win their pay claim",
    }
    page = get_backend().search(SearchRequest(parse_query("dispute")))
    assert page.total == 2 and {f.value for f in page.facets["source"]} == {"The Quay Gazette"}
    assert {h.id for h in get_backend().search(SearchRequest(parse_query("lamps"))).hits} == {
        Article.objects.get(title__startswith="Lighthouse").pk
    }
    # loaddata reset the id sequences: new articles do not collide with the moved ones
    later = make_article(title="Harbour dues rise", source=Source.objects.get(name="The Quay Gazette"))
    assert later.pk > max(Article.objects.exclude(pk=later.pk).values_list("pk", flat=True))

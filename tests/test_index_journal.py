"""The pending-index journal holds an article's id from before its transaction commits, so an ingest
killed with SIGKILL mid-batch leaves nothing that the next `check_index` or write does not index."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import transaction

from archive.search.indexing import journal_for

# The pending journal belongs to the Whoosh backend (PostgreSQL's index is the database: nothing to queue).
pytestmark = pytest.mark.usefixtures("use_whoosh")

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "harbour", "council", "ferry", "bridge", "market", "school", "budget", "vote", "strike", "river",
    "storm", "road", "library", "hospital", "court", "mayor", "union", "museum", "festival", "railway",
    "tunnel", "farmers", "drought", "flood", "tender", "contract", "inquiry", "minister", "workers",
]  # fmt: skip
# How many articles the ingest must have committed before it is killed, and how many it is given
# (with NER off it stores a few hundred a minute here, so 200 is still mid-batch at 10).
KILL_AFTER = 10
FILES = 200


def write_articles(folder: Path, count: int) -> None:
    rng = random.Random(7)
    folder.mkdir()
    for n in range(count):
        topic = rng.sample(WORDS, 3)
        paragraphs = [" ".join(rng.choices(WORDS, k=40)).capitalize() + "." for _ in range(4)]
        text = f"Report {n}: the {topic[0]} and the {topic[1]}\n\n12 March 2021\n\n" + "\n\n".join(paragraphs)
        (folder / f"report-{n:03}.txt").write_text(text + "\n", encoding="utf-8")


def manage(env: dict, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


def committed_ids(database: Path) -> set[int]:
    try:
        with sqlite3.connect(database, timeout=5) as conn:
            return {row[0] for row in conn.execute("SELECT id FROM archive_article")}
    except sqlite3.OperationalError:  # the table is not there yet
        return set()


@pytest.mark.slow
def test_an_ingest_killed_mid_batch_leaves_every_committed_article_queued_then_indexed(tmp_path):
    data, database = tmp_path / "data", tmp_path / "data" / "parallax.sqlite3"
    env = {
        **os.environ,
        "PARALLAX_DATA_DIR": str(data),
        "DATABASE_URL": f"sqlite:///{database}",
        "PARALLAX_NER": "false",
        "SECRET_KEY": "test-only-secret-key",
    }
    env.pop("PARALLAX_INDEX_DIR", None)
    env.pop("PARALLAX_SEARCH_BACKEND", None)  # the journal is the Whoosh backend's
    env.pop("DATABASE_REPLICA_URL", None)
    assert manage(env, "migrate", "--noinput").wait(timeout=120) == 0
    write_articles(tmp_path / "files", FILES)

    ingest = manage(env, "ingest", str(tmp_path / "files"))
    deadline = time.monotonic() + 120
    while len(committed_ids(database)) < KILL_AFTER and ingest.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(ingest.pid, signal.SIGKILL)
    assert ingest.wait(timeout=30) == -signal.SIGKILL

    stored = committed_ids(database)
    assert KILL_AFTER <= len(stored) < FILES  # killed mid-batch, before the batch's index commit
    pending = journal_path(data).read_text(encoding="ascii").split()
    assert stored <= {int(word) for word in pending[::2]}

    check = manage(env, "check_index")
    out, err = (stream.decode() for stream in check.communicate(timeout=120))
    assert check.returncode == 0, out + err
    assert re.search(r"^Indexed \d+ queued article\(s\)", out, re.M)
    assert "in step with the database" in out


def journal_path(data: Path) -> Path:
    return data / "index.pending"


def test_a_saved_article_is_in_the_journal_before_its_transaction_commits(make_article):
    with transaction.atomic():
        article = make_article(title="Harbour reopens")
        assert article.pk in set(journal_for().read().values())

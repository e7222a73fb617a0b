"""The story index stays right across processes: a change made in one process (delete, duplicate,
re-extraction) reaches the index of another, through the change log in the shared database.

Each test runs two real processes (tests/story_process.py) on one SQLite file under tmp_path: A builds
its index by ingesting, B changes the archive, and A's next use of its index must follow."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archive.compare.story_terms import build_terms
from tests import fixtures_compare as texts

pytestmark = pytest.mark.slow  # workers and processes of their own: seconds each

SCRIPT = Path(__file__).parent / "story_process.py"
TIMEOUT = 60
DB_NAME = "parallax.sqlite3"  # under PARALLAX_DATA_DIR, as archive/settings.py names it


class Process:
    """One Parallax process on the shared database; run(line) runs a line of Python in it."""

    def __init__(self, data_dir: Path) -> None:
        env = {**os.environ, "PARALLAX_DATA_DIR": str(data_dir)}
        env.pop("DATABASE_URL", None)
        self._proc = subprocess.Popen(
            [sys.executable, str(SCRIPT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )

    def run(self, line: str):
        self._proc.stdin.write(line.replace("\n", " ") + "\n")
        self._proc.stdin.flush()
        answer = json.loads(self._proc.stdout.readline())
        assert "error" not in answer, answer["error"]
        return answer["value"]

    def close(self) -> None:
        self._proc.stdin.close()
        self._proc.wait(timeout=TIMEOUT)


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """A migrated database, made once: each test starts from a copy."""
    folder = tmp_path_factory.mktemp("migrated")
    process = Process(folder)
    try:
        process.run("migrate()")
    finally:
        process.close()
    return folder / DB_NAME


@pytest.fixture
def processes(tmp_path, migrated):
    """Processes A and B on one fresh, migrated SQLite database."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shutil.copy(migrated, shared / DB_NAME)
    a, b = Process(shared), Process(shared)
    try:
        yield a, b
    finally:
        a.close()
        b.close()


_TREATY = build_terms(texts.LISBON_TITLE_B, texts.LISBON_BODY_B)
_FLOOD = build_terms(texts.FLOOD_TITLE, texts.FLOOD_BODY)
# Terms of one subject the other does not have (both name a Tuesday, for one).
TREATY = repr({term: n for term, n in _TREATY.items() if term not in _FLOOD})
FLOOD = repr({term: n for term, n in _FLOOD.items() if term not in _TREATY})


def test_an_article_deleted_in_another_process_is_no_candidate_in_this_one(processes):
    a, b = processes
    treaty = a.run(f"ingest({texts.LISBON_TITLE_A!r}, {texts.LISBON_BODY_A!r})")
    assert a.run(f"candidates_for({TREATY})") == [treaty]

    b.run(f"delete({treaty})")

    assert a.run(f"candidates_for({TREATY})") == []
    assert a.run(f"indexed({treaty})") is False
    assert a.run("synced_index.current().n_docs") == 0


def test_an_article_marked_a_duplicate_in_another_process_is_no_candidate_in_this_one(processes):
    a, b = processes
    treaty = a.run(f"ingest({texts.LISBON_TITLE_A!r}, {texts.LISBON_BODY_A!r})")
    copy = a.run(f"ingest({texts.LISBON_TITLE_B!r}, {texts.LISBON_BODY_B!r})")
    assert a.run(f"story_of({copy})") == a.run(f"story_of({treaty})")

    b.run(f"mark_duplicate({copy}, of={treaty})")

    assert a.run(f"indexed({copy})") is False
    assert a.run(f"candidates_for({TREATY})") == [treaty]


def test_an_article_re_extracted_in_another_process_is_found_by_its_new_terms_only(processes):
    a, b = processes
    # Stored with the treaty's text, though its raw page is the flood report (an old parser's mistake).
    raw = f"{texts.FLOOD_TITLE}\n\n{texts.FLOOD_BODY}"
    article = a.run(f"ingest({texts.LISBON_TITLE_A!r}, {texts.LISBON_BODY_A!r}, raw_text={raw!r})")
    assert a.run(f"candidates_for({TREATY})") == [article]
    assert a.run(f"candidates_for({FLOOD})") == []

    assert b.run(f"reextract({article})") == texts.FLOOD_TITLE

    assert a.run(f"candidates_for({TREATY})") == []
    assert a.run(f"candidates_for({FLOOD})") == [article]
    # A's next article on the flood joins the re-extracted article's story.
    report = a.run(
        f"ingest('Rotterdam metro flooded by storm', {texts.FLOOD_BODY.replace('six', 'seven')!r})"
    )
    assert a.run(f"story_of({report})") == a.run(f"story_of({article})")


def test_a_process_started_later_and_one_running_see_the_same_index(processes, tmp_path):
    a, b = processes
    kept = a.run(f"ingest({texts.LISBON_TITLE_A!r}, {texts.LISBON_BODY_A!r})")
    gone = a.run(f"ingest({texts.FLOOD_TITLE!r}, {texts.FLOOD_BODY!r})")
    b.run(f"delete({gone})")
    late = Process(tmp_path / "shared")
    try:
        for process in (a, late):
            assert process.run(f"indexed({kept})") is True
            assert process.run(f"indexed({gone})") is False
    finally:
        late.close()

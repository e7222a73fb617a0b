"""Oversized files are refused before they are read into the parser, so memory stays bounded: a
50 MB text file and a small zip of 24 members of 19.5 MB each (the probes of issue 9) give clear
`failed` lines inside an address-space cap of 512 MB, a fifth of what the 50 MB file once used."""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MEMORY_CAP = 512 * 1024 * 1024
LINE = b"The harbour council met again on Tuesday and talked about the ferries to the islands.\n"


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@pytest.mark.slow
def test_a_50_mb_file_and_a_zip_of_huge_members_are_refused_within_a_memory_cap(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(LINE * (50 * 1024 * 1024 // len(LINE)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for n in range(24):
            archive.writestr(f"member{n}.txt", LINE * (int(19.5 * 1024 * 1024) // len(LINE)))
    members = tmp_path / "members.zip"
    members.write_bytes(buffer.getvalue())
    assert members.stat().st_size < 4 * 1024 * 1024  # a small upload that unpacks to 468 MB

    env = {**os.environ, "PARALLAX_DATA_DIR": str(tmp_path / "data"), "PARALLAX_NER": "false"}
    # A throw-away SQLite archive whatever the suite runs on: this is about reading files, and the
    # ingest refuses them all before any database or index write.
    for name in ("DATABASE_URL", "DATABASE_REPLICA_URL", "PARALLAX_SEARCH_BACKEND"):
        env.pop(name, None)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=120)
    result = subprocess.run(
        [*manage, "ingest", str(big), str(members)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_cap_memory,
    )

    assert "MemoryError" not in result.stderr
    assert "25 files: 0 created, 0 duplicate, 25 failed" in result.stdout
    refused = [
        line for line in result.stderr.splitlines() if "larger than the 5 MB an article file may be" in line
    ]
    assert len(refused) == 25
    assert refused[0].startswith(f"{big}: refused: 50.0 MB")

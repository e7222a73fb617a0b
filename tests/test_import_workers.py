"""Import jobs run by real worker processes: a 2,000-article zip uploaded through the admin as a staff
user comes back at once, the job page shows progress, and the job ends with every file accounted
for, even though one worker is killed (SIGKILL) mid-job and restarted. And the same code on Redis
through RQ: that test fails, never skips, when Redis is unreachable (CI runs it). Several runs of
it may share the one Redis at once (developers on one machine): each names its own queue and
removes only that queue's keys, never flushing a database another run reads."""

from __future__ import annotations

import os
import random
import re
import time
import uuid

import pytest
import redis

from tests.fixtures_jobs import tiny_articles, zip_bytes
from tests.served import ServedArchive

pytestmark = pytest.mark.slow  # workers and processes of their own: seconds each

ARTICLES = 2000
# Measured on the 2-core machine: about 115 s with two workers, most of it story clustering per
# article (NER on or off made no difference); see the branch's note.
JOB_SECONDS = 400
# Not database 11: older copies of this test flush that one whole.
REDIS_URL = "redis://127.0.0.1:6379/12"


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> ServedArchive:
    template = ServedArchive(tmp_path_factory.mktemp("template"))
    template.migrate()
    return template


@pytest.fixture
def archive(tmp_path, migrated):
    made = []

    def make(**env: str) -> ServedArchive:
        served = ServedArchive(tmp_path / f"data{len(made)}", **env)
        served.copy_from(migrated)
        made.append(served)
        return served

    yield make
    for served in made:
        served.stop()


def finished(served: ServedArchive) -> bool:
    return served.job()["status"] in {"done", "failed", "cancelled"}


def test_a_2000_article_zip_through_the_admin_survives_a_killed_worker(archive):
    served = archive(PARALLAX_JOB_CHUNK_FILES="50")
    served.start_web()
    session = served.log_in()
    first, second = served.start_worker("first"), served.start_worker("second")

    job_page, took = served.upload(session, [("newsroom.zip", zip_bytes(tiny_articles(ARTICLES)))])
    assert took < 2, f"the upload took {took:.1f} s to answer"
    started = time.perf_counter()

    served.wait_for(lambda: served.job()["files_done"] >= 300, JOB_SECONDS, "300 files")
    page = session.get(job_page, timeout=30).text
    done = int(re.search(r"(\d+) of 2000 files done", page).group(1))
    assert 300 <= done < ARTICLES and '<meta http-equiv="refresh"' in page
    holding = (
        f"SELECT count(*) FROM archive_importchunk WHERE status='running' AND worker LIKE '%:{first.pid}'"
    )
    # Between two chunks a worker holds none: wait until it is inside one (a chunk takes seconds).
    served.wait_for(lambda: served.query(holding) == [(1,)], JOB_SECONDS, "the first worker's next chunk")
    served.kill(first)  # SIGKILL, mid-chunk
    assert served.query(holding) == [(1,)]
    served.start_worker("restarted")  # re-queues the dead worker's chunk at once
    served.wait_for(lambda: finished(served), JOB_SECONDS, "the job")
    print(
        f"\n{ARTICLES} articles, two workers, one killed and restarted: {time.perf_counter() - started:.0f} s"
    )

    job = served.job()
    assert job["status"] == "done", job
    assert (job["files_total"], job["files_done"], job["created"], job["duplicate"], job["failed"]) == (
        ARTICLES,
        ARTICLES,
        ARTICLES,
        0,
        0,
    )
    assert served.query("SELECT count(*), count(DISTINCT fingerprint) FROM archive_article") == [
        (ARTICLES, ARTICLES)
    ]
    assert served.query(
        "SELECT count(*) FROM archive_importfile WHERE done AND json_array_length(results) = 1"
    ) == [(ARTICLES,)]
    assert served.query("SELECT max(runs) FROM archive_importchunk") == [(2,)]  # the killed chunk ran again
    page = session.get(job_page, timeout=30).text
    assert "2000 files: 2000 created, 0 duplicate, 0 failed" in page and "refresh" not in page
    assert second.poll() is None  # the other worker never noticed


def test_a_50_mb_zip_is_answered_within_two_seconds(archive):
    served = archive()
    served.start_web()
    session = served.log_in()
    rng = random.Random(5)
    members = [(f"page-{i}.html", rng.randbytes(5_200_000)) for i in range(10)]  # incompressible
    data = zip_bytes(members)
    assert 48 * 1024 * 1024 < len(data) <= 50 * 1024 * 1024

    job_page, took = served.upload(session, [("big.zip", data)])
    assert took < 2, f"the upload took {took:.1f} s to answer"
    print(f"\n{len(data) / 1024 / 1024:.1f} MB zip answered in {took:.2f} s")
    assert served.job()["status"] == "queued"  # no worker here: nothing read yet
    assert "Waiting for a worker" in session.get(job_page, timeout=30).text


@pytest.fixture
def redis_queue():
    """A queue name no other run uses (this process and a random part), and the connection; its keys
    (the queue, its registries, its jobs) are removed afterwards, and nothing else."""
    connection = redis.Redis.from_url(REDIS_URL)
    connection.ping()  # no Redis is a failure here, not a skip: CI has one on 127.0.0.1:6379
    name = f"parallax-test-{os.getpid()}-{uuid.uuid4().hex[:12]}"
    yield connection, name
    keys = list(connection.scan_iter(match=f"rq:*{name}*"))
    jobs = set()
    for key in keys:
        kind = connection.type(key)
        if kind == b"zset":
            jobs.update(connection.zrange(key, 0, -1))
        elif kind == b"list":
            jobs.update(connection.lrange(key, 0, -1))
    ids = {job.decode().split(":")[0] for job in jobs}
    kinds = ("rq:job:{}", "rq:job:{}:dependents", "rq:results:{}")
    connection.delete(*keys, *[kind.format(job) for job in ids for kind in kinds])
    connection.srem("rq:queues", f"rq:queue:{name}")  # a worker's own keys expire by themselves


def test_the_redis_queue_runs_a_queued_folder(archive, tmp_path, redis_queue):
    connection, queue = redis_queue
    served = archive(
        PARALLAX_TASKS="rq", REDIS_URL=REDIS_URL, PARALLAX_TASK_QUEUE=queue, PARALLAX_JOB_CHUNK_FILES="4"
    )
    folder = tmp_path / "drop"
    folder.mkdir()
    for name, data in tiny_articles(10, seed=11):
        (folder / name).write_bytes(data)

    out = served.manage("ingest", str(folder), "--queue").stdout
    assert re.search(r"Queued 10 files as import job \d+: /admin/archive/importjob/\d+/change/", out)
    assert connection.llen(f"rq:queue:{queue}") == 1  # the unpacking chunk waits on Redis
    served.manage("run_worker", "--burst", timeout=300)

    job = served.job()
    assert (job["status"], job["files_done"], job["created"]) == ("done", 10, 10), job
    assert served.query("SELECT count(DISTINCT number) FROM archive_importchunk") == [(4,)]  # unpack + 3
    assert served.query("SELECT count(*) FROM archive_article") == [(10,)]
    assert connection.llen(f"rq:queue:{queue}") == 0

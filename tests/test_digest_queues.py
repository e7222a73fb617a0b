"""The digest task on both task queues, as a site runs it: `manage.py send_digests` (what a
scheduler calls) queues it, a separate `run_worker` process sends the e-mail (Django's console
backend prints it), and a second run finds nothing new to send."""

from __future__ import annotations

import pytest
import redis

from tests.served import ServedArchive

REDIS_URL = "redis://127.0.0.1:6379/12"  # a database of its own, emptied by the test
ARTICLE = """Harbour Pilots Strike Over Night Shifts

March 3, 2015

The Harbour Times

Harbour pilots walked out on Tuesday over new night shifts, and ships waited outside the port.

The pilots' union said the new rota left too little rest between shifts. The port authority said
talks would resume on Thursday.
"""
SAVE = (
    "from django.contrib.auth.models import User; from archive.models import SavedSearch; "
    "import datetime as dt; from django.utils import timezone; "
    "u = User.objects.create_user('reader', 'reader@example.org', 'pw'); "
    "past = timezone.now() - dt.timedelta(days=1); "
    "SavedSearch.objects.create(user=u, name='Pilots', query_string='q=pilots', alerts='daily', "
    "last_seen_at=past, digest_mark=past)"
)


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> ServedArchive:
    template = ServedArchive(tmp_path_factory.mktemp("template"))
    template.migrate()
    return template


@pytest.mark.slow
@pytest.mark.parametrize("queue", ["db", "rq"])
def test_the_queued_digest_is_sent_by_a_worker_once(tmp_path, migrated, queue):
    env = {"PARALLAX_TASKS": queue, "PARALLAX_NER": "false"}
    if queue == "rq":
        connection = redis.Redis.from_url(REDIS_URL)
        connection.ping()  # no Redis is a failure here, not a skip: CI has one on 127.0.0.1:6379
        connection.flushdb()
        env["REDIS_URL"] = REDIS_URL
    served = ServedArchive(tmp_path / "data", **env)
    served.copy_from(migrated)
    served.manage("shell", "-c", SAVE)
    (tmp_path / "pilots.txt").write_text(ARTICLE, encoding="utf-8")
    served.manage("ingest", str(tmp_path / "pilots.txt"))

    assert "Digests queued as task" in served.manage("send_digests").stdout
    worker = served.manage("run_worker", "--burst").stdout
    assert "Subject: Parallax: 1 new article for your saved searches" in worker
    assert "To: reader@example.org" in worker and "Harbour Pilots Strike Over Night Shifts" in worker
    assert served.query("SELECT articles FROM archive_digestsent") == [(1,)]

    served.manage("send_digests")
    assert "Subject:" not in served.manage("run_worker", "--burst").stdout
    if queue == "rq":
        connection.flushdb()

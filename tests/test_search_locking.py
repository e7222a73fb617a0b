"""Writers never collide: a busy index queues the change instead of failing, and nothing is lost."""

from __future__ import annotations

import threading
import time

import pytest

from archive.search import get_backend
from archive.search.backend import IndexBusyError, SearchDocument, SearchRequest
from archive.search.backends.whoosh.backend import WhooshBackend
from archive.search.indexing import journal_for
from archive.search.query import parse_query
from tests.fixtures_search import found

# The index write lock belongs to the Whoosh backend (PostgreSQL has none to wait for).
pytestmark = pytest.mark.usefixtures("use_whoosh")


def _hold_lock(path: str):
    """Another process's writer (a second backend instance on the same folder) holding the lock."""
    other = WhooshBackend("other", {"PATH": path})
    return other, other._writer(timeout=1)


@pytest.mark.slow
def test_a_save_while_the_index_is_locked_is_queued_not_failed(make_article, indexed, settings, monkeypatch):
    monkeypatch.setattr("archive.search.indexing.WRITE_WAIT", 0.2)
    monkeypatch.setattr("archive.search.indexing._retry_in_background", lambda alias: None)
    get_backend().count()  # create the index
    other, writer = _hold_lock(settings.SEARCH_BACKENDS["default"]["PATH"])
    try:
        with indexed():
            article = make_article(title="Lighthouse keepers strike")  # must not raise
        assert set(journal_for().read().values()) == {article.pk}
    finally:
        writer.cancel()
        other._write_lock.release()
    assert get_backend().catch_up(timeout=3) == 1
    assert found("lighthouse") == {article.pk}
    assert journal_for().read() == {}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)  # the retry thread reads the committed article
def test_the_background_retry_indexes_queued_articles_when_the_lock_frees(
    make_article, indexed, settings, monkeypatch
):
    monkeypatch.setattr("archive.search.indexing.WRITE_WAIT", 0.2)
    monkeypatch.setattr("archive.search.indexing.RETRY_DELAYS", (0.1,))
    get_backend().count()
    other, writer = _hold_lock(settings.SEARCH_BACKENDS["default"]["PATH"])
    with indexed():
        article = make_article(title="Lighthouse keepers strike")
    writer.cancel()
    other._write_lock.release()
    for _ in range(100):  # wait for the retry thread (not a speed assertion: up to 10 s)
        if not journal_for().read():
            break
        time.sleep(0.1)
    assert found("lighthouse") == {article.pk}


def test_concurrent_writers_wait_for_each_other_and_lose_nothing(tmp_path):
    path = str(tmp_path / "shared-index")
    WhooshBackend("setup", {"PATH": path}).count()
    errors: list[BaseException] = []

    def upload(worker: int) -> None:
        backend = WhooshBackend(f"worker{worker}", {"PATH": path})  # like a separate gunicorn worker
        try:
            for batch in range(4):
                docs = [
                    SearchDocument(worker * 100 + batch * 10 + n, f"Tide table {worker}") for n in range(3)
                ]
                backend.apply(docs, [], timeout=60)
        except BaseException as e:  # noqa: BLE001  (the test reports any error, LockError included)
            errors.append(e)
        finally:
            backend.close()

    threads = [threading.Thread(target=upload, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert WhooshBackend("check", {"PATH": path}).count() == 4 * 4 * 3


def test_a_writer_that_cannot_get_the_lock_in_time_raises_our_error_not_lockerror(tmp_path):
    path = str(tmp_path / "busy-index")
    other, writer = _hold_lock(path)
    try:
        second = WhooshBackend("second", {"PATH": path})
        try:
            second.apply([SearchDocument(1, "x")], [], timeout=0.1)
        except IndexBusyError:
            pass
        else:
            raise AssertionError("expected IndexBusyError")
    finally:
        writer.cancel()
        other._write_lock.release()


@pytest.mark.slow
def test_threads_search_at_once_each_with_its_own_searcher_and_agree_with_one_thread(tmp_path):
    words = ("harbour", "ferry", "storm", "council", "budget", "strike")
    backend = WhooshBackend("threads", {"PATH": str(tmp_path / "index")})
    for part in range(2):  # two segments
        docs = [
            SearchDocument(n, f"Note {n}", body=" ".join(words[(n + k) % 6] for k in range(n % 4 + 1)) * 30)
            for n in range(part * 150, part * 150 + 150)
        ]
        backend.apply(docs, [], timeout=5)
    queries = [*words, "harbour ferry", '"storm council"', "budg* OR strik*", "-harbour"]

    def answers() -> dict[str, tuple]:
        out = {}
        for text in queries:
            page = backend.search(SearchRequest(parse_query(text), per_page=20))
            out[text] = (page.total, tuple(h.id for h in page.hits))
        return out

    expected = answers()
    results, errors, searchers = [], [], []

    def run() -> None:
        try:
            for _ in range(5):
                results.append(answers())
            searchers.append(backend._current()[0])
        except Exception as e:  # noqa: BLE001 (reported below)
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 30 and all(r == expected for r in results)
    assert len({id(s) for s in searchers}) == 6  # the threads did not share one searcher
    backend.close()


def test_a_search_while_another_process_commits_reads_the_new_generation(tmp_path, monkeypatch):
    """Another process's commit deletes the table of contents a reader had just found: the reader's
    open fails with FileNotFoundError once, and reading again finds the new generation."""
    from whoosh.index import TOC

    path = str(tmp_path / "index")
    writer = WhooshBackend("worker", {"PATH": path})
    writer.apply([SearchDocument(1, "Harbour tide")], [], timeout=5)
    reader = WhooshBackend("web", {"PATH": path})
    assert reader.search(SearchRequest(parse_query("harbour"), per_page=5)).total == 1
    writer.apply([SearchDocument(2, "Harbour ferry")], [], timeout=5)  # the reader's searcher is stale
    real_read, gone = TOC.read.__func__, []

    def read_racing_a_commit(cls, *args, **kwargs):
        if not gone:  # the generation it found was replaced and deleted before it opened the file
            gone.append(True)
            raise FileNotFoundError("_MAIN_1.toc")
        return real_read(cls, *args, **kwargs)

    monkeypatch.setattr(TOC, "read", classmethod(read_racing_a_commit))
    page = reader.search(SearchRequest(parse_query("harbour"), per_page=5))
    assert gone and page.total == 2

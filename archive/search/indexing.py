"""Keeping the index in step with the database: a persistent journal of pending article ids, the
drain that indexes them, retries when the index is busy, and bulk (one commit) indexing.

Every change goes through the journal (a small file next to the index). An id is written to it
twice: ahead, when the article is saved inside its transaction (so a process killed at any point
after the commit, before or during indexing, leaves the id queued), and again after the
transaction commits, just before the drain that indexes it (so a drain in another process that
ran in between, before the row was visible, cannot have taken it away). An id whose transaction
rolled back is drained harmlessly: a missing article is removed from the index, where it never was.
The journal is drained under the index's write lock. If the lock is busy (a rebuild, another
worker's upload) the request does not fail: a background thread in this process retries, and any
later write, `check_index` or `rebuild_index` drains what is left, so an article is never left
unindexed, even if a process dies.
"""

from __future__ import annotations

import fcntl
import logging
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.db import transaction

from archive.search.backend import IndexBusyError, SearchDocument


class BaseSearchBackend(Protocol):
    """What the journal needs of a backend (backends/base.py's BaseSearchBackend, which calls this
    module: named here by its shape, so the two modules do not import each other)."""

    alias: str

    def apply(
        self, documents: Iterable[SearchDocument], removed: Iterable[int], *, timeout: float
    ) -> int: ...


log = logging.getLogger(__name__)

# How long a save waits for the index lock before queueing (a 10-article commit takes ~0.3 s, so
# 3 s rides out another worker's upload but not a rebuild; a web request should not hang longer).
WRITE_WAIT = 3.0
# Backoff of the background retry, in seconds (a 100k rebuild holds the lock for many minutes).
RETRY_DELAYS = (0.5, 1, 2, 5, 10, 30)
# Errors other than a busy lock (a broken or outdated index) are retried this many times.
MAX_FAILURES = 5

_local = threading.local()
_retrying: set[str] = set()
_retrying_lock = threading.Lock()


class PendingJournal:
    """Append-only file of "<article id> <token>" lines. A drain removes exactly the lines it read
    (by token), so an id re-queued while a drain runs is kept for the next one."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def _locked(self, mode: str):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, mode, encoding="ascii") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield fh
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def add(self, ids: Iterable[int]) -> None:
        lines = "".join(f"{int(i)} {uuid.uuid4().hex[:12]}\n" for i in ids)
        if lines:
            with self._locked("a") as fh:
                fh.write(lines)
                fh.flush()

    def read(self) -> dict[str, int]:
        """{token: article id} of every pending line."""
        if not self.path.exists():
            return {}
        with self._locked("a+") as fh:
            fh.seek(0)
            entries = [line.split() for line in fh if line.strip()]
        return {e[1]: int(e[0]) for e in entries if len(e) == 2 and e[0].isdigit()}

    def remove(self, tokens: Iterable[str]) -> None:
        tokens = set(tokens)
        if not tokens:
            return
        with self._locked("a+") as fh:
            fh.seek(0)
            kept = [line for line in fh if line.strip() and line.split()[-1] not in tokens]
            fh.seek(0)
            fh.truncate()
            fh.writelines(kept)


def journal_for(alias: str = "default") -> PendingJournal:
    index_path = Path(settings.SEARCH_BACKENDS[alias]["PATH"])
    return PendingJournal(index_path.parent / f"{index_path.name}.pending")


def drain(backend: BaseSearchBackend, *, timeout: float = WRITE_WAIT) -> int:
    """Index every pending id of `backend`'s journal in one commit (ids whose article is gone are
    removed from the index). Raises IndexBusyError if the lock is not granted within `timeout`.
    Returns how many were pending."""
    from archive.search.documents import documents_for

    journal = journal_for(backend.alias)
    pending = journal.read()
    if not pending:
        return 0
    ids = set(pending.values())
    found: set[int] = set()

    def documents() -> Iterator[SearchDocument]:
        for doc in documents_for(ids):
            found.add(doc.id)
            yield doc

    def removed() -> Iterator[int]:
        yield from sorted(ids - found)

    backend.apply(documents(), removed(), timeout=timeout)
    journal.remove(pending)
    return len(ids)


def index_articles(ids: Iterable[int], backend: BaseSearchBackend, *, timeout: float = WRITE_WAIT) -> None:
    """Queue `ids` and index them now if the lock comes within `timeout`, else retry in the
    background. Never raises: a search index problem must not fail the save that caused it."""
    ids = set(ids)
    if not ids:
        return
    journal_for(backend.alias).add(ids)
    try:
        drain(backend, timeout=timeout)
    except IndexBusyError:
        log.info("search index busy; %d article(s) queued for indexing", len(ids))
        _retry_in_background(backend)
    except Exception:
        log.exception("indexing failed; %d article(s) stay queued", len(ids))
        _retry_in_background(backend)


def _retry_in_background(backend: BaseSearchBackend) -> None:
    alias = backend.alias
    with _retrying_lock:
        if alias in _retrying:
            return
        _retrying.add(alias)
    conf = dict(settings.SEARCH_BACKENDS[alias])
    threading.Thread(
        target=_retry_loop, args=(backend, conf), name=f"index-retry-{alias}", daemon=True
    ).start()


def _retry_loop(backend: BaseSearchBackend, conf: dict) -> None:
    """Drain until the journal is empty. Waits out a busy lock for as long as it takes (a rebuild);
    gives up on other errors after a few tries (the ids stay queued for check_index --repair), and
    when the index it was started for is no longer configured."""
    from django.db import connections

    alias = backend.alias
    failures = 0
    try:
        for attempt in range(10_000):
            time.sleep(RETRY_DELAYS[min(attempt, len(RETRY_DELAYS) - 1)])
            if dict(settings.SEARCH_BACKENDS.get(alias, {})) != conf:
                return
            try:
                drain(backend)
                if not journal_for(alias).read():
                    return
            except IndexBusyError:
                continue
            except Exception:
                failures += 1
                log.exception("background indexing failed (attempt %d of %d)", failures, MAX_FAILURES)
                if failures >= MAX_FAILURES:
                    return
    finally:
        with _retrying_lock:
            _retrying.discard(alias)
        connections.close_all()  # this thread's own database connection


def journal_after_commit(backend: BaseSearchBackend, ids: Iterable[int]) -> None:
    """Journal `ids` now and index them after the current transaction commits (or at the end of a
    bulk_indexing block). The way of a backend with its own index (BaseSearchBackend.schedule)."""
    ids = set(ids)
    journal_for(backend.alias).add(ids)  # ahead of the commit: see the module docstring
    stack = getattr(_local, "bulk", None)
    if stack:
        stack[-1].setdefault(backend, set()).update(ids)
        return
    # One flush per transaction, not one per save: an article and its mentions saved together are
    # indexed in one commit. Each registered callback owns its batch of ids, so a batch whose
    # savepoint rolls back disappears with its callback. A new callback is registered unless one is
    # pending in a savepoint that is still open.
    conn = transaction.get_connection()
    here = (conn.atomic_blocks[0], tuple(conn.savepoint_ids)) if conn.in_atomic_block else None
    current = getattr(_local, "registered", None)  # (outermost block, savepoint ids, backend, batch)
    if (
        here
        and current
        and current[0] is here[0]
        and here[1][: len(current[1])] == current[1]
        and current[2] is backend
    ):
        current[3].update(ids)
        return
    batch = set(ids)
    _local.registered = (*here, backend, batch) if here else None
    transaction.on_commit(lambda: _flush(backend, batch))


def _flush(backend: BaseSearchBackend, batch: set[int]) -> None:
    current = getattr(_local, "registered", None)
    if current is not None and current[3] is batch:
        _local.registered = None
    index_articles(batch, backend)


@contextmanager
def bulk_indexing() -> Iterator[None]:
    """Inside this block, saved and deleted articles are indexed together in ONE commit at the end
    (after the surrounding transaction, if any, commits)."""
    stack = _local.__dict__.setdefault("bulk", [])
    stack.append({})
    try:
        yield
    finally:
        pending = stack.pop()
        if stack:
            for backend, ids in pending.items():
                stack[-1].setdefault(backend, set()).update(ids)
        elif settings.PARALLAX_INDEX_ON_SAVE:
            # Only a backend with its own index puts ids here (journal_after_commit).
            for backend, ids in pending.items():
                if ids:
                    transaction.on_commit(lambda b=backend, i=ids: index_articles(i, b))

"""The synced story index: the copy of archive.compare.stories.StoryIndex (terms and people -> article
ids, plain Python) that each process keeps in memory, kept in sync across processes by a change log
in the database. (StoryIndex is the structure; this module keeps one per process up to date.)

Each change to what clustering knows of an article (stored, new terms, people or date, deleted, marked a
duplicate) writes a StoryIndexChange in the transaction that makes it (record(); stories/signals.py and
stories/clustering.py call it). A process builds its index once from the stored `Article.cluster_terms`,
then, each time it uses it (current()), applies the entries past the last one it saw: it reads those
articles again and indexes them as they now are, or takes them out (gone, or now a duplicate). So a
new article is compared with a few dozen candidates at 100,000 articles as at 100, and no process keeps
a deleted, duplicate or re-extracted article's old terms. Story membership is not in the index: it is
always read fresh from the database.

Entries are numbered by one counter row (StoryIndexGeneration), bumped in the change's transaction:
numbers follow commit order with no gaps (SQLite has one writer at a time; on PostgreSQL the bumped row
stays locked until commit, so a second writer waits). A rolled-back change gives its number back and
the next change takes it. A process that applied a change of its own inside a transaction that then
rolled back sees that number taken by an entry with another token: it reads those articles again and
reads the log again from there.
"""

from __future__ import annotations

import secrets
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import F, Max, QuerySet

from archive.compare.stories import ArticleSignature, StoryIndex
from archive.compare.story_terms import build_terms, is_current
from archive.models import Article, Mention, StoryIndexChange, StoryIndexGeneration

Kind = StoryIndexChange.Kind

# Rows fetched per query when loading signatures (the whole archive, or many changed articles).
LOAD_CHUNK = 2000
# Log entries kept: a process that has not looked at the log for longer rebuilds its index. Pruned
# every PRUNE_EVERY entries.
LOG_KEEP = 100_000
PRUNE_EVERY = 1000


@dataclass
class _ProcessIndex:
    index: StoryIndex | None = None
    seq: int = 0  # the last log entry applied
    # Entries this process wrote and may already have applied, not yet known committed: seq -> (article
    # id, token). One that turns up with another token was rolled back.
    unconfirmed: dict[int, tuple[int, str]] = field(default_factory=dict)
    stale: set[int] = field(default_factory=set)  # articles to read again (their change rolled back)


_lock = threading.RLock()
_state = _ProcessIndex()


def reset() -> None:
    """Forget this process's index (tests; after the database is replaced)."""
    global _state
    with _lock:
        _state = _ProcessIndex()


def current() -> StoryIndex:
    """This process's index with every committed change (and its own transaction's) applied."""
    with _lock:
        if _state.index is None:
            _build()
        else:
            _catch_up()
        return _state.index


@contextmanager
def using() -> Iterator[StoryIndex]:
    """current(), held for the caller alone while it picks candidates (a process's threads share it)."""
    with _lock:
        yield current()


def record(article_ids: Iterable[int], kind: str, *, signature: ArticleSignature | None = None) -> None:
    """Log a change to these articles, inside the caller's transaction. `signature`: the one article's
    new signature, which this process then indexes at once instead of reading it back at its next use."""
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        return
    with transaction.atomic():
        last = _bump(len(ids))
        first = last - len(ids) + 1
        rows = [
            StoryIndexChange(seq=first + i, article_id=pk, kind=kind, token=secrets.token_hex(8))
            for i, pk in enumerate(ids)
        ]
        StoryIndexChange.objects.bulk_create(rows)
        if (first - 1) // PRUNE_EVERY != last // PRUNE_EVERY:
            StoryIndexChange.objects.filter(seq__lte=last - LOG_KEEP).delete()
    written = {row.seq: (row.article_id, row.token) for row in rows}
    with _lock:
        _lose([seq for seq in written if seq in _state.unconfirmed])  # numbers given back by a rollback
        if signature is not None and ids == [signature.article_id] and _is_next(first):
            _state.index.replace(signature)
            _state.seq = last
        if transaction.get_connection().in_atomic_block:
            _state.unconfirmed.update(written)
            transaction.on_commit(partial(_confirm, written))


def _is_next(seq: int) -> bool:
    """Whether `seq` follows the last entry this process applied (so none before it is unseen)."""
    return _state.index is not None and seq == _state.seq + 1 and not _state.stale


def _bump(n: int) -> int:
    """Advance the counter by `n` and return its new value (the row is created on first use)."""
    generation = StoryIndexGeneration.objects.filter(pk=1)
    if not generation.update(value=F("value") + n):
        try:
            with transaction.atomic():
                StoryIndexGeneration.objects.create(pk=1, value=_latest_seq())
        except IntegrityError:  # another process created it first
            pass
        generation.update(value=F("value") + n)
    return generation.values_list("value", flat=True).get()


def _latest_seq() -> int:
    return StoryIndexChange.objects.aggregate(last=Max("seq"))["last"] or 0


def _confirm(written: dict[int, tuple[int, str]]) -> None:
    with _lock:
        for seq, entry in written.items():
            if _state.unconfirmed.get(seq) == entry:
                del _state.unconfirmed[seq]


def _lose(seqs: Iterable[int]) -> None:
    """Entries this process applied were rolled back: read their articles again, and the log from the
    first of them on (their numbers may now belong to other changes)."""
    seqs = list(seqs)
    if not seqs:
        return
    for seq in seqs:
        _state.stale.add(_state.unconfirmed.pop(seq)[0])
    _state.seq = min(_state.seq, min(seqs) - 1)


def _build() -> None:
    start = _latest_seq()  # read first: changes committed while loading are applied again after
    index = StoryIndex()
    for sig in signatures(Article.objects.originals()):
        index.add(sig)
    _state.index, _state.seq = index, start
    _catch_up()


def _catch_up() -> None:
    _check_unconfirmed()
    rows = list(StoryIndexChange.objects.filter(seq__gt=_state.seq).values_list("seq", "article_id"))
    if rows and rows[0][0] > _state.seq + 1:  # entries this process never saw were pruned
        _state.index = None
        _build()
        return
    changed = {pk for _, pk in rows} | _state.stale
    if not changed:
        return
    index = _state.index
    ids = sorted(changed)
    for start in range(0, len(ids), LOAD_CHUNK):
        chunk = ids[start : start + LOAD_CHUNK]
        fresh = {s.article_id: s for s in signatures(Article.objects.originals().filter(pk__in=chunk))}
        for pk in chunk:
            index.remove(pk)
            if pk in fresh:
                index.add(fresh[pk])
    _state.stale.clear()
    if rows:
        _state.seq = rows[-1][0]


def _check_unconfirmed() -> None:
    """Find this process's entries whose number another change took (their transaction rolled back).
    An entry not found is left alone: it may be in another thread's open transaction."""
    mine = _state.unconfirmed
    if not mine:
        return
    found = dict(
        StoryIndexChange.objects.filter(seq__gte=min(mine), seq__lte=max(mine)).values_list("seq", "token")
    )
    _lose([seq for seq, (_, token) in mine.items() if seq in found and found[seq] != token])


# --- what clustering reads of an article ----------------------------------------------------------


def people(ids: Iterable[int]) -> dict[int, dict[int, int]]:
    """Article id -> {person id: mentions}, for real people only."""
    out: dict[int, dict[int, int]] = defaultdict(dict)
    rows = Mention.objects.filter(article_id__in=list(ids), person__not_a_person=False)
    for article_id, person_id, count in rows.values_list("article_id", "person_id", "count"):
        out[article_id][person_id] = count
    return out


def signatures(qs: QuerySet[Article]) -> Iterator[ArticleSignature]:
    """Signatures of the articles in `qs`, in id order, computing (and storing) missing terms."""
    fields = ("id", "cluster_terms", "published_date", "story_id", "language")
    rows = list(qs.order_by("id").values_list(*fields)[:LOAD_CHUNK])
    while rows:
        last = len(rows) < LOAD_CHUNK
        found = people(r[0] for r in rows)
        missing = {r[0] for r in rows if not r[1] or not is_current(r[1])}
        filled = _fill_terms(missing) if missing else {}
        for pk, terms, published, story_id, language in rows:
            terms = filled.get(pk) or terms
            yield ArticleSignature(pk, terms, found.get(pk, {}), published, story_id, language)
        if last:
            break
        rows = list(qs.order_by("id").filter(pk__gt=rows[-1][0]).values_list(*fields)[:LOAD_CHUNK])


def _fill_terms(ids: set[int]) -> dict[int, dict[str, float]]:
    out = {}
    for article in Article.objects.filter(pk__in=ids).only("id", "title", "subtitle", "body"):
        out[article.pk] = article_terms(article)
        Article.objects.filter(pk=article.pk).update(cluster_terms=out[article.pk])
    return out


def article_terms(article: Article) -> dict[str, float]:
    """The article's clustering terms; its people's spellings are people, not named terms."""
    names, people = set(), set()
    mentions = Mention.objects.filter(article=article).values_list(
        "person__name", "forms", "person__not_a_person"
    )
    for name, forms, not_a_person in mentions:
        names.add(name)
        names.update(forms or ())
        if not not_a_person:
            people.add(name)
    return build_terms(article.title, article.body, article.subtitle, names, people)

"""Whoosh's own scored pass, for short phrase queries: one search that ranks the top page with exact
phrase scores and records every match, stopping at the request's deadline (split from backend.py)."""

from __future__ import annotations

import time

import numpy as np
from whoosh import collectors, query

from archive.search.backend import Filters
from archive.search.backends.whoosh.columns import Columns, filter_mask
from archive.search.budget import Budget

# A query with phrases and at most this many words in all is matched and ranked by Whoosh in one
# scored pass (exact phrase scores); a bigger one is matched over arrays and its phrases score as
# their words: Whoosh's matcher walked 32 common-word phrases for 20 s at 10,000 articles, and a
# 12-word stop-word phrase for 0.9 s.
EXACT_PHRASE_LOOKUPS = 8
# Matches between two looks at the clock in a scored pass (a look costs about a microsecond).
DEADLINE_EVERY = 32


def lookups(q) -> int:
    """How many words `q` looks up (a phrase counts each of its words)."""
    return sum(len(leaf.words) if isinstance(leaf, query.Phrase) else 1 for leaf in q.leaves())


def scored_pass(searcher, cols: Columns, q, filters: Filters, limit: int, budget: Budget):
    """(top `limit` results with matched terms, every matching docnum that passes the filters).
    Stops at the budget's deadline with what it found so far, and says so."""
    mask = filter_mask(cols, filters)
    top = _RecordingCollector(limit=limit, usequality=False, replace=0)
    top.deadline = time.monotonic() + budget.remaining()
    wrapped = top
    if mask is not None:
        allowed = set(np.flatnonzero(mask).tolist())
        if not allowed:  # trap 4: an empty allow set means "no filter" to Whoosh
            return [], np.zeros(0, dtype=np.int64)
        wrapped = collectors.FilterCollector(wrapped, allow=allowed)
    try:
        searcher.search_with_collector(q, wrapped)
    except collectors.TimeLimit:
        budget.note(
            f"The search stopped after {budget.seconds:g} s: the results and counts are those found "
            "by then. Fewer phrases or more specific words will find them all."
        )
    return wrapped.results(), np.array(top.recorded, dtype=np.int64)


class _RecordingCollector(collectors.TopCollector):
    """A top-N collector that also records every document it is shown, and stops with TimeLimit at
    its deadline (checked between matches: Whoosh's TimeLimitCollector cannot wrap a
    FilterCollector, and its SIGALRM only works in the main thread).

    It is shown every match only with both of Whoosh's top-N shortcuts off: block-quality skipping
    (`usequality=False`) and matcher replacement (`replace=0`). Once the top N is full, the scored
    collector swaps its matcher for `matcher.replace(minscore)`, which turns an OR whose branch cannot
    reach the N-th score into "the other branch, AND MAYBE this one" (or drops a DisMax branch), so
    the articles only that branch matches are never shown: `text:w OR title:w` became `title AND
    MAYBE text`, and a one-word query widened with a phrase counted 1,188 of 1,753 matches at 10,000
    articles (bench/README.md, "Session 5: exact totals for a widened word")."""

    deadline = float("inf")

    def matches(self):
        for n, docnum in enumerate(super().matches()):
            if not n % DEADLINE_EVERY and time.monotonic() > self.deadline:
                raise collectors.TimeLimit
            yield docnum

    def prepare(self, top_searcher, q, context) -> None:
        super().prepare(top_searcher, q, context)
        self.recorded: list[int] = []

    def collect(self, sub_docnum):
        self.recorded.append(self.offset + sub_docnum)
        return super().collect(sub_docnum)

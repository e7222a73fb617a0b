"""Story clustering: which articles report the same event.

Two articles are about the same event when their words (title and clean body, TF-IDF cosine), the people
they name (cosine over mention counts) and their publication dates agree. An undated article is judged by
its words and people alone. Articles in two different languages are judged by what crosses languages
instead (archive.compare.event_evidence: people, figures, places), against CROSS_LANGUAGE_SCORE.
Incremental assignment never scans the archive: `StoryIndex` is an inverted index over each article's top
terms and people, so a new article only meets the few dozen articles that share its rarest terms and fall
inside the date window, plus (when the archive holds other languages) the few that share its people,
figures and places in another language. Plain Python, no Django.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from archive.compare.story_similarity import (
    _PERSON_PREFIX,
    ArticleSignature,
    StorySpan,
    _fits_span,
    _Scorer,
    threshold,
)
from archive.compare.story_terms import (
    CROSS_LANGUAGE_PREFIXES,
    NUMBER_PREFIX,
    PERSON_SOUND_PREFIX,
    PLACE_PREFIX,
)
from archive.compare.text import content_terms
from archive.compare.windows import MAX_DAYS_APART

# Candidate generation: look up at most this many of an article's rarest terms in the index, and score
# at most CANDIDATE_LIMIT articles fully. Terms in more than MAX_DF_SHARE of the archive (once it holds
# MIN_DOCS_FOR_DF_CUT articles) carry no signal and have long posting lists, so they are skipped.
LOOKUP_TERMS = 20
CANDIDATE_LIMIT = 40
# Candidates in another language, found by shared people, figures and places (looked up only when the
# archive holds an article in another language than the new one's).
CROSS_CANDIDATE_LIMIT = 20
MAX_DF_SHARE = 0.05
MIN_DOCS_FOR_DF_CUT = 200


@dataclass(frozen=True)
class StoryChoice:
    """The story an article should join (None: start a new one), with the best score seen."""

    story_id: int | None
    score: float
    best_match: int | None


class StoryIndex:
    """Inverted index: term (or person, as "@<id>") -> article ids, plus document frequencies.

    Each article's keys are kept (interned, so a tuple of references) so that removing or replacing it
    takes it out of exactly its postings and document frequencies stay exact.
    """

    def __init__(self) -> None:
        self._postings: dict[str, array] = defaultdict(lambda: array("l"))
        self._dates: dict[int, int] = {}  # article id -> day ordinal, -1 when undated
        self._keys: dict[int, tuple[str, ...]] = {}
        self._languages: dict[int, str] = {}  # only articles whose language is known
        self._language_counts: Counter[str] = Counter()

    @property
    def n_docs(self) -> int:
        return len(self._dates)

    def __contains__(self, article_id: int) -> bool:
        return article_id in self._dates

    def add(self, sig: ArticleSignature) -> None:
        """Index `sig` (a no-op when its article is indexed already: replace() takes new terms)."""
        if sig.article_id in self._dates:
            return
        self._dates[sig.article_id] = sig.published.toordinal() if sig.published else -1
        if sig.language:
            self._languages[sig.article_id] = sys.intern(sig.language)
            self._language_counts[sig.language] += 1
        keys = tuple(sys.intern(k) for k in (*_keys(sig), *_cross_keys(sig)))
        self._keys[sig.article_id] = keys
        for key in keys:
            self._postings[key].append(sig.article_id)

    def remove(self, article_id: int) -> bool:
        """Forget an article (deleted, or now a duplicate). Whether it was indexed."""
        if self._dates.pop(article_id, None) is None:
            return False
        language = self._languages.pop(article_id, None)
        if language is not None:
            self._language_counts[language] -= 1
            if not self._language_counts[language]:
                del self._language_counts[language]
        for key in self._keys.pop(article_id):
            postings = self._postings[key]
            postings.remove(article_id)
            if not postings:
                del self._postings[key]
        return True

    def replace(self, sig: ArticleSignature) -> None:
        """Index `sig` in place of whatever its article was indexed with (re-extracted text)."""
        self.remove(sig.article_id)
        self.add(sig)

    def df(self, key: str) -> int:
        postings = self._postings.get(key)
        return len(postings) if postings is not None else 0

    def idf(self, key: str) -> float:
        """Smoothed inverse document frequency (1.0 for a term no other article has)."""
        return math.log((self.n_docs + 1) / (self.df(key) + 1)) + 1.0

    def candidates(
        self,
        sig: ArticleSignature,
        limit: int = CANDIDATE_LIMIT,
        allowed: Callable[[int], bool] | None = None,
    ) -> list[int]:
        """Up to `limit` indexed articles sharing the most rare terms with `sig`, inside the date window;
        then, when the archive holds another language than `sig`'s, up to CROSS_CANDIDATE_LIMIT articles
        in other languages sharing the most rare people, figures and places with it."""
        max_df = max(2, int(self.n_docs * MAX_DF_SHARE)) if self.n_docs >= MIN_DOCS_FOR_DF_CUT else None
        found = self._ranked(sig, _keys(sig), max_df, limit, allowed)
        if sig.language and any(lang != sig.language for lang in self._language_counts):
            seen = {*found, sig.article_id}

            def other_language(other: int) -> bool:
                language = self._languages.get(other)
                ok = other not in seen and language is not None and language != sig.language
                return ok and (allowed is None or allowed(other))

            keys = [*_cross_keys(sig), *(f"{_PERSON_PREFIX}{p}" for p in sig.people)]
            found += self._ranked(sig, keys, max_df, CROSS_CANDIDATE_LIMIT, other_language)
        return found

    def _ranked(
        self,
        sig: ArticleSignature,
        keys: list[str],
        max_df: int | None,
        limit: int,
        allowed: Callable[[int], bool] | None,
    ) -> list[int]:
        """The `limit` articles `allowed` and inside the date window that share the rarest of `keys`."""
        own = 1 if sig.article_id in self._dates else 0  # a term only this article has finds nobody
        keys = [k for k in keys if own < self.df(k) and (max_df is None or self.df(k) <= max_df)]
        keys.sort(key=self.df)
        scores: dict[int, float] = defaultdict(float)
        for key in keys[:LOOKUP_TERMS]:
            weight = self.idf(key)
            for other in self._postings[key]:
                scores[other] += weight
        scores.pop(sig.article_id, None)
        day = sig.published.toordinal() if sig.published else -1
        ranked = []
        for other, score in scores.items():
            other_day = self._dates[other]
            if day >= 0 and other_day >= 0 and abs(day - other_day) > MAX_DAYS_APART:
                continue
            if allowed is not None and not allowed(other):
                continue
            ranked.append((score, other))
        ranked.sort(reverse=True)
        return [other for _, other in ranked[:limit]]


def _keys(sig: ArticleSignature) -> list[str]:
    """The keys same-language candidates are found by: words, named terms, quotes and people."""
    words = (t for t in sig.terms if not t.startswith(CROSS_LANGUAGE_PREFIXES))
    return [*words, *(f"{_PERSON_PREFIX}{p}" for p in sig.people)]


def _cross_keys(sig: ArticleSignature) -> list[str]:
    """The places, figures and people's sound keys of `sig` (indexed besides _keys; candidates in
    another language are found by these and its people)."""
    return [t for t in sig.terms if t.startswith((PLACE_PREFIX, NUMBER_PREFIX, PERSON_SOUND_PREFIX))]


def choose_story(
    sig: ArticleSignature,
    candidates: Iterable[ArticleSignature],
    idf: Callable[[str], float],
    spans: Mapping[int, StorySpan] | None = None,
    n_docs: int | None = None,
) -> StoryChoice:
    """The story of the best-matching candidate that clears its threshold, or a new story (None)."""
    spans = spans or {}
    scorer = _Scorer(sig, idf)
    best = StoryChoice(None, 0.0, None)
    best_seen = StoryChoice(None, 0.0, None)
    for other in candidates:
        if other.article_id == sig.article_id or other.story_id is None:
            continue
        if not _fits_span(sig.published, spans.get(other.story_id)):
            continue
        score = scorer.score(other)
        if score > best_seen.score:
            best_seen = StoryChoice(None, score, other.article_id)
        if score >= threshold(sig, other, n_docs) and score > best.score:
            best = StoryChoice(other.story_id, score, other.article_id)
    return best if best.story_id is not None else best_seen


def cluster(signatures: Sequence[ArticleSignature], fixed: Mapping[int, int] | None = None) -> dict[int, int]:
    """Re-cluster a whole archive: article id -> group id.

    Articles in `fixed` (article id -> group id, e.g. the members of locked stories) keep their group and
    nobody else joins it. The rest are taken in date order (undated last, as ingest order is unknown) and
    assigned exactly as incremental ingest would, with document frequencies from the whole archive.
    New groups get negative ids so they never collide with the fixed ones.
    """
    fixed = fixed or {}
    index = StoryIndex()
    for sig in signatures:
        index.add(sig)
    by_id = {sig.article_id: sig for sig in signatures}
    groups: dict[int, int] = dict(fixed)
    spans: dict[int, StorySpan] = {}
    order = sorted(
        (s for s in signatures if s.article_id not in fixed),
        key=lambda s: (s.published is None, s.published or dt.date.min, s.article_id),
    )
    next_group = -1
    for sig in order:
        ids = index.candidates(sig, allowed=lambda i: i in groups and i not in fixed)
        cands = [_with_story(by_id[i], groups[i]) for i in ids]
        choice = choose_story(sig, cands, index.idf, spans, index.n_docs)
        group = choice.story_id
        if group is None:
            group, next_group = next_group, next_group - 1
        groups[sig.article_id] = group
        spans[group] = _extend(spans.get(group), sig.published)
    return groups


def assign_in_order(signatures: Sequence[ArticleSignature]) -> dict[int, int]:
    """Assign articles one by one in the given order, each seeing only those before it (as ingest does,
    document frequencies included): article id -> group id. For evaluations without a database."""
    index = StoryIndex()
    by_id = {sig.article_id: sig for sig in signatures}
    groups: dict[int, int] = {}
    spans: dict[int, StorySpan] = {}
    for sig in signatures:
        index.add(sig)
        cands = [_with_story(by_id[i], groups[i]) for i in index.candidates(sig) if i in groups]
        group = choose_story(sig, cands, index.idf, spans, index.n_docs).story_id
        if group is None:
            group = -1 - len(spans)
        groups[sig.article_id] = group
        spans[group] = _extend(spans.get(group), sig.published)
    return groups


def _with_story(sig: ArticleSignature, story_id: int) -> ArticleSignature:
    return ArticleSignature(sig.article_id, sig.terms, sig.people, sig.published, story_id, sig.language)


def _extend(span: StorySpan | None, published: dt.date | None) -> StorySpan:
    if span is None:
        return StorySpan(published, published)
    if published is None:
        return span
    first = min(span.first, published) if span.first else published
    last = max(span.last, published) if span.last else published
    return StorySpan(first, last)


def story_span(dates: Iterable[dt.date | None]) -> StorySpan:
    """First and last publication date of a story's articles (None when none is dated)."""
    known = [d for d in dates if d is not None]
    return StorySpan(min(known), max(known)) if known else StorySpan(None, None)


@dataclass(frozen=True)
class TitleCandidate:
    article_id: int
    title: str
    published: dt.date | None


def story_title(members: Sequence[TitleCandidate]) -> str:
    """The member headline that shares most words with the other headlines (earliest wins ties)."""
    if not members:
        return "Untitled story"
    term_sets = [set(content_terms(m.title)) for m in members]
    everyone: Counter[str] = Counter(t for terms in term_sets for t in terms)

    def rank(i: int) -> tuple:
        shared = sum(everyone[t] - 1 for t in term_sets[i])
        m = members[i]
        return (-shared, m.published is None, m.published or dt.date.min, m.article_id)

    best = min(range(len(members)), key=rank)
    return members[best].title.strip()[:300] or "Untitled story"

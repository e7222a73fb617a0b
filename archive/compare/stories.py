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
from dataclasses import dataclass, field

from archive.compare.event_evidence import CROSS_LANGUAGE_SCORE, Fingerprint, cross_language_similarity
from archive.compare.story_terms import (
    ABJAD_KEY,
    CROSS_LANGUAGE_PREFIXES,
    NAMED_PREFIX,
    NUMBER_PREFIX,
    PLACE_PREFIX,
    QUOTE_PREFIX,
)
from archive.compare.text import content_terms
from archive.compare.windows import MAX_DAYS_APART

# Share of the score that comes from the people named (the rest from the words). People are strong
# evidence but not enough on their own: the same two ministers meet many times a year.
PEOPLE_SHARE = 0.35
# Share of the word evidence that comes from named terms and quote shingles (archive.compare.story_terms):
# places, figures and quoted remarks two outlets keep when they word the rest of one event differently.
NAMED_SHARE = 0.4
# A story never spans more than this many days: stops one long-running topic chaining week after week.
MAX_STORY_SPAN_DAYS = 7
# Minimum combined score to join a story, and (UNDATED_SCORE) the words-only score an undated article
# needs: people never count without a date (the same ministers meet again and again). Chosen together on
# the seeds and 3,000 generated articles (archive.synthetic.events, seed 11, assigned one by one as ingest
# does: bench/cluster_bench.py --quality) over SAME 0.34-0.46 x UNDATED 0.26-0.46 x NAMED_SHARE 0.25/0.4
# x COLD_START_MARGIN 0-0.06. At 0.42 / 0.32 / 0.4 / 0.03 pairwise precision/recall were: outlets
# 0.99/0.99, wire copies 1.00/1.00, same people a week apart 1.00/0.99, undated copies 1.00/0.98,
# undated earlier meeting 0.88/1.00, all 0.99/0.99, and 4 wrong pairs among 1,199 noise articles (the
# old 0.40/0.42 rule, people counted for undated articles: 0.90/0.99, 0.93/1.00, 0.94/0.98, 0.87/0.98,
# 0.35/1.00, all 0.85/0.99); seeds 1.00/1.00 (002+003+004 one story, 000 and 001 alone). UNDATED 0.30
# let more undated look-alikes in (earlier meeting precision 0.86); 0.34 lost the seeds' undated
# preview (002). Counting named evidence only when two or more named keys are shared removed the noise
# pairs but cost recall (undated copies 0.90, all 0.97), so any shared named key counts.
SAME_STORY_SCORE = 0.42
UNDATED_SCORE = 0.32
# With few articles indexed, IDF cannot tell an archive's everyday words ("Syria", "talks") from an
# event's own, so every pair looks closer than it is. Below COLD_START_DOCS articles the threshold rises
# by up to COLD_START_MARGIN, shrinking linearly as the archive grows (0.03: the seeds pass from 0 to
# 0.06 at UNDATED 0.29; 0.03 leaves room both ways).
COLD_START_DOCS = 50
COLD_START_MARGIN = 0.03
# The other way round for undated articles once an archive holds unrelated subjects: words of one
# topic ("Syria", "talks", "Lavrov") become rare there, so every article on that topic looks like every
# other. Measured with the seeds ingested after the 308 pages of ../shared/realworld (311 articles):
# the seeds' pairs of one event scored 0.50-0.53, their pairs of different events 0.33-0.39, so 0.32
# chained all five together (000, 001, 002, 003 in one story). Between COLD_START_DOCS and
# DIVERSE_ARCHIVE_DOCS articles the undated threshold rises linearly to DIVERSE_UNDATED_SCORE, the bar
# a dated pair must clear.
DIVERSE_ARCHIVE_DOCS = 300
DIVERSE_UNDATED_SCORE = SAME_STORY_SCORE
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

_PERSON_PREFIX = "@"
_NAMED_KEYS = (NAMED_PREFIX, QUOTE_PREFIX)


@dataclass(frozen=True)
class ArticleSignature:
    """What clustering knows about one article."""

    article_id: int
    terms: Mapping[str, float]
    people: Mapping[int, int] = field(default_factory=dict)
    published: dt.date | None = None
    story_id: int | None = None
    language: str = ""  # ISO 639-1 of the body; "" when unknown (judged as the same language)


@dataclass(frozen=True)
class StorySpan:
    first: dt.date | None
    last: dt.date | None


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
    """The places and figures of `sig` (indexed besides _keys; candidates in another language are
    found by these and its people)."""
    return [t for t in sig.terms if t.startswith((PLACE_PREFIX, NUMBER_PREFIX))]


def _split(terms: Mapping[str, float]) -> tuple[dict[str, float], dict[str, float]]:
    """(content terms, named terms and quote shingles) of a signature's terms."""
    plain, named = {}, {}
    for key, count in terms.items():
        if key[0] in _NAMED_KEYS:
            named[key] = count
        elif not key.startswith(CROSS_LANGUAGE_PREFIXES):
            plain[key] = count
    return plain, named


def crosses_languages(a: ArticleSignature, b: ArticleSignature) -> bool:
    """Whether `a` and `b` are in two known, different languages (the cross-language rule decides)."""
    return bool(a.language and b.language and a.language != b.language)


def fingerprint_of(sig: ArticleSignature) -> Fingerprint:
    """The cross-language fingerprint stored in a signature's terms (people by person id)."""
    places, numbers = set(), set()
    for key in sig.terms:
        if key[0] == PLACE_PREFIX:
            places.add(key[1:])
        elif key[0] == NUMBER_PREFIX:
            numbers.add(key[1:])
    people = frozenset(str(p) for p in sig.people)
    return Fingerprint(
        sig.language, sig.published, people, frozenset(numbers), frozenset(places), ABJAD_KEY in sig.terms
    )


def _weighted(counts: Mapping, weight: Callable) -> tuple[dict, float]:
    vector = {k: math.log1p(v) * weight(k) for k, v in counts.items()}
    return vector, math.sqrt(sum(x * x for x in vector.values()))


def _cosine(a: tuple[dict, float], b: tuple[dict, float]) -> float:
    (va, na), (vb, nb) = a, b
    if not na or not nb:
        return 0.0
    small, large = (va, vb) if len(va) <= len(vb) else (vb, va)
    dot = sum(x * large[k] for k, x in small.items() if k in large)
    return dot / (na * nb)


class _Scorer:
    """Scores candidates against one article, weighting its own vectors (and each IDF) only once."""

    def __init__(self, sig: ArticleSignature, idf: Callable[[str], float]) -> None:
        cache: dict[str, float] = {}

        def cached(key: str) -> float:
            value = cache.get(key)
            if value is None:
                value = cache[key] = idf(key)
            return value

        self.sig = sig
        self.text_weight = cached
        self.people_weight = lambda p: cached(f"{_PERSON_PREFIX}{p}")
        plain, named = _split(sig.terms)
        self.text = _weighted(plain, self.text_weight)
        self.named = _weighted(named, self.text_weight)
        self.people = _weighted(sig.people, self.people_weight)
        self._fingerprint: Fingerprint | None = None

    def score(self, other: ArticleSignature) -> float:
        a = self.sig
        if a.published and other.published and abs((a.published - other.published).days) > MAX_DAYS_APART:
            return 0.0
        if crosses_languages(a, other):
            if self._fingerprint is None:
                self._fingerprint = fingerprint_of(a)
            return cross_language_similarity(self._fingerprint, fingerprint_of(other))
        plain, named = _split(other.terms)
        text = _cosine(self.text, _weighted(plain, self.text_weight))
        if named and self.named[1]:
            text = (1 - NAMED_SHARE) * text + NAMED_SHARE * _cosine(
                self.named, _weighted(named, self.text_weight)
            )
        if not a.people or not other.people or not a.published or not other.published:
            # no people on one side: the words alone decide. Undated: the same people meet again and
            # again, and without a date nothing rules the other meeting out, so only the words count.
            return text
        people = _cosine(self.people, _weighted(other.people, self.people_weight))
        # People add evidence, never take it away: words that would join an undated article join a dated
        # one inside the window too (shifted onto the dated scale), even when the outlets name different
        # people (one names the host, the other the visitor).
        return max((1 - PEOPLE_SHARE) * text + PEOPLE_SHARE * people, text + SAME_STORY_SCORE - UNDATED_SCORE)


def similarity(a: ArticleSignature, b: ArticleSignature, idf: Callable[[str], float]) -> float:
    """Combined evidence that `a` and `b` report one event, 0..1 (0 when their dates are too far apart)."""
    return _Scorer(a, idf).score(b)


def _fits_span(published: dt.date | None, span: StorySpan | None) -> bool:
    if published is None or span is None or span.first is None or span.last is None:
        return True
    first, last = min(span.first, published), max(span.last, published)
    return (last - first).days <= MAX_STORY_SPAN_DAYS


def threshold(a: ArticleSignature, b: ArticleSignature, n_docs: int | None = None) -> float:
    """The score `a` and `b` need to be one event: stricter when one is undated, when the archive is
    small, and (for undated pairs) as the archive grows diverse. Two languages: CROSS_LANGUAGE_SCORE,
    which reads no archive-wide weights and so means the same in any archive."""
    if crosses_languages(a, b):
        return CROSS_LANGUAGE_SCORE
    base = SAME_STORY_SCORE if a.published and b.published else UNDATED_SCORE
    if n_docs is None:
        return base
    if not (a.published and b.published) and n_docs > COLD_START_DOCS:
        growth = min(1.0, (n_docs - COLD_START_DOCS) / (DIVERSE_ARCHIVE_DOCS - COLD_START_DOCS))
        base += (DIVERSE_UNDATED_SCORE - UNDATED_SCORE) * growth
    return base + COLD_START_MARGIN * max(0.0, 1 - n_docs / COLD_START_DOCS)


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

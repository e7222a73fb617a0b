"""How alike two articles are as reports of one event: the score and the bar it must clear.

Words (TF-IDF cosine over title and clean body, with named terms and quote shingles weighted apart),
the people they name (cosine over mention counts) and their publication dates; two articles in
different languages are scored by what crosses languages (archive.compare.event_evidence). The
StoryIndex of archive.compare.stories finds the candidates and calls `similarity` and `threshold`.
Plain Python, no Django.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from archive.compare.event_evidence import CROSS_LANGUAGE_SCORE, Fingerprint, cross_language_similarity
from archive.compare.story_terms import (
    ABJAD_KEY,
    CROSS_LANGUAGE_PREFIXES,
    NAMED_PREFIX,
    NUMBER_PREFIX,
    PERSON_SOUND_PREFIX,
    PLACE_PREFIX,
    QUOTE_PREFIX,
)
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
# a dated pair must clear. Measured again (bench/story_weights_bench.py --diverse): without it the seeds
# after the realworld pages score 0.167/0.333; weights meant to read the same in any archive chain them
# even with it (capped IDF, wordfreq's frequencies) or still need it (the archive's frequencies smoothed
# toward wordfreq's, which also moved pairs further as the archive grew), so it stays (bench/README.md,
# rounds 4 and 5).
DIVERSE_ARCHIVE_DOCS = 300
DIVERSE_UNDATED_SCORE = SAME_STORY_SCORE
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
    places, numbers, sounds = set(), set(), set()
    for key in sig.terms:
        if key[0] == PLACE_PREFIX:
            places.add(key[1:])
        elif key[0] == NUMBER_PREFIX:
            numbers.add(key[1:])
        elif key[0] == PERSON_SOUND_PREFIX:
            sounds.add(key[1:])
    people = frozenset(str(p) for p in sig.people)
    return Fingerprint(
        sig.language,
        sig.published,
        people,
        frozenset(numbers),
        frozenset(places),
        ABJAD_KEY in sig.terms,
        frozenset(sounds),
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

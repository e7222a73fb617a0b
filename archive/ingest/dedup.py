"""Duplicates: the same text again, the same wire story on two sites, a truncated copy.

Plain Python. The importer looks exact duplicates up by `fingerprint` (SHA-256 of the
normalised body) and near-duplicates through `sketch` keys kept in an indexed table, then
confirms each candidate with `compare_bodies` on the two bodies' full shingle sets.

The sketch is Broder's MOD-m sample of the body's word shingles: the hashes of the shingles
whose hash is divisible by SKETCH_MODULUS. It is a min-wise style signature with one property
MinHash/LSH banding lacks: it is subset-preserving. Every sampled shingle of a truncated copy
is also a sampled shingle of the full article, so a copy holding the first fifth of a story
still shares all its keys with it, where banded MinHash (which estimates Jaccard) would miss
it. The lookup only reads the postings of the new article's ~N/SKETCH_MODULUS keys, never the
whole archive.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from archive.ingest.textrules import transliterate

# Words per shingle. Five words is the usual choice for news text (Broder; Manku et al.):
# short enough that a light copy-edit (a changed word every few sentences) leaves most
# shingles intact, long enough that two different stories on one topic share almost none
# (the Kerry-Lavrov seeds 003 and 004 share under 2% of their 5-shingles).
SHINGLE_WORDS = 5
# Keep shingles whose hash is divisible by this: ~1/16 of them, so a 600-word article has
# ~37 sketch keys (3.7M indexed rows at 100k articles), and a 150-word truncated copy still
# has ~9. Lower it for more recall on very short texts, at the cost of a bigger table.
SKETCH_MODULUS = 16
# A stored article is a candidate when it shares at least this share of the smaller sketch
# (and at least one key). Loose on purpose: compare_bodies does the exact check.
CANDIDATE_MIN_SHARED = 0.3
CANDIDATE_LIMIT = 20
# Exact set comparison of a candidate. Two copies of one wire story on two sites differ by a
# headline, a dateline, a few edited words: measured Jaccard 0.7-0.95 on our fixtures, while
# different stories on the same event score under 0.05. 0.6 leaves room for heavier edits.
NEAR_DUPLICATE_JACCARD = 0.6
# A truncated copy: nearly all of the shorter body's shingles are in the longer one. 0.85
# tolerates a re-written first or last paragraph.
CONTAINMENT_MIN = 0.85
# Below this many shingles (about a two-sentence text) containment says nothing: a short
# text is "contained" in many articles that quote the same sentence.
MIN_SHINGLES_FOR_CONTAINMENT = 20
# Sketch estimates below both floors skip the exact comparison. Half the exact thresholds:
# with ~37 keys for a 600-word article the estimate's standard error is about 0.08, so a
# true near-duplicate falls below these floors far less than once in a thousand.
SKETCH_JACCARD_FLOOR = 0.3
SKETCH_CONTAINMENT_FLOOR = 0.45

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class BodySketch:
    """What the archive stores about a body for duplicate detection (`hashes` is not stored:
    it is the full shingle set, kept for the exact comparison of this one body)."""

    fingerprint: str
    keys: tuple[int, ...]
    hashes: frozenset[int] = field(default=frozenset(), repr=False, compare=False)

    @property
    def shingle_count(self) -> int:
        return len(self.hashes)


@dataclass(frozen=True)
class Similarity:
    jaccard: float
    containment: float  # the share of the shorter body's shingles found in the longer one

    @property
    def is_near_duplicate(self) -> bool:
        return self.jaccard >= NEAR_DUPLICATE_JACCARD or self.containment >= CONTAINMENT_MIN

    @property
    def may_be_near_duplicate(self) -> bool:
        """For an estimate from sketches: worth the exact comparison (loose, sampling is noisy)."""
        return self.jaccard >= SKETCH_JACCARD_FLOOR or self.containment >= SKETCH_CONTAINMENT_FLOOR


def normalise_words(text: str) -> list[str]:
    """Words as compared: case and punctuation ignored (so curly and straight quotes, or
    "Geneva-2" and "Geneva 2", do not make two copies differ), accents folded. Only words
    that are not ASCII go through Unidecode: folding a whole text is the slow part."""
    words = _WORD.findall(text.casefold())
    return [w if w.isascii() else transliterate(w) for w in words]


def fingerprint(body: str) -> str:
    """SHA-256 of the normalised body: equal for the same text however it is spaced or quoted."""
    return _fingerprint(normalise_words(body))


def _fingerprint(words: list[str]) -> str:
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def _hash(shingle: str) -> int:
    # 63 bits so the value fits a signed 64-bit database integer.
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def _shingles(words: list[str]) -> frozenset[int]:
    if not words:
        return frozenset()
    span = min(SHINGLE_WORDS, len(words))
    return frozenset(_hash(" ".join(words[i : i + span])) for i in range(len(words) - span + 1))


def shingle_hashes(body: str) -> frozenset[int]:
    """The hashes of the body's word shingles (one shingle for texts shorter than SHINGLE_WORDS)."""
    return _shingles(normalise_words(body))


def sketch_body(body: str) -> BodySketch:
    words = normalise_words(body)
    hashes = _shingles(words)
    keys = tuple(sorted(h for h in hashes if h % SKETCH_MODULUS == 0))
    return BodySketch(fingerprint=_fingerprint(words), keys=keys, hashes=hashes)


def is_candidate(shared_keys: int, new_keys: int, stored_keys: int) -> bool:
    """Whether a stored article sharing `shared_keys` sketch keys is worth a closer look."""
    smaller = min(new_keys, stored_keys) or 1
    return shared_keys >= 1 and shared_keys / smaller >= CANDIDATE_MIN_SHARED


def _similarity(sa: frozenset[int], sb: frozenset[int], *, min_size: int) -> Similarity:
    if not sa or not sb:
        return Similarity(0.0, 0.0)
    shared = len(sa & sb)
    smaller = min(len(sa), len(sb))
    containment = shared / smaller if smaller >= min_size else 0.0
    return Similarity(jaccard=shared / len(sa | sb), containment=containment)


def estimate_similarity(keys_a: Iterable[int], keys_b: Iterable[int]) -> Similarity:
    """Jaccard and containment estimated from two MOD-m sketches (unbiased, but noisy for
    short texts: use may_be_near_duplicate, then compare_bodies)."""
    min_keys = max(1, MIN_SHINGLES_FOR_CONTAINMENT // SKETCH_MODULUS)
    return _similarity(frozenset(keys_a), frozenset(keys_b), min_size=min_keys)


def compare_bodies(a: str | frozenset[int], b: str | frozenset[int]) -> Similarity:
    """Exact Jaccard and containment of two bodies (or their shingle_hashes)."""
    sa = shingle_hashes(a) if isinstance(a, str) else a
    sb = shingle_hashes(b) if isinstance(b, str) else b
    return _similarity(sa, sb, min_size=MIN_SHINGLES_FOR_CONTAINMENT)

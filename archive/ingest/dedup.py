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
from dataclasses import dataclass

from unidecode import unidecode

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

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class BodySketch:
    """What the archive stores about a body for duplicate detection."""

    fingerprint: str
    keys: tuple[int, ...]
    shingle_count: int


@dataclass(frozen=True)
class Similarity:
    jaccard: float
    containment: float  # the share of the shorter body's shingles found in the longer one

    @property
    def is_near_duplicate(self) -> bool:
        return self.jaccard >= NEAR_DUPLICATE_JACCARD or self.containment >= CONTAINMENT_MIN


def normalise_words(text: str) -> list[str]:
    """Words as compared: accents folded, case and punctuation ignored (so curly and straight
    quotes, or "Geneva-2" and "Geneva 2", do not make two copies differ)."""
    return _WORD.findall(unidecode(text).casefold())


def fingerprint(body: str) -> str:
    """SHA-256 of the normalised body: equal for the same text however it is spaced or quoted."""
    return hashlib.sha256(" ".join(normalise_words(body)).encode("utf-8")).hexdigest()


def _hash(shingle: str) -> int:
    # 63 bits so the value fits a signed 64-bit database integer.
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def shingle_hashes(body: str) -> frozenset[int]:
    """The hashes of the body's word shingles (one shingle for texts shorter than SHINGLE_WORDS)."""
    words = normalise_words(body)
    if not words:
        return frozenset()
    span = min(SHINGLE_WORDS, len(words))
    return frozenset(_hash(" ".join(words[i : i + span])) for i in range(len(words) - span + 1))


def sketch_body(body: str) -> BodySketch:
    hashes = shingle_hashes(body)
    keys = tuple(sorted(h for h in hashes if h % SKETCH_MODULUS == 0))
    return BodySketch(fingerprint=fingerprint(body), keys=keys, shingle_count=len(hashes))


def is_candidate(shared_keys: int, new_keys: int, stored_keys: int) -> bool:
    """Whether a stored article sharing `shared_keys` sketch keys is worth an exact comparison."""
    smaller = min(new_keys, stored_keys) or 1
    return shared_keys >= 1 and shared_keys / smaller >= CANDIDATE_MIN_SHARED


def compare_bodies(a: str | frozenset[int], b: str | frozenset[int]) -> Similarity:
    """Exact Jaccard and containment of two bodies (or their shingle_hashes)."""
    sa = shingle_hashes(a) if isinstance(a, str) else a
    sb = shingle_hashes(b) if isinstance(b, str) else b
    if not sa or not sb:
        return Similarity(0.0, 0.0)
    shared = len(sa & sb)
    smaller = min(len(sa), len(sb))
    containment = shared / smaller if smaller >= MIN_SHINGLES_FOR_CONTAINMENT else 0.0
    return Similarity(jaccard=shared / len(sa | sb), containment=containment)

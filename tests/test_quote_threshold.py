"""The quote-match threshold on pairs written for it: one remark printed two ways matches, two remarks
by one speaker on one subject do not (tests/fixtures/quote_pairs.json)."""

from __future__ import annotations

import json
from pathlib import Path

from archive.compare.quotes import QUOTE_MATCH_SCORE, QuoteRef, match_quotes, quote_similarity

PAIRS = json.loads((Path(__file__).parent / "fixtures" / "quote_pairs.json").read_text(encoding="utf-8"))


def _matched(a: str, b: str) -> bool:
    return bool(match_quotes([QuoteRef(1, a, "Petrova"), QuoteRef(2, b, "Petrova")]))


def test_one_remark_printed_two_ways_is_matched_unless_too_short_to_tell():
    matched = [_matched(a, b) for a, b in PAIRS["same"]]
    assert sum(matched) == len(matched) - 1  # "We are not there yet on the tariffs": one content word
    assert not _matched(*PAIRS["same"][4])


def test_two_remarks_by_one_speaker_on_one_subject_stay_apart():
    assert not any(_matched(a, b) for a, b in PAIRS["different"])


def test_a_negated_claim_scores_high_but_below_the_threshold():
    a, b = PAIRS["different"][-1]
    assert 80 < quote_similarity(a, b) < QUOTE_MATCH_SCORE

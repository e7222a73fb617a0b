"""Duplicate detection on bodies (archive.ingest.dedup), plain Python."""

from __future__ import annotations

from pathlib import Path

from archive.ingest import dedup

FIXTURES = Path(__file__).parent / "fixtures" / "importer"


def _body(name: str) -> str:
    """The running text of a fixture: its paragraphs after the first blank-line-separated header."""
    paragraphs = [p for p in (FIXTURES / name).read_text(encoding="utf-8").split("\n\n") if len(p) > 80]
    return "\n\n".join(paragraphs)


def test_the_fingerprint_ignores_spacing_case_and_quote_style():
    a = "“Our members stood together,” Ellingsen said.\n\nThe  port listened."
    b = '"our members stood together," ellingsen said. the port listened.'
    assert dedup.fingerprint(a) == dedup.fingerprint(b)
    assert dedup.fingerprint(a) != dedup.fingerprint(a + " Then it rained.")


def test_the_same_wire_story_on_two_sites_is_a_near_duplicate():
    similarity = dedup.compare_bodies(_body("wire_harbour.txt"), _body("wire_bayside.txt"))
    assert similarity.jaccard >= dedup.NEAR_DUPLICATE_JACCARD
    assert similarity.is_near_duplicate


def test_a_truncated_copy_is_caught_by_containment_though_its_jaccard_is_low():
    similarity = dedup.compare_bodies(_body("wire_truncated.txt"), _body("wire_harbour.txt"))
    assert similarity.jaccard < dedup.NEAR_DUPLICATE_JACCARD
    assert similarity.containment >= dedup.CONTAINMENT_MIN
    assert similarity.is_near_duplicate


def test_different_stories_are_not_near_duplicates():
    similarity = dedup.compare_bodies(_body("wire_harbour.txt"), _body("library_vote.txt"))
    assert similarity.jaccard < 0.05
    assert not similarity.is_near_duplicate


def test_a_short_text_is_not_called_a_copy_of_every_article_quoting_it():
    quote = "Nobody wanted the ships to wait, said the union."
    assert not dedup.compare_bodies(quote, _body("wire_harbour.txt")).is_near_duplicate


def test_every_sketch_key_of_a_truncated_copy_is_a_key_of_the_full_article():
    full = dedup.sketch_body(_body("wire_harbour.txt"))
    truncated = dedup.sketch_body(_body("wire_truncated.txt"))
    assert truncated.keys
    assert set(truncated.keys) <= set(full.keys)
    assert dedup.is_candidate(len(truncated.keys), len(truncated.keys), len(full.keys))


def test_the_sketch_samples_a_fraction_of_the_shingles():
    sketch = dedup.sketch_body(_body("wire_harbour.txt"))
    assert 0 < len(sketch.keys) < sketch.shingle_count / 4
    assert all(key % dedup.SKETCH_MODULUS == 0 for key in sketch.keys)
    assert all(0 <= key < 2**63 for key in sketch.keys)  # fits a signed 64-bit column

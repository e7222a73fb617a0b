"""bench/extraction_eval.py on a small labelled sample: every tenth of the real pages in
../shared/realworld (env PARALLAX_REALWORLD) and the seeds, through the real pipeline. The floors
sit a little below the figures measured when they were set, so a regression in refusals,
headlines, dates or body cleaning fails CI (the full figures come from running the script)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.extraction_eval import evaluate, load_set

SAMPLE_EVERY = 10


@pytest.fixture(scope="module")
def realworld_dir() -> Path:
    path = Path(os.environ.get("PARALLAX_REALWORLD") or "../shared/realworld").resolve()
    assert (path / "truth.json").is_file(), f"{path}: set PARALLAX_REALWORLD"
    return path


@pytest.mark.slow
def test_real_pages_are_read_as_well_as_when_the_floors_were_set_and_the_seeds_perfectly(
    db, settings, realworld_dir, seeds_dir
):
    # Measured when set (every tenth page, 31 pages): refused 0, headline 13/20, dates 17 right /
    # 1 wrong / 1 missing of 19 and none invented, snippets with 0.946 and without 0.865.
    settings.PARALLAX_NER = False  # people are scored by tests/test_people_eval.py
    sample = load_set(realworld_dir)[::SAMPLE_EVERY]
    report = evaluate([sample, load_set(seeds_dir)], baseline=False)["parallax"]
    real = report["realworld"]
    assert real["pages"] >= 30
    assert real["refused_share"] <= 0.04
    assert real["headline_exact"] >= 0.60
    assert real["date_right_share"] >= 0.80
    assert real["date_wrong_share"] <= 0.06
    assert real["date_invented"] == 0
    assert real["snippets_with"] >= 0.90
    assert real["snippets_without"] >= 0.82
    seeds = report["seeds"]
    assert seeds["refused"] == 0
    assert seeds["headline_exact"] == 1.0
    assert seeds["date_right"] == seeds["dated"]
    assert seeds["date_invented"] == 0
    assert seeds["snippets_with"] == seeds["snippets_without"] == 1.0

"""The labelled event generator and the pairwise scores the cluster bench prints."""

from __future__ import annotations

from collections import defaultdict

import pytest

from archive.compare.evaluation import pair_counts, pairwise_scores
from archive.synthetic.events import CASES, generate_events


def test_pairwise_scores_count_pairs_of_articles():
    gold = {1: "a", 2: "a", 3: "a", 4: "b"}
    predicted = {1: 10, 2: 10, 3: 11, 4: 11}  # one pair right, one of three missed, one wrong
    assert pair_counts(gold, predicted) == (3, 2, 1)
    assert pairwise_scores(gold, predicted) == (0.5, 1 / 3)


def test_scores_for_one_class_count_its_wrong_joins_with_other_articles():
    gold = {1: "a", 2: "a", 3: "noise"}
    predicted = {1: 10, 2: 10, 3: 10}
    assert pairwise_scores(gold, predicted, only={3}) == (0.0, 1.0)
    assert pairwise_scores(gold, predicted, only={1}) == (0.5, 1.0)


@pytest.fixture(scope="module")
def labelled():
    return generate_events(150, seed=3)


def test_the_generator_makes_every_hard_case_with_its_gold_event(labelled):
    assert {item.case for item in labelled} == set(CASES)
    assert [a.article.number for a in labelled] == list(range(len(labelled)))
    events = defaultdict(list)
    for item in labelled:
        events[item.event].append(item)
    for members in events.values():
        assert len({m.case for m in members}) == 1


def test_an_undated_earlier_meeting_has_the_later_events_people_but_its_own_event(labelled):
    undated = [i for i in labelled if i.case == "undated_earlier" and i.article.published is None]
    later = [i for i in labelled if i.case == "undated_earlier" and i.article.published is not None]
    assert undated and later
    first = undated[0]
    people = {name for name, _ in first.article.people}
    assert any(
        people & {name for name, _ in other.article.people} and other.event != first.event for other in later
    )


def test_the_same_seed_gives_the_same_articles():
    assert generate_events(40, seed=5) == generate_events(40, seed=5)

"""Pairwise precision and recall of a clustering against gold labels (for benchmarks and evaluations).

A pair of articles is predicted when both sit in one predicted group, and gold when both report one
gold event. Precision: the share of predicted pairs that are gold; recall: the share of gold pairs
predicted. Plain Python.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Hashable, Mapping

Labels = Mapping[Hashable, Hashable]  # article -> group


def _pairs(labels: Labels, only: Collection[Hashable] | None = None) -> set[tuple]:
    members: dict[Hashable, list] = defaultdict(list)
    for item, group in labels.items():
        if group is not None:
            members[group].append(item)
    pairs = set()
    for items in members.values():
        items.sort(key=repr)
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                if only is None or a in only or b in only:
                    pairs.add((a, b))
    return pairs


def pair_counts(
    gold: Labels, predicted: Labels, only: Collection[Hashable] | None = None
) -> tuple[int, int, int]:
    """(gold pairs, predicted pairs, pairs both in gold and predicted).

    With `only`, just the pairs with at least one article in `only` count (one case class, say: a
    wrong join of a noise article into one of its stories still counts against it). Articles missing
    from `predicted`, or labelled None, are alone.
    """
    g, p = _pairs(gold, only), _pairs(predicted, only)
    return len(g), len(p), len(g & p)


def pairwise_scores(
    gold: Labels, predicted: Labels, only: Collection[Hashable] | None = None
) -> tuple[float, float]:
    """(precision, recall) of `predicted` groups against `gold` groups (see pair_counts for `only`),
    each 1.0 when there is no pair to score."""
    n_gold, n_predicted, hits = pair_counts(gold, predicted, only)
    return (hits / n_predicted if n_predicted else 1.0, hits / n_gold if n_gold else 1.0)

"""Story similarity's word weights against archive size and archive make-up (issue 16 item 4).

Run from the repository root, niced (the machine is shared):

    nice -n 10 .venv/bin/python bench/story_weights_bench.py --convergence 5000 [--cap 2 2.5 3]
    nice -n 10 .venv/bin/python bench/story_weights_bench.py --diverse [--cap 2 2.5 3]

--convergence N: N articles of the event generator (archive/synthetic/events.py, seed 11). A small
archive of 50 of them (whole events of two or more reports, up to 30 articles, then others drawn at
random) and the whole N each give the same pairs of those 50 a score (story_similarity.similarity
with the index's weights); printed: the mean score of one event's pairs and of other pairs in each,
and how far a pair's score moves between the two (mean and largest).

--diverse: the pages of ../shared/realworld (PARALLAX_REALWORLD) and then the five seeds through the
importer (NER on) into a throw-away archive, as an archive that holds many subjects; then every
article assigned again in ingest order in plain Python (stories.assign_in_order): the seeds' pairwise
precision / recall against expected.json, with the undated bar that rises with archive size
(story_similarity.DIVERSE_UNDATED_SCORE) and without it; and how many stories of two or more
realworld pages form.

--cap X: also the weight 1 + min(X, ln((n + 1) / (df + 1))) in place of the index's own
(1 + ln((n + 1) / (df + 1))): a weight that depends only on the share of the archive holding a key
once a key is rarer than one article in e^X, so scores converge as an archive grows.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import math
import os
import random
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _django import setup_django  # noqa: E402  (bench/ is on sys.path when a bench runs)
from cluster_bench import generated_signatures, import_seeds  # noqa: E402

REALWORLD = Path(os.environ.get("PARALLAX_REALWORLD") or ROOT.parent / "shared" / "realworld")
SMALL = 50


@contextmanager
def weights(cap: float | None, bar: bool = True) -> Iterator[None]:
    """StoryIndex.idf capped at `cap` (None: as it is), the undated bar on or off, for the block."""
    from archive.compare import stories, story_similarity

    idf, diverse = stories.StoryIndex.idf, story_similarity.DIVERSE_UNDATED_SCORE
    if cap is not None:
        stories.StoryIndex.idf = lambda self, key: (
            1.0 + min(cap, math.log((self.n_docs + 1) / (self.df(key) + 1)))
        )
    if not bar:
        story_similarity.DIVERSE_UNDATED_SCORE = story_similarity.UNDATED_SCORE
    try:
        yield
    finally:
        stories.StoryIndex.idf, story_similarity.DIVERSE_UNDATED_SCORE = idf, diverse


def convergence(n: int, caps: list[float]) -> None:
    from archive.compare.stories import StoryIndex
    from archive.compare.story_similarity import similarity

    labelled, sigs = generated_signatures(n, 11)
    events: dict[str, list[int]] = {}
    for i, item in enumerate(labelled):
        events.setdefault(item.event, []).append(i)
    rng = random.Random(1)
    several = [members for members in events.values() if len(members) >= 2]
    rng.shuffle(several)
    chosen: list[int] = []
    for members in several:
        if len(chosen) + len(members) <= 30:
            chosen += members
    taken = set(chosen)
    chosen += rng.sample([i for i in range(n) if i not in taken], SMALL - len(chosen))
    small, large = StoryIndex(), StoryIndex()
    for i in chosen:
        small.add(sigs[i])
    for sig in sigs:
        large.add(sig)
    pairs = list(itertools.combinations(sorted(chosen), 2))
    print(f"{SMALL} of {n} generated articles: {len(pairs)} pairs")
    for cap in [None, *caps]:
        with weights(cap):
            line = []
            for kind in ("one event", "other"):
                moved, in_small, in_large = [], [], []
                for a, b in pairs:
                    if (labelled[a].event == labelled[b].event) != (kind == "one event"):
                        continue
                    s, t = similarity(sigs[a], sigs[b], small.idf), similarity(sigs[a], sigs[b], large.idf)
                    if s or t:
                        moved.append(abs(t - s))
                        in_small.append(s)
                        in_large.append(t)
                means = f"mean {statistics.mean(in_small):.3f} (50) {statistics.mean(in_large):.3f} ({n})"
                line.append(f"{kind}: {means}, moved mean {statistics.mean(moved):.3f} max {max(moved):.3f}")
            print(f"  {'archive weights' if cap is None else f'cap {cap}'}: " + "; ".join(line))


def diverse(caps: list[float]) -> None:
    from archive.compare.evaluation import pairwise_scores
    from archive.compare.stories import assign_in_order
    from archive.importing.importer import import_files
    from archive.models import Article
    from archive.stories.synced_index import signatures

    pages = sorted((REALWORLD / "pages").iterdir())
    for start in range(0, len(pages), 20):
        import_files(
            [(p.name.removesuffix(".gz"), gzip.decompress(p.read_bytes())) for p in pages[start : start + 20]]
        )
    seeds, gold = import_seeds()
    sigs = [sig.__class__(sig.article_id, sig.terms, sig.people, sig.published, None, sig.language)
            for sig in signatures(Article.objects.all())]  # fmt: skip
    print(f"{len(sigs) - len(seeds)} realworld articles, then the {len(seeds)} seeds, in ingest order")
    variants: list[tuple[str, Callable]] = []
    for cap in [None, *caps]:
        for bar in (True, False):
            label = (
                f"{'archive weights' if cap is None else f'cap {cap}'}, undated bar {'on' if bar else 'off'}"
            )
            variants.append((label, lambda cap=cap, bar=bar: weights(cap, bar)))
    for label, variant in variants:
        with variant():
            groups = assign_in_order(sigs)
        found = {name: groups[pk] for pk, name in seeds.items()}
        p, r = pairwise_scores(gold, found)
        sizes: dict[int, int] = {}
        for pk, group in groups.items():
            if pk not in seeds:
                sizes[group] = sizes.get(group, 0) + 1
        joined = sum(1 for pk in groups if pk not in seeds and groups[pk] in set(found.values()))
        several = sum(1 for size in sizes.values() if size > 1)
        print(f"  {label}: seeds {p:.3f}/{r:.3f}; realworld pages in a seed's story {joined}; "
              f"realworld stories of 2+ pages {several}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--convergence", type=int, default=0, help="generated articles (0 skips)")
    parser.add_argument("--diverse", action="store_true", help="realworld pages, then the seeds")
    parser.add_argument("--cap", type=float, nargs="*", default=[])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="weights-bench-") as data_dir:
        setup_django(data_dir, PARALLAX_INDEX_ON_SAVE="false")
        if args.convergence:
            convergence(args.convergence, args.cap)
        if args.diverse:
            diverse(args.cap)


if __name__ == "__main__":
    main()

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

--blend K: also the archive's document frequencies smoothed toward a fixed reference with a fixed
pseudo-count K: 1 + ln((n + K + 1) / (df + K * p_ref + 1)), where p_ref is the share of articles
expected to hold the key, from wordfreq's per-language word frequencies (wordfreq==3.1.1, looked up
lazily per language and cached; not a dependency of Parallax, install it aside and put it on
PYTHONPATH): 1 - exp(-f * DOC_WORDS) for a word of frequency f (a pair of quoted words: the product
of the two). People, and articles in a language wordfreq lacks, keep the archive's weight. K = 0 is
the archive's weight; where the archive's share of a word matches the reference, the weight is the
same in any archive size. Unknown language: English (the generator's articles carry none).

--sample N0 (with --convergence): weights frozen on a fixed-size sample of N0 articles that holds the
50 (the archive's own reference, frozen: below N0 articles an archive has nothing else to read): how
far a pair moves between the 50-article archive and such a sample, and between two such samples.

--quality N: the event generator's N articles assigned in ingest order (cluster_bench --quality) under
each variant.

--multilingual: bench/multilingual_eval.py --pipeline (NER on) under the first --blend given (or the
archive's weights): one variant a run, as the pipeline imports into a throw-away archive of its own.
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
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _django import setup_django  # noqa: E402  (bench/ is on sys.path when a bench runs)
from cluster_bench import generated_signatures, import_seeds  # noqa: E402

REALWORLD = Path(os.environ.get("PARALLAX_REALWORLD") or ROOT.parent / "shared" / "realworld")
SMALL = 50


# Words in a typical article (the generator's are 600-900, the seeds' 400-1,000): turns a word's
# frequency per word into the share of articles expected to hold it.
DOC_WORDS = 600
_REFERENCES: dict[str, dict[str, float] | None] = {}


def reference_share(language: str, key: str) -> float | None:
    """The share of articles in `language` expected to hold the clustering key `key` (a content stem,
    a named term or a quote shingle), from wordfreq; None for a person or a language wordfreq lacks."""
    from archive.compare.story_terms import NAMED_PREFIX, QUOTE_PREFIX

    if key[0] == QUOTE_PREFIX:
        shares = [reference_share(language, w) for w in key[1:].split()]
        return None if None in shares else math.prod(shares)  # type: ignore[arg-type]
    if key[0] == NAMED_PREFIX:
        key = key[1:]
    elif not key[0].isalnum():
        return None
    table = _reference(language or "en")
    if table is None:
        return None
    freq = table.get(key)
    if freq is None:
        import wordfreq

        try:
            freq = table[key] = wordfreq.word_frequency(key, language or "en")
        except ImportError:  # Chinese and Japanese need a tokenizer wordfreq leaves optional
            _REFERENCES[language or "en"] = None
            return None
    return 1 - math.exp(-freq * DOC_WORDS)


def _reference(language: str) -> dict[str, float] | None:
    """wordfreq's frequencies of `language`, summed per clustering stem (None: no list for it)."""
    if language not in _REFERENCES:
        import wordfreq

        from archive.compare.text import content_terms

        table: dict[str, float] | None = None
        if language in wordfreq.available_languages():
            table = {}
            for word, freq in wordfreq.get_frequency_dict(language).items():
                for term in content_terms(word)[:1]:
                    table[term] = table.get(term, 0.0) + freq
        _REFERENCES[language] = table
    return _REFERENCES[language]


@contextmanager
def weights(cap: float | None = None, bar: bool = True, blend: float | None = None) -> Iterator[None]:
    """StoryIndex.idf capped at `cap` or blended toward wordfreq with pseudo-count `blend` (both None: as
    it is), the undated bar on or off, for the block."""
    from archive.compare import stories, story_similarity

    idf, diverse = stories.StoryIndex.idf, story_similarity.DIVERSE_UNDATED_SCORE
    scorer_init = story_similarity._Scorer.__init__
    if cap is not None:
        stories.StoryIndex.idf = lambda self, key: (
            1.0 + min(cap, math.log((self.n_docs + 1) / (self.df(key) + 1)))
        )
    if blend is not None:

        def init(self, sig, weight) -> None:
            index = weight.__self__  # StoryIndex.idf, bound: the archive's n and df

            def blended(key: str) -> float:
                share = reference_share(sig.language, key)
                if share is None:
                    return weight(key)
                return 1.0 + math.log((index.n_docs + blend + 1) / (index.df(key) + blend * share + 1))

            scorer_init(self, sig, blended)

        story_similarity._Scorer.__init__ = init
    if not bar:
        story_similarity.DIVERSE_UNDATED_SCORE = story_similarity.UNDATED_SCORE
    try:
        yield
    finally:
        stories.StoryIndex.idf, story_similarity.DIVERSE_UNDATED_SCORE = idf, diverse
        story_similarity._Scorer.__init__ = scorer_init


def _variants(caps: list[float], blends: list[float]) -> list[tuple[str, dict]]:
    return [
        ("archive weights", {}),
        *((f"cap {cap}", {"cap": cap}) for cap in caps),
        *((f"blend K={k:g}", {"blend": k}) for k in blends),
    ]


def convergence(n: int, caps: list[float], blends: list[float], samples: list[int]) -> None:
    from archive.compare.stories import StoryIndex

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
    pairs = [(sigs[a], sigs[b], labelled[a].event == labelled[b].event)
             for a, b in itertools.combinations(sorted(chosen), 2)]  # fmt: skip
    print(f"{SMALL} of {n} generated articles: {len(pairs)} pairs")
    for label, variant in _variants(caps, blends):
        with weights(**variant):
            print(f"  {label}: " + _moved(pairs, small.idf, large.idf, ("50", str(n))))
    others = [i for i in range(n) if i not in set(chosen)]
    for size in samples:  # (b): weights frozen on a fixed-size sample holding the scored articles
        frozen = []
        for _ in range(2):
            index = StoryIndex()
            for i in chosen + rng.sample(others, size - SMALL):
                index.add(sigs[i])
            frozen.append(index)
        print(f"  frozen sample of {size}: " + _moved(pairs, small.idf, frozen[0].idf, ("50", str(size))))
        print(f"  two frozen samples of {size}: " + _moved(pairs, frozen[0].idf, frozen[1].idf, ("A", "B")))


def _moved(pairs: list, idf_a: Callable, idf_b: Callable, names: tuple[str, str]) -> str:
    """Mean scores of `pairs` (one event / other) under two weights, and how far a pair moves."""
    from archive.compare.story_similarity import similarity

    line = []
    for kind in (True, False):
        moved, in_a, in_b = [], [], []
        for a, b, same in pairs:
            if same != kind:
                continue
            s, t = similarity(a, b, idf_a), similarity(a, b, idf_b)
            if s or t:
                moved.append(abs(t - s))
                in_a.append(s)
                in_b.append(t)
        means = f"mean {statistics.mean(in_a):.3f} ({names[0]}) {statistics.mean(in_b):.3f} ({names[1]})"
        kind_name = "one event" if kind else "other"
        line.append(f"{kind_name}: {means}, moved mean {statistics.mean(moved):.3f} max {max(moved):.3f}")
    return "; ".join(line)


def diverse(caps: list[float], blends: list[float]) -> None:
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
    for (name, variant), bar in itertools.product(_variants(caps, blends), (True, False)):
        label = f"{name}, undated bar {'on' if bar else 'off'}"
        began = time.process_time()
        with weights(**variant, bar=bar):
            groups = assign_in_order(sigs)
        ms = (time.process_time() - began) * 1000 / len(sigs)
        found = {name: groups[pk] for pk, name in seeds.items()}
        p, r = pairwise_scores(gold, found)
        sizes: dict[int, int] = {}
        for pk, group in groups.items():
            if pk not in seeds:
                sizes[group] = sizes.get(group, 0) + 1
        joined = sum(1 for pk in groups if pk not in seeds and groups[pk] in set(found.values()))
        several = sum(1 for size in sizes.values() if size > 1)
        print(f"  {label}: seeds {p:.3f}/{r:.3f}; realworld pages in a seed's story {joined}; "
              f"realworld stories of 2+ pages {several}; {ms:.2f} ms CPU/article")  # fmt: skip


def generated_quality(n: int, caps: list[float], blends: list[float]) -> None:
    from cluster_bench import quality

    for label, variant in _variants(caps, blends):
        print(f"{label}:")
        with weights(**variant):
            quality(n, 11)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--convergence", type=int, default=0, help="generated articles (0 skips)")
    parser.add_argument("--diverse", action="store_true", help="realworld pages, then the seeds")
    parser.add_argument("--cap", type=float, nargs="*", default=[])
    parser.add_argument("--sample", type=int, nargs="*", default=[], help="frozen sample sizes")
    parser.add_argument("--blend", type=float, nargs="*", default=[], help="pseudo-counts K")
    parser.add_argument("--quality", type=int, default=0, help="generated articles (0 skips)")
    parser.add_argument("--multilingual", action="store_true", help="multilingual_eval --pipeline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="weights-bench-") as data_dir:
        setup_django(data_dir, PARALLAX_INDEX_ON_SAVE="false")
        if args.multilingual:
            from multilingual_eval import evaluate_pipeline

            print(f"blend K={args.blend[0]:g}" if args.blend else "archive weights")
            with weights(blend=args.blend[0] if args.blend else None):
                evaluate_pipeline()
        if args.convergence:
            convergence(args.convergence, args.cap, args.blend, args.sample)
        if args.quality:
            generated_quality(args.quality, args.cap, args.blend)
        if args.diverse:
            diverse(args.cap, args.blend)


if __name__ == "__main__":
    main()

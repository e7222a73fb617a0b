"""How each outlet frames one story: its own words for the event, its names for the actors, whom it
quotes and whom it leaves out.

Words: weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
"Fightin' Words", section 3.5). For outlet i against the story's other outlets j, with counts y,
totals n and a prior a_w taken from the archive's word counts (scaled to PRIOR_WEIGHT pseudo-words,
a0 in all):

    delta_w = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a0 - y_jw - a_w))
    z_w = delta_w / sqrt(1 / (y_iw + a_w) + 1 / (y_jw + a_w))

The prior shrinks words the archive rarely sees, so a word one outlet used once does not outrank
"regime" written five times where the others wrote "government". Terms are content stems and pairs
of adjacent content words (archive.compare.text), shown as the outlet wrote them. Plain Python.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from archive.compare.text import content_pairs

# Pseudo-words the archive's prior adds to each side (a0): large enough that a word the archive
# rarely sees gains little from one outlet's two uses, small enough that a story of a few articles
# per outlet still shows its real difference (at 500, three uses of "regime" against none scored
# z 0.65 in tests/test_framing.py's archive; at 100, 1.3).
PRIOR_WEIGHT = 100.0
# Prior share given to a word the archive has never seen (the prior then adds PRIOR_WEIGHT * this).
UNSEEN_SHARE = 1e-5
# A term sets an outlet apart when its z-score passes this and the outlet used it at least
# MIN_COUNT times. A story holds a few articles per outlet, so the bar is descriptive (one standard
# error), not the 1.96 of a test over a whole corpus.
MIN_Z = 1.0
MIN_COUNT = 2
# Terms kept per outlet.
MAX_TERMS = 10


@dataclass(frozen=True)
class OutletCoverage:
    """What one outlet published on the story: its texts, the spellings it gave each person
    (person -> forms) and the people it quoted."""

    outlet: str
    texts: tuple[str, ...]
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    quoted: frozenset[str] = frozenset()


@dataclass(frozen=True)
class FramingTerm:
    term: str  # the stem (or stem pair) counted
    shown: str  # as the outlet wrote it most often
    count: int  # in this outlet
    others: int  # in the story's other outlets
    z: float


@dataclass(frozen=True)
class OutletFraming:
    outlet: str
    terms: tuple[FramingTerm, ...]
    # (person, the name this outlet gives them) where the outlets' names for that person differ
    names: tuple[tuple[str, str], ...]
    quoted: tuple[str, ...]
    # people another outlet quoted and this one did not
    leaves_out: tuple[str, ...]
    # how many times as many words the other outlets wrote (a term's counts are compared as rates)
    others_wrote: float = 0.0

    @property
    def lengths(self) -> str:
        """How much the other outlets wrote beside this one, said plainly: its terms' counts are
        compared as shares of what each wrote, so "9 here, 10 in the others" can set it apart."""
        if self.others_wrote >= 1.5:
            return f"The other outlets wrote {self.others_wrote:.1f} times as much as it did."
        if 0 < self.others_wrote <= 1 / 1.5:
            return f"It wrote {1 / self.others_wrote:.1f} times as much as the other outlets."
        return "It wrote about as much as the other outlets."


def term_counts(text: str) -> tuple[Counter[str], dict[str, Counter[str]]]:
    """(count of each content stem and adjacent stem pair, how each was written) for one text."""
    pairs = content_pairs(text)
    counts: Counter[str] = Counter()
    shown: dict[str, Counter[str]] = {}
    for i, (stem, word) in enumerate(pairs):
        counts[stem] += 1
        shown.setdefault(stem, Counter())[word] += 1
        if i + 1 < len(pairs):
            pair = f"{stem} {pairs[i + 1][0]}"
            counts[pair] += 1
            shown.setdefault(pair, Counter())[f"{word} {pairs[i + 1][1]}"] += 1
    return counts, shown


def prior_counts(texts: Iterable[str]) -> Counter[str]:
    """The archive's term counts, for `frame_story`'s prior (a sample of articles is plenty)."""
    total: Counter[str] = Counter()
    for text in texts:
        # The counts of term_counts without how each term was written (a Counter per term: 3x slower).
        stems = [stem for stem, _ in content_pairs(text)]
        total.update(stems)
        total.update(f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False))
    return total


def frame_story(coverage: Sequence[OutletCoverage], prior: Mapping[str, float]) -> tuple[OutletFraming, ...]:
    """Each outlet's framing of the story, in the order given. One outlet alone has nothing to be
    set apart from: its terms are empty."""
    counts, shown = [], []
    for outlet in coverage:
        c: Counter[str] = Counter()
        s: dict[str, Counter[str]] = {}
        for text in outlet.texts:
            tc, ts = term_counts(text)
            c.update(tc)
            for term, forms in ts.items():
                s.setdefault(term, Counter()).update(forms)
        counts.append(c)
        shown.append(s)
    prior_total = sum(prior.values()) or 1.0
    story_total = sum(counts, Counter())
    out = []
    for i, outlet in enumerate(coverage):
        others = story_total - counts[i]
        terms = _distinctive(counts[i], others, prior, prior_total, shown[i]) if len(coverage) > 1 else ()
        quoted = tuple(sorted(outlet.quoted))
        scale = sum(others.values()) / max(1, sum(counts[i].values()))
        out.append(
            OutletFraming(outlet.outlet, terms, _names(coverage, i), quoted, _left_out(coverage, i), scale)
        )
    return tuple(out)


def _distinctive(
    own: Counter[str],
    others: Counter[str],
    prior: Mapping[str, float],
    prior_total: float,
    shown: Mapping[str, Counter[str]],
) -> tuple[FramingTerm, ...]:
    n_i, n_j = sum(own.values()), sum(others.values())
    a0 = PRIOR_WEIGHT
    scored = []
    for term, y_i in own.items():
        if y_i < MIN_COUNT:
            continue
        y_j = others.get(term, 0)
        a_w = a0 * max(prior.get(term, 0.0) / prior_total, UNSEEN_SHARE)
        own_odds = (y_i + a_w) / (n_i + a0 - y_i - a_w)
        delta = math.log(own_odds) - math.log((y_j + a_w) / (n_j + a0 - y_j - a_w))
        z = delta / math.sqrt(1 / (y_i + a_w) + 1 / (y_j + a_w))
        if z >= MIN_Z:
            scored.append(FramingTerm(term, shown[term].most_common(1)[0][0], y_i, y_j, round(z, 2)))
    scored.sort(key=lambda t: (-t.z, t.term))
    # A pair and its own words say one thing: keep a word only when no kept pair holds it.
    kept: list[FramingTerm] = []
    for term in scored:
        if " " not in term.term and any(term.term in k.term.split() for k in kept):
            continue
        kept.append(term)
    return tuple(kept[:MAX_TERMS])


def _main_form(forms: Sequence[str]) -> str:
    return Counter(forms).most_common(1)[0][0] if forms else ""


def _names(coverage: Sequence[OutletCoverage], i: int) -> tuple[tuple[str, str], ...]:
    """The outlet's main name for each person whom the outlets name differently."""
    out = []
    for person, forms in sorted(coverage[i].names.items()):
        mine = _main_form(forms)
        others = [o.names[person] for j, o in enumerate(coverage) if j != i and person in o.names]
        theirs = {_main_form(forms) for forms in others}
        if mine and theirs and theirs != {mine}:
            out.append((person, mine))
    return tuple(out)


def _left_out(coverage: Sequence[OutletCoverage], i: int) -> tuple[str, ...]:
    quoted_elsewhere = set().union(*(o.quoted for j, o in enumerate(coverage) if j != i))
    return tuple(sorted(quoted_elsewhere - coverage[i].quoted))

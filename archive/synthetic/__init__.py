"""Synthetic archives for benchmarks and tests: seeded generators of made-up news (plain Python).

corpus.py builds articles with a realistic vocabulary, people and outlets (for the search benches and
`generate_corpus`); events.py builds events told by several outlets, with the gold event of each
article (for story clustering's evaluation). Nothing in the engine or the glue imports this package:
it is the benchmarks' side, kept importable from archive/ so commands and tests can use it.
"""

from __future__ import annotations

# Made-up syllables, combined into the names of synthetic places, people and things. The one list
# of them: every generator (and the tests' fixtures) draws from it.
SYLLABLES = tuple(
    "ka lo mi ra ten vor sel an dri pul mer cas ti no ber gul fa sen dor ive ate ion".split()  # noqa: SIM905
)

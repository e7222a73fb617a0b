"""Time parse_document on one large page with and without an outlet registry.

Run from the repository root, niced (the machine is shared):

    nice -n 10 .venv/bin/python bench/parse_bench.py [--mb 1] [--outlets 0 500] [--repeat 3]

The page is plain text of seeded generated words (paragraphs of sentences, a headline and a date),
about `--mb` megabytes, naming a few of the registered outlets in its running text ("... told the
Eastmoor Courier") as articles quoting other outlets do. The registry holds `--outlets` generated
outlets, each with a name, initials and a domain, as the importer passes them to the parser. Prints
the best and median wall time and the best CPU time of `--repeat` parses for each registry size
(CPU time is the steadier figure on a shared machine): the bound a hostile or
careless upload of one large file puts on a worker.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.ingest.article import SourceRef  # noqa: E402
from archive.ingest.parsing import parse_document  # noqa: E402

SYLLABLES = ("ka", "lo", "mer", "dan", "ti", "vel", "ros", "sa", "ne", "bru", "ok", "fen", "ha", "ri", "mon")
OUTLET_ENDS = ("Courier", "Herald", "Gazette", "Times", "Post", "Ledger", "Chronicle", "Observer")


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))


def outlets(count: int, rng: random.Random) -> list[SourceRef]:
    refs, seen = [], set()
    while len(refs) < count:
        place = word(rng).capitalize() + word(rng)
        name = f"The {place} {rng.choice(OUTLET_ENDS)}"
        if name in seen:
            continue
        seen.add(name)
        initials = "".join(w[0] for w in name.split()).upper()
        refs.append(SourceRef(name, aliases=(initials,), domains=(f"{place.lower()}.example",)))
    return refs


def page(megabytes: float, named: list[SourceRef], rng: random.Random) -> bytes:
    paragraphs, size = ["Council weighs harbour plan", "12 March 2021"], 0
    while size < megabytes * 1024 * 1024:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            words = [word(rng) for _ in range(rng.randint(8, 20))]
            if named and rng.random() < 0.05:
                words += ["told", named[rng.randrange(len(named))].name]
            sentences.append(" ".join(words).capitalize() + ".")
        paragraphs.append(" ".join(sentences))
        size += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--outlets", type=int, nargs="+", default=[0, 500])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    registry = outlets(max(args.outlets), rng)
    data = page(args.mb, registry[:5], rng)
    print(f"page: {len(data) / 1024 / 1024:.2f} MB of text")
    # An untimed small page first: the first parse loads the language model (about 2 s).
    parse_document(page(0.01, [], random.Random(0)), filename="small.txt")
    for count in args.outlets:
        times, cpu = [], []
        for _ in range(args.repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            article = parse_document(data, filename="big.txt", sources=registry[:count])
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        found = article.source_name or "-"
        print(
            f"{count:>5} outlets: best {min(times):.2f} s, median {statistics.median(times):.2f} s wall; "
            f"best {min(cpu):.2f} s CPU (source: {found})"
        )


if __name__ == "__main__":
    main()

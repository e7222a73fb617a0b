"""Do both search engines give the same totals? Many queries drawn from the corpus, each run on Whoosh
and on PostgreSQL over ONE corpus (the one search_bench.py --both builds), and every query whose totals
differ printed with both totals.

    .venv/bin/python bench/search_parity.py --size 100000   # after search_bench.py --both --size 100000

The queries come from a seeded sample of articles: a word of the body, two- and three-word phrases
from it (often with a common word), two words, a prefix, OR, a negation, `title:`, a phrase from the
title's last word into the subtitle or body (no engine may find it across the parts), and people's
and outlets' names. Each search gets a deadline long enough that no cap cuts it short; a notice is
printed where one still applies. The behaviour suite (tests/test_search_backend.py) holds the rules
on hand-written articles; this finds where they do not hold on many.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
from pathlib import Path

from _django import ROOT, setup_django

SAMPLE = 40  # articles the queries come from
DEADLINE = 120.0  # seconds: long enough that only a cap, never the clock, cuts a search


def _words(text: str) -> list[str]:
    return [w for w in (w.strip(".,;:!?\"'()").lower() for w in text.split()) if w]


def queries(seed: int) -> list[str]:
    from archive.models import Article, Person, Source

    rnd = random.Random(seed)
    ids = sorted(Article.objects.values_list("id", flat=True))
    chosen = rnd.sample(ids, min(SAMPLE, len(ids)))
    found: list[str] = []
    rows = Article.objects.filter(id__in=chosen).values_list("title", "subtitle", "body")
    for title, subtitle, body in rows:
        words, heading = _words(body), _words(title) or ["x"]
        if len(words) < 4:
            continue
        i = rnd.randrange(len(words) - 3)
        a, b, c, d = words[i : i + 4]
        found += [a, f'"{a} {b}"', f'"{a} {b} {c}"', f"{a} {d}", f"{a[:4]}*"]
        found += [f"{a} OR {heading[0]}", f"{a} -{b}"]
        found += [f"title:{heading[0]}", f'"{heading[-1]} {words[0]}"']
        if subtitle:
            found += [f'"{_words(subtitle)[-1]} {words[0]}"', f'"{heading[-1]} {_words(subtitle)[0]}"']
    people = Person.objects.filter(not_a_person=False).order_by("id").values_list("name", flat=True)
    for name in rnd.sample(list(people), min(6, people.count())):
        found += [f"person:{name.split()[-1]}", f'person:"{name}"', name]
    sources = Source.objects.order_by("id").values_list("name", flat=True)
    found += [f'source:"{name}"' for name in rnd.sample(list(sources), min(3, sources.count()))]
    return list(dict.fromkeys(found))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--data", help="the Whoosh index's archive folder (default var/bench-pg-<size>)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    data = Path(args.data or ROOT / "var" / f"bench-pg-{args.size}").resolve()
    url = os.environ.get("DATABASE_URL") or f"postgres://postgres@127.0.0.1:5432/parallax_bench_{args.size}"
    os.environ["PARALLAX_INDEX_ON_SAVE"] = "false"
    setup_django(data, DATABASE_URL=url, ALLOWED_HOSTS="testserver")
    from search_both import _use

    import archive.search.backends.base as base
    from archive.search import get_backend
    from archive.search.backend import SearchRequest
    from archive.search.query import parse_query

    base.Budget = functools.partial(base.Budget, seconds=DEADLINE)
    asked = queries(args.seed)
    differ = 0
    for text in asked:
        totals = []
        for name in ("whoosh", "postgres"):
            _use(name)
            page = get_backend().search(SearchRequest(parse_query(text), facets=False))
            totals.append(page.total)
            for notice in page.notices:
                print(f"  notice on {name} for {text!r}: {notice}")
        if totals[0] != totals[1]:
            differ += 1
            print(f"differ {text!r}: whoosh {totals[0]}, postgres {totals[1]}", flush=True)
    print(f"{len(asked)} queries from {SAMPLE} articles (seed {args.seed}): {differ} differ")


if __name__ == "__main__":
    main()

"""Cross-language stories and people in every script, on the labelled set in bench/multilingual/.

Run from the repository root:

    nice -n 10 .venv/bin/python bench/multilingual_eval.py [--generated 600]

bench/multilingual/events.json holds short reports written for this benchmark (not copied from
anywhere): five events, each told in English, Russian, Arabic and German (two also in French), the
same two ministers at three of them (two days apart, a day apart at another place, two weeks apart).

People: the archive is taken to know the people of the English reports (it read them first) plus
DISTRACTORS, public figures who share a given name or a surname with them; the non-English reports'
people are found by archive.ingest.multilingual_people and compared with the truth by the
cross-script key (archive.ingest.transliteration.sound_key of each word), precision and recall
over (article, person) pairs.

Stories: each article's fingerprint (archive.compare.event_evidence) with the people found in it,
assigned one by one in date order as ingest does (joins the story of the best-scoring earlier article
at or above CROSS_LANGUAGE_SCORE); pairwise precision and recall over pairs of articles in different
languages, and over all pairs. --generated N: the same score alone (as if every pair crossed
languages) on N articles of the English event generator (archive/synthetic/events.py), so the
threshold is not chosen on the hand-written set alone.

--pipeline: the real pipeline instead of the plain functions: every text is stored as an HTML page
(its date in article:published_time) and imported through the importer into a throw-away archive
with NER on (spaCy for English, archive.ingest.multilingual_people for the rest), the English reports
first (the archive knows their people), the others in date order; the stories and the people are
then read from the database (Article.story, Mention -> Person), so the story index, the cross-language
rule and person resolution across scripts are all measured as an upload runs them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _django import setup_django  # noqa: E402  (bench/ is on sys.path when a bench runs)

from archive.compare.evaluation import pairwise_scores  # noqa: E402
from archive.compare.event_evidence import (  # noqa: E402
    CROSS_LANGUAGE_SCORE,
    Fingerprint,
    cross_language_similarity,
    fingerprint,
)
from archive.ingest.multilingual_people import find_people  # noqa: E402
from archive.ingest.namekeys import key_words  # noqa: E402
from archive.ingest.transliteration import sound_key  # noqa: E402

EVENTS = ROOT / "bench" / "multilingual" / "events.json"
# People the archive knows besides those of the English reports: the same given names or surnames.
DISTRACTORS = (
    "Sergei Shoigu", "Sergey Ryabkov", "John Kirby", "John McCain", "Kerry Kennedy", "Vladimir Zelensky",
    "Dmitry Medvedev", "Maria Sharapova", "Angela Rayner", "Adel Abdul Mahdi", "Staffan Lofven",
    "Mikhail Lavrentiev", "Ali Larijani", "Hassan Rouhani", "Bashar al-Assad", "Walid Muallem",
)  # fmt: skip


def person_key(name: str) -> str:
    """One key for a name in any spelling: the sound keys of its words."""
    return " ".join(sound_key(w) for w in key_words(name))


def assign(fingerprints: dict[str, Fingerprint], threshold: float) -> dict[str, str]:
    """Incremental assignment in date order: each article joins the story of its best earlier match."""
    order = sorted(fingerprints, key=lambda k: (fingerprints[k].published or dt.date.max, k))
    story: dict[str, str] = {}
    for i, key in enumerate(order):
        best, best_score = None, threshold
        for other in order[:i]:
            score = cross_language_similarity(fingerprints[key], fingerprints[other])
            if score >= best_score:
                best, best_score = other, score
        story[key] = story[best] if best is not None else key
    return story


def evaluate_set() -> None:
    articles = json.loads(EVENTS.read_text(encoding="utf-8"))["articles"]
    known = {p for a in articles if a["language"] == "en" for p in a["people"]} | set(DISTRACTORS)
    truth_pairs, found_pairs = set(), set()
    fingerprints = {}
    start = time.perf_counter()
    for a in articles:
        found = find_people(a["text"], known, a["language"])
        keys = {person_key(m.name) for m in found}
        if a["language"] != "en":
            truth_pairs |= {(a["id"], person_key(p)) for p in a["people"]}
            found_pairs |= {(a["id"], k) for k in keys}
        forms = [f for m in found for f in m.forms]
        published = dt.date.fromisoformat(a["published"])
        fingerprints[a["id"]] = fingerprint(a["text"], a["language"], published, keys, forms)
    elapsed = (time.perf_counter() - start) / len(articles) * 1000
    hits = len(truth_pairs & found_pairs)
    languages = len({a["language"] for a in articles})
    print(f"{len(articles)} articles in {languages} languages; {elapsed:.1f} ms/article")
    print(
        f"people on non-English articles: precision {hits / max(1, len(found_pairs)):.3f} "
        f"recall {hits / max(1, len(truth_pairs)):.3f} ({hits} of {len(truth_pairs)} found, "
        f"{len(found_pairs) - hits} wrong)"
    )
    for pair in sorted(found_pairs - truth_pairs):
        print("  wrong:", *pair)
    for pair in sorted(truth_pairs - found_pairs):
        print("  missed:", *pair)
    gold = {a["id"]: a["event"] for a in articles}
    language = {a["id"]: a["language"] for a in articles}
    predicted = assign(fingerprints, CROSS_LANGUAGE_SCORE)
    p_all, r_all = pairwise_scores(gold, predicted)
    cross = _cross_language_scores(gold, predicted, language)
    print(f"stories at {CROSS_LANGUAGE_SCORE}: cross-language pairs ", end="")
    print(f"precision {cross[0]:.3f} recall {cross[1]:.3f}")
    print(f"  all pairs precision {p_all:.3f} recall {r_all:.3f}")
    same = [
        cross_language_similarity(fingerprints[x], fingerprints[y])
        for x in gold
        for y in gold
        if x < y and gold[x] == gold[y] and language[x] != language[y]
    ]
    other = [
        cross_language_similarity(fingerprints[x], fingerprints[y])
        for x in gold
        for y in gold
        if x < y and gold[x] != gold[y]
    ]
    print(f"  scores: one event min {min(same):.2f}; different events max {max(other):.2f}")


def evaluate_pipeline() -> None:
    """The set through the importer and the story index; figures read back from the database."""
    from archive.importing.importer import import_files
    from archive.models import Article, Mention

    articles = json.loads(EVENTS.read_text(encoding="utf-8"))["articles"]
    order = sorted(articles, key=lambda a: (a["language"] != "en", a["published"], a["id"]))
    pk_of = {}
    start = time.perf_counter()
    for a in order:
        title, _, body = a["text"].partition("\n\n")
        page = (
            f'<html lang="{a["language"]}"><head><title>{title}</title><meta property='
            f'"article:published_time" content="{a["published"]}T12:00:00Z"></head><body><article>'
            f"<h1>{title}</h1><p>{body}</p></article></body></html>"
        )
        [result] = import_files([(f"{a['id']}.html", page.encode())])
        pk_of[a["id"]] = result.article
    elapsed = (time.perf_counter() - start) / len(articles) * 1000
    rows = dict(Article.objects.filter(pk__in=pk_of.values()).values_list("pk", "story_id"))
    predicted = {key: rows[pk] for key, pk in pk_of.items()}
    gold = {a["id"]: a["event"] for a in articles}
    language = {a["id"]: a["language"] for a in articles}
    truth_pairs, found_pairs = set(), set()
    for a in articles:
        if a["language"] == "en":
            continue
        truth_pairs |= {(a["id"], person_key(p)) for p in a["people"]}
        names = Mention.objects.filter(article_id=pk_of[a["id"]], person__not_a_person=False)
        found_pairs |= {(a["id"], person_key(n)) for n in names.values_list("person__name", flat=True)}
    hits = len(truth_pairs & found_pairs)
    print(f"pipeline: {len(articles)} articles imported, {elapsed:.0f} ms/article (NER, index, stories)")
    print(
        f"  people on non-English articles, resolved to the English spelling's person: precision "
        f"{hits / max(1, len(found_pairs)):.3f} recall {hits / max(1, len(truth_pairs)):.3f} "
        f"({hits} of {len(truth_pairs)}, {len(found_pairs) - hits} wrong)"
    )
    for pair in sorted(found_pairs - truth_pairs):
        print("    wrong:", *pair)
    for pair in sorted(truth_pairs - found_pairs):
        print("    missed:", *pair)
    cross = _cross_language_scores(gold, predicted, language)
    p_all, r_all = pairwise_scores(gold, predicted)
    print(f"  stories: cross-language pairs precision {cross[0]:.3f} recall {cross[1]:.3f}; ", end="")
    print(f"all pairs {p_all:.3f}/{r_all:.3f}")
    for event in sorted(set(gold.values())):
        print(f"    {event}:", " ".join(f"{k}={predicted[k]}" for k in sorted(gold) if gold[k] == event))


def _cross_language_scores(gold: dict, predicted: dict, language: dict) -> tuple[float, float]:
    def pairs(labels: dict) -> set:
        return {
            (x, y)
            for x in labels
            for y in labels
            if x < y and labels[x] == labels[y] and language[x] != language[y]
        }

    g, p = pairs(gold), pairs(predicted)
    return (len(g & p) / len(p) if p else 1.0, len(g & p) / len(g) if g else 1.0)


def evaluate_generated(n: int) -> None:
    """The score alone on the English event generator, every pair treated as crossing languages."""
    from archive.synthetic.events import generate_events

    labelled = generate_events(n)
    fingerprints, gold, cases = {}, {}, {}
    for item in labelled:
        a = item.article
        key = str(a.number)
        names = [name for name, _ in a.people]
        people = {person_key(name) for name in names}
        fingerprints[key] = fingerprint(f"{a.title}\n\n{a.body}", "en", a.published, people, names)
        gold[key], cases[key] = item.event, item.case
    predicted = assign(fingerprints, CROSS_LANGUAGE_SCORE)
    p, r = pairwise_scores(gold, predicted)
    print(f"generated English events ({len(labelled)} articles), cross-language score alone: ", end="")
    print(f"all {p:.3f}/{r:.3f}")
    for case in sorted(set(cases.values())):
        only = {k for k, c in cases.items() if c == case}
        cp, cr = pairwise_scores(gold, predicted, only)
        print(f"  {case}: {cp:.3f}/{cr:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=600, help="generated English articles (0 skips)")
    parser.add_argument("--pipeline", action="store_true", help="only the set through the importer")
    args = parser.parse_args()
    if args.pipeline:
        with tempfile.TemporaryDirectory(prefix="multilingual-pipeline-") as data_dir:
            setup_django(data_dir, PARALLAX_INDEX_ON_SAVE="false", PARALLAX_NER="true")
            evaluate_pipeline()
        return
    evaluate_set()
    if args.generated:
        with tempfile.TemporaryDirectory(prefix="multilingual-eval-") as data_dir:
            setup_django(data_dir, PARALLAX_INDEX_ON_SAVE="false")  # the generator imports archive.search
            evaluate_generated(args.generated)


if __name__ == "__main__":
    main()

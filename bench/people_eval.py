"""People found in labelled news texts: Parallax's rules beside raw spaCy on the same text.

    .venv/bin/python bench/people_eval.py [FOLDER ...]

FOLDER defaults to bench/people_wire (wire copy written for issue 20: people named only in the
headline, a standfirst, a sign-off or as a bare surname after a full mention) and
tests/fixtures/people_eval (ordinary news written for issue 7). Each file is read by the real
parser (archive.ingest.parsing.parse_document); then, document level and by surname key as
bench/extraction_eval.py scores people:

- "body only": Parallax's rules on the stored body (how people were looked for before issue 20);
- "people text": Parallax's rules on archive.ingest.people.people_text (headline, standfirst, body,
  sign-off; credits blanked);
- "raw spaCy": every PERSON span the model finds in that same people text, no rules;
- the PERSON spans the rules drop: how many were gold people (a recall loss) and how many were not
  (a precision gain). A rule that drops a span is kept only when it drops more wrong names than right.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.ingest.namekeys import surname_key  # noqa: E402
from archive.ingest.parsing import parse_document  # noqa: E402
from archive.ingest.people import extract_people_batch, headline_end, people_text  # noqa: E402
from archive.ingest.ruler import get_nlp  # noqa: E402

DEFAULT_FOLDERS = (ROOT / "bench" / "people_wire", ROOT / "tests" / "fixtures" / "people_eval")


@dataclass
class Score:
    found: int = 0
    right: int = 0
    gold: int = 0
    gold_found: int = 0

    def add(self, found: set[str], gold: list[set[str]], optional: set[str]) -> None:
        found = found - optional
        every = set().union(*gold) if gold else set()
        self.found += len(found)
        self.right += len(found & every)
        self.gold += len(gold)
        self.gold_found += sum(bool(keys & found) for keys in gold)

    def row(self) -> str:
        p = self.right / self.found if self.found else 0.0
        r = self.gold_found / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"{p:.3f} | {r:.3f} | {f:.3f} | {self.right}/{self.found} | {self.gold_found}/{self.gold}"


def evaluate(folder: Path) -> dict[str, object]:
    pages = json.loads((folder / "truth.json").read_text(encoding="utf-8"))["pages"]
    articles = [parse_document((folder / p["file"]).read_bytes(), filename=p["file"]) for p in pages]
    texts = [people_text(a) for a in articles]
    old = extract_people_batch([a.body for a in articles])
    new = extract_people_batch(texts, headline_ends=[headline_end(a) for a in articles])
    scores = {"body only": Score(), "people text": Score(), "raw spaCy": Score()}
    dropped_gold, dropped_other, misses, wrong = 0, 0, [], []
    for page, before, after, doc in zip(pages, old, new, get_nlp(()).pipe(texts), strict=True):
        gold = [{surname_key(s) for s in ([p] if isinstance(p, str) else p)} for p in page["people"]]
        every = set().union(*gold) if gold else set()
        optional = {surname_key(s) for s in page.get("people_optional") or ()}
        raw = {surname_key(e.text) for e in doc.ents if e.label_ == "PERSON"} - {""}
        ours = {surname_key(m.name) for m in after}
        scores["body only"].add({surname_key(m.name) for m in before}, gold, optional)
        scores["people text"].add(ours, gold, optional)
        scores["raw spaCy"].add(raw, gold, optional)
        for key in raw - ours - optional:
            if key in every:
                dropped_gold += 1
            else:
                dropped_other += 1
        misses += [f"{page['id']}: {sorted(k)[0]}" for k in gold if not k & ours]
        wrong += [f"{page['id']}: {k}" for k in ours - every - optional]
    return {
        "scores": scores,
        "dropped": (dropped_gold, dropped_other),
        "misses": misses,
        "wrong": wrong,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    args = parser.parse_args()
    for folder in args.folders or DEFAULT_FOLDERS:
        result = evaluate(folder)
        print(f"\n## {folder.name}\n| reading | precision | recall | F1 | right/found | gold found |")
        print("|---|---|---|---|---|---|")
        for name, score in result["scores"].items():
            print(f"| {name} | {score.row()} |")
        gold, other = result["dropped"]
        print(f"\nspaCy PERSON names the rules drop: {gold} gold people, {other} not people")
        print("missed:", ", ".join(result["misses"]) or "-")
        print("wrong:", ", ".join(result["wrong"]) or "-")


if __name__ == "__main__":
    main()

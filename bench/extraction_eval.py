"""How well Parallax reads real pages: ingest labelled folders into a throw-away archive through the
real pipeline and score what it stored against the folders' annotations, beside trafilatura and
htmldate run alone on the same HTML.

    .venv/bin/python bench/extraction_eval.py [FOLDER ...] [--limit N] [--json FILE] [--no-baseline]
                                              [--as-mirror]

FOLDER defaults to ../shared/realworld and ../shared/seeds (env PARALLAX_REALWORLD, PARALLAX_SEEDS).
A folder is labelled either by `truth.json` ({"pages": [{"id", "file", "title", "date", "snippets_with",
"snippets_without", "people", "story", "body"}]}) or by the seeds' `expected.json`. What is scored:

- refused: files the pipeline would not store, with their reasons;
- headline: exact match after whitespace is normalised and invisible characters (soft hyphens) are
  taken out (pages with an annotated title);
- date: right / wrong / missing on pages that state one; invented on pages that state none;
- body: share of "with" snippets found and of "without" snippets kept out; token precision, recall
  and F1 where a reference body exists;
- people: document-level precision / recall / F1 where gold people exist, a gold person matched by
  surname (any of their spellings);
- stories: pairwise precision / recall of the stories Parallax formed against gold story labels;
- outlets (where `realworld_outlets.json` beside this file names them): the outlet's name exact (case
  and whitespace folded; any of the names the page itself uses), pages whose registered domain is split
  into more outlets than the page truth has, outlets named by a URL, a headline, a section path, a legal
  form or a social-media profile, and pages stored with no outlet;
- seconds per page for the whole ingest (parsing, NER, storing, clustering, indexing).

Each page is uploaded alone under its own file name, so it says all Parallax knows of it. With
--as-mirror a page whose truth has a `url` is uploaded inside a folder named for that URL's host, as a
crawler's mirror lays pages out (`www.example.de/page.html`): a second reading, for the upload folder's
host (archive.ingest.domains.host_in_path), never the headline figure.

Figures, not pass/fail: tests/test_extraction_eval.py runs `evaluate` on a small sample with floors.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT, ROOT / "bench"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

# Files handed to one import_files() call, as `manage.py ingest` batches them.
BATCH_SIZE = 256
# Hand-written outlet truth per labelled folder (bench/realworld_outlets.json says how it was made).
OUTLETS_TRUTH = {"realworld": ROOT / "bench" / "realworld_outlets.json"}


@dataclass(frozen=True)
class LabelledPage:
    """One annotated page. `date` is "YYYY-MM-DD", "none" (the page states no date) or None (not
    scored); `people` holds one tuple of spellings per gold person, None where not annotated."""

    set_name: str
    id: str
    path: Path
    title: str | None = None
    date: str | None = None
    snippets_with: tuple[str, ...] = ()
    snippets_without: tuple[str, ...] = ()
    people: tuple[tuple[str, ...], ...] | None = None
    people_optional: tuple[str, ...] = ()
    story: str | None = None
    body: str | None = None
    outlet: tuple[str, ...] | None = None  # the outlet's names as the page states them (first preferred)
    url: str | None = None  # where the page was crawled from (its registered domain groups outlets)

    @property
    def is_html(self) -> bool:
        return self.upload_name.lower().endswith((".html", ".htm"))

    @property
    def upload_name(self) -> str:
        return self.path.name.removesuffix(".gz")

    def read(self) -> bytes:
        data = self.path.read_bytes()
        return gzip.decompress(data) if self.path.name.endswith(".gz") else data


@dataclass(frozen=True)
class Reading:
    """What one extractor read off one page (None everywhere for a refused page)."""

    refused: str | None = None
    title: str | None = None
    date: str | None = None
    body: str | None = None
    people: tuple[str, ...] | None = None
    story: int | None = None
    outlet: str | None = None


@dataclass
class Scores:
    """Running totals for one set and one extractor."""

    pages: int = 0
    refused: Counter = field(default_factory=Counter)
    titles: int = 0
    titles_right: int = 0
    dated: int = 0
    date_right: int = 0
    date_wrong: int = 0
    date_missing: int = 0
    undated: int = 0
    date_invented: int = 0
    with_total: int = 0
    with_found: int = 0
    without_total: int = 0
    without_kept_out: int = 0
    body_prf: list[tuple[float, float, float]] = field(default_factory=list)
    people_found: int = 0
    people_found_right: int = 0
    people_gold: int = 0
    people_gold_found: int = 0
    story_pairs: Counter = field(default_factory=Counter)
    outlets: int = 0
    outlets_right: int = 0
    outlet_kinds: Counter = field(default_factory=Counter)
    outlets_split: int = 0
    seconds: float = 0.0

    def add(self, page: LabelledPage, reading: Reading) -> None:
        self.pages += 1
        if reading.refused:
            self.refused[_reason_shape(reading.refused)] += 1
        if page.title:
            self.titles += 1
            self.titles_right += _fold_space(reading.title or "") == _fold_space(page.title)
        self._add_date(page.date, reading.date)
        body = _fold_space(reading.body or "")
        self.with_total += len(page.snippets_with)
        self.with_found += sum(_fold_space(s) in body for s in page.snippets_with)
        self.without_total += len(page.snippets_without)
        self.without_kept_out += sum(_fold_space(s) not in body for s in page.snippets_without)
        if page.body is not None:
            self.body_prf.append(token_prf(reading.body or "", page.body))
        if page.people is not None and reading.people is not None:
            self._add_people(page, reading.people)
        if page.outlet is not None and not reading.refused:
            self._add_outlet(page, reading)

    def _add_outlet(self, page: LabelledPage, reading: Reading) -> None:
        names = {_fold_name(n) for n in page.outlet or ()}
        if names:
            self.outlets += 1
            self.outlets_right += _fold_name(reading.outlet or "") in names
        for kind in outlet_faults(reading.outlet, page, headline=reading.title):
            self.outlet_kinds[kind] += 1

    def _add_date(self, gold: str | None, found: str | None) -> None:
        if gold == "none":
            self.undated += 1
            self.date_invented += found is not None
        elif gold:
            self.dated += 1
            if found is None:
                self.date_missing += 1
            elif found == gold:
                self.date_right += 1
            else:
                self.date_wrong += 1

    def _add_people(self, page: LabelledPage, found: Sequence[str]) -> None:
        gold_keys = [{surname_key(s) for s in spellings} for spellings in page.people or ()]
        optional = {surname_key(s) for s in page.people_optional}
        all_gold = set().union(*gold_keys) if gold_keys else set()
        found_keys = [surname_key(name) for name in found]
        scored = [k for k in found_keys if k not in optional or k in all_gold]
        self.people_found += len(scored)
        self.people_found_right += sum(k in all_gold for k in scored)
        self.people_gold += len(gold_keys)
        self.people_gold_found += sum(bool(keys & set(found_keys)) for keys in gold_keys)

    def as_dict(self) -> dict:
        prec = _ratio(self.people_found_right, self.people_found)
        rec = _ratio(self.people_gold_found, self.people_gold)
        pairs = self.story_pairs
        body = (
            [sum(col) / len(self.body_prf) for col in zip(*self.body_prf, strict=True)]
            if self.body_prf
            else None
        )
        return {
            "pages": self.pages,
            "refused": sum(self.refused.values()),
            "refused_share": _ratio(sum(self.refused.values()), self.pages),
            "refused_reasons": dict(self.refused.most_common()),
            "headline_exact": _ratio(self.titles_right, self.titles),
            "headlines_annotated": self.titles,
            "dated": self.dated,
            "date_right": self.date_right,
            "date_wrong": self.date_wrong,
            "date_missing": self.date_missing,
            "date_right_share": _ratio(self.date_right, self.dated),
            "date_wrong_share": _ratio(self.date_wrong, self.dated),
            "undated": self.undated,
            "date_invented": self.date_invented,
            "snippets_with": _ratio(self.with_found, self.with_total),
            "snippets_without": _ratio(self.without_kept_out, self.without_total),
            "body_precision_recall_f1": body,
            "people_precision": prec,
            "people_recall": rec,
            "people_f1": _f1(prec, rec),
            "story_precision": _ratio(pairs["tp"], pairs["tp"] + pairs["fp"]),
            "story_recall": _ratio(pairs["tp"], pairs["tp"] + pairs["fn"]),
            "outlet_exact": _ratio(self.outlets_right, self.outlets),
            "outlets_split": self.outlets_split if self.outlets else None,
            **{f"outlet_{kind}": self.outlet_kinds[kind] if self.outlets else None for kind in OUTLET_FAULTS},
            "seconds_per_page": self.seconds / self.pages if self.pages else None,
        }


# --- labelled folders ---------------------------------------------------------------------------


def load_set(folder: Path) -> list[LabelledPage]:
    """The annotated pages of a folder labelled by truth.json or by the seeds' expected.json."""
    folder = Path(folder)
    if (folder / "truth.json").exists():
        return _load_truth(folder)
    if (folder / "expected.json").exists():
        return _load_expected(folder)
    raise SystemExit(f"{folder}: no truth.json or expected.json")


def _load_truth(folder: Path) -> list[LabelledPage]:
    data = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    outlets = load_outlets(OUTLETS_TRUTH.get(folder.name))
    pages = []
    for entry in data["pages"]:
        people = entry.get("people")
        pages.append(
            LabelledPage(
                set_name=folder.name,
                id=entry["id"],
                path=folder / entry["file"],
                title=entry.get("title"),
                date=entry.get("date"),
                snippets_with=tuple(entry.get("snippets_with") or ()),
                snippets_without=tuple(entry.get("snippets_without") or ()),
                people=None if people is None else tuple(_spellings(p) for p in people),
                people_optional=tuple(entry.get("people_optional") or ()),
                story=entry.get("story"),
                body=entry.get("body"),
                outlet=outlets.get(Path(entry["file"]).name),
                url=entry.get("url"),
            )
        )
    return pages


def load_outlets(path: Path | None) -> dict[str, tuple[str, ...]]:
    """Page file name -> the outlet's names as the page states them ({} without a file). A page the
    truth marks null (it states neither a name nor an address) maps to () and is scored only for
    being left nameless."""
    if path is None or not path.exists():
        return {}
    pages = json.loads(path.read_text(encoding="utf-8"))["pages"]
    return {name: () if v is None else (v,) if isinstance(v, str) else tuple(v) for name, v in pages.items()}


def _load_expected(folder: Path) -> list[LabelledPage]:
    data = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    stories = data.get("stories") or {}
    label = {}
    for i, group in enumerate(stories.get("must_share_a_story") or ()):
        for name in group:
            label[name] = f"story-{i}"
    for name in stories.get("should_share_that_story") or ():
        label[name] = "story-0"
    pages = []
    for name, entry in sorted(data["articles"].items()):
        pages.append(
            LabelledPage(
                set_name=folder.name,
                id=name,
                path=folder / name,
                title=entry.get("title"),
                date=entry.get("date") or "none",
                snippets_with=tuple(entry.get("body_must_contain") or ()),
                snippets_without=tuple(entry.get("body_must_not_contain") or ()),
                people=tuple(_spellings(p) for p in entry.get("people") or ()),
                people_optional=tuple(s for p in entry.get("people_optional") or () for s in _spellings(p)),
                story=label.get(name),
            )
        )
    return pages


def _spellings(person: str | Sequence[str]) -> tuple[str, ...]:
    return (person,) if isinstance(person, str) else tuple(person)


# --- Parallax through its real pipeline ----------------------------------------------------------


def read_with_parallax(
    pages: Sequence[LabelledPage], *, as_mirror: bool = False
) -> tuple[dict[str, Reading], float]:
    """Ingest the pages (Django must be set up on a throw-away archive) and read back what was
    stored; `as_mirror` puts a page with a known URL in a folder named for its host. Returns the
    readings by page id and the wall time of the ingest."""
    from archive.importing.importer import import_files
    from archive.models import Article

    readings: dict[str, Reading] = {}
    started = time.perf_counter()
    results = []
    for start in range(0, len(pages), BATCH_SIZE):
        batch = pages[start : start + BATCH_SIZE]
        uploads = [(_upload_name(page, as_mirror), page.read()) for page in batch]
        results += list(zip(batch, import_files(uploads), strict=True))
    seconds = time.perf_counter() - started
    ids = [result.article or result.duplicate_of for _, result in results if result.status != "failed"]
    articles = Article.objects.with_people().select_related("source").in_bulk([i for i in ids if i])
    for page, result in results:
        article = articles.get(result.article or result.duplicate_of or 0)
        if result.status == "failed" or article is None:
            readings[page.id] = Reading(refused=result.error or result.status)
            continue
        people = tuple(
            m.person.name for m in article.mentions.all() if not getattr(m.person, "not_a_person", False)
        )
        readings[page.id] = Reading(
            title=article.title,
            date=article.published_date.isoformat() if article.published_date else None,
            body=article.body,
            people=people,
            story=article.story_id,
            outlet=article.source.name if article.source_id else None,
        )
    return readings, seconds


def _upload_name(page: LabelledPage, as_mirror: bool) -> str:
    """The page's file name, or (as a crawler's mirror lays it out) its URL's host / its file name."""
    mirror = urlsplit(page.url).hostname if as_mirror and page.url else None
    return f"{mirror}/{page.upload_name}" if mirror else page.upload_name


# --- the tools a user could run instead ------------------------------------------------------------


def read_with_baseline(page: LabelledPage) -> Reading:
    """trafilatura 2.3 alone (title, main text) and htmldate alone (date), with their defaults."""
    import htmldate
    import trafilatura

    html = page.read().decode("utf-8", errors="replace")
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True)
    except Exception:  # noqa: BLE001  (a baseline that crashes reads nothing)
        doc = None
    try:
        date = htmldate.find_date(html, original_date=True)
    except Exception:  # noqa: BLE001
        date = None
    if doc is None:
        return Reading(refused="trafilatura found no main text", date=date)
    return Reading(title=getattr(doc, "title", None), date=date, body=getattr(doc, "text", None))


# --- scoring -------------------------------------------------------------------------------------


def evaluate(
    sets: Sequence[Sequence[LabelledPage]], *, baseline: bool = True, as_mirror: bool = False
) -> dict[str, dict[str, dict]]:
    """Figures per set and overall: {"parallax": {set: scores}, "baseline": {set: scores}}, the
    baseline scored on HTML pages only. Ingests every set into the current (throw-away) archive
    (`as_mirror`: read_with_parallax)."""
    report: dict[str, dict] = {"parallax": {}, "baseline": {}, "pages": {}}
    overall, overall_base = Scores(), Scores()
    for pages in sets:
        if not pages:
            continue
        name = pages[0].set_name
        scores = Scores()
        readings, seconds = read_with_parallax(pages, as_mirror=as_mirror)
        for page in pages:
            scores.add(page, readings[page.id])
            overall.add(page, readings[page.id])
            report["pages"][page.id] = _page_detail(page, readings[page.id])
        scores.seconds = seconds
        overall.seconds += seconds
        pairs = story_pairs(pages, readings)
        scores.story_pairs.update(pairs)
        overall.story_pairs.update(pairs)
        split = split_domains(pages, readings)
        scores.outlets_split += split
        overall.outlets_split += split
        report["parallax"][name] = scores.as_dict()
        html_pages = [page for page in pages if page.is_html]
        if baseline and html_pages:
            base = Scores()
            started = time.perf_counter()
            for page in html_pages:
                reading = read_with_baseline(page)
                report["pages"][page.id]["baseline"] = _page_detail(page, reading)["found"]
                base.add(page, reading)
                overall_base.add(page, reading)
            base.seconds = time.perf_counter() - started
            overall_base.seconds += base.seconds
            report["baseline"][name] = base.as_dict()
    report["parallax"]["overall"] = overall.as_dict()
    if overall_base.pages:
        report["baseline"]["overall"] = overall_base.as_dict()
    return report


def _page_detail(page: LabelledPage, reading: Reading) -> dict:
    body = _fold_space(reading.body or "")
    return {
        "gold": {
            "title": page.title,
            "date": page.date,
            "people": page.people,
            "story": page.story,
            "outlet": page.outlet,
        },
        "found": {
            "refused": reading.refused,
            "title": reading.title,
            "date": reading.date,
            "people": reading.people,
            "story": reading.story,
            "outlet": reading.outlet,
            "missing_with": [s for s in page.snippets_with if _fold_space(s) not in body],
            "kept_without": [s for s in page.snippets_without if _fold_space(s) in body],
        },
    }


def story_pairs(pages: Sequence[LabelledPage], readings: dict[str, Reading]) -> Counter:
    """Pairwise agreement of Parallax's stories with the gold labels (archive.compare.evaluation),
    over the stored pages of a set whose gold marks at least one story."""
    from archive.compare.evaluation import pair_counts

    if not any(page.story for page in pages):
        return Counter()
    kept = [page for page in pages if not readings[page.id].refused]
    gold = {page.id: page.story for page in kept}
    predicted = {page.id: readings[page.id].story for page in kept}
    n_gold, n_predicted, hits = pair_counts(gold, predicted)
    return Counter(tp=hits, fp=n_predicted - hits, fn=n_gold - hits)


# What an outlet must never be named by (figures, not rules: the eval only counts them).
OUTLET_FAULTS = ("nameless", "url", "profile", "headline", "section", "legal")
_PROFILE_HOSTS = re.compile(
    r"(?:facebook|twitter|instagram|youtube|linkedin|tiktok|vk)\.com|\bt\.me/|\bx\.com/", re.I
)
_HOST_SHAPE = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}", re.I)
_SECTION_PATH = re.compile(r"\s[|>»/]\s.*\s[|>»/]\s|^[^|>»/]+\s[|>»/]\s[^|>»/]+$")
_LEGAL_FORM = re.compile(
    r"(?:^|[\s,])(?:AG|GmbH|LLC|L\.L\.C\.|Inc\.?|Ltd\.?|Limited|plc|S\.?A\.?|SAS|S\.p\.A\.|KG|Co\.|Corp\.?|"
    r"e\.\s?V\.|B\.V\.|N\.V\.|Pty|ООО|ЗАО|ОАО|АО|株式会社)(?:$|[\s,])"
)


def outlet_faults(name: str | None, page: LabelledPage, *, headline: str | None) -> list[str]:
    """The bad kinds of outlet name found for a page ([] for a good one): none at all, a URL or a bare
    host the page's truth does not use as its name, a social-media profile, the page's headline, a
    section path ("В мире | Политика"), a legal form ("AG", "LLC", ", Schweiz" after one)."""
    if not name:
        return ["nameless"]
    truth = {_fold_name(n) for n in page.outlet or ()}
    if _fold_name(name) in truth:
        return []
    faults = []
    if _PROFILE_HOSTS.search(name):
        faults.append("profile")
    elif "://" in name or name.lower().startswith("www.") or _HOST_SHAPE.fullmatch(name):
        faults.append("url")
    for title in (headline, page.title):
        if title and len(_fold_name(title)) > 12 and _fold_name(title) in _fold_name(name):
            faults.append("headline")
            break
    if _SECTION_PATH.search(name):
        faults.append("section")
    if _LEGAL_FORM.search(name):
        faults.append("legal")
    return faults


def split_domains(pages: Sequence[LabelledPage], readings: dict[str, Reading]) -> int:
    """Pages whose registered domain Parallax split into more outlets than the outlet truth has there
    (two regional stations on one domain that name themselves apart are two outlets in the truth)."""
    from archive.ingest.domains import registered_domain

    truth_names: dict[str, set[str]] = {}
    found: dict[str, set[str]] = {}
    members: Counter = Counter()
    for page in pages:
        reading = readings[page.id]
        if page.outlet is None or not page.url or reading.refused:
            continue
        domain = registered_domain(page.url)
        truth_names.setdefault(domain, set()).add(_fold_name(page.outlet[0]) if page.outlet else page.id)
        found.setdefault(domain, set()).add(_fold_name(reading.outlet or ""))
        members[domain] += 1
    return sum(members[d] for d in found if len(found[d]) > len(truth_names[d]))


def token_prf(found: str, reference: str) -> tuple[float, float, float]:
    """Bag-of-tokens precision, recall and F1 of an extracted body against a reference body."""
    got, want = Counter(_tokens(found)), Counter(_tokens(reference))
    overlap = sum((got & want).values())
    precision = overlap / sum(got.values()) if got else 0.0
    recall = overlap / sum(want.values()) if want else 0.0
    return precision, recall, _f1(precision, recall) or 0.0


def surname_key(name: str) -> str:
    """The last word of a name, folded: how a found person is matched to a gold one."""
    words = re.findall(r"\w+", _fold(name))
    return words[-1] if words else ""


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold())


def _fold(text: str) -> str:
    from unidecode import unidecode

    return unidecode(text).casefold()


def _fold_name(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _fold_space(text: str) -> str:
    """Whitespace normalised and the characters no reader sees taken out (an annotation copied from
    the page keeps its soft hyphens: "Deutsch&shy;land" reads "Deutschland")."""
    from archive.ingest.text import strip_invisible

    return " ".join(strip_invisible(unicodedata.normalize("NFC", text)).split())


def _reason_shape(reason: str) -> str:
    return re.sub(r"\d+", "N", reason)


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# --- printing -----------------------------------------------------------------------------------

_ROWS = (
    ("pages", "pages", "{}"),
    ("refused", "refused", "{}"),
    ("refused_share", "refused share", "{:.1%}"),
    ("headline_exact", "headline exact", "{:.3f}"),
    ("date_right_share", "date right (of stated)", "{:.1%}"),
    ("date_wrong_share", "date wrong (of stated)", "{:.1%}"),
    ("date_missing", "date missing", "{}"),
    ("date_invented", "date invented", "{}"),
    ("snippets_with", "snippets with (found)", "{:.3f}"),
    ("snippets_without", "snippets without (kept out)", "{:.3f}"),
    ("people_precision", "people precision", "{:.3f}"),
    ("people_recall", "people recall", "{:.3f}"),
    ("people_f1", "people F1", "{:.3f}"),
    ("story_precision", "story pairwise precision", "{:.3f}"),
    ("story_recall", "story pairwise recall", "{:.3f}"),
    ("outlet_exact", "outlet name exact", "{:.3f}"),
    ("outlets_split", "pages on a registered domain split into outlets", "{}"),
    ("outlet_nameless", "pages with no outlet", "{}"),
    ("outlet_url", "outlets named by a URL / bare host", "{}"),
    ("outlet_profile", "outlets named by a profile", "{}"),
    ("outlet_headline", "outlets named by a headline", "{}"),
    ("outlet_section", "outlets named by a section path", "{}"),
    ("outlet_legal", "outlets named with a legal form", "{}"),
    ("seconds_per_page", "seconds per page", "{:.3f}"),
)


def format_report(report: dict[str, dict[str, dict]]) -> str:
    lines = []
    for name, scores in report["parallax"].items():
        base = report["baseline"].get(name)
        lines.append(
            f"\n## {name}" + ("  (baseline: trafilatura + htmldate on its HTML pages)" if base else "")
        )
        lines.append(f"| measure | Parallax |{' baseline |' if base else ''}")
        lines.append(f"|---|---|{'---|' if base else ''}")
        for key, label, fmt in _ROWS:
            cells = [_cell(scores.get(key), fmt)] + ([_cell(base.get(key), fmt)] if base else [])
            if all(c == "-" for c in cells):
                continue
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
        if scores["dated"]:
            lines.append(
                f"| dates right / wrong / missing (of {scores['dated']}) | "
                f"{scores['date_right']} / {scores['date_wrong']} / {scores['date_missing']} |"
                + (f" {base['date_right']} / {base['date_wrong']} / {base['date_missing']} |" if base else "")
            )
        for reason, n in scores["refused_reasons"].items():
            lines.append(f"  refused {n}x: {reason}")
    return "\n".join(lines)


def _cell(value: object, fmt: str) -> str:
    return "-" if value is None else fmt.format(value)


def default_folders() -> list[Path]:
    return [
        Path(os.environ.get("PARALLAX_REALWORLD") or ROOT.parent / "shared" / "realworld"),
        Path(os.environ.get("PARALLAX_SEEDS") or ROOT.parent / "shared" / "seeds"),
    ]


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, help="labelled folders (default: realworld, seeds)")
    parser.add_argument("--limit", type=int, help="only the first N pages of each folder")
    parser.add_argument("--only", help="only pages whose id starts with this")
    parser.add_argument("--json", type=Path, help="also write the figures (and every page's reading) here")
    parser.add_argument("--no-baseline", action="store_true", help="skip trafilatura / htmldate alone")
    parser.add_argument(
        "--as-mirror",
        action="store_true",
        help="upload each page with a known URL in a folder named for its host, as a crawler's mirror",
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    sets = []
    for folder in args.folders or default_folders():
        pages = [p for p in load_set(folder) if not args.only or p.id.startswith(args.only)]
        sets.append(pages[: args.limit] if args.limit else pages)
    with tempfile.TemporaryDirectory(prefix="parallax-eval-") as data_dir:
        from _django import setup_django  # bench/ is on sys.path when a bench runs

        setup_django(data_dir)
        report = evaluate(sets, baseline=not args.no_baseline, as_mirror=args.as_mirror)
    print(format_report(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()

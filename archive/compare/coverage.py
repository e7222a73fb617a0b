"""Side-by-side coverage: what each outlet's article says, shares with the others, or alone reports.

Takes plain `ArticleView` values (the Django layer builds them from the ORM) and returns a `Comparison`
the templates and the API render. Also the outlet-level comparison helpers: distinctive words by
weighted log-odds. Plain Python, no Django.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from archive.compare.framing import OutletCoverage
from archive.compare.quotes import QuoteRef, SharedQuote, fold_speaker, match_quotes
from archive.compare.text import content_pairs, content_terms, word_count
from archive.ingest.names import AGENCIES
from archive.ingest.textrules import fold, split_sentences, whole_quotes

# A sentence counts as reported elsewhere when another article has one sentence holding at least this
# share of its meaningful words (IDF-weighted). 0.5 kept rephrased wire sentences together in the seeds
# (003/004 both carry the Paris meeting, Brahimi and the Geneva date) while sentences with a new fact
# stayed apart.
SHARED_SENTENCE_OVERLAP = 0.5
# Sentences with fewer meaningful words ("Russia disagrees.") say too little to call unique or shared.
MIN_SENTENCE_TERMS = 4
# Wire agencies recognised in a credit line (lower case): the one agency list, plus the generic word.
WIRE_AGENCIES = {**AGENCIES, "agencies": "agencies"}
# Distinctive words: how many to list per outlet, and the least z-score worth showing.
DISTINCTIVE_WORDS = 15
MIN_DISTINCTIVE_Z = 1.96  # 95% two-sided: weaker differences are noise
# Strength of the pooled-count prior relative to the data. At 1.0 (the paper's default with a separate
# background corpus) two or three outlets' own words shrink to nothing; 0.1 still smooths rare words.
PRIOR_SCALE = 0.1
# "Not covered by": outlets publishing within a story's first..last published days, widened by this
# many days each side. Outlets date the same event a day apart (time zones, a print edition dated the
# next morning), so an outlet whose nearest article is one day out was still publishing then.
NOT_COVERED_MARGIN_DAYS = 1
# How an article of no known outlet is labelled (its `source_id` is None).
UNKNOWN_OUTLET = "Unknown outlet"


@dataclass(frozen=True)
class PersonCount:
    name: str
    count: int
    person_id: int | None = None
    slug: str = ""


@dataclass(frozen=True)
class ArticleView:
    """What the comparison needs to know about one article."""

    article_id: int
    title: str
    source: str  # the outlet's name, or UNKNOWN_OUTLET
    body: str
    published_date: dt.date | None = None
    published_time: dt.time | None = None
    credit: str = ""
    url: str = ""
    people: tuple[PersonCount, ...] = ()
    quotes: tuple[QuoteRef, ...] = ()
    person_names: Mapping[int, str] | None = None
    language: str = ""  # ISO 639-1 of the body ("" unknown)
    name_forms: Mapping[str, tuple[str, ...]] | None = None  # person (canonical) -> spellings used here
    source_id: int | None = None  # None: no known outlet


@dataclass(frozen=True)
class Credit:
    """Who produced the article: "wire", "own" reporting, "mixed" (own + agencies) or "unknown"."""

    kind: str
    agencies: tuple[str, ...]
    text: str

    @property
    def label(self) -> str:
        if self.kind == "wire":
            return "Wire copy: " + ", ".join(self.agencies)
        if self.kind == "mixed":
            return "Own reporting with " + ", ".join(self.agencies)
        if self.kind == "own":
            return "Own reporting"
        return "Not credited"


@dataclass(frozen=True)
class DiffPiece:
    kind: str  # "same", "ins" (only in this wording) or "del" (in the first wording, missing here)
    text: str


@dataclass(frozen=True)
class QuoteVariant:
    article_id: int
    source: str
    text: str
    pieces: tuple[DiffPiece, ...]


@dataclass(frozen=True)
class QuoteRow:
    speaker: str
    person_id: int | None
    variants: tuple[QuoteVariant, ...]

    @property
    def name(self) -> str:
        return self.speaker


@dataclass(frozen=True)
class ArticleColumn:
    article_id: int
    title: str
    source: str
    published_date: dt.date | None
    published_time: dt.time | None
    words: int
    credit: Credit
    url: str
    people: tuple[PersonCount, ...]
    quoted: tuple[PersonCount, ...]
    unique_sentences: tuple[str, ...]
    language: str = ""
    source_id: int | None = None


@dataclass(frozen=True)
class TimelineEntry:
    article_id: int
    source: str
    title: str
    published_date: dt.date | None
    published_time: dt.time | None
    order: int | None  # 1 = first to publish; None = undated


@dataclass(frozen=True)
class Comparison:
    columns: tuple[ArticleColumn, ...]
    shared_quotes: tuple[QuoteRow, ...]
    timeline: tuple[TimelineEntry, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.source for c in self.columns))


def classify_credit(credit: str) -> Credit:
    """Wire agency, own reporting or both, from a credit line such as "* Reuters and Agence France-Presse"."""
    text = credit.strip(" *")
    if not text:
        return Credit("unknown", (), "")
    low = fold(text)
    found: list[str] = []
    for name, label in sorted(WIRE_AGENCIES.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", low) and label not in found:
            found.append(label)
            low = low.replace(name, " ")
    rest = re.sub(r"\b(and|with|by|staff|from|reporting|the)\b|[^a-z]", "", low)
    if not found:
        return Credit("own", (), text)
    return Credit("mixed" if rest else "wire", tuple(found), text)


def diff_words(reference: str, other: str) -> tuple[DiffPiece, ...]:
    """`other` as a word diff against `reference`: words only `other` has are "ins", words it lacks "del"."""
    ref, oth = reference.split(), other.split()

    def key(w: str) -> str:
        return re.sub(r"[^\w]", "", fold(w))

    matcher = difflib.SequenceMatcher(a=[key(w) for w in ref], b=[key(w) for w in oth], autojunk=False)
    pieces: list[DiffPiece] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(DiffPiece("same", " ".join(oth[b0:b1])))
            continue
        if a1 > a0:
            pieces.append(DiffPiece("del", " ".join(ref[a0:a1])))
        if b1 > b0:
            pieces.append(DiffPiece("ins", " ".join(oth[b0:b1])))
    return tuple(pieces)


def _sentences(body: str) -> list[str]:
    """The body's sentences, distinct, a quotation running across two of them one (within a paragraph)."""
    found = [s for paragraph in body.split("\n") for s in whole_quotes(split_sentences(paragraph))]
    return list(dict.fromkeys(found))


def unique_sentences(bodies: Mapping[int, str]) -> dict[int, tuple[str, ...]]:
    """For each article, the sentences no other article has a close match for.

    A match is judged on IDF-weighted words, with sentences as the documents: the story's own topic
    words ("treaty", "quotas") are in many sentences and weigh little, so a sentence with a new fact is
    not hidden by the topic words it shares with everything else."""
    split = {
        aid: [(s, frozenset(content_terms(s))) for s in _sentences(body)] for aid, body in bodies.items()
    }
    df: Counter[str] = Counter(t for items in split.values() for _, terms in items for t in terms)
    n = sum(len(items) for items in split.values())
    idf = {t: math.log((n + 1) / (k + 1)) + 1 for t, k in df.items()}
    out: dict[int, tuple[str, ...]] = {}
    for aid, sentences in split.items():
        others = [terms for other, items in split.items() if other != aid for _, terms in items]
        unique = []
        for sentence, terms in sentences:
            if len(terms) < MIN_SENTENCE_TERMS:
                continue
            total = sum(idf[t] for t in terms)
            best = max((sum(idf[t] for t in terms & o) / total for o in others), default=0.0)
            if best < SHARED_SENTENCE_OVERLAP:
                unique.append(sentence)
        out[aid] = tuple(unique)
    return out


def quoted_counts(quotes: Iterable[QuoteRef], names: Mapping[int, str]) -> tuple[PersonCount, ...]:
    """Who an article quotes and how often: people by their canonical name, others as the text names them."""
    counts: Counter[tuple[str, int | None]] = Counter()
    labels: dict[tuple[str, int | None], str] = {}
    for q in quotes:
        if q.person_id is not None:
            key = ("", q.person_id)
            labels[key] = names.get(q.person_id, q.speaker)
        elif q.speaker:
            key = (fold_speaker(q.speaker), None)
            labels.setdefault(key, q.speaker[0].upper() + q.speaker[1:])
        else:
            key = ("", None)
            labels[key] = "Unattributed"
        counts[key] += 1
    return tuple(PersonCount(labels[k], n, k[1]) for k, n in counts.most_common())


def timeline(articles: Sequence[ArticleView]) -> tuple[TimelineEntry, ...]:
    """Who published first: dated articles in order (time where known), then the undated ones."""

    def when(a: ArticleView) -> tuple:
        return (a.published_date is None, a.published_date or dt.date.max, a.published_time or dt.time.max)

    entries, rank = [], 0
    for a in sorted(articles, key=lambda a: (*when(a), a.article_id)):
        rank += a.published_date is not None
        order = rank if a.published_date is not None else None
        entries.append(
            TimelineEntry(a.article_id, a.source, a.title, a.published_date, a.published_time, order)
        )
    return tuple(entries)


def _quote_rows(articles: Sequence[ArticleView], names: Mapping[int, str]) -> tuple[QuoteRow, ...]:
    sources = {a.article_id: a.source for a in articles}
    shared: tuple[SharedQuote, ...] = match_quotes([q for a in articles for q in a.quotes])
    rows = []
    for group in shared:
        reference = group.variants[0].text
        variants = tuple(
            QuoteVariant(
                v.article_id,
                sources.get(v.article_id, ""),
                v.text,
                (DiffPiece("same", v.text),) if i == 0 else diff_words(reference, v.text),
            )
            for i, v in enumerate(group.variants)
        )
        speaker = names.get(group.person_id, group.speaker) if group.person_id else group.speaker
        rows.append(QuoteRow(speaker or "Unattributed", group.person_id, variants))
    return tuple(rows)


def compare(articles: Sequence[ArticleView]) -> Comparison:
    """The whole side-by-side comparison of 1+ articles (columns in publication order)."""
    names: dict[int, str] = {}
    for a in articles:
        names.update(a.person_names or {})
        names.update({p.person_id: p.name for p in a.people if p.person_id is not None})
    order = timeline(articles)
    by_id = {a.article_id: a for a in articles}
    ordered = [by_id[e.article_id] for e in order]
    unique = unique_sentences({a.article_id: a.body for a in ordered}) if len(ordered) > 1 else {}
    columns = tuple(
        ArticleColumn(
            article_id=a.article_id,
            title=a.title,
            source=a.source,
            published_date=a.published_date,
            published_time=a.published_time,
            words=word_count(a.body),
            credit=classify_credit(a.credit),
            url=a.url,
            people=a.people,
            quoted=quoted_counts(a.quotes, names),
            unique_sentences=unique.get(a.article_id, ()),
            language=a.language,
            source_id=a.source_id,
        )
        for a in ordered
    )
    return Comparison(columns=columns, shared_quotes=_quote_rows(ordered, names), timeline=order)


def distinctive_words(
    texts_by_group: Mapping[str, Iterable[str]], limit: int = DISTINCTIVE_WORDS
) -> dict[str, tuple[tuple[str, float], ...]]:
    """Words that set each group (outlet) apart from the others: weighted log-odds with an informative
    Dirichlet prior (Monroe, Colaresi & Quinn 2008), keeping words with z above MIN_DISTINCTIVE_Z."""
    # defaultdict, not setdefault(term, Counter()): that built a Counter per word read (0.8 s of
    # /compare/sources/ over 1,200 texts).
    surface: defaultdict[str, Counter[str]] = defaultdict(Counter)
    counts: dict[str, Counter[str]] = {}
    for group, texts in texts_by_group.items():
        counts[group] = Counter()
        for text in texts:
            for term, word in content_pairs(text):
                counts[group][term] += 1
                surface[term][word] += 1
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    a0 = (sum(total.values()) or 1) * PRIOR_SCALE
    out: dict[str, tuple[tuple[str, float], ...]] = {}
    for group, c in counts.items():
        n_i = sum(c.values())
        n_j = sum(total.values()) - n_i
        scored = []
        for w, y_i in c.items():
            alpha = total[w] * PRIOR_SCALE  # prior: the pooled counts, scaled down
            y_j = total[w] - y_i
            d_i = math.log((y_i + alpha) / (n_i + a0 - y_i - alpha))
            d_j = math.log((y_j + alpha) / (n_j + a0 - y_j - alpha))
            z = (d_i - d_j) / math.sqrt(1 / (y_i + alpha) + 1 / (y_j + alpha))
            if z >= MIN_DISTINCTIVE_Z:
                scored.append((surface[w].most_common(1)[0][0], round(z, 2)))
        scored.sort(key=lambda x: -x[1])
        out[group] = tuple(scored[:limit])
    return out


def coverage_window(
    first: dt.date | None, last: dt.date | None, margin: int = NOT_COVERED_MARGIN_DAYS
) -> tuple[dt.date, dt.date] | None:
    """The days in which an outlet that published anything could have covered a story dated
    first..last: the span widened by `margin` days each side; None for an undated story."""
    if first is None and last is None:
        return None
    first, last = first or last, last or first
    pad = dt.timedelta(days=margin)
    low = first - pad if first > dt.date.min + pad else dt.date.min
    high = last + pad if last < dt.date.max - pad else dt.date.max
    return low, high


def outlet_coverage(articles: Sequence[ArticleView]) -> tuple[OutletCoverage, ...]:
    """What each outlet published on a story, for compare.framing.frame_story: its texts, the
    spellings it gave each person and the people it quoted (outlets in the order the articles first
    name them: the order of the columns beside it)."""
    texts: dict[str, list[str]] = defaultdict(list)
    names: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    quoted: dict[str, set[str]] = defaultdict(set)
    for a in articles:
        texts[a.source].append(f"{a.title}\n\n{a.body}")
        for person, forms in (a.name_forms or {}).items():
            names[a.source][person].extend(forms)
        people = {**(a.person_names or {}), **{p.person_id: p.name for p in a.people if p.person_id}}
        quoted[a.source] |= {people[q.person_id] for q in a.quotes if q.person_id in people}
    return tuple(
        OutletCoverage(
            outlet,
            tuple(texts[outlet]),
            {person: tuple(forms) for person, forms in names[outlet].items()},
            frozenset(quoted[outlet]),
        )
        for outlet in texts
    )

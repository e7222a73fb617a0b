"""A seeded generator of news events told by several outlets, with the gold event of every article.

It builds on the search corpus generator (archive/synthetic/corpus.py: its Zipf vocabulary, people and
outlets), adding what story clustering must get right, each as a case class:

- ``outlets``: one event told by two to four outlets a day or two apart, each with its own headline,
  its own synonyms for the event's key words, its paragraphs in its own order and a quote trimmed its way;
- ``wire``: an agency story copied by other outlets under a new headline and a rewritten lede;
- ``same_people``: the same ministers at two different events of one running topic, about a week apart;
- ``undated_copy``: an event whose reports include an undated one (which should join them);
- ``undated_earlier``: an undated report of an earlier meeting of the same ministers on the same
  running topic (which must not join the later event's story);
- ``noise``: single background articles, some naming the same popular people.

Plain Python; the same seed always gives the same articles.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from bisect import bisect
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from archive.synthetic import SYLLABLES
from archive.synthetic.corpus import ZIPF_EXPONENT, CorpusGenerator, SyntheticArticle

SEED = 11
# Share of articles per case class (they sum to 1). Noise is the largest, as in a real archive.
CASE_SHARES = {
    "outlets": 0.20,
    "wire": 0.10,
    "same_people": 0.12,
    "undated_copy": 0.08,
    "undated_earlier": 0.10,
    "noise": 0.40,
}
CASES = tuple(CASE_SHARES)
# Days covered by the events: ~9 articles a day at 10,000, dense enough for look-alikes to meet.
DAYS = 3 * 365
FIRST_DAY = dt.date(2014, 1, 1)
# Running topics (a war, a trade dispute): events of one topic share its words and its people.
TOPICS = 150
TOPIC_WORDS = 12
TOPIC_PEOPLE = 4
# Named terms of a running topic (its country, its conference town), shared by all its events.
TOPIC_NAMES = 3
# Chance a report gives the event's figure, and quotes each of its two remarks.
FIGURE_SHARE = 0.7
QUOTE_SHARE = 0.6
# Key words per event, each with this many interchangeable synonyms (outlets pick their own).
CONCEPTS = 8
SYNONYMS = 3
# Chance an outlet words a key word differently from the first report.
VARIATION = 0.7
# Share of body words that are the event's key words, and the running topic's words.
EVENT_SHARE = 0.05
TOPIC_SHARE = 0.10
MIN_WORDS, MAX_WORDS = 250, 650
PLACES = 400


@dataclass(frozen=True)
class LabelledArticle:
    """A synthetic article with the event it reports and the hard case it belongs to."""

    article: SyntheticArticle
    event: int
    case: str


@dataclass(frozen=True)
class _Event:
    number: int
    case: str
    topic: int
    people: tuple[str, ...]
    place: str
    figure: str
    concepts: tuple[tuple[str, ...], ...]
    quotes: tuple[tuple[str, tuple[str, ...]], ...]  # (speaker, words)
    day: int


class EventGenerator:
    """Events and their reports; `articles(n)` returns about n labelled articles in publication order."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        base = _corpus()
        self.vocab, self.people, self.outlets = base.vocab, base.people, base.outlets
        weights = [1 / (i + 1) ** ZIPF_EXPONENT for i in range(len(self.vocab))]
        self._cum = list(accumulate(weights))
        rng = self.rng
        places = {
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()
            for _ in range(PLACES * 2)
        }
        self.places = sorted(places)[:PLACES]
        self.topics = [
            (
                rng.sample(self.vocab[300:3000], TOPIC_WORDS) + rng.sample(self.places, TOPIC_NAMES),
                rng.sample(self.people, TOPIC_PEOPLE),
            )
            for _ in range(TOPICS)
        ]
        self._events = 0

    def _filler(self, n: int) -> list[str]:
        total, rng, vocab = self._cum[-1], self.rng, self.vocab
        return [vocab[min(bisect(self._cum, rng.random() * total), len(vocab) - 1)] for _ in range(n)]

    def _event(self, case: str, day: int, topic: int | None = None, people: tuple[str, ...] = ()) -> _Event:
        rng = self.rng
        topic = rng.randrange(TOPICS) if topic is None else topic
        people = people or tuple(rng.sample(self.topics[topic][1], rng.randint(2, 3)))
        concepts = tuple(tuple(rng.sample(self.vocab[2000:], SYNONYMS)) for _ in range(CONCEPTS))
        quotes = tuple(
            (rng.choice(people), (*self._filler(rng.randint(6, 10)), concepts[q][0])) for q in range(2)
        )
        self._events += 1
        figure = str(rng.randint(3, 950))
        return _Event(
            self._events, case, topic, people, rng.choice(self.places), figure, concepts, quotes, day
        )

    def _report(
        self, event: _Event, outlet: str, day: int | None, variation: float = VARIATION
    ) -> SyntheticArticle:
        """One outlet's report: its own synonyms, headline, paragraph order, trimmed quotes and cast (it
        may leave out one of the event's people, or name a local official the others do not)."""
        rng = self.rng
        words = [c[rng.randrange(SYNONYMS)] if rng.random() < variation else c[0] for c in event.concepts]
        cast = list(event.people)
        if len(cast) > 2 and rng.random() < 0.5:
            cast.pop(rng.randrange(1, len(cast)))
        if rng.random() < 0.3:
            cast.append(rng.choice(self.people))
        topic_words = self.topics[event.topic][0]
        lede = self._lede(event, words, cast)
        paragraphs = [self._paragraph(event, words, topic_words, cast) for _ in range(rng.randint(4, 8))]
        for speaker, quote in event.quotes:
            if rng.random() > QUOTE_SHARE:
                continue
            cut = rng.randint(0, 2)
            said = " ".join(quote[cut:] if rng.random() < 0.5 else quote[: len(quote) - cut])
            paragraphs.insert(
                rng.randrange(len(paragraphs) + 1), f'"{said.capitalize()}," {speaker.split()[-1]} said.'
            )
        rng.shuffle(paragraphs)
        title = self._headline(event, words)
        return self._article(
            title, [lede, *paragraphs], outlet, day, tuple(dict.fromkeys(cast + [s for s, _ in event.quotes]))
        )

    def _lede(self, event: _Event, words: list[str], cast: list[str]) -> str:
        rng = self.rng
        who = " and ".join(cast[:2])
        picks = rng.sample(words, 3)
        return (
            f"{event.place.upper()} — {who} {picks[0]} {self._filler(3)[0]} {picks[1]} in {event.place} "
            f"{self._filler(1)[0]} {event.figure if rng.random() < FIGURE_SHARE else self._filler(1)[0]} "
            f"{picks[2]} {' '.join(self._filler(rng.randint(4, 9)))}."
        )

    def _paragraph(self, event: _Event, words: list[str], topic_words: list[str], cast: list[str]) -> str:
        rng = self.rng
        length = rng.randint(MIN_WORDS, MAX_WORDS) // 6
        text = self._filler(length)
        for i in range(length):
            roll = rng.random()
            if roll < EVENT_SHARE:
                text[i] = rng.choice(words)
            elif roll < EVENT_SHARE + TOPIC_SHARE:
                text[i] = rng.choice(topic_words)
        if rng.random() < 0.6:
            text.insert(rng.randrange(len(text)), rng.choice(cast).split()[-1])
        if rng.random() < 0.2:
            text.insert(rng.randrange(len(text)), event.place)
        sentences = [" ".join(text[i : i + 15]).capitalize() + "." for i in range(0, len(text), 15)]
        return " ".join(sentences)

    def _headline(self, event: _Event, words: list[str]) -> str:
        rng = self.rng
        head = rng.sample(words, rng.randint(2, 4)) + self._filler(rng.randint(1, 3))
        head.insert(rng.randrange(len(head) + 1), rng.choice([event.people[0].split()[-1], event.place]))
        return " ".join(head).capitalize()

    def _article(
        self, title: str, paragraphs: list[str], outlet: str, day: int | None, people: tuple[str, ...]
    ) -> SyntheticArticle:
        body = "\n\n".join(paragraphs)
        counts = tuple((p, max(1, body.count(p.split()[-1]))) for p in people)
        published = None if day is None else FIRST_DAY + dt.timedelta(days=day)
        fingerprint = hashlib.sha256(f"{outlet}\n{body}".encode()).hexdigest()
        return SyntheticArticle(0, title, "", body, outlet, published, counts, fingerprint)

    def _case(self, case: str) -> list[tuple[int, int, SyntheticArticle]]:
        """(event number, ingest day, article) for one instance of `case`."""
        rng = self.rng
        day = rng.randrange(DAYS)
        outlets = rng.sample(self.outlets, 5)
        if case == "noise":
            people = tuple(rng.sample(self.people[:60], rng.randint(1, 3)))
            event = self._event(case, day, people=people)
            return [(event.number, day, self._report(event, outlets[0], day))]
        if case == "outlets":
            event = self._event(case, day)
            return [
                (event.number, day + i, self._report(event, o, day + i))
                for i, o in enumerate(outlets[: rng.randint(2, 4)])
            ]
        if case == "wire":
            event = self._event(case, day)
            wire = self._report(event, outlets[0], day, variation=0.0)
            out = [(event.number, day, wire)]
            for i, outlet in enumerate(outlets[1 : rng.randint(3, 4)]):
                words = [c[rng.randrange(SYNONYMS)] for c in event.concepts]
                paragraphs = wire.body.split("\n\n")
                paragraphs[0] = self._lede(event, words, list(event.people))
                if len(paragraphs) > 4 and rng.random() < 0.5:
                    paragraphs.pop()  # the copy drops the last paragraph
                cast = tuple(p for p, _ in wire.people)
                copy = self._article(self._headline(event, words), paragraphs, outlet, day + i % 2, cast)
                out.append((event.number, day + i % 2, copy))
            return out
        if case == "undated_copy":
            event = self._event(case, day)
            out = [
                (event.number, day + i, self._report(event, o, day + i))
                for i, o in enumerate(outlets[: rng.randint(1, 2)])
            ]
            out.append((event.number, day + 1, self._report(event, outlets[3], None, variation=0.3)))
            return out
        # same_people / undated_earlier: one topic, the same ministers, two events about a week apart.
        first = self._event(case, day)
        later = self._event(case, day + rng.randint(6, 8), topic=first.topic, people=first.people)
        if case == "same_people":
            out = [
                (first.number, day + i, self._report(first, o, day + i))
                for i, o in enumerate(outlets[: rng.randint(1, 2)])
            ]
        else:
            out = [(first.number, day, self._report(first, outlets[0], None))]
        n_later = rng.randint(1, 3)
        out += [
            (later.number, later.day + i % 2, self._report(later, o, later.day + i % 2))
            for i, o in enumerate(outlets[1 : 1 + n_later])
        ]
        return out

    def articles(self, n: int) -> list[LabelledArticle]:
        """About `n` articles (the last case may add a few), in the order they would be ingested."""
        shares = list(CASE_SHARES.values())
        made: list[tuple[int, str, int, SyntheticArticle]] = []
        counts = dict.fromkeys(CASES, 0)
        while len(made) < n:
            # the case furthest below its share goes next, so every class gets its share at any n
            case = min(CASES, key=lambda c: counts[c] / max(1, len(made)) - shares[CASES.index(c)])
            for event, day, article in self._case(case):
                made.append((day, case, event, article))
                counts[case] += 1
        made.sort(key=lambda row: row[0])
        return [
            LabelledArticle(_numbered(article, i), event, case)
            for i, (_, case, event, article) in enumerate(made)
        ]


@lru_cache(maxsize=1)
def _corpus() -> CorpusGenerator:
    """The search corpus's vocabulary, people and outlets (its default seed; seconds to build, so once)."""
    return CorpusGenerator()


def _numbered(article: SyntheticArticle, number: int) -> SyntheticArticle:
    a = article
    return SyntheticArticle(
        number, a.title, a.subtitle, a.body, a.source, a.published, a.people, a.fingerprint
    )


def generate_events(n: int, seed: int = SEED) -> list[LabelledArticle]:
    """About `n` labelled articles (see the module docstring for the case classes)."""
    return EventGenerator(seed).articles(n)

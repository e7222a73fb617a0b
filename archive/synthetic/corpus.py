"""A seeded generator of realistic synthetic news articles, for benchmarks (plain Python + numpy).

Realistic in the ways that matter to a search engine: a Zipf-distributed vocabulary (a few hundred
real news words at the head, tens of thousands of rarer made-up words in the tail), bodies of
300-1200 words in paragraphs, a few topic words repeated within an article, a few hundred people
with Zipf popularity who appear in the text as they are mentioned, dozens of outlets, ten years of
dates with a few undated articles. The same seed always gives the same corpus.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import numpy as np

from archive.synthetic import SYLLABLES

SEED = 20140113
VOCAB_SIZE = 30_000
# Word frequencies fall off as rank^-1.07, close to what English news text shows.
ZIPF_EXPONENT = 1.07
PEOPLE = 400
OUTLETS = 40
FIRST_DAY = dt.date(2014, 1, 1)
DAYS = 3652  # ten years
UNDATED_SHARE = 0.03
MIN_WORDS, MAX_WORDS = 300, 1200


def _words(text: str) -> list[str]:
    return text.split()


_HEAD = _words(
    """
the of to and a in said on for that is was with by at as from it has be are have his not an
will their he they were who but its had this which after been more would also two about
government president minister talks officials country military forces peace security state
foreign year people new united nations first last meeting week told statement opposition
council international conference agreement ceasefire war city region border talks support
against over since between during under could should political leaders party election vote
court law report ministry spokesman agency news according percent million economic trade deal
sanctions oil gas energy market prices bank crisis aid humanitarian refugees rebels troops
attack killed police army officials syria russia iran turkey europe china washington moscow
geneva london paris brussels kyiv beijing tehran damascus aleppo negotiations diplomats envoy
summit proposal plan prisoner swap release deadline resolution veto assembly delegation regime
groups fighting weapons chemical inspectors mission monitoring observers civilians children
hospital school water food supplies convoy corridor siege town village province capital north
south east west officials sources analysts experts journalists newspaper television radio
online interview monday tuesday wednesday thursday friday saturday sunday january february
march april may june july august september october november december morning evening night
today yesterday
"""
)
_FIRST = _words(
    """
Anna Boris Carlos Dmitri Elena Fatima Georg Hassan Ingrid Jamal Kenji Leila Mikhail Nadia Omar
Pavel Qasim Rosa Samir Tatiana Umar Vera Walid Xenia Yusuf Zara Ahmad Bashar Catherine David
Emma Farid Grace Hugo Irina John Karim Laura Marco Nina Oleg Priya Rania Sergei Tomas Ursula
Viktor Wang Yara Ali Ben Chloe Diego Eva Felix Hana Ivan Julia Khalid Lina
"""
)
_SURNAMES = _words(
    """
Petrov Haddad Morales Ivanova Nasser Kowalski Tanaka Rahimi Schmidt Okafor Larsen Dubois
Kuznetsov Mansour Alvarez Novak Sato Hussein Fischer Mensah Jansen Bernard Sokolov Khalil
Romero Horvat Suzuki Karimi Weber Adeyemi Nilsen Laurent Volkov Saleh Torres Dvorak Kato Amini
Becker Boateng Berg Girard Popov Darwish Ruiz Svoboda Ito Jafari Wagner Owusu Lund Moreau
Lebedev Farouk Navarro Kral Yamamoto Tehrani Hoffmann Asante Dahl Fontaine Orlov Qasim Ortega
Benes Mori Rostami Koch Appiah Holm Mercier Zaitsev Aziz Castro Marek Ono Sadeghi
"""
)
_OUTLET_WORDS = _words(
    """
Times Post Herald Tribune Gazette Observer Courier Chronicle Monitor Daily Dispatch Review
Journal Standard Telegraph Sentinel Express Mirror Voice Record
"""
)
_PLACES = _words(
    """
Moscow Cairo Berlin Lagos Delhi Sydney Toronto Dubai Istanbul Madrid Warsaw Tokyo Nairobi
Beirut Vienna Oslo Lima Seoul Athens Prague
"""
)


@dataclass(frozen=True)
class SyntheticArticle:
    number: int
    title: str
    subtitle: str
    body: str
    source: str
    published: dt.date | None
    people: tuple[tuple[str, int], ...]  # (name, mention count)
    fingerprint: str


class CorpusGenerator:
    """Deterministic: article n is the same for a given seed, whatever was generated before it."""

    def __init__(self, seed: int = SEED) -> None:
        self.seed = seed
        rng = np.random.default_rng(seed)
        self.vocab = self._vocabulary(rng)
        weights = 1.0 / np.arange(1, len(self.vocab) + 1) ** ZIPF_EXPONENT
        self._word_cdf = np.cumsum(weights / weights.sum())
        firsts = rng.permutation(_FIRST)
        names = [f"{firsts[i % len(firsts)]} {s}" for i, s in enumerate(rng.permutation(_SURNAMES * 6))]
        self.people = list(dict.fromkeys(names))[:PEOPLE]
        pw = 1.0 / np.arange(1, len(self.people) + 1)
        self._people_cdf = np.cumsum(pw / pw.sum())
        outlets = [f"The {p} {w}" for p in _PLACES for w in _OUTLET_WORDS]
        self.outlets = [str(o) for o in rng.choice(outlets, size=OUTLETS, replace=False)]
        ow = 1.0 / np.arange(1, OUTLETS + 1) ** 0.8
        self._outlet_cdf = np.cumsum(ow / ow.sum())

    @staticmethod
    def _vocabulary(rng: np.random.Generator) -> list[str]:
        words = list(dict.fromkeys(_HEAD))
        seen = set(words)
        while len(words) < VOCAB_SIZE:
            n = int(rng.integers(2, 5))
            word = "".join(rng.choice(list(SYLLABLES), size=n))
            if word not in seen:
                seen.add(word)
                words.append(word)
        return words

    def _draw(self, cdf: np.ndarray, rng: np.random.Generator, size: int) -> np.ndarray:
        return np.minimum(np.searchsorted(cdf, rng.random(size)), len(cdf) - 1)

    def article(self, number: int) -> SyntheticArticle:
        rng = np.random.default_rng([self.seed, number])
        length = int(rng.integers(MIN_WORDS, MAX_WORDS + 1))
        words = [self.vocab[i] for i in self._draw(self._word_cdf, rng, length)]
        # A handful of topic words recur through the article, as real subjects do.
        topics = [self.vocab[int(i)] for i in rng.integers(150, 5000, size=4)]
        for pos in rng.integers(0, length, size=length // 25):
            words[int(pos)] = topics[int(pos) % len(topics)]
        people_idx = sorted(set(self._draw(self._people_cdf, rng, int(rng.integers(1, 9))).tolist()))
        people = [self.people[i] for i in people_idx]
        counts = dict.fromkeys(people, 0)
        sentences, i = [], 0
        while i < length:
            n = int(rng.integers(8, 25))
            sentence = words[i : i + n]
            i += n
            if people and rng.random() < 0.3:
                name = people[int(rng.integers(len(people)))]
                form = name if counts[name] == 0 else name.split()[-1]
                counts[name] += 1
                sentence = [*sentence[: n // 2], form, "said", *sentence[n // 2 :]]
            sentences.append(" ".join(sentence).capitalize() + ".")
        for name in people:  # everyone mentioned appears at least once
            if counts[name] == 0:
                sentences.append(f"{name} declined to comment.")
                counts[name] = 1
        paragraphs = [" ".join(sentences[j : j + 4]) for j in range(0, len(sentences), 4)]
        body = "\n\n".join(paragraphs)
        head = [
            topics[0],
            *(self.vocab[int(k)] for k in rng.integers(20, 2000, size=int(rng.integers(4, 9)))),
        ]
        if people:
            head.insert(int(rng.integers(len(head))), people[0].split()[-1])
        title = " ".join(head).capitalize()
        subtitle = " ".join(self.vocab[int(k)] for k in rng.integers(10, 3000, size=12)).capitalize() + "."
        undated = rng.random() < UNDATED_SHARE
        published = None if undated else FIRST_DAY + dt.timedelta(days=int(rng.integers(DAYS)))
        source = self.outlets[int(self._draw(self._outlet_cdf, rng, 1)[0])]
        fingerprint = hashlib.sha256(body.encode()).hexdigest()
        return SyntheticArticle(
            number, title, subtitle, body, source, published, tuple(counts.items()), fingerprint
        )

"""What story clustering keeps of an article's text: its content terms, its named terms and its quotes.

Three kinds of key share one mapping (stored as `Article.cluster_terms`), told apart by a prefix:

- plain stems (``treaty``): the top content words, title words counted TITLE_WEIGHT times;
- named terms (``#lisbon``, ``#12``): capitalised words inside a sentence that are not the article's
  people, and numbers of two or more digits. Places, organisations and figures are what two outlets
  reporting one event keep even when they word the rest differently;
- quote shingles (``"patient diplomacy``): pairs of consecutive content words inside quotation marks,
  a fixed hash-ordered sample of them, so two articles quoting one remark (however trimmed) pick the
  same pairs and an exact key lookup finds them;
- keys that cross languages (``~vn`` a place's consonant key, ``=12`` a figure, and ``!abjad`` for a
  text in a script without capitals), from archive.compare.event_evidence.fingerprint: a Russian and an
  English report of one meeting share none of the keys above, but these they do share; and ``^sergi
  lavrof``, the sound key of each of its people's names (archive.ingest.namekeys.sound_name_key), so
  a person the archive holds twice in two transliterations ("Sergej Lawrow" in German, "Sergei Lavrov"
  in English, "Vladimir Poutine" in French) still counts as one person across languages. Same-language
  similarity ignores them; they find and score candidates in another language.

Plain Python, no Django.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping

from archive.compare.event_evidence import fingerprint
from archive.compare.text import STOPWORDS, content_terms, stem
from archive.ingest.namekeys import sound_name_key
from archive.ingest.textrules import fold, split_sentences

# Title words count this many times: a headline names the event in few words. 3 put the headline on a
# par with a medium paragraph in hand-checked pairs, without letting two similar headlines alone decide.
TITLE_WEIGHT = 3
# Terms kept per article (by count): enough to describe an event, small enough to store in a JSON field.
# Calibrated on the seeds and on 600-900 word synthetic articles: cosines barely moved above ~40 terms.
MAX_TERMS = 60
# Named terms kept per article (by count): the seeds name 10-25 places, bodies and figures each.
MAX_NAMED = 25
# Quote shingles kept per article: the smallest hashes of all its quoted word pairs. 16 lets one shared
# eight-word remark show up in both samples; more only stores more.
MAX_QUOTE_SHINGLES = 16
# Place keys kept per article: a fixed hash-ordered sample (the same place keeps or loses its key in
# every article alike). A cased text names 5-30 places and bodies; a text without capitals (Arabic)
# gives every word a key, and the other side's places are looked for among them, so it keeps more.
MAX_PLACES = 40
MAX_ABJAD_PLACES = 300
# Figures kept per article (a hash-ordered sample as well).
MAX_NUMBERS = 25
# Bump when the keys change, so stored terms of an older form are recomputed (archive.stories.clustering).
# 3: the keys that cross languages. 4: people's sound keys. 5: the folding of session 7 (textrules.
# transliterate): a Cyrillic soft sign or an Arabic hamza no longer spells an apostrophe ("ob'iavil"
# is "obiavil", the sound key "ol ga vetrova" "olga vetrova"), so a new Russian or Arabic report met
# the stored ones on fewer terms.
TERMS_VERSION = 5

NAMED_PREFIX = "#"
QUOTE_PREFIX = '"'
PLACE_PREFIX = "~"
NUMBER_PREFIX = "="
PERSON_SOUND_PREFIX = "^"
ABJAD_KEY = "!abjad"
VERSION_KEY = "!version"
# Keys only the cross-language rule reads (and VERSION_KEY, which nothing scores).
CROSS_LANGUAGE_PREFIXES = (PLACE_PREFIX, NUMBER_PREFIX, PERSON_SOUND_PREFIX, "!")

_TOKEN_RE = re.compile(r"[A-Za-z][\w'’-]*|\d[\d,.]*\d|\d")
_QUOTED_RE = re.compile(r"[\"“]([^\"“”]{12,600})[\"”]")


def build_terms(
    title: str, body: str, subtitle: str = "", names: Iterable[str] = (), people: Iterable[str] = ()
) -> dict[str, float]:
    """The article's keys for clustering: content terms, named terms (leaving out the words of `names`,
    its people's spellings) and quote shingles, each with its count, the keys that cross languages
    (`people` are the names of its people, one each), plus the version key."""
    counts: Counter[str] = Counter(content_terms(body))
    counts.update(content_terms(subtitle))
    for term in content_terms(title):
        counts[term] += TITLE_WEIGHT
    terms = {t: float(c) for t, c in counts.most_common(MAX_TERMS)}
    skip = {stem(w) for name in names for w in fold(name).replace("-", " ").split()}
    named = Counter(_named_terms(title, skip))
    named.update(_named_terms(body, skip))
    terms.update({NAMED_PREFIX + t: float(c) for t, c in named.most_common(MAX_NAMED)})
    terms.update(dict.fromkeys(_quote_shingles(body), 1.0))
    terms.update(cross_language_terms(f"{title}\n\n{subtitle}\n\n{body}", names))
    terms.update(dict.fromkeys(person_sound_terms(people), 1.0))
    terms[VERSION_KEY] = float(TERMS_VERSION)
    return terms


def cross_language_terms(text: str, names: Iterable[str] = ()) -> dict[str, float]:
    """The keys of `text` that cross languages: place keys, figures and the abjad flag."""
    found = fingerprint(text, "", None, (), names)
    limit = MAX_ABJAD_PLACES if found.abjad else MAX_PLACES
    out = dict.fromkeys((PLACE_PREFIX + k for k in _sample(found.places, limit)), 1.0)
    out.update(dict.fromkeys((NUMBER_PREFIX + n for n in _sample(found.numbers, MAX_NUMBERS)), 1.0))
    if found.abjad:
        out[ABJAD_KEY] = 1.0
    return out


def person_sound_terms(people: Iterable[str]) -> set[str]:
    """One key per person name: its sound key, the same for the spellings each language gives it."""
    return {PERSON_SOUND_PREFIX + key for key in map(sound_name_key, people) if key}


def _sample(keys: Iterable[str], limit: int) -> list[str]:
    return sorted(keys, key=lambda k: zlib.crc32(k.encode()))[:limit]


def is_current(terms: Mapping[str, float]) -> bool:
    """Whether stored terms were built by this version of build_terms."""
    return terms.get(VERSION_KEY) == TERMS_VERSION


def _named_terms(text: str, skip: set[str]) -> list[str]:
    """Capitalised words after a sentence's first word, and numbers of two or more digits, folded."""
    out = []
    for sentence in split_sentences(text):
        tokens = _TOKEN_RE.findall(sentence)
        for i, token in enumerate(tokens):
            if token[0].isdigit():
                digits = re.sub(r"\D", "", token)
                if len(digits) >= 2:
                    out.append(digits)
                continue
            if i == 0 or not token[0].isupper() or len(token) < 3:
                continue
            word = stem(fold(token).replace("'", "").replace("’", ""))
            if word not in STOPWORDS and word not in skip:
                out.append(word)
    return out


def _quote_shingles(body: str) -> list[str]:
    """A fixed hash-ordered sample of the content-word pairs inside the body's quotation marks."""
    shingles = set()
    for match in _QUOTED_RE.finditer(body):
        quoted = content_terms(match.group(1))
        shingles.update(f"{a} {b}" for a, b in zip(quoted, quoted[1:], strict=False))
    ranked = sorted(shingles, key=lambda s: zlib.crc32(s.encode()))
    return [QUOTE_PREFIX + s for s in ranked[:MAX_QUOTE_SHINGLES]]

"""The Whoosh schema of the search index: analysers, fields, the document mapping, and two
speed-ups of the indexing writer (whoosh-reloaded 2.7.5 internals, pinned in requirements.txt).

Split from backend.py, which opens, writes and searches the index built with this schema.
"""

from __future__ import annotations

import pickle
from functools import lru_cache
from itertools import islice

from whoosh import columns as wcolumns
from whoosh import fields, writing
from whoosh.analysis import Filter, RegexTokenizer, Token, Tokenizer
from whoosh.codec import base as wcodec
from whoosh.lang.porter import stem as porter_stem
from whoosh.support.charset import accent_map

from archive.ingest.prose import UNSPACED_RANGES
from archive.search import schema as spec
from archive.search.backend import SearchDocument

PEOPLE_SEPARATOR = b"\x1f"

# The catch-all text's sections (body first: its offsets are then the body's own) are joined by
# SECTION and numbered SECTION_GAP positions apart, so no phrase spans two of them.
ALL_FIELD = "text"
SECTION = "\x1e"
SECTION_GAP = 100
# Joins a common gram's two words: the tokenizer never leaves a space inside a word.
GRAM_JOIN = " "

# Words remembered by the normalising filter (a news vocabulary is a few hundred thousand forms).
NORMALISE_CACHE = 300_000


# Postings per pickle in the indexing writer's sorted runs (see _ChunkedPostingPool).
RUN_CHUNK = 4096
# Prefixes of PREFIX_MIN to PREFIX_MAX letters are indexed as terms of PREFIX_FIELD (what Lucene and
# Elasticsearch call `index_prefixes`), so `con*` is one term, not an OR of the hundreds of words it
# starts: 32 three-letter prefixes read 500 words' postings at 10,000 articles (180 ms), ten times
# more at 100,000. Other lengths expand over the words (within the budget): two letters start too
# many words to mean much, and five or more start few. Measured on 300 generated articles of 800
# words: 2-5 letters add 818 terms an article and cost 70% more build time; 3-4 add 454.
PREFIX_FIELD = "text_prefix"
PREFIX_MIN = 3
PREFIX_MAX = 4
# Each name field's companion of exact name parts: every run of up to NAME_GRAM_WORDS consecutive
# words of each name ("new york times" holds "york times"), so `source:"York Times"` is one term
# instead of a phrase whose positions are checked in every article of the outlet (20 outlets ORed
# cost 150 ms at 10,000 articles and spent the phrase budget).
NAME_KEYS = {"source_text": "source_key", "people_text": "people_key"}
NAME_GRAM_WORDS = 6
NAME_SEPARATOR = " , "


class _ChunkedPostingPool(writing.PostingPool):
    """Whoosh's posting pool, writing its sorted runs as pickled lists of RUN_CHUNK postings instead
    of one pickle per posting. A bulk build sends every posting through these runs (the pool spills
    at LIMIT_MB), and the per-posting pickle.dump/load calls were a third of a 2,000-article
    rebuild's CPU time. Installed in whoosh.writing below: SegmentWriter (also in the indexing
    subprocesses, which are forked) looks the class up there, and every run is read through
    _read_run (also by whoosh.multiproc)."""

    def _write_run(self, f, items) -> None:
        items = iter(items)
        while chunk := list(islice(items, RUN_CHUNK)):
            pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)


writing.PostingPool = _ChunkedPostingPool


class _LengthTable:
    """A segment's field lengths read into one list per field. Whoosh's FieldWriter.add_postings asks
    the per-document reader for the length of every posting's field (a column lookup through four
    calls each: a sixth of a rebuild's CPU time); a field's postings then cost one list index."""

    def __init__(self, lengths) -> None:
        self._lengths = lengths
        self._tables: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        table = self._tables.get(fieldname)
        if table is None:
            dfl = self._lengths.doc_field_length
            table = [dfl(d, fieldname, default) for d in range(self._lengths.doc_count_all())]
            self._tables[fieldname] = table
        return (
            table[docnum] if 0 <= docnum < len(table) else self._lengths.doc_field_length(docnum, fieldname)
        )


# The unpatched method, also when this module is imported again (the autoreloader): never wrap twice.
_add_postings = getattr(wcodec.FieldWriter.add_postings, "__wrapped__", wcodec.FieldWriter.add_postings)


def _add_postings_with_table(self, schema, lengths, items):
    return _add_postings(self, schema, _LengthTable(lengths) if lengths else lengths, items)


_add_postings_with_table.__wrapped__ = _add_postings

wcodec.FieldWriter.add_postings = _add_postings_with_table


class NormaliseFilter(Filter):
    """Lower-case and fold accents in one filter with a plain dict cache. (Whoosh's LowercaseFilter |
    CharsetFilter | StemFilter chain cost about half the indexing time in whoosh-reloaded 2.7.5:
    a generator layer per filter and an LFU cache wrapper per token.)"""

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}

    def __getstate__(self):  # the schema is pickled into the index: leave the cache out
        return {}

    def __setstate__(self, state) -> None:
        self._cache = {}

    def __eq__(self, other) -> bool:
        return type(other) is type(self)

    __hash__ = None

    @staticmethod
    def transform(text: str) -> str:
        return text.lower().translate(accent_map)

    def __call__(self, tokens):
        cache, transform = self._cache, self.transform
        for token in tokens:
            text = token.text
            word = cache.get(text)
            if word is None:
                word = transform(text)
                if len(cache) < NORMALISE_CACHE:
                    cache[text] = word
            token.text = word
            yield token


class PorterFilter(NormaliseFilter):
    """Porter-stem each (already normalised) token, with a plain dict cache. A separate filter because
    Whoosh drops `is_morph` filters when it indexes the unstemmed spelling words."""

    is_morph = True
    transform = staticmethod(porter_stem)


COMMON_STEMS = frozenset(porter_stem(w) for w in spec.COMMON_WORDS)


class SectionTokenizer(RegexTokenizer):
    """RegexTokenizer over each SECTION-separated part, the parts SECTION_GAP positions apart."""

    def __call__(self, value, positions=False, chars=False, start_pos=0, start_char=0, **kwargs):
        pos, offset = start_pos, start_char
        for part in value.split(SECTION):
            count = 0
            for token in super().__call__(
                part, positions=positions, chars=chars, start_pos=pos, start_char=offset, **kwargs
            ):
                count += 1
                yield token
            pos += count + SECTION_GAP
            offset += len(part) + len(SECTION)


class CommonGramFilter(Filter):
    """When indexing, each adjacent pair of words with a stop word in it is also indexed as one term
    ("bank of", "of england") at the first word's position, as Lucene's CommonGramsFilter does. A
    phrase is then looked up through these rare pairs (common_grams) and never reads the positions
    of "the", which fill a large part of the index: 0.7 s per stop-word phrase at 100k articles."""

    def __eq__(self, other) -> bool:
        return type(other) is type(self)

    __hash__ = None

    def __call__(self, tokens):
        prev = None
        for token in tokens:
            if token.mode != "index" or not token.positions:
                yield token
                continue
            text, pos = token.text, token.pos
            start = token.startchar if token.chars else 0
            yield token
            if prev is not None and prev[1] + 1 == pos and (prev[0] in COMMON_STEMS or text in COMMON_STEMS):
                token.text, token.pos = prev[0] + GRAM_JOIN + text, prev[1]
                if token.chars:
                    token.startchar = prev[2]
                yield token
            prev = (text, pos, start)


def common_grams(words: list[str]) -> list[str]:
    """The terms, one per position, that find the phrase `words` in the catch-all text: a pair with a
    stop word is its gram; other words stay; a final stop word is already inside the last gram."""
    out = []
    last = len(words) - 1
    for i, word in enumerate(words):
        if i < last and (word in COMMON_STEMS or words[i + 1] in COMMON_STEMS):
            out.append(word + GRAM_JOIN + words[i + 1])
        elif word not in COMMON_STEMS or last == 0:
            out.append(word)
    return out


@lru_cache(maxsize=NORMALISE_CACHE)
def stem(word: str) -> str:
    """The indexed form of an already normalised word (as the stemming analysers store it)."""
    return PorterFilter.transform(word)


class PrefixTokenizer(Tokenizer):
    """Each distinct beginning (PREFIX_MIN to PREFIX_MAX letters) of the text's normalised words, once,
    weighted by how many distinct words it begins: one token per term instead of one per letter count
    of every word (the analyser's share of a build is then a third of what it was)."""

    def __eq__(self, other) -> bool:
        return type(other) is type(self)

    __hash__ = None

    def __call__(self, value, positions=False, chars=False, mode="", **kwargs):
        heads: dict[str, int] = {}
        for word in {t.text for t in PLAIN_ANALYZER(value)}:
            for n in range(PREFIX_MIN, min(PREFIX_MAX, len(word)) + 1):
                heads[word[:n]] = heads.get(word[:n], 0) + 1
        token = Token(positions=False, chars=False, mode=mode, **kwargs)
        for head, words in heads.items():
            token.text, token.boost, token.stopped = head, float(words), False
            yield token


class NameGramTokenizer(Tokenizer):
    """Names joined by NAME_SEPARATOR -> each run of up to NAME_GRAM_WORDS consecutive normalised
    words of each name, as one term ("bashar al assad" -> "bashar", "bashar al", ..., "al assad")."""

    def __eq__(self, other) -> bool:
        return type(other) is type(self)

    __hash__ = None

    def __call__(self, value, positions=False, chars=False, mode="", **kwargs):
        token = Token(positions=False, chars=False, mode=mode, **kwargs)
        for name in value.split(NAME_SEPARATOR):
            words = name_words(name)
            for i in range(len(words)):
                for j in range(i + 1, min(len(words), i + NAME_GRAM_WORDS) + 1):
                    token.text, token.boost, token.stopped = " ".join(words[i:j]), 1.0, False
                    yield token


def name_words(text: str) -> list[str]:
    """The normalised words of a name, as the name fields index them."""
    return [t.text for t in PLAIN_ANALYZER(text)]


# Words, and each character of the scripts written without spaces (Chinese, Japanese, Thai...): a
# query word that analyses into several tokens is searched as their phrase, so "渡轮" finds the two
# characters side by side. (Whoosh's default `\w+(\.?\w+)*` made a whole Chinese sentence one token.)
WORD_PATTERN = rf"[{UNSPACED_RANGES}]|[^\W{UNSPACED_RANGES}]+(?:\.?[^\W{UNSPACED_RANGES}]+)*"
_STEMMED = RegexTokenizer(WORD_PATTERN) | NormaliseFilter() | PorterFilter()
PLAIN_ANALYZER = RegexTokenizer(WORD_PATTERN) | NormaliseFilter()
_ALL = SectionTokenizer(WORD_PATTERN) | NormaliseFilter() | PorterFilter() | CommonGramFilter()


def build_schema() -> fields.Schema:
    """A Whoosh schema from archive.search.schema's neutral field list."""
    built: dict[str, fields.FieldType] = {}
    for f in spec.FIELDS:
        if f.kind == "text":
            built[f.name] = fields.TEXT(
                analyzer=_STEMMED,
                stored=f.stored,
                field_boost=f.boost,
                chars=f.highlight,
                spelling=f.spelling,
            )
        elif f.kind == "all":
            built[f.name] = fields.TEXT(analyzer=_ALL, chars=f.highlight, spelling=f.spelling)
            built[PREFIX_FIELD] = fields.TEXT(analyzer=PrefixTokenizer(), phrase=False)
        elif f.kind == "name":
            built[f.name] = fields.TEXT(analyzer=PLAIN_ANALYZER, stored=f.stored, field_boost=f.boost)
            built[NAME_KEYS[f.name]] = fields.TEXT(analyzer=NameGramTokenizer(), phrase=False)
        elif f.kind == "stored":
            built[f.name] = fields.STORED()
        elif f.name == "id":
            built["id"] = fields.ID(stored=True, unique=True)
    # Values read by document number for facets, filters and date sorting (columns, not postings).
    built["aid"] = fields.COLUMN(wcolumns.NumericColumn("q"))
    built["source"] = fields.COLUMN(wcolumns.VarBytesColumn())
    built["people"] = fields.COLUMN(wcolumns.VarBytesColumn())
    built["published"] = fields.COLUMN(wcolumns.NumericColumn("i"))
    # What a hit displays, in one stored value (one unpickle per hit).
    built["meta"] = fields.STORED()
    # The schema version as a field name: an index of another version has other names (refused).
    built[f"schema_v{spec.SCHEMA_VERSION}"] = fields.STORED()
    return fields.Schema(**built)


def to_fields(doc: SearchDocument) -> dict:
    published = (
        doc.published.year * 10000 + doc.published.month * 100 + doc.published.day if doc.published else 0
    )
    text = SECTION.join(
        p.replace(SECTION, " ") for p in (doc.body, doc.title, doc.subtitle, NAME_SEPARATOR.join(doc.people))
    )
    people = NAME_SEPARATOR.join(doc.people)
    sources = NAME_SEPARATOR.join((doc.source, *doc.source_aliases))
    return {
        "id": str(doc.id),
        "aid": doc.id,
        "title": doc.title,
        "subtitle": doc.subtitle,
        ALL_FIELD: text,
        PREFIX_FIELD: text,
        "people_text": people,
        "people_key": people,
        "source_text": sources,
        "source_key": sources,
        "source": doc.source.encode(),
        "people": PEOPLE_SEPARATOR.join(p.encode() for p in doc.people),
        "published": published,
        "meta": (
            doc.source,
            doc.published.isoformat() if doc.published else "",
            doc.url,
            doc.people,
            doc.story,
            doc.digest,
        ),
    }

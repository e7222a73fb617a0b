"""Name finders for languages other than English that a maintained package reads offline.

Russian: Natasha (`natasha`, its navec word vectors and slovnet NER model shipped inside the package;
pymorphy2 turns "Джоном Керри" into "Джон Керри" and tells a patronymic from a surname). Nothing is
fetched at run time. A finder is loaded on first use in a process, so only when an article in its
language arrives (Natasha: 1-6 s by load and about 200 MB), and kept for the process. Where no
finder reads a language, or its package is missing or fails on a text, callers keep to the rules of
archive.ingest.multilingual_people (`person_spans` returns None). Plain Python, no Django.
"""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

logger = logging.getLogger(__name__)

# ISO 639-1 code -> (the package that reads it, what the article page calls it).
FINDERS = {"ru": ("natasha", "Natasha's Russian name finder")}


@dataclass(frozen=True)
class NameSpan:
    """A person's name in the text: where it stands, as written, and in the nominative."""

    start: int
    end: int
    text: str
    normal: str


def finder_name(language: str) -> str:
    """What reads people in `language` ("" when no installed package does)."""
    package, name = FINDERS.get(language, ("", ""))
    return name if package and importlib.util.find_spec(package) is not None else ""


def person_spans(text: str, language: str) -> list[NameSpan] | None:
    """The people's names a package finds in `text`, or None when none reads `language` (or it failed)."""
    if not finder_name(language):
        return None
    try:
        return _natasha_spans(text)
    except Exception:  # a model's failure on one text must not lose the article: the rules take over
        logger.exception("name finder failed for a %s text; using the capitalised-name rules", language)
        return None


@lru_cache(maxsize=1)
def _natasha() -> tuple[Any, ...]:
    from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    embedding = NewsEmbedding()
    return Doc, Segmenter(), NewsMorphTagger(embedding), NewsNERTagger(embedding), _morph_vocab()


@lru_cache(maxsize=1)
def _morph_vocab() -> Any:
    from natasha import MorphVocab

    return MorphVocab()


def dictionary_reads(word: str, grammeme: str) -> bool | None:
    """Whether the Russian dictionary Natasha ships (pymorphy2's) reads `word` first with `grammeme`
    ("Patr": "Григорьевич" yes, "Милошевич" no, a surname; "Name": "Владимир"); None when the
    package is missing."""
    if not finder_name("ru"):
        return None
    parses = _morph_vocab().parse(word)
    return bool(parses) and grammeme in parses[0].tag


def _natasha_spans(text: str) -> list[NameSpan]:
    doc_type, segmenter, morph, ner, vocab = _natasha()
    doc = doc_type(text)
    doc.segment(segmenter)
    doc.tag_morph(morph)
    doc.tag_ner(ner)
    out = []
    for span in doc.spans:
        if span.type != "PER":
            continue
        span.normalize(vocab)
        out.append(NameSpan(span.start, span.stop, span.text, _nominative(span, vocab)))
    return out


# The nominative in Natasha's case names (its tagger's and its MorphVocab's alike).
_NOMINATIVE = "Nom"


def _nominative(span: Any, vocab: Any) -> str:
    """The span's nominative. Natasha's own normal form leaves a word as written when the tagger's
    gender and the dictionary's disagree ("Стаффаном де Мистурой" -> "Стаффан де Мистурой": a man's
    surname in "-а" declines as a woman's noun), so a capitalised word it left in an oblique case is
    given the dictionary's nominative for that case ("Мистура")."""
    normal = span.normal or span.text
    words = normal.split()
    if len(words) != len(span.tokens):
        return normal
    out = []
    for token, word in zip(span.tokens, words, strict=True):
        case = token.feats.get("Case", _NOMINATIVE)
        if word == token.text and word[:1].isupper() and case != _NOMINATIVE:
            forms = (f.normal for f in vocab(word) if f.feats.get("Case") == case)
            lemma = next((normal for normal in forms if normal != word.lower()), "")
            word = lemma[:1].upper() + lemma[1:] if lemma else word
        out.append(word)
    return " ".join(out)

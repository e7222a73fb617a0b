"""The editor's judgement over one article's entity spans: which are people, and which spans are
one person. Plain Python on `EntityOccurrence`s (archive.ingest.people makes them from spaCy), so
every rule can be tested with labels given by hand. The rules are listed in archive.ingest.people.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from archive.ingest.article import PersonMention
from archive.ingest.givennames import given_names_match, is_frequent_given_name, is_given_name
from archive.ingest.namekeys import (
    given_key,
    initials_stand_for,
    is_initialled,
    name_fullness,
    name_key,
    plain,
    surname_key,
)
from archive.ingest.names import NAME_PARTICLES, ORG_LEAD_WORDS, ORG_TAIL_WORDS, TITLE_WORDS

# Names longer than this many words are phrases, not names ("Bashar Hafez al Assad" has 4).
MAX_NAME_WORDS = 5
# Longer than this is a run-together phrase or markup, not a name (and would not fit the
# 200-character name and key columns of Person and PersonAlias).
MAX_NAME_CHARS = 80
# An ORG-labelled "Given Surname" is a person only up to this many words ("Markus Brenner",
# "Anna Maria Kerr"); longer ORG spans are names of bodies.
MAX_ORG_NAME_WORDS = 3

PERSON_LABEL = "PERSON"
# Labels a role word before a single word cannot overrule: "striker Neymar" (ORG) is a person,
# a place or a nationality is not ("hosts Qatar", "a major Syrian role").
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})

_ROMAN_NUMERAL = re.compile(r"^[IVX]{2,5}$")
# An acronym: three to five capitals ("SRE", "NHS", "UNHCR"), which a body or a product carries. A
# longer word in capitals is a surname as AFP, UN and French papers write it ("Emmanuel MACRON",
# "Geir PEDERSEN"), and so is a shorter one after a given name ("Mark RUTTE", "Theresa MAY").
_ACRONYM = re.compile(r"^[A-Z]{3,5}s?$")
_PARTICLE_PREFIX = re.compile(r"[-'’]")

_P = TypeVar("_P")


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
    in_headline: bool = False


def looks_like_name(name: str, has_cue: bool, titled: bool = False) -> bool:
    """Shape rules that hold for any person's name in Latin letters (archive.ingest.people lists them);
    the capitalised-name rules of archive.ingest.multilingual_people keep to them too."""
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
    if (
        not all(w.isupper() for w in words)
        and any(_is_acronym(w) for w in words)
        and not is_given_name(words[0])
    ):
        return False  # "Gmail SRE": beside a capitalised word, an acronym names a body or a product
    return not (plain(words[-1]) in ORG_TAIL_WORDS and not titled)


def _is_acronym(word: str) -> bool:
    return bool(_ACRONYM.match(word)) and not _ROMAN_NUMERAL.match(word)  # "Martin Luther King III"


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
        if not looks_like_name(occ.name, occ.key in self.cued, occ.key in self.titled):
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
        if id(occ) in accepted or not looks_like_name(
            occ.name, occ.key in evidence.cued, occ.key in evidence.titled
        ):
            continue
        if not _is_short(occ.key.split(), occ.name):
            same = next((p for p in people if occ.key in p.keys), None)
            if same is not None:
                same.occurrences.append(occ)
            continue
        _place_short_name(occ, people, evidence, known_surnames)
    people = join_initials(people, lambda p: max((o.name for o in p.occurrences), key=name_fullness), _merge)
    people = [p for p in people if not _headline_only(p, found)]
    return tuple(_mention(p) for p in sorted(people, key=lambda p: min(o.position for o in p.occurrences)))


def _headline_only(person: _Person, found: Sequence[EntityOccurrence]) -> bool:
    """A name of two words or more that only the headline gives, its surname never found in the
    text below: headlines capitalise every word, and the model reads "Commuters Turn to Ferries" or
    "Harbour Bridge Closed" as names. A person a headline names, the article names again."""
    if not all(occ.in_headline for occ in person.occurrences) or not person.surname:
        return False
    if not any(" " in occ.key for occ in person.occurrences):
        return False  # a surname alone in a headline is kept by its own rule (_place_short_name)
    return not any(not occ.in_headline and person.surname in occ.key.split() for occ in found)


def join_initials(
    people: list[_P], name_of: Callable[[_P], str], merge: Callable[[_P, _P], None]
) -> list[_P]:
    """One article's people with each initialled one ("J. Smith", "М. Тасмаганбетов") merged into the
    one full name it stands for ("John Smith", "Марат Тасмаганбетов"); kept apart when no full name
    or several ("John" and "Jane Smith") qualify."""
    # Only a full name of the same surname key can be the one (initials_stand_for): looked up by it,
    # not by reading every name for every initialled one (2,000 people on one list page took 44 s).
    full: dict[str, list[_P]] = {}
    for person in people:
        name = name_of(person)
        if not is_initialled(name):
            full.setdefault(surname_key(name), []).append(person)
    merged: set[int] = set()
    for person in people:
        name = name_of(person)
        if not is_initialled(name):
            continue
        owners = [p for p in full.get(surname_key(name), ()) if initials_stand_for(name, name_of(p))]
        if len(owners) == 1:
            merge(owners[0], person)
            merged.add(id(person))
    return [p for p in people if id(p) not in merged]


def _merge(into: _Person, other: _Person) -> None:
    into.keys |= other.keys
    into.occurrences.extend(other.occurrences)


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
            evidence.person_votes[occ.key] or occ.honorific or occ.role or " " in occ.name or "-" in occ.name
        ):
            # "Washington" the city does not count towards George Washington; a surname of two
            # parts ("Vasquez-Holm" tagged ORG after "Ingrid Vasquez-Holm") names no place but them.
            return
        earlier = [p for p in owners if p.occurrences[0].position < occ.position]
        owner = max(earlier, key=lambda p: p.occurrences[0].position) if earlier else owners[0]
        owner.keys.add(occ.key)
        owner.occurrences.append(occ)
        return
    mostly_person = evidence.person_votes[occ.key] > evidence.other_votes[occ.key]
    if _keeps_lone_surname(occ, occ.key in evidence.cued, mostly_person, known_surnames) or (
        occ.in_headline and occ.label == PERSON_LABEL and not evidence.other_votes[occ.key]
    ):
        people.append(_Person("", surname_key(occ.name), {occ.key}, [occ]))


def _keeps_lone_surname(
    occ: EntityOccurrence, cued: bool, mostly_person: bool, known_surnames: frozenset[str]
) -> bool:
    """A surname that ends no full name in the article: kept after an honorific ("Mr Okafor",
    whatever the label), after a role word ("striker Neymar", unless the model says it is a
    place), after a title, or when the resolver knows someone by it. (The caller also keeps one
    in the headline that the model calls a person every time the article names it, as headlines
    name people by surname: "Netanyahu rejects ceasefire terms"; measured by bench/people_eval.py.)"""
    if occ.honorific or (occ.role and occ.label not in PLACE_LABELS):
        return True
    return occ.label == PERSON_LABEL and (cued or (mostly_person and surname_key(occ.name) in known_surnames))


def _ends_with(full_key: str, short_key: str) -> bool:
    return full_key == short_key or full_key.endswith(" " + short_key)


def _mention(person: _Person) -> PersonMention:
    spellings = Counter(occ.name for occ in person.occurrences)
    forms = tuple(dict.fromkeys(occ.name for occ in sorted(person.occurrences, key=lambda o: o.position)))
    # Fullest first; between equally full spellings, the one the text uses most, then its first.
    name = max(forms, key=lambda f: (name_fullness(f), spellings[f], -forms.index(f)))
    return PersonMention(name=name, forms=forms, count=len(person.occurrences), key=name_key(name))

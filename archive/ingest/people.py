"""People named in an article: spaCy NER, then the judgement a careful editor adds to it.

The statistical model finds PERSON spans but also mislabels places and organisations ("Aleppo",
"Geneva 2", "Red Cross", "Real Betis") and misses or mislabels people ("Staffan de Mistura" or
"Markus Brenner" tagged ORG, "striker Neymar" tagged ORG). The rules below correct it with general
evidence from the same document rather than lists of known mistakes:

* a name with a digit is never a person ("Geneva 2"); neither is one word plus a roman numeral
  ("Geneva II") unless a title stands before it ("Pope Benedict XVI");
* every word of a name is capitalised or a name particle ("de", "al", "bin"): a lowercase
  function word means a phrase ("Friends of Syria"); an acronym of three capitals or more beside a
  capitalised word names a body or a product ("Gmail SRE"), a Roman numeral aside;
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
  personal title or role ("Mr Kerry", "striker Neymar"), when the model calls it a person every
  time the article names it ("Netanyahu rejects ceasefire terms"), or when the caller passes it
  among `known_surnames` (the resolver knows people from earlier articles); otherwise it is dropped;
* a surname the model left untagged after the full name it tagged PERSON ("UN envoy Lakhdar Brahimi
  ... Brahimi said") is that person again, unless a capitalised word joins it ("Brahimi Street");
* two or three capitalised words the model left untagged right after a capitalised personal title
  are a person ("Cardinal Pietro Parolin"); two single names joined by "and" in one ORG span are
  two people when either is tagged a person elsewhere ("Lula and Milei trade barbs").

People are looked for in the headline, the standfirst, the body (its dateline included) and a
closing sign-off line (`people_text`), never in a reporter's credit ("By ...", "(Reporting by ...)").
Every rule that drops a PERSON span the model found is measured by bench/people_eval.py.

People the archive already knows (`known_people`: confirmed full names and their aliases) are
given to an entity ruler that runs before the model, so they are found where the small model
misses them (archive.ingest.ruler).
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from archive.ingest.article import ParsedArticle, PersonMention
from archive.ingest.attribution import dateline_place, is_sign_off, without_credits
from archive.ingest.grouping import MAX_NAME_WORDS, PERSON_LABEL, EntityOccurrence, group_people
from archive.ingest.namekeys import (
    DEMONYM_SHAPE,
    clean_with_title,
    given_key,
    name_key,
    plain,
)
from archive.ingest.names import (
    APPOSITION_ROLES,
    DEMONYMS,
    HONORIFICS,
    NAME_PARTICLES,
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
# How many tokens before ", Name" are searched for a role noun ("the president of the opposition
# National Coalition, Ahmed Jarba": "president" is 6 tokens back). 8 covers the seeds' appositions
# without reaching into the previous clause.
APPOSITION_WINDOW = 8

# A name the model missed after a personal title has two or three words ("Pietro Parolin").
MAX_TITLED_NAME_WORDS = 3

# What a PERSON span becomes when it is only the tail of a longer name ("Hayat | Tahrir al-Sham"):
# a vote against that string being a person, like an ORG label.
FRAGMENT_LABEL = "FRAGMENT"
# Labels that, given to the same string elsewhere in a document, count against it being a person.
NON_PERSON_LABELS = frozenset({"GPE", "LOC", "ORG", "FAC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})


# ---------------------------------------------------------------- what is read


def headline_end(article: ParsedArticle) -> int:
    """Where the headline ends in `people_text(article)`."""
    return len(article.title.strip())


def people_text(article: ParsedArticle) -> str:
    """The text people are looked for in: the headline, the standfirst, the body (with its dateline)
    and a closing sign-off line that says something about someone, each its own paragraph. Reporters'
    and editors' credits are blanked out: a byline or "(Reporting by ...)" names who wrote the story,
    not who is in it."""
    credit = article.credit if article.provenance.get("credit", "").startswith("closing") else ""
    parts = [article.title, article.subtitle, article.body, credit if credit and is_sign_off(credit) else ""]
    return without_credits("\n\n".join(part.strip() for part in parts if part and part.strip()))


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
    headline_ends: Sequence[int] = (),
) -> list[tuple[PersonMention, ...]]:
    """`extract_people` for many texts at once through nlp.pipe (batched; `n_process` > 1 runs
    NER in that many worker processes). Returns one tuple per text, in order. `headline_ends[i]`
    is where text i's headline ends when it opens with one (see `people_text`)."""
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
        headline_end = headline_ends[owner] - offsets[owner] if owner < len(headline_ends) else 0
        occurrences[owner].extend(_occurrences(doc, offsets[owner], headline_end))
        offsets[owner] += len(piece)
    known = frozenset(known_surnames)
    givens = frozenset(g.split()[0] for g in map(given_key, known_people) if g)
    return [group_people(found, known, givens) for found in occurrences]


def _occurrences(doc: Doc, offset: int, headline_end: int = 0) -> list[EntityOccurrence]:
    """The document's entity spans, cleaned, and the names a title introduces that the model missed,
    in text order; those before `headline_end` (characters into this doc) are marked as in the
    headline."""
    found = [
        *_entity_occurrences(doc, offset),
        *_titled_names(doc, offset),
        *_paired_names(doc, offset),
        *_dateline_places(doc.text, offset),
        *_repeated_surnames(doc, offset),
    ]
    found = [replace(occ, in_headline=occ.position - offset < headline_end) for occ in found]
    return sorted(found, key=lambda occ: occ.position)


def _dateline_places(text: str, offset: int) -> Iterable[EntityOccurrence]:
    """A paragraph's dateline names a place ("ROTTERDAM — Six metro stations..."): a vote against the
    same word being a person when the model tags it PERSON elsewhere ("Rotterdam storm leaves...")."""
    start = 0
    for paragraph in text.split("\n"):
        place = dateline_place(paragraph)
        if place:
            name = place.title()
            yield EntityOccurrence(offset + start, "GPE", name, name_key(name), False, False)
        start += len(paragraph) + 1


def _repeated_surnames(doc: Doc, offset: int) -> Iterable[EntityOccurrence]:
    """A surname standing alone after the full name the model tagged PERSON, where the model tagged
    nothing ("UN envoy Lakhdar Brahimi ... Brahimi said"): that person again. Only an untagged word
    spelt exactly as the name's last word, with no capitalised word joined to it (another name,
    "Brahimi Street"); one the model gave another label keeps it ("Washington" the city)."""
    first_seen: dict[str, int] = {}
    for ent in doc.ents:
        last = ent[-1]
        if ent.label_ == PERSON_LABEL and len(ent) >= 2 and last.is_title and last.is_alpha:
            first_seen.setdefault(last.text, ent.end)
    for token in doc:
        start = first_seen.get(token.text)
        if start is None or token.i < start or token.ent_type_:
            continue
        before = doc[token.i - 1] if token.i else None
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        joined_before = before is not None and before.is_title and not before.is_sent_start
        if joined_before and plain(before.text) not in TITLE_WORDS or after is not None and after.is_title:
            continue
        yield EntityOccurrence(
            offset + token.idx, PERSON_LABEL, token.text, name_key(token.text), False, False
        )


def _paired_names(doc: Doc, offset: int) -> Iterable[EntityOccurrence]:
    """Two single names joined by "and" in one non-person span ("Lula and Milei trade barbs", ORG)
    are two people when the model calls either of them a person elsewhere in the text."""
    people = {ent.text for ent in doc.ents if ent.label_ == PERSON_LABEL}
    for ent in doc.ents:
        words = list(ent)
        if ent.label_ == PERSON_LABEL or len(words) != 3 or words[1].lower_ not in ("and", "&"):
            continue
        pair = (words[0], words[2])
        if all(t.is_title and t.is_alpha for t in pair) and any(t.text in people for t in pair):
            for t in pair:
                yield EntityOccurrence(offset + t.idx, PERSON_LABEL, t.text, name_key(t.text), False, False)


def _titled_names(doc: Doc, offset: int) -> Iterable[EntityOccurrence]:
    """Two or three capitalised words outside any entity right after a capitalised personal title
    ("Cardinal Pietro Parolin, the Vatican's secretary of state"): a person the model missed. The
    title's own words are skipped ("Deputy Foreign Minister ..."); a longer run is a name of a body."""
    i = 0
    while i < len(doc) - 2:
        token = doc[i]
        i += 1
        if not (token.text[:1].isupper() and plain(token.text) in PERSONAL_TITLES) or token.ent_type_:
            continue
        start = i
        while start < len(doc) and doc[start].is_title and plain(doc[start].text) in TITLE_WORDS:
            start += 1
        end = start
        while end < len(doc) and doc[end].is_title and doc[end].is_alpha and not doc[end].ent_type_:
            end += 1
        if 2 <= end - start <= MAX_TITLED_NAME_WORDS and not (end < len(doc) and doc[end].ent_type_):
            name = doc[start:end].text
            yield EntityOccurrence(
                offset + doc[start].idx, PERSON_LABEL, name, name_key(name), True, False, True, True
            )
        i = max(i, end)


def _entity_occurrences(doc: Doc, offset: int) -> Iterable[EntityOccurrence]:
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
        before, strong = _cue_before(doc, ent.start)
        if label != PERSON_LABEL and title not in HONORIFICS:
            title = ""  # offices open organisation names: "Premier League", "General Motors"
        in_span = bool(title)
        title = title or (before if before in PERSONAL_TITLES else "")
        # Inside a span the model did not call a person, a nationality describes the body it
        # names ("European Commission"), not a person.
        role = strong or in_span or (described and label == PERSON_LABEL)
        has_cue = role or _has_role_apposition(doc, ent)
        yield EntityOccurrence(
            offset + ent.start_char, label, name, key, has_cue, title in HONORIFICS, role, bool(title)
        )


def _cue_before(doc: Doc, start: int) -> tuple[str, bool]:
    """(the title, role or nationality word right before token `start`, or ""; whether it is a
    strong cue). An honorific counts only when capitalised: "will miss Canada" is not Miss Canada.
    A capitalised title, a nationality or a lowercase role noun ("striker") is strong; a lowercase
    office is weak, as it is often an adjective ("a major Syrian role", "general strike")."""
    if not start:
        return "", False
    token = doc[start - 1]
    word = plain(token.text)
    capitalised = token.text[:1].isupper()
    if word in HONORIFICS:
        return (word, True) if capitalised else ("", False)
    if word in PERSONAL_TITLES:
        return word, capitalised
    if word in DEMONYMS or (token.is_lower and word in ROLE_WORDS):
        return word, True
    return "", False


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
    # The model stops before a last name that carries a possessive: "Yoon Suk | Yeol's lawyers".
    if end == ent.end and end + 1 < len(doc) and end - ent.start < MAX_NAME_WORDS:
        last, after = doc[end], doc[end + 1]
        if (
            last.is_title
            and last.is_alpha
            and not last.ent_type_
            and after.lower_ in ("'s", "’s")
            and plain(last.text) not in TITLE_WORDS | ORG_TAIL_WORDS
        ):
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

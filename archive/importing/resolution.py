"""From the names an article mentions to one Person row per real person, across the archive.

Matching, strongest first:
1. an exact alias key (archive.ingest.namekeys.name_key): "Bashar Al Assad" and "Bashar al-Assad"
   are one key, so they meet the same alias row;
2. for a full name, the aliases with the same surname key whose given name is the same name
   transliterated ("Ahmed Jarba" joins "Ahmad Jarba"), else a person known only by that surname;
3. for a surname alone ("Assad" in an article that never spells it out), the one real person
   with that surname; when several share it, a surname-only person is created for an editor to
   merge rather than guessing;
4. for a full name in another script than every alias found so far ("Джон Керри" first, "John
   Kerry" later, or the other way round), the one real person with an alias in another script
   whose sound key (archive.ingest.namekeys.sound_name_key) is the same. Never between two
   spellings in one script, and never when two people share the sound key.

A Person marked `not_a_person` keeps its aliases, so its names are recognised (by exact key)
and dropped on every later ingest instead of being created again. It is never a fuzzy match.

Concurrent ingests are safe: PersonAlias.key is unique, so two processes racing to create the
same person collide on the alias insert; the loser rolls back its savepoint and uses the winner's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from django.db import IntegrityError, transaction

from archive.ingest.article import PersonMention
from archive.ingest.givennames import given_names_match
from archive.ingest.namekeys import (
    given_key,
    name_fullness,
    name_key,
    name_style,
    sound_name_key,
    surname_key,
    surname_sound_key,
)
from archive.ingest.transliteration import script_of
from archive.models import Mention, Person, PersonAlias, Quote

# Attempts at creating a person before giving up on a key another process keeps claiming; a
# second attempt always finds the winner's alias, the third only covers a winner that rolled back.
CREATE_ATTEMPTS = 3


def known_surname_keys() -> frozenset[str]:
    """The single names real people in the archive go by, for extract_people(known_surnames=...):
    their surname keys, and the lone names articles used for them ("Xi", "Bashar")."""
    real = PersonAlias.objects.filter(person__not_a_person=False)
    surnames = real.exclude(surname_key="").values_list("surname_key", flat=True).distinct()
    lone = real.filter(surname_key="").values_list("key", flat=True)
    return frozenset(surnames) | frozenset(lone)


def known_person_names() -> frozenset[str]:
    """Every spelling in full (given name and surname) of the real people in the archive, for the
    entity ruler of extract_people(known_people=...). Filtered in the database (a surname key and
    a space: "Sergei Lavrov", "Bashar al-Assad"), so it stays one cheap query at 100k people."""
    real = PersonAlias.objects.filter(person__not_a_person=False, name__contains=" ").exclude(surname_key="")
    return frozenset(real.values_list("name", flat=True))


def person_named(value: str) -> Person | None:
    """The real person a full name typed by a user stands for: any alias spelt so ("Sergei
    Lavrov", "Bashar al-Assad"), else the one person with that surname and a transliteration of
    that given name ("Sergey Lavrov"). None for a surname alone (it is searched as a word, so it
    finds everyone of that name) and for names the archive does not know."""
    return _named(value, _aliases_near(value))


def people_surnamed(value: str) -> list[Person]:
    """The real people whose surname, in another script than `value`'s, sounds like `value`
    ("Лавров", "Керри" -> the people the archive spells Lavrov, Kerry)."""
    return _surnamed(value, _aliases_near(value))


def canonical_name(value: str) -> str | None:
    """The archive's name for the person `value` names (a full name, person_named), else the surname
    the one person whose surname sounds like it in another script is spelt with (people_surnamed);
    None when it names nobody known. One query, however the name is matched (a search tries it on
    runs of plain words, so an unknown name must cost little)."""
    aliases = _aliases_near(value)
    person = _named(value, aliases)
    if person is not None:
        return person.name
    surnames = {p.name.split()[-1] for p in _surnamed(value, aliases)}
    return surnames.pop() if len(surnames) == 1 else None


def _aliases_near(value: str) -> list[PersonAlias]:
    """Every alias a rule of person_named or people_surnamed could use for `value`, in one query: the
    same key, the same surname key, the same sound key of the whole name or of the surname."""
    keys = {
        "key": name_key(value),
        "surname_key": surname_key(value),
        "sound_key": sound_name_key(value) if given_key(value) else "",
        "surname_sound_key": surname_sound_key(value),
    }
    return PersonAlias.objects.near({field: key[:200] for field, key in keys.items()})


def _named(value: str, aliases: Sequence[PersonAlias]) -> Person | None:
    person = _full_name_match(value, aliases)
    return None if person is None or person.not_a_person else person


def _full_name_match(value: str, aliases: Sequence[PersonAlias]) -> Person | None:
    """The person a full name stands for among `aliases` (_aliases_near): an alias spelt so (even one
    marked not a person: the importer drops its mentions), else by given name (_by_given_name), else by
    sound (_by_sound). None for a name with no given name."""
    key, given = name_key(value), given_key(value)
    if not key or not given:
        return None
    exact = next((a for a in aliases if a.key == key), None)
    if exact is not None:
        return exact.person
    return _by_given_name(given, surname_key(value), aliases) or _by_sound(value, aliases)


def _surnamed(value: str, aliases: Sequence[PersonAlias]) -> list[Person]:
    key, script = surname_sound_key(value), script_of(value)
    if not key:
        return []
    found = {
        a.person_id: a.person
        for a in aliases
        if a.surname_sound_key == key and not a.person.not_a_person and script_of(a.name) != script
    }
    return list(found.values())


def resolve_mentions(mentions: Sequence[PersonMention]) -> list[tuple[Person, PersonMention]]:
    """Find or create the Person for each mention of one article, adding the spellings it used
    as aliases. Mentions whose name an admin marked "not a person" are dropped; mentions that
    resolve to the same person are combined (forms joined, counts summed), so the result has
    one pair per person, in the order of the mentions."""
    resolved: dict[int, tuple[Person, PersonMention]] = {}
    for mention in mentions:
        person = _resolve_one(mention)
        if person is None:
            continue
        if person.pk in resolved:
            known, earlier = resolved[person.pk]
            forms = tuple(dict.fromkeys(earlier.forms + mention.forms))
            resolved[person.pk] = (known, replace(earlier, forms=forms, count=earlier.count + mention.count))
        else:
            resolved[person.pk] = (person, mention)
    return list(resolved.values())


def _spellings(mention: PersonMention) -> dict[str, str]:
    """Each distinct key of the mention's spellings -> the fullest spelling with that key."""
    by_key: dict[str, str] = {}
    # The article's own choice first, so it wins among equally full spellings (sorted is stable).
    for form in sorted(dict.fromkeys((mention.name, *mention.forms)), key=name_fullness, reverse=True):
        key = name_key(form)
        if key:
            by_key.setdefault(key, form)
    return by_key


def _resolve_one(mention: PersonMention) -> Person | None:
    spellings = _spellings(mention)
    if not spellings:
        return None
    # Among spellings of as many words the Latin one names the person ("John Kerry", not "Джон Керри"):
    # that is how the archive's other articles and its readers spell him. Then the finder's own choice:
    # in Russian its nominative, not a case form with more letters ("Эммануэль Макрон", not "Эммануэля
    # Макрона").
    full = max(
        spellings.values(),
        key=lambda s: (name_fullness(s)[0], script_of(s) == "LATIN", s == mention.name, name_fullness(s)),
    )
    full_key = name_key(full)
    person = _find(full, full_key, spellings)
    if person is None:
        person = _create(full, full_key)
    if person.not_a_person:
        return None
    _add_aliases(person, spellings, surname_key(full))
    if not person.name_is_custom and (preferred := preferred_name([person.name, full])) != person.name:
        person.name = preferred
        person.save(update_fields=["name"])
    return person


def preferred_name(names: Iterable[str], usage: Mapping[str, int] | None = None) -> str:
    """The person's name among these spellings: the fullest (a given name); between spellings of as
    many words a Latin one ("John Kerry", not "Джон Керри": how the archive's other articles and its
    readers spell him, and never a Cyrillic case form for having more letters), then more letters,
    then the one more articles use (when `usage` counts them),
    then the editor's spelling (namekeys.name_style: "Bashar al-Assad", not "Bashar Al Assad"),
    then the first in code-point order: the same spellings give the same name in any order, so
    importing the same articles in another order names the person alike."""
    usage = usage or {}
    return max(
        sorted(set(names)),
        key=lambda n: (
            name_fullness(n)[:2],
            script_of(n) == "LATIN",
            name_fullness(n),
            usage.get(n, 0),
            name_style(n),
        ),
    )


def _find(full: str, full_key: str, spellings: dict[str, str]) -> Person | None:
    given, surname = given_key(full), surname_key(full)
    if not given:
        exact = PersonAlias.objects.filter(key=full_key).select_related("person").first()
        if exact is not None:
            return exact.person
        # A surname alone: its other spellings ("Al Assad" / "Assad") share the key already.
        others = [k for k in spellings if k != full_key]
        alias = PersonAlias.objects.filter(key__in=others).select_related("person").first()
        return alias.person if alias is not None else _by_surname(surname)
    return _full_name_match(full, _aliases_near(full))


def _by_sound(full: str, aliases: Sequence[PersonAlias]) -> Person | None:
    """The one real person with an alias in another script that sounds like `full` (a full name),
    among `aliases` (_aliases_near)."""
    if not given_key(full):
        return None
    script, key = script_of(full), sound_name_key(full)[:200]
    found = {a.person_id: a.person for a in aliases if a.sound_key == key and script_of(a.name) != script}
    if len(found) != 1:
        return None
    person = next(iter(found.values()))
    return None if person.not_a_person else person


def _candidates(surname: str, aliases: Sequence[PersonAlias]) -> dict[int, tuple[Person, set[str]]]:
    """Real people with an alias of this surname -> (person, given-name keys of those aliases)."""
    found: dict[int, tuple[Person, set[str]]] = {}
    for alias in aliases:
        if alias.surname_key != surname or alias.person.not_a_person:
            continue
        _, givens = found.setdefault(alias.person_id, (alias.person, set()))
        if given := given_key(alias.name):
            givens.add(given)
    return found


def _surname_aliases(surname: str) -> list[PersonAlias]:
    return list(PersonAlias.objects.filter(surname_key=surname).select_related("person").order_by("pk"))


def _by_given_name(given: str, surname: str, aliases: Sequence[PersonAlias]) -> Person | None:
    """The person with this surname and a matching given name; else the one known only by the
    surname ("Assad" from an earlier article becomes "Bashar Assad")."""
    candidates = _candidates(surname, aliases).values()
    same = [p for p, givens in candidates if any(given_names_match(given, g) for g in givens)]
    if same:
        return min(same, key=lambda p: p.pk)
    # Only while the surname belongs to nobody else: when several people share it, the bare one
    # stands for "one of them, unknown" and must not swallow a newcomer.
    bare = [p for p, givens in candidates if not givens]
    return bare[0] if len(bare) == len(candidates) == 1 else None


def _by_surname(surname: str) -> Person | None:
    """The one real person with this surname, or None when there is none or several."""
    candidates = _candidates(surname, _surname_aliases(surname))
    return next(iter(candidates.values()))[0] if len(candidates) == 1 else None


def _create(full: str, full_key: str) -> Person:
    for _ in range(CREATE_ATTEMPTS):
        try:
            with transaction.atomic():
                person = Person.objects.create(name=full)
                PersonAlias.objects.create(
                    person=person, name=full, key=full_key, surname_key=surname_key(full)
                )
            return person
        except IntegrityError:
            # Another ingest created this key (or took the slug) meanwhile: use its person.
            alias = PersonAlias.objects.filter(key=full_key).select_related("person").first()
            if alias is not None:
                return alias.person
    raise IntegrityError(f"could not create a person for {full!r}")


def _add_aliases(person: Person, spellings: dict[str, str], surname: str) -> None:
    """Record the spellings whose key no alias has yet. A key another person already owns stays
    with it (an editor merges people; ingest never moves aliases between them). A spelling that
    is not the person's surname ("Bashar", "Xi" of "Xi Jinping") gets no surname key, so it is
    found by its own key only and never taken for the surname of somebody else."""
    taken = set(PersonAlias.objects.filter(key__in=spellings).values_list("key", flat=True))
    for key, form in spellings.items():
        if key in taken:
            continue
        try:
            with transaction.atomic():
                own = surname_key(form)
                PersonAlias.objects.create(
                    person=person, name=form, key=key, surname_key=own if own == surname else ""
                )
        except IntegrityError:
            pass  # a concurrent ingest recorded the same spelling first


def merge_people(target: Person, others: Iterable[Person]) -> Person:
    """Fold `others` into `target`: their aliases, mentions (counts summed where both are in one
    article) and quotes move to target, then they are deleted. The canonical name becomes the
    spelling among all the aliases that preferred_name picks, unless an editor chose one of the
    people's names (name_is_custom): that name stays. One transaction."""
    others = [other for other in others if other.pk != target.pk]
    # A name an editor chose stands (the kept person's first): the merge does not re-pick it.
    chosen = next((p for p in (target, *others) if p.name_is_custom), None)
    with transaction.atomic():
        for other in others:
            PersonAlias.objects.filter(person=other).update(person=target)
            Quote.objects.filter(person=other).update(person=target)
            _move_mentions(other, target)
            other.delete()
        target.name = chosen.name if chosen else _canonical_name(target)
        target.name_is_custom = chosen is not None
        target.save(update_fields=["name", "name_is_custom"])
    return target


def _canonical_name(person: Person) -> str:
    """preferred_name among the person's names, counting the articles that use each."""
    usage = Counter(form for forms in person.mentions.values_list("forms", flat=True) for form in forms)
    names = [person.name, *PersonAlias.objects.filter(person=person).values_list("name", flat=True), *usage]
    return preferred_name(names, usage)


def _move_mentions(source: Person, target: Person) -> None:
    existing = {m.article_id: m for m in Mention.objects.filter(person=target)}
    for mention in Mention.objects.filter(person=source):
        kept = existing.get(mention.article_id)
        if kept is None:
            mention.person = target
            mention.save(update_fields=["person"])
            continue
        kept.count += mention.count
        kept.forms = list(dict.fromkeys([*kept.forms, *mention.forms]))
        kept.save(update_fields=["count", "forms"])
        mention.delete()

"""Property of name resolution: the same articles resolved in any order group their names into the
same people, named alike (each article's mentions through archive.importing.resolution.resolve_mentions,
its public entry).

The people drawn have distinct surnames and distinct given names, and a surname alone stands for
the only person with that surname: where two people share a surname, a bare surname is resolved
by what the archive already holds (by design, an editor merges), so order may matter there."""

from __future__ import annotations

from collections import defaultdict

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.importing.resolution import resolve_mentions
from archive.ingest.article import PersonMention
from archive.ingest.people import name_key
from archive.models import Person

PEOPLE = [("Anna", "Petrova"), ("Omar", "Haddad"), ("Bashar", "al-Assad"), ("Staffan", "de Mistura"),
          ("Mira", "Holm"), ("Sergei", "Lavrov")]  # fmt: skip


def spellings(given_name: str, surname: str) -> list[str]:
    """Ways articles write one person: full, capitals, hyphen or space in the surname, surname only."""
    full = f"{given_name} {surname}"
    return [full, full.upper(), full.replace("-", " ").title(), surname, surname.replace("-", " ").title()]


@st.composite
def articles(draw) -> list[list[str]]:
    """Articles, each naming some of the people, each person in one of their spellings."""
    result = []
    for _ in range(draw(st.integers(1, 5))):
        chosen = draw(st.sets(st.sampled_from(PEOPLE), min_size=1, max_size=3))
        result.append([draw(st.sampled_from(spellings(*person))) for person in sorted(chosen)])
    return result


def people_of(articles_in_order: list[list[str]]) -> frozenset[tuple[str, frozenset[str]]]:
    """Resolve the articles in this order (then roll back): each person's name and the names they
    gathered."""
    gathered: dict[int, set[str]] = defaultdict(set)
    with transaction.atomic():
        for names in articles_in_order:
            mentions = [PersonMention(name, (name,), 1, name_key(name)) for name in names]
            for person, mention in resolve_mentions(mentions):
                gathered[person.pk] |= set(mention.forms)
        named = dict(Person.objects.filter(pk__in=gathered).values_list("pk", "name"))
        transaction.set_rollback(True)
    return frozenset((named[pk], frozenset(names)) for pk, names in gathered.items())


@pytest.mark.slow
@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(articles(), st.randoms(use_true_random=False))
def test_the_same_articles_in_any_order_group_names_into_the_same_people_named_alike(batch, rng):
    shuffled = list(batch)
    rng.shuffle(shuffled)
    assert people_of(shuffled) == people_of(batch)


@pytest.mark.django_db
def test_a_surname_alone_joins_the_only_person_with_that_surname_in_either_order():
    one_person = frozenset({("Anna Petrova", frozenset({"Petrova", "Anna Petrova", "ANNA PETROVA"}))})
    assert people_of([["Petrova"], ["Anna Petrova"], ["ANNA PETROVA"]]) == one_person
    assert people_of([["ANNA PETROVA"], ["Anna Petrova"], ["Petrova"]]) == one_person

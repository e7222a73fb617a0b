"""One person in every script: a name first seen in Cyrillic meets its later Latin spelling by sound,
never two spellings in one script, never when two people sound alike; `person:` searches read a
surname in any script as the archive spells it."""

from __future__ import annotations

import pytest

from archive.importing.resolution import canonical_name, preferred_name, resolve_mentions
from archive.ingest.article import PersonMention
from archive.ingest.multilingual_people import find_people
from archive.ingest.namekeys import name_key, sound_name_key
from archive.models import Person, PersonAlias


def resolve(name: str) -> Person:
    [(person, _)] = resolve_mentions([PersonMention(name, (name,), 1, name_key(name))])
    return person


def test_sound_keys_meet_across_cyrillic_greek_and_latin():
    assert sound_name_key("Джон Керри") == sound_name_key("John Kerry") == sound_name_key("Τζον Κέρι")
    assert sound_name_key("Сергей Лавров") == sound_name_key("Sergey Lavrov")


def test_a_person_first_seen_in_cyrillic_is_the_person_of_the_later_english_spelling(db):
    first = resolve("Джон Керри")
    later = resolve("John Kerry")
    assert later.pk == first.pk
    later.refresh_from_db()
    assert later.name == "John Kerry"  # the Latin spelling names the person
    assert resolve("Τζον Κέρι").pk == first.pk


def test_a_soft_sign_a_hamza_or_an_ain_does_not_cut_a_name_in_two(db):
    # Unidecode spells "ь", "أ" and "ع" with marks: "Ol'ga" must not become the two words "ol ga"
    assert name_key("Ольга Петрова") == "olga petrova"
    assert len(name_key("سعيد الأسد").split()) == 2
    assert sound_name_key("Дарья Волкова") == sound_name_key("Darya Volkova")
    assert resolve("Ольга Петрова").pk == resolve("Olga Petrova").pk


# Written for these tests: the French president named only in oblique cases.
OBLIQUE = "Слова Эммануэля Макрона обсуждали весь день. Позже Эммануэлю Макрону позвонили из Берлина."


def resolve_russian(text: str) -> Person:
    [(person, _)] = resolve_mentions(find_people(text, (), "ru"))  # as in a batch the archive has not read
    return person


def test_a_russian_name_in_oblique_cases_is_stored_in_the_nominative(db):
    person = resolve_russian(OBLIQUE)
    assert person.name == "Эммануэль Макрон"


@pytest.mark.parametrize("english_first", [True, False])
def test_a_russian_name_in_oblique_cases_joins_the_latin_person_in_either_order(db, english_first):
    first = resolve("Emmanuel Macron") if english_first else resolve_russian(OBLIQUE)
    later = resolve_russian(OBLIQUE) if english_first else resolve("Emmanuel Macron")
    assert later.pk == first.pk
    later.refresh_from_db()
    assert later.name == "Emmanuel Macron"  # not a transliteration ("Makron"), not a case form


def test_a_case_form_with_more_letters_never_names_the_person():
    assert preferred_name(["Эммануэля Макрона", "Emmanuel Macron"]) == "Emmanuel Macron"


def test_two_latin_spellings_are_not_joined_by_sound_alone(db):
    assert resolve("Jon Kery").pk != resolve("John Kerry").pk


def test_a_spelling_that_sounds_like_two_people_joins_neither(db):
    one, two = Person.objects.create(name="Jon Keri"), Person.objects.create(name="John Kerry")
    PersonAlias.objects.create(person=one, name="Jon Keri", key="jon keri", surname_key="keri")
    PersonAlias.objects.create(person=two, name="John Kerry", key="john kerry", surname_key="kerry")
    assert resolve("Джон Керри").pk not in {one.pk, two.pk}


@pytest.fixture
def lavrov_archive(make_article, make_person, indexed):
    lavrov = make_person("Sergei Lavrov")
    PersonAlias.objects.create(person=lavrov, name="Sergei Lavrov", key="sergei lavrov", surname_key="lavrov")
    kerry = make_person("John Kerry")
    PersonAlias.objects.create(person=kerry, name="John Kerry", key="john kerry", surname_key="kerry")
    with indexed():
        make_article(title="Lavrov warns on sanctions", people=[lavrov])
        make_article(title="Lavrov to meet Kerry", people=[lavrov, kerry])
        make_article(title="Kerry in Kyiv", people=[kerry])


def titles(client, q: str) -> set[str]:
    return {hit["title"] for hit in client.get("/api/search/", {"q": q}).json()["results"]}


@pytest.mark.parametrize(("cyrillic", "latin"), [("Лавров", "Lavrov"), ("Керри", "Kerry")])
def test_a_surname_in_cyrillic_finds_what_its_latin_spelling_finds(client, lavrov_archive, cyrillic, latin):
    found = titles(client, f"person:{cyrillic}")
    assert found and found == titles(client, f"person:{latin}")


def test_a_full_name_in_cyrillic_is_read_as_the_archives_person(db, lavrov_archive):
    assert canonical_name("Сергей Лавров") == "Sergei Lavrov"
    assert canonical_name("Джон Керри") == "John Kerry"
    assert canonical_name("Лавров") == "Lavrov"
    assert canonical_name("Мария Захарова") is None

"""Resolving mentions to Person rows: one person per real person across articles."""

from __future__ import annotations

import pytest

from archive.importing import resolution
from archive.importing.resolution import known_surname_keys, merge_people, preferred_name, resolve_mentions
from archive.ingest.article import PersonMention
from archive.ingest.namekeys import name_key
from archive.ingest.people import extract_people
from archive.models import Mention, Person, PersonAlias, Quote
from tests.fixtures_people import seed_people


def mention(name: str, *forms: str, count: int = 1) -> PersonMention:
    return PersonMention(name=name, forms=(name, *forms), count=count, key=name_key(name))


def person_for(name: str) -> Person:
    return PersonAlias.objects.select_related("person").get(key=name_key(name)).person


@pytest.fixture
def extracted(seeds_dir, expected):
    return seed_people(seeds_dir, tuple(sorted(expected["articles"])))


@pytest.mark.parametrize("order", [1, -1], ids=["in order", "reversed"])
def test_the_same_person_across_seed_articles_is_one_person(db, extracted, expected, order):
    for filename in sorted(extracted)[::order]:
        resolve_mentions(extracted[filename])
    for group in expected["same_person_across_articles"]:
        assert len({person_for(name).pk for name in group}) == 1, group


def test_each_seed_group_resolves_to_one_person_and_not_people_to_none(db, extracted, expected):
    for filename, article in expected["articles"].items():
        people = {p.pk for p, _ in resolve_mentions(extracted[filename])}
        for group in article["people"]:
            assert {person_for(name).pk for name in group} <= people
    names = set(Person.objects.values_list("name", flat=True))
    keys = set(PersonAlias.objects.values_list("key", flat=True))
    for article in expected["articles"].values():
        for name in article["not_people"]:
            assert name not in names and name_key(name) not in keys


def test_spellings_across_articles_join_one_person_with_the_fullest_name(db):
    for article in (["Bashir Hadid"], ["Bashir al-Hadid"], ["Al Hadid"], ["Bashir Al Hadid"], ["Hadid"]):
        resolve_mentions([mention(*article)])
    assert Person.objects.count() == 1
    assert Person.objects.get().name in {"Bashir Al Hadid", "Bashir al-Hadid"}


def test_ingest_keeps_an_editors_spelling_over_an_equally_full_one_in_a_worse_style(db):
    ((person, _),) = resolve_mentions([mention("Bashir Hadid")])
    person.name = "Bashir al-Hadid"  # an editor's choice
    person.save()
    resolve_mentions([mention("Bashir Al Hadid", "Hadid")])
    person.refresh_from_db()
    assert person.name == "Bashir al-Hadid"


def test_ingest_keeps_a_name_an_editor_chose_even_in_a_worse_style(db):
    ((person, _),) = resolve_mentions([mention("Bashir al-Hadid")])
    person.name, person.name_is_custom = "Bashir Al Hadid", True  # the editor's house style
    person.save()
    resolve_mentions([mention("Bashir al-Hadid")])
    person.refresh_from_db()
    assert person.name == "Bashir Al Hadid"
    person.name_is_custom = False  # the editor lets Parallax choose again
    person.save()
    resolve_mentions([mention("Bashir al-Hadid")])
    person.refresh_from_db()
    assert person.name == "Bashir al-Hadid"


def test_a_merge_keeps_a_name_an_editor_chose(db):
    ((kept, _),) = resolve_mentions([mention("Bashir al-Hadid")])
    ((other, _),) = resolve_mentions([mention("Basheer Haddid")])
    other.name, other.name_is_custom = "Basheer Al Haddid", True
    other.save()
    merged = merge_people(kept, [other])
    assert (merged.name, merged.name_is_custom) == ("Basheer Al Haddid", True)


def test_a_transliterated_first_name_joins_the_known_person(db):
    ((ahmad, _),) = resolve_mentions([mention("Ahmad Karimi")])
    ((ahmed, _),) = resolve_mentions([mention("Ahmed Karimi")])
    ((other, _),) = resolve_mentions([mention("Leila Karimi")])
    assert ahmed == ahmad
    assert other != ahmad
    assert set(ahmad.aliases.values_list("key", flat=True)) == {"ahmad karimi", "ahmed karimi"}


def test_a_lone_surname_joins_the_one_known_person_with_it(db):
    ((full, _),) = resolve_mentions([mention("Ivan Petrov")])
    ((alone, found),) = resolve_mentions([mention("Petrov", count=4)])
    assert alone == full
    assert found.count == 4


def test_a_lone_surname_shared_by_two_people_is_not_guessed(db):
    resolve_mentions([mention("Ivan Petrov"), mention("Olga Petrov")])
    ((alone, _),) = resolve_mentions([mention("Petrov")])
    assert alone.name == "Petrov"
    assert Person.objects.count() == 3
    ((newcomer, _),) = resolve_mentions([mention("Pavel Petrov")])
    assert newcomer.name == "Pavel Petrov" and newcomer != alone


def test_a_surname_known_first_is_completed_by_the_full_name(db):
    ((alone, _),) = resolve_mentions([mention("Okafor")])
    ((full, _),) = resolve_mentions([mention("Chidi Okafor")])
    assert full == alone
    full.refresh_from_db()
    assert full.name == "Chidi Okafor"


def test_mentions_of_one_person_in_one_article_are_combined(db):
    pairs = resolve_mentions([mention("Ahmad Karimi", count=2), mention("Ahmed Karimi", count=3)])
    assert len(pairs) == 1
    assert pairs[0][1].count == 5
    assert set(pairs[0][1].forms) == {"Ahmad Karimi", "Ahmed Karimi"}


def test_a_not_a_person_verdict_is_honoured_on_a_later_resolve(db, extracted):
    first = sorted(extracted)[0]
    resolve_mentions(extracted[first])
    wrong = person_for("Walid Muallem")
    wrong.not_a_person = True
    wrong.save()
    people = [p for p, _ in resolve_mentions(extracted[first])]
    assert wrong not in people and people
    assert Person.objects.filter(aliases__key="walid muallem").count() == 1
    assert Person.objects.filter(name="Walid Muallem").count() == 1


def test_a_name_marked_not_a_person_is_never_a_fuzzy_match_or_a_known_surname(db):
    ((place, _),) = resolve_mentions([mention("Aleppo")])
    place.not_a_person = True
    place.save()
    assert resolve_mentions([mention("Aleppo")]) == []
    assert "aleppo" not in known_surname_keys()
    ((person, _),) = resolve_mentions([mention("Nadia Aleppo")])
    assert person != place and not person.not_a_person


def test_known_surname_keys_lists_real_people_and_the_lone_names_they_go_by(db):
    resolve_mentions([mention("Staffan de Vries"), mention("Ivan Petrov"), mention("Xi Lanqing", "Xi")])
    assert known_surname_keys() == {"de vries", "petrov", "lanqing", "xi"}


def test_a_given_name_seen_alone_is_not_taken_for_a_surname(db):
    ((bashir, _),) = resolve_mentions([mention("Bashir Hadid", "Bashir")])
    ((other, _),) = resolve_mentions([mention("Ahmad Bashir")])
    assert other != bashir
    assert PersonAlias.objects.get(key="bashir").surname_key == ""


def test_a_concurrent_ingest_that_created_the_person_first_is_reused(db, monkeypatch):
    winner = Person.objects.create(name="Ivan Petrov")
    PersonAlias.objects.create(person=winner, name="Ivan Petrov", key="ivan petrov", surname_key="petrov")
    # This process looked before the other one committed: it saw nobody.
    monkeypatch.setattr(resolution, "_find", lambda *args: None)
    ((person, _),) = resolve_mentions([mention("Ivan Petrov")])
    assert person == winner
    assert Person.objects.count() == 1


def test_merge_people_moves_aliases_mentions_and_quotes(db, make_article):
    both = make_article()
    only_b = make_article()
    ((a, _),) = resolve_mentions([mention("Ahmad Jaber")])
    ((b, _),) = resolve_mentions([mention("Ahmed al-Jaber Haddad")])
    Mention.objects.create(article=both, person=a, count=2, forms=["Ahmad Jaber"])
    Mention.objects.create(article=both, person=b, count=3, forms=["Jaber"])
    Mention.objects.create(article=only_b, person=b, count=1, forms=["Ahmed al-Jaber Haddad"])
    quote = Quote.objects.create(article=only_b, person=b, speaker="Jaber", text="We will return.")

    merged = merge_people(a, [b])

    assert not Person.objects.filter(pk=b.pk).exists()
    assert set(merged.aliases.values_list("key", flat=True)) == {"ahmad jaber", "ahmed jaber haddad"}
    shared = Mention.objects.get(article=both, person=merged)
    assert shared.count == 5 and set(shared.forms) == {"Ahmad Jaber", "Jaber"}
    assert Mention.objects.get(article=only_b).person == merged
    quote.refresh_from_db()
    assert quote.person == merged
    assert merged.name == "Ahmed al-Jaber Haddad"


def test_a_lone_surname_in_a_later_article_is_found_through_the_known_surnames(db):
    resolve_mentions([mention("Ivan Petrenko")])
    text = "Petrenko told reporters on Tuesday that the talks would resume in Vienna. Petrenko was hopeful."
    ((person, found),) = resolve_mentions(extract_people(text, known_surnames=known_surname_keys()))
    assert person.name == "Ivan Petrenko"
    assert found.count == 2


def test_merging_names_the_person_by_the_spelling_more_articles_use_among_the_fullest(db, make_article):
    ((a, _),) = resolve_mentions([mention("Bashir Al Hadid")])
    ((b, _),) = resolve_mentions([mention("B. Hadid")])
    Mention.objects.create(article=make_article(), person=a, forms=["Bashir Al Hadid"])
    for _ in range(2):
        Mention.objects.create(article=make_article(), person=a, forms=["Bashir al-Hadid", "Hadid"])
    Mention.objects.create(article=make_article(), person=b, forms=["B. Hadid"])
    assert merge_people(a, [b]).name == "Bashir al-Hadid"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Maria Haddad", "Mario Haddad"),
        ("Peter Lindqvist", "Petra Lindqvist"),
        ("Paul Okafor", "Paula Okafor"),
    ],
)
def test_two_people_whose_given_names_differ_by_an_ending_stay_two_people(db, first, second):
    ((one, _),) = resolve_mentions([mention(first)])
    ((two, _),) = resolve_mentions([mention(second)])
    assert one.pk != two.pk


def test_a_russian_transliteration_in_a_later_article_joins_the_known_person(db):
    ((known, _),) = resolve_mentions([mention("Aleksandr Kozlov")])
    ((later, _),) = resolve_mentions([mention("Alexander Kozlov")])
    assert later.pk == known.pk


@pytest.mark.parametrize("order", [1, -1], ids=["in order", "reversed"])
def test_spellings_used_equally_often_name_the_person_alike_in_any_import_order(db, order):
    # Two articles each: neither spelling is used more, so the import order must not decide.
    for name in ["Bashir Al Hadid", "Bashir al-Hadid", "Bashir Al Hadid", "Bashir al-Hadid"][::order]:
        resolve_mentions([mention(name)])
    assert Person.objects.get().name == "Bashir al-Hadid"


@pytest.mark.parametrize("order", [1, -1], ids=["in order", "reversed"])
def test_equally_full_transliterations_name_the_person_alike_in_any_import_order(db, order):
    for name in ["Ahmed Karimi", "Ahmad Karimi"][::order]:
        resolve_mentions([mention(name)])
    assert Person.objects.get().name == "Ahmad Karimi"  # no style between them: code-point order


def test_merging_between_spellings_used_equally_often_takes_the_editors_spelling(db, make_article):
    ((a, _),) = resolve_mentions([mention("Bashir Al Hadid")])
    ((b, _),) = resolve_mentions([mention("Bashir al Hadid")])
    Mention.objects.create(article=make_article(), person=a, forms=["Bashir Al Hadid"])
    Mention.objects.create(article=make_article(), person=b, forms=["Bashir al-Hadid"])
    assert merge_people(a, [b]).name == "Bashir al-Hadid"


def test_the_preferred_name_puts_fullness_script_and_usage_before_style():
    assert preferred_name(["Staffan De Mistura", "Staffan de Mistura"]) == "Staffan de Mistura"
    assert preferred_name(["Bashar al Assad", "Bashar al-Assad", "Bashar Al-Assad"]) == "Bashar al-Assad"
    assert preferred_name(["Bashar al-Assad", "Bashar Hafez Al Assad"]) == "Bashar Hafez Al Assad"
    assert preferred_name(["Джон Керри", "John Kerry"]) == "John Kerry"
    assert preferred_name(["Bashar al-Assad", "Bashar Al Assad"], {"Bashar Al Assad": 3}) == "Bashar Al Assad"


def test_aliases_near_a_name_share_any_of_its_keys_and_never_an_empty_one(db):
    resolve_mentions([mention("Ivan Petrov"), mention("Olga Petrova"), mention("Bashir Hadid", "Bashir")])
    near = PersonAlias.objects.near({"key": "ivan petrov", "surname_key": "petrova", "sound_key": ""})
    assert [(a.name, a.person.name) for a in near] == [
        ("Ivan Petrov", "Ivan Petrov"),
        ("Olga Petrova", "Olga Petrova"),
    ]
    # "Bashir" alone has an empty surname key: an empty value asks for nothing, so it is not near.
    assert PersonAlias.objects.near({"key": "nobody", "surname_key": ""}) == []
    assert PersonAlias.objects.near({"key": "", "surname_key": ""}) == []
    with pytest.raises(TypeError):  # a raw statement: a filter before it would be silently dropped
        PersonAlias.objects.filter(name="Ivan Petrov").near({"key": "ivan petrov"})

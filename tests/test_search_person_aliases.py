"""person: queries and person facet links read any spelling of a person through the archive's aliases."""

from __future__ import annotations

import pytest

from archive.importing.resolution import canonical_name
from archive.models import PersonAlias
from archive.search.name_values import resolve_field_values, widen_name_runs
from archive.search.query import And, Or, Phrase, Word, parse_query


@pytest.fixture
def lavrov_archive(make_article, make_person, indexed):
    """Two articles naming the person the archive calls "Sergei Lavrov", and one that does not."""
    lavrov = make_person("Sergei Lavrov")
    PersonAlias.objects.create(person=lavrov, name="Sergei Lavrov", key="sergei lavrov", surname_key="lavrov")
    with indexed():
        make_article(title="Lavrov warns on sanctions", people=[lavrov])
        make_article(title="Lavrov to meet Kerry", people=[lavrov, "John Kerry"])
        make_article(title="Kerry in Kyiv", people=["John Kerry"])


def titles(client, **params) -> set[str]:
    return {hit["title"] for hit in client.get("/api/search/", params).json()["results"]}


@pytest.mark.parametrize("q", ['person:"Sergey Lavrov"', "person:Sergey Lavrov", 'person:"Sergei Lavrov"'])
def test_a_person_query_in_any_transliteration_finds_the_canonical_persons_articles(
    client, lavrov_archive, q
):
    assert titles(client, q=q) == {"Lavrov warns on sanctions", "Lavrov to meet Kerry"}


def test_a_person_facet_link_with_another_spelling_filters_to_the_same_person(client, lavrov_archive):
    assert titles(client, person="Sergey Lavrov") == {"Lavrov warns on sanctions", "Lavrov to meet Kerry"}


def test_the_page_says_which_name_the_query_was_read_as(client, lavrov_archive):
    page = client.get("/search/", {"q": 'person:"Sergey Lavrov"'}).content.decode()
    assert "was searched as Sergei Lavrov" in page


def test_the_page_says_when_typed_words_also_find_a_person_spelt_otherwise(client, lavrov_archive):
    """The articles a name typed as words adds may not hold those words: the notice says why they
    are there. The archive's own spelling, typed, needs no notice."""
    assert titles(client, q="Sergey Lavrov") == {"Lavrov warns on sanctions", "Lavrov to meet Kerry"}
    notes = client.get("/api/search/", {"q": "Sergey Lavrov"}).json()["notes"]
    assert notes == ["“Sergey Lavrov” also finds the articles naming Sergei Lavrov."]
    assert "also finds" in client.get("/search/", {"q": "Sergey Lavrov"}).content.decode()
    assert client.get("/api/search/", {"q": "sergei lavrov"}).json()["notes"] == []


def test_an_unknown_name_or_a_different_given_name_is_left_as_typed(db, lavrov_archive):
    assert canonical_name("Sergey Lavrov") == "Sergei Lavrov"
    assert canonical_name("Svetlana Lavrova") is None
    assert canonical_name("Maria Lavrov") is None
    assert canonical_name("Lavrov") is None  # a surname alone stays a word search


def test_a_field_word_takes_the_plain_words_after_it_only_when_together_they_name_someone():
    names = {"Sergey Lavrov": "Sergei Lavrov"}
    resolved = resolve_field_values(parse_query("person:Sergey Lavrov Geneva").node, "person", names.get)
    assert resolved == And((Phrase("Sergei Lavrov", "person"), Word("Geneva")))
    untouched = parse_query("person:Kerry Geneva").node
    assert resolve_field_values(untouched, "person", names.get) == untouched


def test_a_word_alone_also_matches_the_name_it_resolves_to_only_capitalised_outside_latin_script():
    full = {"Сергей Лавров": "Sergei Lavrov"}.get
    surnames = {
        "Лавров": "Lavrov",
        "Керри": "Kerry",
        "Hill": "Хилл",
        "мир": "Hamid Mir",
        "سلام": "Nawaf Salam",
    }.get

    def widened(text: str):
        return widen_name_runs(parse_query(text).node, "person", full, surnames)

    lavrov, kerry = (
        Or((Word("Лавров"), Word("Lavrov", "person"))),
        Or((Word("Керри"), Word("Kerry", "person"))),
    )
    assert widened("Лавров") == lavrov
    assert widened("Керри Женева") == And((kerry, Word("Женева")))
    assert widened("Лавров Керри") == And((lavrov, kerry))  # two surnames: two people
    assert widened("Сергей Лавров") == Or(
        (And((Word("Сергей"), Word("Лавров"))), Phrase("Sergei Lavrov", "person"))
    )
    # a Latin word, a word in lower case ("мир", peace) and a word of a caseless script stay words
    for untouched in ("Hill", "hill Женева", "-Лавров", "title:Лавров", "Лав*", "мир", "سلام"):
        assert widened(untouched) == parse_query(untouched).node

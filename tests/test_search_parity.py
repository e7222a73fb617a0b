"""The same answers on every search backend for spelling variants, compounds, numbers and names
typed as words (archive/search/variants.py and the glue of archive/searching.py). Runs on Whoosh
always and on PostgreSQL when the database is PostgreSQL, over short articles written here."""

from __future__ import annotations

import dataclasses

import pytest

from archive.search.backend import SearchRequest
from archive.search.query import parse_query
from tests.fixtures_search import DOCS, store, store_articles

ARTICLES = {
    201: ("Border truce", "Both sides agreed to a cease-fire on the border on Sunday."),
    202: ("Guns fall silent", "A cease fire held through the night along the river."),
    203: ("Defence budget grows", "The ministry will organise a review of its defence plans."),
    204: ("Defense spending", "Officials organize the defense review in the capital."),
    205: ("Colourful centre", "The city centre was full of colour when the minister travelled."),
    206: ("Colorful center", "The downtown center was full of color; the mayor traveled there."),
    207: ("Send it by e-mail", "The parties agreed to co-operate and to reply by e-mail."),
    208: ("Email reply", "They promised to cooperate and to answer every email."),
    209: ("Geneva-2 opens", "Delegates met at the Geneva-2 talks after a long delay."),
    210: ("Conference II", "The second Geneva conference, Geneva II, began in Montreux."),
}


@pytest.fixture
def run(search_backend, run_search):
    store_articles(search_backend, [(i, t, b) for i, (t, b) in ARTICLES.items()])
    return lambda text: run_search(text, per_page=50)


def ids(page) -> set[int]:
    return {hit.id for hit in page.hits}


@pytest.mark.parametrize("q", ["ceasefire", "cease-fire", "cease fire", '"cease fire"'])
def test_closed_hyphenated_and_spaced_compounds_are_one_word(run, q):
    assert ids(run(q)) == {1, 2, 201, 202}


@pytest.mark.parametrize("q", ["email", "e-mail"])
def test_email_and_e_mail_are_one_word(run, q):
    assert ids(run(q)) == {207, 208}


@pytest.mark.parametrize("q", ["cooperate", "co-operate"])
def test_cooperate_and_co_operate_are_one_word(run, q):
    assert ids(run(q)) == {207, 208}


@pytest.mark.parametrize("q", ["defence", "defense", "defences"])
def test_ence_and_ense_spellings_match(run, q):
    assert ids(run(q)) == {203, 204}


@pytest.mark.parametrize("q", ["organise", "organize"])
def test_ise_and_ize_spellings_match(run, q):
    assert ids(run(q)) == {203, 204}


@pytest.mark.parametrize("q", ["colour", "color", "colourful", "colorful"])
def test_our_and_or_spellings_match(run, q):
    assert ids(run(q)) == {205, 206}


@pytest.mark.parametrize("q", ["centre", "center"])
def test_re_and_er_spellings_match(run, q):
    assert ids(run(q)) == {205, 206}


@pytest.mark.parametrize("q", ["travelled", "traveled"])
def test_a_doubled_l_matches_a_single_one(run, q):
    assert ids(run(q)) == {205, 206}


def test_a_variant_is_marked_in_the_snippet(run):
    marked = {hit.id: hit.snippet.lower() for hit in run("defense").hits}
    assert "defence</mark>" in marked[203] and "defense</mark>" in marked[204]


def test_facets_count_every_spelling(run):
    page = run("defence")
    assert page.total == 2 and sum(f.count for f in page.facets["source"]) == 2


def test_words_with_no_variant_keep_their_meaning(run):
    assert ids(run("tour")) == set()  # not "tor"
    assert ids(run("along")) == {202}  # not the phrase "a long": 209 says "a long delay"


def test_a_number_after_a_hyphen_is_a_word_as_after_a_space(run):
    assert ids(run("Geneva 2")) == {209}
    assert ids(run("Geneva-2")) == {209}
    assert ids(run("Geneva II")) == {210}  # a Roman numeral is its own word on both


def test_a_misspelt_word_with_two_letters_swapped_gets_a_suggestion(run):
    assert run("Petorv").suggestion == "Petrov"


@pytest.mark.django_db
def test_a_persons_name_typed_as_words_in_another_spelling_finds_their_articles(search_backend):
    from archive.models import Person, PersonAlias
    from archive.searching import resolve_people

    doc = dataclasses.replace(
        DOCS[0],
        id=301,
        title="Minister speaks",
        body="The minister spoke briefly.",
        people=("Sergei Lavrov",),
    )
    store(search_backend, [doc])
    person, _ = Person.objects.get_or_create(name="Sergei Lavrov")
    PersonAlias.objects.create(person=person, name="Sergei Lavrov", key="sergei lavrov", surname_key="lavrov")
    parsed = resolve_people(parse_query("Sergey Lavrov"))
    assert {h.id for h in search_backend.search(SearchRequest(parsed)).hits} == {301}


def test_a_closed_word_is_split_only_at_long_halves_or_a_hyphen_prefix():
    from archive.search.variants import compound_halves

    assert ("cease", "fire") in compound_halves("ceasefire")
    assert ("e", "mail") in compound_halves("email") and ("co", "operate") in compound_halves("cooperate")
    # Splits that real text showed are almost never compounds: a three-letter half, a short first
    # half that English does not write before a hyphen.
    assert ("washing", "ton") not in compound_halves("washington")
    assert ("dec", "ember") not in compound_halves("december")
    assert compound_halves("start") == [] and compound_halves("times") == []


def test_a_closed_word_is_not_split_where_too_many_articles_hold_both_halves():
    """Checking "some thing" reads the positions of every article holding both words: a split is tried
    only where few articles are expected to (the halves' counts as if independent)."""
    from archive.search.query import Phrase, Spellings, Word
    from archive.search.variants import SPLIT_MAX_CANDIDATES, Held, spelled

    def widened(word: str, held: Held):
        return spelled(Word(word), lambda halves: held)

    large = 100_000
    rare = Held({"cease": 200, "fire": 6_000}, large)  # 12 expected side by side
    assert widened("ceasefire", rare) == Spellings((Word("ceasefire"), Phrase("cease fire")))
    common = Held({"some": 40_000, "thing": 15_000}, large)  # 6,000 expected
    assert widened("something", common) == Word("something")
    edge = Held({"data": SPLIT_MAX_CANDIDATES, "base": large}, large)
    assert widened("database", edge) == Spellings((Word("database"), Phrase("data base")))
    # a small archive: every held pair is tried (and a count never exceeds the articles)
    assert widened("something", Held({"some": 3, "thing": 2}, 0)) == Spellings(
        (Word("something"), Phrase("some thing"))
    )


@pytest.mark.django_db
def test_a_surname_typed_alone_in_another_script_finds_the_persons_articles(search_backend):
    from archive.importing.resolution import canonical_name
    from archive.models import Person, PersonAlias
    from archive.searching import resolve_people

    people = {
        311: ("Sergei Lavrov",),
        312: ("John Kerry",),
        313: ("Фэй Хилл",),
        314: ("Sergei Lavrov", "John Kerry"),
    }
    for article_id, names in people.items():
        doc = dataclasses.replace(DOCS[0], id=article_id, title="Statement", body="A short statement.")
        store(search_backend, [dataclasses.replace(doc, people=names)])
    for name in ("Sergei Lavrov", "John Kerry", "Фэй Хилл"):
        person, _ = Person.objects.get_or_create(name=name)
        PersonAlias.objects.create(person=person, name=name, key=name.lower())

    def found(text: str) -> set[int]:
        parsed = resolve_people(parse_query(text))
        return {h.id for h in search_backend.search(SearchRequest(parsed, per_page=50)).hits}

    assert found("Лавров") == {311, 314}
    assert found("Керри") == {312, 314}
    # Two surnames side by side are two people, not a name whose last word alone says who.
    assert found("Лавров Керри") == {314}
    # A Latin word alone stays a word search, though it sounds like the surname of somebody the
    # archive spells in another script: "hill" is a common word.
    assert canonical_name("Hill") == "Хилл"
    assert 313 not in found("Hill")

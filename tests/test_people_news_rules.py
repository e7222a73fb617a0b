"""The ways people were lost or invented on real news text (issue 7), each kept fixed by a test.

Texts are written for these tests. Tests through `group_people` give the model's labels by hand, so
they hold whatever a future model says; tests through `extract_people` check the whole path."""

from __future__ import annotations

from archive.importing.resolution import known_person_names
from archive.ingest.namekeys import clean_name, name_key
from archive.ingest.people import EntityOccurrence, extract_people, group_people
from archive.models import Person, PersonAlias


def occurrences(*spans: tuple[str, str], role: str = "") -> list[EntityOccurrence]:
    """(name, label) spans in text order; `role` names the one span with a role word before it."""
    return [
        EntityOccurrence(
            i * 100, label, clean_name(name), name_key(clean_name(name)), name == role, False, name == role
        )
        for i, (name, label) in enumerate(spans)
    ]


def names(text: str, **kwargs) -> list[str]:
    return [m.name for m in extract_people(text, **kwargs)]


def test_a_nationality_or_role_word_before_a_name_describes_the_person_and_is_not_part_of_the_name():
    assert clean_name("Chilean Tomas Ruiz") == "Tomas Ruiz"
    assert clean_name("fellow Victorian Anna Kerr") == "Anna Kerr"
    assert clean_name("Goalkeeper Ederson") == "Ederson"
    assert clean_name("Organiser Rami Haddad") == "Rami Haddad"  # a news story's everyday roles too
    assert clean_name("Protester Lina Sayed") == "Lina Sayed"
    assert names("Chilean Tomas Ruiz won the stage on Sunday. Ruiz said he was tired.") == ["Tomas Ruiz"]


def test_a_single_name_after_a_role_word_is_a_person_even_when_the_model_says_organisation():
    found = group_people(occurrences(("Neymar", "ORG"), role="Neymar"))
    assert [m.name for m in found] == ["Neymar"]
    assert names("Brazil striker Neymar scored twice and goalkeeper Ederson saved a penalty.") == [
        "Neymar",
        "Ederson",
    ]


def test_a_role_word_does_not_make_a_place_or_a_nationality_a_person():
    assert group_people(occurrences(("Qatar", "GPE"), role="Qatar")) == ()
    assert group_people(occurrences(("Syrian", "NORP"), role="Syrian")) == ()


def test_a_lowercase_office_word_is_an_adjective_and_does_not_overrule_the_model():
    assert names("Moscow wants the talks to give a major Syrian role to the opposition.") == []


def test_a_full_name_tagged_as_an_organisation_is_a_person_and_keeps_its_later_surname_mentions():
    found = group_people(occurrences(("Markus Brenner", "ORG"), ("Brenner", "PERSON"), ("Brenner", "PERSON")))
    assert [(m.name, m.count) for m in found] == [("Markus Brenner", 3)]
    assert names(
        "Aleksandr Kozlov confirmed the list on Friday. Kozlov said the exchange could go ahead."
    ) == ["Aleksandr Kozlov"]


def test_an_organisation_named_after_two_founders_is_not_read_as_a_person():
    assert group_people(occurrences(("Morgan Stanley", "ORG"))) == ()


def test_a_lowercase_miss_is_a_verb_and_only_a_capitalised_miss_is_an_honorific():
    assert names("The defender will miss Canada's opening game against Mexico on Sunday.") == []
    assert names("Miss Okonjo thanked the judges on Sunday.") == ["Okonjo"]


def test_two_word_club_and_company_names_are_not_people_even_when_tagged_as_people():
    clubs = [("Real Betis", "PERSON"), ("Credit Suisse", "PERSON"), ("Leeds United", "PERSON")]
    companies = [("Brenner Holdings", "PERSON"), ("Atletico Madrid", "PERSON"), ("Harbour Airways", "PERSON")]
    assert group_people(occurrences(*clubs, *companies)) == ()


def test_a_capitalised_word_beside_an_acronym_is_a_body_or_a_product_not_a_person():
    spans = [("Mailbox SRE", "PERSON"), ("Mailbox SRE", "PERSON"), ("Harbour NHS Trust", "PERSON")]
    assert group_people(occurrences(*spans)) == ()
    found = group_people(occurrences(("Edward Keane III", "PERSON"), ("Dana Whitfield", "PERSON")))
    assert {m.name for m in found} == {"Dana Whitfield", "Edward Keane III"}  # a Roman numeral is no acronym


def test_a_surname_in_capitals_as_agencies_write_it_is_still_a_person():
    # The acronym rule first took every word of three capitals or more: "Emmanuel MACRON" went too.
    spans = [("Delia OKONJO-BRANDT", "PERSON"), ("Geir HALVORSEN", "PERSON"), ("Mark RUTTE", "PERSON")]
    found = group_people(occurrences(*spans, ("Mailbox SRE", "PERSON")))
    assert {m.name for m in found} == {"Delia OKONJO-BRANDT", "Geir HALVORSEN", "Mark RUTTE"}


def test_an_office_word_inside_an_organisation_span_does_not_make_it_a_person():
    assert names("The goalkeeper joined a Premier League side on Tuesday.") == []


def test_a_two_sentence_wire_brief_yields_its_person():
    brief = (
        "The central bank left its main rate unchanged on Wednesday, Governor Lena Marchetti said.\n\n"
        "Markets had expected the decision."
    )
    assert names(brief) == ["Lena Marchetti"]


def test_a_person_the_archive_knows_is_found_where_the_model_misses_them():
    text = "Dane Anders Lykke clung to the overall lead by seven seconds after Monday's time trial."
    assert names(text) == []
    assert names(text, known_people=["Anders Lykke"]) == ["Anders Lykke"]
    assert names(text) == []  # the ruler follows the names it is given: a name that left is forgotten


def test_the_ruler_learns_the_full_names_of_real_people_only(db):
    real = Person.objects.create(name="Anders Lykke")
    noise = Person.objects.create(name="Grand Slam", not_a_person=True)
    PersonAlias.objects.create(person=real, name="Anders Lykke", key="anders lykke", surname_key="lykke")
    PersonAlias.objects.create(person=real, name="Lykke", key="lykke", surname_key="lykke")
    PersonAlias.objects.create(person=noise, name="Grand Slam", key="grand slam", surname_key="slam")
    assert known_person_names() == {"Anders Lykke"}


def test_a_surname_the_model_left_untagged_after_the_full_name_is_that_person_again():
    text = (
        "Former minister Tomasz Wielgosz returned to Warsaw on Monday. Wielgosz had resigned in March. "
        "Reporters asked Wielgosz about the inquiry."
    )
    [person] = extract_people(text)
    assert person.name == "Tomasz Wielgosz"
    assert person.count == 3 and "Wielgosz" in person.forms


def test_the_surname_inside_another_name_or_before_a_capitalised_word_is_not_counted():
    text = (
        "Former minister Tomasz Wielgosz returned to Warsaw on Monday. He walked down Wielgosz Street, "
        "named after his grandfather."
    )
    [person] = extract_people(text)
    assert person.count == 1


def test_a_two_part_surname_alone_is_the_person_even_when_the_model_says_organisation():
    """The model tags a lone "Vasquez-Holm" ORG; after "Ingrid Vasquez-Holm" it names no place or
    body but her (a one-word "Washington" still stays the city)."""
    text = (
        "Mayor Ingrid Vasquez-Holm said the closure would last two weeks. "
        '"Safety comes first," Vasquez-Holm told reporters at City Hall.'
    )
    [mayor] = extract_people(text)
    assert (mayor.name, mayor.count) == ("Ingrid Vasquez-Holm", 2)


def test_a_name_only_the_headline_gives_is_not_a_person_when_the_text_never_names_it():
    """Headlines capitalise every word: the model reads "Commuters Turn" as a name. A person a
    headline names, the article names again; a name the text below never gives is not kept."""
    from archive.ingest.people import extract_people_batch

    head = "Crack Shuts Kellby Bridge, Commuters Turn to Ferries"
    body = "The bridge at Kellby stayed shut on Monday. Harbour master Ruth Adeyemi said repairs take a week."
    [found] = extract_people_batch([f"{head}\n\n{body}"], headline_ends=[len(head)])
    assert [m.name for m in found] == ["Ruth Adeyemi"]

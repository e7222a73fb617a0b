"""Name finders a package brings for languages other than English (archive.ingest.name_finders):
Russian through Natasha, loaded only when a Russian article arrives; the rules when it fails."""

from __future__ import annotations

from archive.ingest import name_finders
from archive.ingest.languages import people_note
from archive.ingest.multilingual_people import find_people
from archive.ingest.parsing import parse_document

KNOWN = ("Sergei Lavrov", "John Kerry")
# Written for this test: a country's name in the genitive stands right before a given name, which
# the capitalised-run rules read as one name ("Греции Никос").
ATHENS = (
    "Премьер-министр Греции Никос Андреадис встретился в Афинах с министром иностранных дел России "
    "Сергеем Лавровым. Андреадис заявил, что переговоры с Лавровым прошли в дружеской обстановке. "
    "На встрече присутствовала посол Марина Соколова."
)


def test_russian_people_are_found_by_the_name_finder_in_the_nominative():
    found = {m.name: m for m in find_people(ATHENS, KNOWN, "ru")}
    assert "Sergei Lavrov" in found  # the archive's known person, in the instrumental case
    assert set(found) == {"Sergei Lavrov", "Никос Андреадис", "Марина Соколова"}  # her name kept feminine


def test_a_surname_after_a_particle_is_put_in_the_nominative_too():
    # Natasha's own normal form leaves "Мистурой" as written (a man's surname that declines in "-а")
    text = "В Женеве Марина Соколова встретилась со спецпосланником Стаффаном де Мистурой."
    assert "Стаффан де Мистура" in {m.name for m in find_people(text, (), "ru")}


def test_without_the_language_the_rules_read_a_country_before_a_name_as_part_of_it():
    # what the finder mends: the same text through the capitalised-name rules
    found = {m.name for m in find_people(ATHENS, KNOWN)}
    assert "Греция Никос Андреадис" in found and "Никос Андреадис" not in found


def test_a_failing_name_finder_falls_back_to_the_rules(monkeypatch):
    def broken(text):
        raise RuntimeError("model failed")

    monkeypatch.setattr(name_finders, "_natasha_spans", broken)
    assert name_finders.person_spans(ATHENS, "ru") is None
    found = {m.name for m in find_people(ATHENS, KNOWN, "ru")}
    assert "Sergei Lavrov" in found


def test_languages_without_a_finder_keep_to_the_rules():
    assert name_finders.person_spans("Außenminister Sergej Lawrow traf Anna Keller.", "de") is None
    assert name_finders.finder_name("de") == ""


def test_the_article_page_note_says_which_way_people_were_found():
    assert "Natasha" in people_note("ru") and "Russian" in people_note("ru")
    assert "found without a name finder" in people_note("de")


def test_a_russian_article_says_its_people_came_from_the_name_finder():
    page = "Встреча в Афинах\n\n" + ATHENS + " " + ATHENS.replace("Афинах", "Салониках")
    article = parse_document(page.encode(), filename="afiny.txt")
    assert article.language == "ru"
    assert "Natasha" in article.provenance["people"]


# Written for these tests: one official named in full, then by initial and surname, by surname
# alone, and by given name and patronymic.
QUAY = (
    "Аким района Марат Сергеевич Кудайбергенов открыл новый причал. «Работы шли два года», — сказал "
    "М. Кудайбергенов. По словам Кудайбергенова, причал примет первые суда в мае. Марат Сергеевич "
    "поблагодарил строителей."
)


def test_an_initial_a_surname_and_a_patronymic_all_join_the_full_name():
    (person,) = find_people(QUAY, (), "ru")
    assert person.name == "Марат Сергеевич Кудайбергенов"
    assert {"М. Кудайбергенов", "Кудайбергенова", "Марат Сергеевич"} <= set(person.forms)
    assert person.count == 4


def test_a_surname_alone_is_a_person_when_the_headline_names_it_and_the_finder_always_tags_it():
    headline = "Кудайбергенов открыл причал"
    body = "Новый причал открыли во вторник. Кудайбергенов поблагодарил строителей."
    text = f"{headline}\n\n{body}"
    assert [m.name for m in find_people(text, (), "ru", len(headline))] == ["Кудайбергенов"]
    assert find_people(body, (), "ru") == ()  # alone in the body: nobody


def test_a_given_name_and_patronymic_with_no_full_name_stays_in_the_nominative():
    text = "Гости ждали Марата Сергеевича у причала. Марат Сергеевич приехал к полудню."
    assert [m.name for m in find_people(text, (), "ru")] == ["Марат Сергеевич"]

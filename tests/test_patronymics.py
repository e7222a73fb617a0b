"""Russian given name and patronymic without a surname (archive.ingest.patronymics)."""

from __future__ import annotations

import pytest

from archive.ingest.article import ParsedArticle, PersonMention
from archive.ingest.namekeys import name_key
from archive.ingest.patronymics import flag_unsure_names, is_given_and_patronymic, patronymic_owner


@pytest.mark.parametrize(
    ("name", "pair"),
    [
        ("Владимир Сергеевич", True),
        ("Нина Петровна", True),
        ("Марат Кудайбергенов", False),  # a surname
        ("Александр Вучич", False),  # a surname in -ич
        ("Слободан Милошевич", False),  # the dictionary reads a surname
        ("Иван Петрович Сидоров", False),  # the surname is there
    ],
)
def test_a_pair_is_a_given_name_and_a_patronymic_alone(name, pair):
    assert is_given_and_patronymic(name) is pair


def test_a_pair_is_the_full_name_that_holds_both_words():
    names = ["Владимир Сергеевич Коваленко", "Владимир Орлов", "Нина Орлова"]
    assert patronymic_owner("Владимир Сергеевич", names) == "Владимир Сергеевич Коваленко"


def test_without_it_a_pair_is_the_one_person_of_that_given_name():
    assert (
        patronymic_owner("Владимир Сергеевич", ["Владимир Коваленко", "Нина Орлова"]) == "Владимир Коваленко"
    )
    assert patronymic_owner("Владимир Сергеевич", ["Vladimir Kovalenko"]) == "Vladimir Kovalenko"


def test_two_people_of_that_given_name_or_none_leave_the_pair_alone():
    assert patronymic_owner("Владимир Сергеевич", ["Владимир Коваленко", "Владимир Орлов"]) == ""
    assert patronymic_owner("Владимир Сергеевич", ["Нина Орлова", "Коваленко"]) == ""


def _article(*names: str) -> ParsedArticle:
    people = tuple(PersonMention(n, (n,), 1, name_key(n)) for n in names)
    return ParsedArticle(
        title="Т",
        subtitle="",
        source_name=None,
        published_date=None,
        published_time=None,
        url="",
        credit="",
        dateline="",
        body="Т.",
        raw_text="Т.",
        raw_format="text",
        people=people,
        provenance={"people": "found by the finder"},
    )


def test_an_article_left_with_a_pair_is_flagged_for_an_editor():
    flagged = flag_unsure_names(_article("Владимир Сергеевич", "Нина Орлова"))
    assert "people" in flagged.review_fields
    assert flagged.provenance["people"].startswith("found by the finder; ")
    assert "Владимир Сергеевич" in flagged.provenance["people"]
    plain = _article("Владимир Коваленко")
    assert flag_unsure_names(plain) is plain

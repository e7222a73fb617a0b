"""People in wire copy (issue 20): looked for in the headline, standfirst and sign-off as well as the
body, never in a reporter's credit; scored on bench/people_wire, texts written for it."""

from __future__ import annotations

import pytest

from archive.ingest.attribution import is_sign_off, without_credits
from archive.ingest.parsing import parse_document
from archive.ingest.people import extract_people, extract_people_batch, people_text
from bench.people_eval import DEFAULT_FOLDERS, evaluate

WIRE = (
    "Harbour chief Ilse Brandvold quits after dock vote\n\n"
    "By Tomas Lindgren\n"
    "March 4, 2025\n\n"
    "BERGEN, March 4 (Wire) - The head of the harbour board resigned on Tuesday, a day after members "
    "voted to close the old dock against her advice.\n\n"
    "Her deputy will lead the board until a successor is chosen, the board said in a statement. "
    "Dockers cheered outside the offices.\n\n"
    "(Reporting by Tomas Lindgren; Editing by Kari Moe)\n"
)


def names(text: str) -> list[str]:
    return [m.name for m in extract_people(text)]


def test_a_person_named_only_in_the_headline_is_found_and_the_reporters_are_not():
    article = parse_document(WIRE.encode(), filename="wire.txt")
    text = people_text(article)
    assert "Brandvold" in text and "Lindgren" not in text and "Kari Moe" not in text
    assert names(text) == ["Ilse Brandvold"]


def test_credits_are_blanked_without_moving_the_words_around_them():
    text = (
        "She resigned. (Reporting by Tomas Lindgren; Editing by Kari Moe)\nAdditional reporting by Ann Berg"
    )
    blanked = without_credits(text)
    assert len(blanked) == len(text) and blanked.startswith("She resigned.")
    assert "Lindgren" not in blanked and "Berg" not in blanked


def test_a_sign_off_says_something_a_bare_credit_does_not():
    assert is_sign_off("Statement issued by authority spokesman Daniel Mwangi")
    assert not is_sign_off("Reuters and Agence France-Presse")
    assert not is_sign_off("Jane Doe")
    assert not is_sign_off("Reporting by Jane Doe")


def test_a_surname_alone_in_the_headline_is_kept_when_the_model_calls_it_a_person():
    text = "Netanyahu rejects ceasefire terms\n\nThe talks will go on, mediators said."
    found = extract_people_batch([text], headline_ends=[33])[0]
    assert [m.name for m in found] == ["Netanyahu"]
    assert extract_people(text) == ()  # the same surname in running text needs a title or a full name


def test_a_name_after_a_title_is_found_when_the_model_misses_it():
    text = "Cardinal Pietro Parolin, the Vatican's secretary of state, said the pope's health was good."
    assert "Pietro Parolin" in names(text)


def test_two_names_joined_by_and_are_two_people_when_one_is_a_person_elsewhere():
    text = "Lula and Milei trade barbs before summit\n\nLula said he would not answer such nonsense."
    found = extract_people_batch([text], headline_ends=[text.index("\n")])[0]
    assert {m.name for m in found} == {"Lula", "Milei"}


def test_the_wire_set_is_read_with_precision_and_recall():
    score = evaluate(DEFAULT_FOLDERS[0])["scores"]["people text"]
    assert score.right / score.found >= 0.93, (score.right, score.found)
    assert score.gold_found / score.gold >= 0.90, (score.gold_found, score.gold)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Syrian President Bashar al-Assad met the envoy. Assad said the talks were useful. "
            "Bashar al-Assad later left for Moscow. Bashar Al Assad's office said nothing.",
            ["Bashar al-Assad"],
            id="the name is spelt as the text spells it most",
        ),
        pytest.param(
            "Impeached President Yoon Suk Yeol's lawyers said on Friday he would not appear.",
            ["Yoon Suk Yeol"],
            id="a three-part name the model cuts before a possessive is kept whole",
        ),
    ],
)
def test_a_persons_name_is_the_one_the_text_gives(text, expected):
    assert names(text) == expected


def test_a_place_the_dateline_names_is_not_a_person_in_the_headline():
    text = (
        "Rotterdam storm leaves metro under water\n\n"
        "ROTTERDAM — Six metro stations in Rotterdam were flooded on Tuesday, the mayor said."
    )
    found = extract_people_batch([text], headline_ends=[text.index("\n")])[0]
    assert "Rotterdam" not in [m.name for m in found]

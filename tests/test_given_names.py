"""Given names across articles: one name in any transliteration, different names kept apart."""

from __future__ import annotations

import pytest

from archive.ingest.givennames import given_names_match, is_frequent_given_name, is_given_name

SAME_NAME = [
    ("Sergei", "Sergey"),
    ("Serguei", "Sergei"),
    ("Ahmad", "Ahmed"),
    ("Mohammed", "Muhammad"),
    ("Mohamed", "Mohammad"),
    ("Muhammad", "Mohamad"),
    ("Aleksandr", "Alexander"),
    ("Oleksandr", "Olexandr"),
    ("Yuri", "Yury"),
    ("Iouri", "Yuri"),
    ("Dmitri", "Dmitry"),
    ("Abdullah", "Abdallah"),
    ("Abdulla", "Abdullah"),
    ("Alexei", "Alexey"),
    ("Aleksei", "Alexei"),
    ("Andrei", "Andrey"),
    ("Nikolai", "Nikolay"),
    ("Mikhail", "Mikail"),
    ("Yevgeny", "Evgeny"),
    ("Yevgeniy", "Yevgeny"),
    ("Vasily", "Vasiliy"),
    ("Vassily", "Vasily"),
    ("Gennady", "Gennadiy"),
    ("Arkady", "Arkadi"),
    ("Vladimir", "Wladimir"),
    ("Volodymyr", "Volodimir"),
    ("Hussein", "Husayn"),
    ("Hussein", "Hussain"),
    ("Husain", "Hussein"),
    ("Osama", "Usama"),
    ("Omar", "Umar"),
    ("Khaled", "Khalid"),
    ("Youssef", "Yusuf"),
    ("Yousef", "Youssef"),
    ("Mustafa", "Moustapha"),
    ("Mustafa", "Mustapha"),
    ("Hassan", "Hasan"),
    ("Hamza", "Hamzah"),
    ("Abdel", "Abdul"),
    ("Qasim", "Kasim"),
    ("Mahmoud", "Mahmud"),
    ("Catherine", "Katherine"),
    ("Marc", "Mark"),
    ("Eric", "Erik"),
    ("Frederick", "Frederik"),
    ("Nicolas", "Nikolas"),
    ("Pyotr", "Piotr"),
    ("Aleksandr", "Alexandr"),
    ("Igor", "Yegor"),
    ("Elena", "Yelena"),
    ("Tatiana", "Tatyana"),
    ("Natalia", "Natalya"),
    ("Olga", "Olga"),
    ("Yulia", "Yuliya"),
    ("Sameer", "Samir"),
    ("Rashid", "Rasheed"),
    ("Said", "Saeed"),
    ("Walid", "Waleed"),
    ("Faisal", "Faysal"),
    ("Ibrahim", "Ebrahim"),
    ("Sara", "Sarah"),
]
DIFFERENT_NAMES = [
    ("Maria", "Mario"),
    ("Peter", "Petra"),
    ("Daniel", "Daniela"),
    ("Alexander", "Alexandra"),
    ("Paul", "Paula"),
    ("Julian", "Juliana"),
    ("Francis", "Frances"),
    ("Antonio", "Antonia"),
    ("Carlo", "Carla"),
    ("Roberto", "Roberta"),
    ("Gabriel", "Gabriela"),
    ("Louis", "Louise"),
    ("Jean", "Juan"),
    ("Michel", "Michelle"),
    ("Christian", "Christina"),
    ("Eric", "Erica"),
    ("Simon", "Simone"),
    ("Joseph", "Josephine"),
    ("Stephen", "Stephanie"),
    ("Victor", "Victoria"),
    ("Patrick", "Patricia"),
    ("John", "Joan"),
    ("Ivan", "Ivana"),
    ("Jan", "Jana"),
    ("Olivier", "Olivia"),
    ("Ali", "Eli"),
    ("Hassan", "Hussein"),
    ("Mohammed", "Mahmoud"),
    ("John", "Jon"),
    ("Adam", "Adham"),
    ("Sergei", "Serge"),
    ("Anna", "Anne"),
    ("Mark", "Marco"),
    ("Ali", "Alia"),
    ("Omar", "Amr"),
    ("Laura", "Lauro"),
    ("Luis", "Luisa"),
    ("Fernando", "Fernanda"),
    ("Mariano", "Mariana"),
    ("Martin", "Martina"),
    ("Andrea", "Andreas"),
    ("Nadia", "Nadir"),
    ("Karim", "Karima"),
    ("Samir", "Samira"),
    ("Amin", "Amina"),
    ("Jamal", "Jamila"),
    ("Yusuf", "Yasmin"),
    ("Dana", "Dina"),
    ("Tom", "Tim"),
    ("Ben", "Bob"),
    ("Anton", "Anja"),
    ("Nikita", "Nikola"),
    ("Ahmed", "Ahmet"),
    ("Kevin", "Calvin"),
    ("Charles", "Carlos"),
    ("Jose", "Josef"),
]


@pytest.mark.parametrize(("a", "b"), SAME_NAME)
def test_transliterations_of_one_given_name_match_either_way(a, b):
    assert given_names_match(a.lower(), b.lower())
    assert given_names_match(b.lower(), a.lower())


@pytest.mark.parametrize(("a", "b"), DIFFERENT_NAMES)
def test_different_given_names_that_look_alike_stay_apart_either_way(a, b):
    assert not given_names_match(a.lower(), b.lower())
    assert not given_names_match(b.lower(), a.lower())


def test_the_lists_hold_enough_pairs_each_way():
    assert len(SAME_NAME) >= 50 and len(DIFFERENT_NAMES) >= 50


def test_multi_word_given_names_match_word_by_word_and_an_empty_one_matches_nothing():
    assert given_names_match("abu mohammed", "abu muhammad")
    assert not given_names_match("mohammed ali", "mohammed hassan")
    assert not given_names_match("mohammed", "mohammed ali")
    assert not given_names_match("", "ali")


def test_a_given_name_is_known_from_the_census_or_as_a_transliteration_of_one():
    assert is_given_name("Tomas") and is_given_name("Aleksandr")
    assert not is_given_name("Credit") and not is_given_name("Real")
    assert is_frequent_given_name("Stanley") and not is_frequent_given_name("Reid")

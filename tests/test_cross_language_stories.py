"""One event reported in two languages is one story; the same people at another meeting are not.
Through the importer (NER on: spaCy reads the English, the archive's known people are found in the
Russian), then the story index as every upload uses it. The reports are written for this test."""

from __future__ import annotations

import datetime as dt

import pytest

from archive.compare.event_evidence import CROSS_LANGUAGE_SCORE
from archive.compare.story_similarity import ArticleSignature, similarity
from archive.compare.story_terms import build_terms
from archive.importing.importer import import_files
from archive.models import Article, Person

# A made-up meeting of two real ministers: Paris, a 9-point plan, 30 monitors, 14 days.
ENGLISH = (
    "Kerry and Lavrov agree 9-point plan in Paris",
    "2014-01-13",
    "US Secretary of State John Kerry and Russian Foreign Minister Sergei Lavrov agreed on a 9-point plan "
    "for humanitarian corridors at a meeting in Paris on Monday. Under the plan 30 monitors will travel "
    "to the region within 14 days. Kerry called the talks constructive. Lavrov said the Geneva conference "
    "should open as planned on 22 January.",
)
RUSSIAN = (
    "Лавров и Керри согласовали план из 9 пунктов",
    "2014-01-13",
    "Министр иностранных дел России Сергей Лавров и госсекретарь США Джон Керри в понедельник в Париже "
    "согласовали план из 9 пунктов о гуманитарных коридорах. По словам Лаврова, в течение 14 дней в "
    "регион направят 30 наблюдателей, а конференция в Женеве откроется 22 января, как и планировалось. "
    "Керри назвал переговоры конструктивными.",
)
# The same two ministers two days later: a phone call about another matter, other figures.
RUSSIAN_CALL = (
    "Лавров и Керри обсудили по телефону обмен пленными",
    "2014-01-15",
    "Сергей Лавров и Джон Керри в среду провели телефонный разговор. Министры обсудили обмен 240 "
    "пленными и поставки продовольствия в Алеппо. Лавров предложил провести новую встречу экспертов "
    "в Москве. Керри обещал ответить до конца недели. Разговор продолжался 45 минут.",
)


def _page(title: str, published: str, body: str, lang: str) -> bytes:
    return (
        f'<html lang="{lang}"><head><title>{title}</title>'
        f'<meta property="article:published_time" content="{published}T10:00:00Z"></head>'
        f"<body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    ).encode()


def _import(name: str, report: tuple[str, str, str], lang: str) -> Article:
    [result] = import_files([(name, _page(*report, lang))])
    assert result.article, result.error
    return Article.objects.get(pk=result.article)


@pytest.fixture
def reports(db, settings):
    settings.PARALLAX_NER = True
    english = _import("paris-en.html", ENGLISH, "en")
    russian = _import("paris-ru.html", RUSSIAN, "ru")
    call = _import("call-ru.html", RUSSIAN_CALL, "ru")
    return english, russian, call


def test_a_russian_and_an_english_report_of_one_meeting_are_one_story(reports):
    english, russian, _ = reports
    assert (english.language, russian.language) == ("en", "ru")
    assert russian.story_id == english.story_id


def test_a_report_of_another_meeting_of_the_same_ministers_stays_apart(reports):
    english, russian, call = reports
    assert call.story_id not in {english.story_id, russian.story_id}


def test_the_russian_reports_name_the_same_people_as_the_english_one(reports):
    english, russian, call = reports
    lavrov = Person.objects.get(name="Sergei Lavrov")
    for article in (english, russian, call):
        assert article.mentions.filter(person=lavrov).exists()


# Two reports of one meeting whose people the archive holds twice: the German spells the names by its
# own transliteration, so they became people of their own (ids 3 and 4, not 1 and 2).
GERMAN_DAY = dt.date(2015, 3, 11)


def _signature(article_id: int, language: str, people: dict[int, int], names: list[str]) -> ArticleSignature:
    terms = build_terms("Gespräche", "Die Minister sprachen über 18 Monate.", names=names, people=names)
    return ArticleSignature(article_id, terms, people, GERMAN_DAY, language=language)


def test_people_spelt_by_another_languages_transliteration_count_as_the_same_people():
    english = _signature(1, "en", {1: 1, 2: 1}, ["Sergei Lavrov", "Vladimir Putin"])
    german = _signature(2, "de", {3: 1, 4: 1}, ["Sergej Lawrow", "Vladimir Poutine"])
    assert similarity(english, german, lambda _: 1.0) >= CROSS_LANGUAGE_SCORE


def test_other_people_with_the_same_figures_stay_apart_across_languages():
    english = _signature(1, "en", {1: 1, 2: 1}, ["Sergei Lavrov", "Vladimir Putin"])
    german = _signature(2, "de", {3: 1, 4: 1}, ["Angela Merkel", "John Kerry"])
    assert similarity(english, german, lambda _: 1.0) < CROSS_LANGUAGE_SCORE

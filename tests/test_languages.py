"""Articles in any language are stored and searchable; people are looked for only where the name
finder reads the language, and the article says so when it does not."""

from __future__ import annotations

import pytest

from archive.importing.importer import import_files
from archive.ingest import people as people_module
from archive.ingest.languages import detect_language
from archive.ingest.parsing import parse_document
from archive.models import Article

GERMAN = (
    "Neuer Fahrplan für die Hafenfähren\n\n"
    "Der Stadtrat hat am Dienstag einen neuen Fahrplan für die Fähren im Hafen beschlossen. "
    "Bürgermeisterin Anna Keller sagte, die Abfahrten würden künftig alle zwanzig Minuten erfolgen. "
    "Die Pendler hatten sich seit Monaten über Verspätungen beklagt.\n"
)
ENGLISH = (
    "Harbour ferries get a new timetable\n\n"
    "The city council approved a new timetable for the harbour ferries on Tuesday. "
    "Mayor Anna Keller said departures would run every twenty minutes from the spring. "
    "Commuters had complained about delays for months.\n"
)


@pytest.mark.parametrize(
    ("text", "code"),
    [(GERMAN, "de"), (ENGLISH, "en"), ("市政府今天宣布新的渡轮时刻表。居民表示欢迎这一决定。" * 3, "zh")],
)
def test_the_language_of_an_article_is_detected(text, code):
    assert detect_language(text) == code


def test_too_little_text_has_no_language():
    assert detect_language("Ferry times") == ""


def test_a_german_article_says_how_people_were_found():
    article = parse_document(GERMAN.encode(), filename="faehren.txt")
    assert article.language == "de"
    assert "German" in article.provenance["people"]


def test_the_name_finder_only_reads_the_articles_in_its_language(db, settings, monkeypatch):
    settings.PARALLAX_NER = True
    seen = []

    def fake_batch(bodies, **kwargs):
        seen.extend(bodies)
        return [() for _ in bodies]

    monkeypatch.setattr(people_module, "extract_people_batch", fake_batch)
    results = import_files([("faehren.txt", GERMAN.encode()), ("ferries.txt", ENGLISH.encode())])
    assert [r.status for r in results] == ["created", "created"]
    assert len(seen) == 1 and "Commuters" in seen[0]
    german = Article.objects.get(language="de")
    assert "German" in german.provenance["people"]


def test_the_article_page_shows_the_language_and_why_no_people_are_listed(client, db):
    (result,) = import_files([("faehren.txt", GERMAN.encode())])
    page = client.get(f"/articles/{result.article}/").content.decode()
    assert "German" in page
    assert "found without a name finder" in page


def test_a_chinese_page_dump_keeps_its_body():
    page = (
        "渡轮时刻表\n\n市政府今天宣布新的渡轮时刻表。居民表示欢迎这一决定。"
        "新时刻表将从下周一开始实施，每二十分钟一班。\n"
    )
    article = parse_document(page.encode(), filename="zh.txt")
    assert article.title == "渡轮时刻表"
    assert article.body.startswith("市政府今天宣布")
    assert article.language == "zh"


def test_a_two_sentence_brief_in_a_compact_language_is_an_article():
    page = (
        "Новое расписание паромов\n\n"
        "Мэрия сегодня объявила новое расписание паромов на лето. "
        "Жители острова приветствовали это решение.\n"
    )
    assert parse_document(page.encode(), filename="ru.txt").body.startswith("Мэрия")


def test_a_chinese_article_is_found_by_a_word_of_two_characters(db, indexed):
    from archive.search import get_backend
    from archive.search.backend import SearchRequest
    from archive.search.query import parse_query

    page = "渡轮时刻表\n\n市政府今天宣布新的渡轮时刻表。居民表示欢迎这一决定。新时刻表将从下周一开始实施。\n"
    with indexed():
        (result,) = import_files([("zh.txt", page.encode())])

    def found(text):
        return {hit.id for hit in get_backend().search(SearchRequest(parse_query(text))).hits}

    assert found("渡轮") == {result.article}
    assert found("居民") == {result.article}
    assert found("轮渡") == set()  # the same characters in another order are another word

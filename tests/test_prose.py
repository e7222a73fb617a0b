"""Words and sentences in any script, and what is refused as not an article (archive.ingest.prose)."""

from __future__ import annotations

import pytest

from archive.ingest.article import NotAnArticleError
from archive.ingest.parsing import parse_document
from archive.ingest.prose import check_article, count_words
from archive.ingest.textrules import count_sentences

# Two short sentences in each script, written for these tests.
SENTENCES = {
    "chinese": "市政府今天宣布新的渡轮时刻表。居民表示欢迎这一决定。",
    "japanese": "市役所は新しいフェリーの時刻表を発表した。住民はこの決定を歓迎した。",
    "korean": "시청은 오늘 새로운 여객선 시간표를 발표했다. 주민들은 이 결정을 환영했다.",
    "russian": "Мэрия сегодня объявила новое расписание паромов. Жители приветствовали это решение.",
    "arabic": "أعلنت البلدية اليوم جدولا جديدا للعبارات. هل رحب السكان بهذا القرار؟",
    "hindi": "नगर निगम ने आज नौका की नई समय सारणी घोषित की। निवासियों ने इस फैसले का स्वागत किया।",
    "greek": "Ο δήμος ανακοίνωσε σήμερα νέο πρόγραμμα για τα πλοία. Οι κάτοικοι χαιρέτισαν την απόφαση.",
}


@pytest.mark.parametrize("script", sorted(SENTENCES))
def test_two_sentences_count_as_two_in_every_script(script):
    assert count_sentences(SENTENCES[script]) == 2


@pytest.mark.parametrize("script", sorted(SENTENCES))
def test_words_are_counted_in_scripts_with_and_without_spaces(script):
    assert 8 <= count_words(SENTENCES[script]) <= 30


def test_initials_and_abbreviations_do_not_end_sentences():
    assert count_sentences("The U.S. envoy met J. Smith in Geneva on Monday.") == 1


@pytest.mark.parametrize("script", sorted(SENTENCES))
def test_a_short_article_in_any_script_is_kept(script):
    body = "\n\n".join([SENTENCES[script]] * 3)
    assert check_article(body).sentences == 6


def test_a_two_sentence_wire_brief_is_an_article():
    brief = (
        "Harbour Gazette\n\nFerry fares to rise in spring\n\n"
        "The island ferry company will raise its fares by four percent from April, its chief executive "
        "said on Tuesday. Season tickets for residents are not affected, she added.\n"
    )
    article = parse_document(brief.encode(), filename="brief.txt")
    assert "Season tickets" in article.body


def test_a_page_of_menu_items_is_kept_but_not_taken_for_prose():
    menu = "\n".join(
        ["Home", "World news", "Local politics", "Sport results", "Weather today", "Contact the newsroom"] * 6
        + ["Subscribe to our weekly newsletter for all the latest headlines from the region."]
    )
    stats = check_article(menu)
    assert not stats.is_prose
    assert "menus, links or a table" in stats.describe()


def test_a_results_table_is_kept_but_not_taken_for_prose():
    rows = [f"{team} {w} {d} {lost} {w * 3 + d}" for team, w, d, lost in [
        ("Harbour Rovers", 12, 3, 2), ("Northfield Town", 10, 4, 3), ("Valley United", 9, 2, 6),
        ("Quay Athletic", 7, 5, 5), ("Lighthouse FC", 5, 3, 9), ("Estuary Wanderers", 2, 1, 14),
    ]]  # fmt: skip
    assert not check_article("\n".join(["Team W D L Pts", *rows])).is_prose


def test_a_caption_alone_is_too_little_text():
    with pytest.raises(NotAnArticleError, match="only 10 words"):
        check_article("The new ferry leaves the harbour on its first crossing.")


def test_a_saved_page_of_nothing_but_menus_is_refused_with_a_reason():
    items = ["Home", "World news", "Local politics", "Sport results", "Weather today", "Contact us"]
    html = "<html><head><title>Harbour Gazette</title></head><body><ul>"
    html += "".join(f"<li><a href='/{i}'>{item}</a></li>" for i, item in enumerate(items * 5))
    html += "</ul></body></html>"
    with pytest.raises(NotAnArticleError, match="menus"):
        parse_document(html.encode(), filename="front.html")


def test_a_page_that_is_mostly_a_list_is_stored_with_its_body_flagged_for_review():
    items = [f"Ferry {n} departs at {n}:15 from pier {n % 4}" for n in range(6, 22)]
    page = "Harbour ferry timetable\n\n" + "\n".join(items) + "\n\nTimes may change in bad weather.\n"
    article = parse_document(page.encode(), filename="timetable.txt")
    assert "body" in article.review_fields
    assert "menus, links or a table" in article.provenance["body"]


def test_a_story_is_not_flagged_as_a_menu(text_fixture):
    article = parse_document(text_fixture("harbour_story.txt"), filename="story.txt")
    assert "body" not in article.review_fields


def test_a_one_sentence_wire_flash_under_its_headline_is_an_article():
    flash = (
        "Ferry talks are off\n\n"
        "The ferry union called off Friday's talks with the island operator, a spokesman said.\n"
    )
    assert parse_document(flash.encode(), filename="flash.txt").body.startswith("The ferry union")

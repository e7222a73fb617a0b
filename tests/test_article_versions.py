"""Article versions: a re-upload from the same URL that changes the text, headline or date keeps
every version and shows what changed (archive.importing.versions, archive.compare.versions)."""

from __future__ import annotations

import datetime as dt

from archive.compare.coverage import DiffPiece
from archive.compare.versions import VersionText, diff_paragraphs, version_changes
from archive.importing.importer import import_files
from archive.models import Article, ArticleVersion
from tests.fixtures_search import found

URL = "https://tidewater.example/2022/05/ferry-timetable"
PAGE = """Ferry timetable cut for the summer

Tidewater Gazette

May 4, 2022

The island ferry will run four crossings a day from June, the operator announced on Wednesday.

Councillors said the reduced timetable would leave commuters stranded after the evening shift.

The operator blamed a shortage of qualified engineers for the cut.

Original url:

<{url}>
"""
OLD_PARAGRAPH = (
    "Councillors said the reduced timetable would leave commuters stranded after the evening shift."
)
NEW_PARAGRAPH = "Harbourmaster Ines Kowal promised weekend sailings using a chartered catamaran."


def upload(text: str, name: str = "ferry.txt") -> str:
    [result] = import_files([(name, text.encode())])
    return result.status


def test_a_re_upload_with_a_changed_paragraph_keeps_two_versions_and_diffs_that_paragraph(db):
    original = PAGE.format(url=URL)
    assert upload(original) == "created"
    assert upload(original.replace(OLD_PARAGRAPH, NEW_PARAGRAPH), "ferry-2.txt") == "updated"

    article = Article.objects.get()
    first, second = article.versions.all()
    assert (first.number, second.number) == (1, 2)
    assert OLD_PARAGRAPH in first.body and NEW_PARAGRAPH in second.body
    assert first.uploaded_at == article.created_at and second.uploaded_at >= first.uploaded_at
    assert second.filename == "ferry-2.txt"
    [change] = article.versions.changes()
    assert change.title is None and change.published is None
    [paragraph] = change.paragraphs
    assert " ".join(p.text for p in paragraph if p.kind == "ins") == NEW_PARAGRAPH
    assert " ".join(p.text for p in paragraph if p.kind == "del") == OLD_PARAGRAPH


def test_an_identical_re_upload_stays_a_duplicate_and_adds_no_version(db):
    original = PAGE.format(url=URL)
    upload(original)
    assert upload(original, "again.txt") == "duplicate"
    assert ArticleVersion.objects.count() == 0 and Article.objects.count() == 1


def test_a_new_headline_on_the_same_text_is_a_version_not_a_duplicate(db):
    original = PAGE.format(url=URL)
    upload(original)
    retitled = original.replace("Ferry timetable cut for the summer", "Ferry timetable halved for summer")
    assert upload(retitled) == "updated"

    article = Article.objects.get()
    assert article.title == "Ferry timetable halved for summer"
    [change] = article.versions.changes()
    changed = [p for p in change.title if p.kind != "same"]
    assert changed == [DiffPiece("del", "cut"), DiffPiece("ins", "halved"), DiffPiece("del", "the")]
    assert change.paragraphs == ()


def test_further_updates_number_on_and_each_diff_is_against_the_version_before(db):
    original = PAGE.format(url=URL)
    upload(original)
    second = original.replace(OLD_PARAGRAPH, NEW_PARAGRAPH)
    upload(second)
    upload(second.replace("four crossings", "three crossings"))

    article = Article.objects.get()
    assert list(article.versions.values_list("number", flat=True)) == [1, 2, 3]
    last = article.versions.changes()[-1]
    [paragraph] = last.paragraphs
    assert [p for p in paragraph if p.kind != "same"] == [DiffPiece("del", "four"), DiffPiece("ins", "three")]


def test_search_finds_only_the_newest_text(db, indexed):
    original = PAGE.format(url=URL)
    with indexed():
        upload(original)
    with indexed():
        upload(original.replace(OLD_PARAGRAPH, NEW_PARAGRAPH))

    article = Article.objects.get()
    assert found("catamaran") == {article.pk}
    assert found("stranded") == set()


def test_the_article_page_says_how_often_it_was_updated_and_shows_the_diff(client, db):
    original = PAGE.format(url=URL)
    upload(original)
    upload(original.replace(OLD_PARAGRAPH, NEW_PARAGRAPH))

    html = client.get(Article.objects.get().get_absolute_url()).content.decode()
    assert "updated 1 time<" in html and "Updated 1 time<" in html
    assert "chartered catamaran.</ins>" in html and "evening shift.</del>" in html


def test_the_admin_lists_the_versions_on_the_article(admin_client, db):
    original = PAGE.format(url=URL)
    upload(original)
    [result] = import_files([("ferry-2.txt", original.replace(OLD_PARAGRAPH, NEW_PARAGRAPH).encode())])

    html = admin_client.get(f"/admin/archive/article/{Article.objects.get().pk}/change/").content.decode()
    assert "each upload from its address that changed it" in html.lower()
    assert "<td>1</td>" in html and "<td>2</td><td>" in html and "ferry-2.txt" in html


def test_paragraphs_added_and_removed_show_whole():
    before = "One paragraph stays.\nThis one goes away entirely."
    after = "One paragraph stays.\nA brand new closing line appears."
    assert diff_paragraphs(before, before + "\nAnd a third.") == ((DiffPiece("ins", "And a third."),),)
    assert diff_paragraphs(before + "\nAnd a third.", before) == ((DiffPiece("del", "And a third."),),)
    [changed] = diff_paragraphs(before, after)
    assert {p.kind for p in changed} == {"del", "ins"}


def test_a_changed_date_is_reported_as_before_and_after():
    now = dt.datetime(2022, 5, 5, tzinfo=dt.UTC)
    one = VersionText(1, now, "T", "Body.", dt.date(2022, 5, 4))
    two = VersionText(2, now, "T", "Body.", None)
    [change] = version_changes([two, one])
    assert (
        change.published == (dt.date(2022, 5, 4), None) and change.paragraphs == () and change.title is None
    )

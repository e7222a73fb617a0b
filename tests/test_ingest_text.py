"""Files in any encoding a real page comes in decode to clean text; empty and binary files fail clearly."""

from __future__ import annotations

import codecs
import os

import pytest

from archive.ingest.article import EmptyFileError, NotAnArticleError, UnreadableFileError
from archive.ingest.parsing import parse_document
from archive.ingest.text import decode_bytes, looks_like_html, normalise_whitespace, strip_invisible

TITLE = "Harbour council approves new ferry timetable after months of delay"


@pytest.fixture
def story(text_fixture) -> str:
    return text_fixture("harbour_story.txt").decode("utf-8")


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_a_page_in_a_legacy_or_wide_encoding_reads_the_same_as_utf8(story, encoding):
    article = parse_document(story.encode(encoding), filename=f"story-{encoding}.txt")
    assert article.title == TITLE
    assert "the council’s transport chair" in article.body
    assert "“This is the timetable people asked us for,” Fenwick said." in article.body


def test_cp1252_accents_and_dashes_survive(story):
    text = decode_bytes(("Genève café — “naïve” déjà vu. " + story).encode("cp1252"))
    assert text.startswith("Genève café — “naïve” déjà vu.")


def test_a_single_byte_cyrillic_page_keeps_its_code_page():
    text = "Министр иностранных дел России Сергей Лавров заявил в понедельник, что переговоры начнутся."
    assert decode_bytes(text.encode("cp1251")) == text


def test_utf16_with_a_bom_loses_the_bom(story):
    assert decode_bytes(codecs.BOM_UTF16_LE + story.encode("utf-16-le")) == story


def test_nbsp_zero_width_and_crlf_are_normalised():
    raw = "Lavrov\u00a0said\u200b on\u2009Monday\r\n\r\n\r\n\r\nThe  talks\u00a0\u00a0began.\r\n"
    assert normalise_whitespace(raw) == "Lavrov said on Monday\n\nThe talks began."


def test_nbsps_in_a_page_do_not_reach_the_body(story):
    article = parse_document(story.replace(" the ", "\u00a0the\u00a0").encode("utf-8"), filename="nbsp.txt")
    assert "\u00a0" not in article.body and "\u00a0" not in article.title
    assert "voted on Thursday to approve" in article.body


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t  ", "\u00a0\n".encode()])
def test_an_empty_file_fails_with_a_reason(data):
    with pytest.raises(EmptyFileError, match="The file is empty"):
        parse_document(data, filename="empty.txt")


def test_a_binary_file_fails_as_unreadable():
    noise = bytes(range(256)) * 8 + os.urandom(512)
    with pytest.raises(UnreadableFileError, match="not readable text"):
        parse_document(noise, filename="photo.txt")


def test_a_pdf_says_what_it_is():
    with pytest.raises(UnreadableFileError, match="PDF"):
        parse_document(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj", filename="story.pdf")


@pytest.mark.parametrize(
    "text",
    [
        "date,title,outlet\n2014-01-13,Talks in Paris,TBP\n2014-01-22,Geneva opens,MT\n2014-12-16,Lavrov,X\n",
        "ceasefire\nAleppo\nGeneva\nLavrov\nKerry\nBrahimi\nMontreux\n",
        "Lavrov met Kerry.\n",
    ],
    ids=["csv", "word-list", "one-line"],
)
def test_text_that_is_not_an_article_fails_with_a_reason(text):
    with pytest.raises(NotAnArticleError, match="article"):
        parse_document(text.encode(), filename="notes.txt")


def test_html_is_recognised_by_content_not_by_name(text_fixture):
    assert looks_like_html(text_fixture("harbour_published.html").decode())
    assert not looks_like_html(text_fixture("harbour_story.txt").decode())
    article = parse_document(text_fixture("harbour_published.html"), filename="saved-page.txt")
    assert article.raw_format == "html"


def test_utf8_with_a_stray_broken_byte_stays_utf8(story):
    data = story.encode("utf-8").replace(b"Thursday", b"Thursday\xff", 1)
    text = decode_bytes(data)
    assert "the council’s transport chair" in text
    assert "â€" not in text


def test_a_single_byte_polish_page_is_not_read_as_cp1252():
    text = "Minister spraw zagranicznych Rosji powiedział, że rozmowy w Genewie zaczną się już wkrótce."
    assert decode_bytes(text.encode("cp1250")) == text


@pytest.mark.parametrize(
    "written",
    [
        "Deutsch\u00adland h\u00e4lt Kurs",  # soft hyphens
        "Deutsch\u200bland h\u00e4lt Kurs",  # a zero-width space
        "\u2066Deutschland\u2069 h\u00e4lt \u202aKurs\u202c",  # direction isolates and embeddings
    ],
)
def test_characters_no_reader_sees_leave_the_text(written, story):
    assert strip_invisible(written) == "Deutschland h\u00e4lt Kurs"
    article = parse_document(story.replace(TITLE, written).encode(), filename="story.txt")
    assert article.title == "Deutschland h\u00e4lt Kurs"

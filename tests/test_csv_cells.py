"""CSV formula injection: every CSV Parallax writes (the search API's and `manage.py export`'s)
neutralises cells a spreadsheet would run, and `ingest` of an export restores the original text."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from archive.csvcells import neutralise_cell, restore_cell
from archive.models import Article, Person, Story

LIVE = ('=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn")


def is_live_formula(cell: str) -> bool:
    return cell[:1] in ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("cell", LIVE)
def test_a_cell_a_spreadsheet_would_run_gets_an_apostrophe(cell):
    assert neutralise_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Port strike ends", "'Tis the season", "", "2021-03-03"])
def test_an_ordinary_cell_is_left_as_it_is(cell):
    assert neutralise_cell(cell) == cell


def test_numbers_and_empty_values_are_left_as_they_are():
    assert neutralise_cell(-3) == -3 and neutralise_cell(None) is None


@given(st.text())
def test_restoring_a_neutralised_cell_gives_the_original_text(text):
    safe = neutralise_cell(text)
    assert not is_live_formula(safe)
    assert restore_cell(safe) == text


@pytest.fixture
def hostile_archive(make_article, make_source):
    story = Story.objects.create(title="+Story title")
    return make_article(
        title='=HYPERLINK("http://evil.example","click")',
        subtitle="-1 subtitle",
        source=make_source("@Outlet"),
        credit="\tCredit",
        url="https://news.example/a",
        body="-- a body that starts with dashes\n\nand goes on.",
        people=["=Person Name"],
        story=story,
    )


def test_the_export_command_writes_no_live_formula_and_ingest_restores_the_original_text(
    hostile_archive, tmp_path
):
    target = tmp_path / "archive.csv"
    call_command("export", format="csv", output=str(target), stderr=io.StringIO())
    [row] = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert not any(is_live_formula(cell) for cell in row.values())
    assert row["title"].startswith("'=HYPERLINK")

    before = Article.objects.get()
    Article.objects.all().delete()
    Story.objects.all().delete()
    Person.objects.all().delete()
    call_command("ingest", str(target), stdout=io.StringIO(), stderr=io.StringIO())

    after = Article.objects.get()
    assert after.title == before.title == '=HYPERLINK("http://evil.example","click")'
    assert (after.subtitle, after.source.name, after.credit) == ("-1 subtitle", "@Outlet", "\tCredit")
    assert after.body == before.body and after.story.title == "+Story title"
    assert list(Person.objects.values_list("name", flat=True)) == ["=Person Name"]


def test_the_search_api_csv_writes_no_live_formula(client, make_article, make_source, indexed):
    with indexed():
        make_article(
            title="=cmd|' /C calc'!A0 harbour",
            body="The harbour reopened.",
            source=make_source("+Outlet"),
            credit="@Desk",
            people=["-Dash Person"],
            story=Story.objects.create(title="=Story"),
        )
    response = client.get("/api/search/", {"q": "harbour", "format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 2
    assert not any(is_live_formula(cell) for cell in rows[1])
    assert rows[1][1] == "'=cmd|' /C calc'!A0 harbour"

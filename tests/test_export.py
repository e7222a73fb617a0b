"""`manage.py export` and restoring an export with `manage.py ingest`."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from archive.importing.importer import import_files
from archive.importing.restoring import export_record
from archive.ingest import dedup, exports
from archive.models import Article, Mention, Person, Source, Story


@pytest.fixture
def reviewed_archive(make_article, make_source):
    """Three articles whose metadata an editor has reviewed: a story, people, a duplicate."""
    article = make_article

    def make_article(**kwargs):  # with the real fingerprint, as the importer stores it
        return article(fingerprint=dedup.fingerprint(kwargs["body"]), **kwargs)

    story = Story.objects.create(title="Port strike in Valmora")
    gazette = make_source("Harbour Gazette", aliases=["HG"])
    first = make_article(
        title="Port workers end strike",
        subtitle="A nine-day stoppage ends with a pay deal",
        source=gazette,
        published_date="2021-03-03",
        published_time=dt.time(14, 21),
        url="https://gazette.example/port-strike",
        credit="Coastal News Agency",
        dateline="VALMORA",
        body="Dock workers returned to work on Wednesday.\n\nThe strike had held up forty ships.",
        people=["Marta Ellingsen", "Anton Reyes"],
        story=story,
        provenance={"published": "editor"},
    )
    make_article(
        title="Valmora dockers back at work",
        source="The Bayside Herald",
        published_date=None,
        review_fields=["published"],
        body="Dockers returned to work on Wednesday in Valmora.\n\nForty ships had waited.",
        duplicate_of=first,
        people=["Marta Ellingsen"],
    )
    make_article(title="Library stays open", source=gazette, body="The council voted to keep the library.")
    return Article.objects.order_by("id")


def _snapshot() -> list[dict]:
    """What an export says about each article, without database ids (they change on restore)."""
    rows = []
    for article in Article.objects.order_by("title"):
        data = export_record(article).as_json()
        data["duplicate_of"] = (
            Article.objects.get(pk=data["duplicate_of"]).title if data["duplicate_of"] else None
        )
        data.pop("id")
        data.pop("provenance")  # restore adds "export" for values the source archive had no note on
        if data["story"]:
            data["story"].pop("id")
        rows.append(data)
    return rows


def _empty_the_archive():
    Mention.objects.all().delete()
    Article.objects.all().delete()
    Story.objects.all().delete()
    Person.objects.all().delete()
    Source.objects.all().delete()


def test_the_json_export_lists_every_article_with_all_its_metadata(reviewed_archive):
    out = io.StringIO()
    call_command("export", stdout=out)
    document = json.loads(out.getvalue())
    assert len(document["articles"]) == 3
    first = next(a for a in document["articles"] if a["title"] == "Port workers end strike")
    assert set(first) >= {
        "id", "title", "subtitle", "source", "published", "url", "credit", "dateline",
        "people", "story", "needs_review", "duplicate_of", "body",
    }  # fmt: skip
    assert first["published"] == "2021-03-03"
    assert first["source"] == "Harbour Gazette"
    assert sorted(first["people"]) == ["Anton Reyes", "Marta Ellingsen"]
    assert first["story"]["title"] == "Port strike in Valmora"
    duplicate = next(a for a in document["articles"] if a["duplicate_of"])
    assert duplicate["duplicate_of"] == first["id"]
    assert duplicate["needs_review"] == ["published"]
    assert duplicate["published"] is None


def test_the_csv_export_has_a_header_and_a_row_per_article(reviewed_archive, tmp_path):
    target = tmp_path / "archive.csv"
    call_command("export", format="csv", output=str(target), stderr=io.StringIO())
    assert target.read_bytes().startswith("\ufeff".encode())  # a byte-order mark: Excel reads UTF-8
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].split(",") == list(exports.CSV_COLUMNS)
    assert len(exports.read_export(target.read_bytes())) == 3


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_export_restores_into_a_fresh_archive_with_its_reviewed_metadata(reviewed_archive, tmp_path, fmt):
    before = _snapshot()
    target = tmp_path / f"archive.{fmt}"
    call_command("export", format=fmt, output=str(target), stderr=io.StringIO())
    _empty_the_archive()

    call_command("ingest", str(target), stdout=io.StringIO(), stderr=io.StringIO())

    assert _snapshot() == before
    restored = Article.objects.get(title="Port workers end strike")
    assert restored.provenance["published"] == "editor"  # a reviewed value stays marked as reviewed
    assert restored.published_time == dt.time(14, 21)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_restoring_the_same_export_twice_changes_nothing(reviewed_archive, tmp_path, fmt):
    target = tmp_path / f"archive.{fmt}"
    call_command("export", format=fmt, output=str(target), stderr=io.StringIO())
    before = _snapshot()
    ids = list(Article.objects.values_list("id", flat=True))

    results = import_files([(target.name, target.read_bytes())])

    assert {r.status for r in results} == {"duplicate"}
    assert list(Article.objects.values_list("id", flat=True)) == ids
    assert _snapshot() == before


def test_an_export_with_a_broken_record_fails_with_the_reason(db):
    document = {"articles": [{"title": "A", "body": "B", "needs_review": [], "published": "13/01/2014"}]}
    [result] = import_files([("backup.json", json.dumps(document).encode())])
    assert result.status == "failed"
    assert "record 1" in result.error


def test_a_json_file_that_is_not_an_export_fails_as_not_an_article(db):
    [result] = import_files([("settings.json", b'{"name": "a config file", "articles": 3}')])
    assert result.status == "failed"
    assert "not a Parallax export" in result.error
    assert Article.objects.count() == 0


def test_an_article_is_not_taken_for_an_export():
    assert exports.read_export(b"Title of an article\n\nSome text, with commas, here.") is None
    assert exports.read_export(b"id,title\n1,An article that starts like a table") is None


def test_a_restored_person_is_joined_by_a_later_spelling_of_their_name(reviewed_archive, tmp_path):
    target = tmp_path / "archive.json"
    call_command("export", output=str(target), stderr=io.StringIO())
    _empty_the_archive()
    call_command("ingest", str(target), stdout=io.StringIO(), stderr=io.StringIO())
    restored = Person.objects.get(name="Marta Ellingsen")
    assert restored.aliases.exists()  # the resolver, not a bare Person row, restored the name

    from archive.importing.resolution import resolve_mentions
    from archive.ingest.article import PersonMention
    from archive.ingest.namekeys import name_key

    ((person, _),) = resolve_mentions([PersonMention("Ellingsen", ("Ellingsen",), 1, name_key("Ellingsen"))])
    assert person == restored
    assert Person.objects.filter(name__icontains="Ellingsen").count() == 1


def test_dates_and_times_have_one_json_form_across_exports_and_the_api():
    assert exports.json_date(dt.date(2014, 1, 22)) == "2014-01-22"
    assert exports.json_time(dt.time(9, 5, 30)) == "09:05"
    assert exports.json_date(None) is None and exports.json_time(None) is None

"""`manage.py ingest`: files, folders, zips, --source, --report, the summary and exit status."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from archive.models import Article

FIXTURES = Path(__file__).parent / "fixtures" / "importer"
REPORT_FIELDS = {
    "file", "status", "article", "title", "source", "published", "url", "credit",
    "people", "needs_review", "duplicate_of", "error",
}  # fmt: skip


def ingest(*paths, **options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def batch(tmp_path) -> Path:
    """A folder with two articles, an empty file, binary data and a shopping list, one of the
    articles in a subfolder, and a hidden file that must be skipped."""
    folder = tmp_path / "batch"
    (folder / "more").mkdir(parents=True)
    for name in ("empty.txt", "binary.bin", "shopping_list.txt", "library_vote.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    shutil.copy(FIXTURES / "wire_harbour.txt", folder / "more" / "wire_harbour.txt")
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    return folder


def test_a_bad_file_fails_with_a_reason_and_the_rest_of_the_batch_goes_in(db, batch, tmp_path):
    report = tmp_path / "report.json"
    out, err = ingest(batch, report=report)

    files = {Path(f["file"]).name: f for f in json.loads(report.read_text())["files"]}
    assert set(files) == {
        "empty.txt",
        "binary.bin",
        "shopping_list.txt",
        "library_vote.txt",
        "wire_harbour.txt",
    }
    for bad in ("empty.txt", "binary.bin", "shopping_list.txt"):
        assert files[bad]["status"] == "failed"
        assert files[bad]["error"]
        assert files[bad]["article"] is None
        assert files[bad]["error"] in err  # the reasons are printed too
    assert files["library_vote.txt"]["status"] == "created"
    assert files["wire_harbour.txt"]["status"] == "created"
    assert Article.objects.count() == 2
    review = sum(1 for f in files.values() if f["needs_review"])
    assert out.strip().startswith("5 files: 2 created, 0 duplicate, 3 failed; ")
    assert out.strip().endswith(f"; {review} need review" if review != 1 else "; 1 needs review")


def test_the_summary_agrees_in_number():
    from archive.importing.base import FileResult, summarise

    def result(flagged):
        return FileResult(file="a.txt", status="created", needs_review=("published",) if flagged else ())

    assert summarise([result(True)]).endswith("; 1 needs review")
    assert summarise([result(True), result(True)]).endswith("; 2 need review")


def test_the_report_has_exactly_the_documented_fields(db, tmp_path):
    report = tmp_path / "report.json"
    ingest(FIXTURES / "library_vote.txt", FIXTURES / "empty.txt", report=report)

    document = json.loads(report.read_text())
    assert list(document) == ["files"]
    created, failed = document["files"]
    assert set(created) == REPORT_FIELDS and set(failed) == REPORT_FIELDS
    article = Article.objects.get()
    assert created["article"] == article.pk
    assert created["title"] == "Town council votes to keep the old library open"
    assert created["published"] == "2022-06-14"
    assert isinstance(created["people"], list) and isinstance(created["needs_review"], list)
    assert created["duplicate_of"] is None and created["error"] is None
    assert failed["status"] == "failed" and failed["article"] is None


def test_an_undated_article_is_reported_as_needing_review_of_its_date(db, tmp_path):
    report = tmp_path / "report.json"
    out, _ = ingest(FIXTURES / "wire_truncated.txt", report=report)
    [entry] = json.loads(report.read_text())["files"]
    assert entry["published"] is None
    assert "published" in entry["needs_review"]
    assert out.strip().endswith("; 1 needs review")


def test_source_names_the_outlet_of_every_file(db):
    ingest(FIXTURES / "library_vote.txt", FIXTURES / "courier_ferry.txt", source="The Eastmere Echo")
    assert set(Article.objects.values_list("source__name", flat=True)) == {"The Eastmere Echo"}


def test_a_zip_of_articles_is_read_member_by_member(db, tmp_path):
    archive = tmp_path / "articles.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(FIXTURES / "library_vote.txt", "april/library_vote.txt")
        zf.write(FIXTURES / "courier_school.txt", "april/courier_school.txt")
    out, _ = ingest(archive)
    assert out.startswith("2 files: 2 created")
    assert Article.objects.count() == 2


def test_it_exits_with_an_error_only_when_nothing_could_be_read(db, tmp_path):
    with pytest.raises(CommandError, match="Nothing could be imported"):
        ingest(FIXTURES / "empty.txt", FIXTURES / "binary.bin")
    with pytest.raises(CommandError, match="No files found"):
        ingest(tmp_path)  # an empty folder
    out, _ = ingest(tmp_path / "missing.txt", FIXTURES / "library_vote.txt")
    assert out.startswith("2 files: 1 created, 0 duplicate, 1 failed")

"""The admin upload page: staff only, several files or a zip, a source for all, a size limit,
and a results page that says what happened to each file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.importing.restoring import export_record
from archive.models import Article, BoilerplateLine, Mention, Person, Source, Story
from tests.test_seeds_ingest import ingest_seeds

FIXTURES = Path(__file__).parent / "fixtures" / "importer"
UPLOAD_URL = "/admin/archive/article/upload/"


def upload(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes(), content_type="text/plain")


def snapshot() -> list[dict]:
    """Every article as the export sees it, without database ids (which differ between runs);
    its story as the titles of the articles it groups (an automatic story title may follow
    the order of equally good candidates)."""
    rows = []
    for article in Article.objects.order_by("title"):
        data = export_record(article).as_json()
        data["duplicate_of"] = bool(data.pop("id") and data["duplicate_of"])
        story = article.story.articles.values_list("title", flat=True) if article.story_id else []
        data["story"] = sorted(story)
        rows.append(data)
    return rows


def empty_the_archive() -> None:
    """As a fresh database: rows gone (deleted articles leave story clustering's index by themselves)."""
    for model in (Mention, Article, Story, Person, BoilerplateLine, Source):
        model.objects.all().delete()


def test_the_upload_page_needs_a_staff_login(client, django_user_model):
    response = client.get(UPLOAD_URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

    reader = django_user_model.objects.create_user("reader", password="pw-for-tests-only", is_staff=False)
    client.force_login(reader)
    response = client.post(UPLOAD_URL, {"files": upload(FIXTURES / "library_vote.txt")})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert Article.objects.count() == 0


def test_the_article_list_links_to_the_upload_page(admin_client):
    page = admin_client.get(reverse("admin:archive_article_changelist")).content.decode()
    assert f'href="{UPLOAD_URL}"' in page and "Upload articles" in page
    assert admin_client.get(UPLOAD_URL).status_code == 200


def test_uploading_the_seeds_gives_the_same_articles_as_the_command(
    admin_client, seeds_dir, expected, post_upload
):
    def set_up_sources():
        Source.objects.create(name="The BRICS Post", aliases=["TBP"])

    set_up_sources()
    named_by_uploader = {n: a["source"] for n, a in expected["articles"].items() if not a["named_in_text"]}
    others = [upload(seeds_dir / name) for name in expected["articles"] if name not in named_by_uploader]
    assert post_upload(admin_client, {"files": others}).status_code == 200
    for name, source in named_by_uploader.items():
        post_upload(admin_client, {"files": [upload(seeds_dir / name)], "new_source": source})
    through_admin = snapshot()
    assert len(through_admin) == len(expected["articles"])

    empty_the_archive()
    set_up_sources()
    ingest_seeds(seeds_dir, expected)
    assert snapshot() == through_admin


def test_the_results_page_says_what_happened_to_each_file(admin_client, post_upload):
    files = [
        upload(FIXTURES / "library_vote.txt"),
        upload(FIXTURES / "empty.txt"),
        upload(FIXTURES / "binary.bin"),
    ]
    response = post_upload(admin_client, {"files": files})

    page = response.content.decode()
    assert response.status_code == 200
    assert "3 files: 1 created, 0 duplicate, 2 failed" in page
    article = Article.objects.get()
    assert reverse("admin:archive_article_change", args=[article.pk]) in page
    assert "empty.txt" in page and "binary.bin" in page
    for result in response.context["results"]:
        if result.status == "failed":
            assert result.error in page
    if article.review_fields:
        assert ", ".join(article.review_fields) in page
    # A file that made no article has no date to be unknown: its row is dashes, like its title,
    # outlet and review flags (it said "unknown", as if an article had been stored undated; found
    # in the newuser7 run).
    failed_row = page.split('<tr class="status-failed">', 1)[1].split("</tr>", 1)[0]
    assert "unknown" not in failed_row and failed_row.count("<td>—</td>") == 4


def test_the_results_page_tells_a_near_copy_stored_from_the_same_text_skipped(admin_client, post_upload):
    text = (FIXTURES / "library_vote.txt").read_text()
    copy = text.replace("seven to four", "7-4").replace("Town council", "Eastmere council")  # one wire story
    files = [
        upload(FIXTURES / "library_vote.txt"),
        SimpleUploadedFile("library_vote_again.txt", text.encode(), content_type="text/plain"),
        SimpleUploadedFile("library_vote_wire.txt", copy.encode(), content_type="text/plain"),
    ]
    page = post_upload(admin_client, {"files": files}).content.decode()
    original, near = Article.objects.order_by("pk")
    assert near.duplicate_of == original
    link = reverse("admin:archive_article_change", args=[original.pk])
    assert (
        f'the same text as\n            <a href="{link}">article {original.pk}</a>, not stored again' in page
    )
    assert f'stored as a near-copy of\n            <a href="{link}">article {original.pk}</a>' in page


def test_a_zip_upload_for_one_named_source(admin_client, make_source, post_upload):
    courier = make_source("The Lakeside Courier")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in ("courier_ferry.txt", "courier_school.txt"):
            zf.write(FIXTURES / name, f"april/{name}")
    archive = SimpleUploadedFile("april.zip", buffer.getvalue(), content_type="application/zip")

    response = post_upload(admin_client, {"files": [archive], "source": courier.pk})

    assert [r.status for r in response.context["results"]] == ["created", "created"]
    assert set(Article.objects.values_list("source__name", flat=True)) == {"The Lakeside Courier"}


def test_an_upload_over_the_size_limit_is_refused_with_a_clear_message(admin_client, settings):
    settings.PARALLAX_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("big.txt", b"word " * 300_000, content_type="text/plain")
    response = admin_client.post(UPLOAD_URL, {"files": [big]})
    assert response.status_code == 200
    assert "the limit is 1 MB" in response.content.decode()
    assert Article.objects.count() == 0


@pytest.mark.parametrize("data", [{}, {"new_source": "The Eastmere Echo", "source": "existing"}])
def test_the_form_explains_what_is_missing_or_contradictory(admin_client, make_source, data):
    if data.get("source") == "existing":
        data = {**data, "source": make_source("The Eastmere Times").pk}
        data["files"] = [upload(FIXTURES / "library_vote.txt")]
    response = admin_client.post(UPLOAD_URL, data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Article.objects.count() == 0

"""Review that ends: "Mark reviewed" (a button on the change form, an admin action) clears the flags
an editor checked; values an editor confirmed or edited survive re-extraction and say so; a re-upload
of duplicates leaves nothing new to review."""

from __future__ import annotations

import io
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse

from archive.importing import reextraction
from archive.importing.base import summarise
from archive.importing.importer import import_files
from archive.models import Article
from tests.test_admin_review import _change_form_data

FIXTURES = Path(__file__).parent / "fixtures" / "importer"
CHANGELIST = "/admin/archive/article/"


def undated(**kwargs) -> Article:
    """An article whose text states no date: flagged "published", rightly empty."""
    [result] = import_files(
        [("wire_truncated.txt", (FIXTURES / "wire_truncated.txt").read_bytes())], **kwargs
    )
    article = Article.objects.get(pk=result.article)
    assert article.published_date is None and "published" in article.review_fields
    return article


def test_saving_an_unchanged_article_keeps_its_flags(admin_client, db):
    article = undated(source_name="Harbour Gazette")
    url = reverse("admin:archive_article_change", args=[article.pk])
    assert admin_client.post(url, _change_form_data(article)).status_code == 302
    article.refresh_from_db()
    assert "published" in article.review_fields and article.needs_review


def test_mark_reviewed_on_the_change_form_clears_the_ticked_flags(admin_client, db):
    article = undated(source_name="Harbour Gazette")
    Article.objects.filter(pk=article.pk).update(review_fields=["published", "credit"], needs_review=True)
    url = reverse("admin:archive_article_change", args=[article.pk])
    form = admin_client.get(url).content.decode()
    assert 'value="Mark reviewed"' in form and 'name="reviewed" value="credit"' in form

    data = _change_form_data(article, reviewed=["published"], _mark_reviewed="Mark reviewed")
    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    said = [str(m) for m in admin_client.get(response.url).context["messages"]]
    assert said == [
        f"“{article}” is marked reviewed: the values you checked are kept when extraction runs again. "
        "Still to review: credit."
    ]
    article.refresh_from_db()
    assert article.review_fields == ["credit"] and article.needs_review  # credit was not ticked
    assert article.provenance["published"] == "editor"
    admin_client.post(url, _change_form_data(article, reviewed=["credit"], _mark_reviewed="1"))
    article.refresh_from_db()
    assert article.review_fields == [] and not article.needs_review


def test_the_mark_reviewed_action_clears_every_flag_of_the_chosen_articles(admin_client, make_article):
    flagged = make_article(published_date=None, review_fields=["published", "source"])
    other = make_article(published_date=None, review_fields=["published"])
    response = admin_client.post(
        CHANGELIST, {"action": "mark_reviewed_action", "_selected_action": [flagged.pk]}
    )
    assert response.status_code == 302
    flagged.refresh_from_db()
    other.refresh_from_db()
    assert flagged.review_fields == [] and not flagged.needs_review
    assert flagged.provenance["published"] == flagged.provenance["source"] == "editor"
    assert other.needs_review  # not chosen
    assert not Article.objects.needing_review().filter(pk=flagged.pk).exists()


def test_confirmed_and_edited_values_are_kept_through_re_extraction(admin_client, client, db):
    article = undated(source_name="Harbour Gazette")
    url = reverse("admin:archive_article_change", args=[article.pk])
    data = _change_form_data(article, title="Valmora strike ends", reviewed=["published"], _mark_reviewed="1")
    assert admin_client.post(url, data).status_code == 302

    [result] = reextraction.reextract(Article.objects.filter(pk=article.pk).select_related("source"))
    assert result.status == "updated"
    article.refresh_from_db()
    assert article.title == "Valmora strike ends"  # edited: kept
    assert article.published_date is None and "published" not in article.review_fields  # confirmed: kept
    assert not article.needs_review

    page = client.get(article.get_absolute_url()).content.decode()
    assert page.count("confirmed by an editor") >= 2  # the title and the (unknown) date
    summary = admin_client.get(url).content.decode()
    assert "Nothing to review (confirmed by an editor: published, title)" in summary


def test_a_re_upload_of_duplicates_leaves_nothing_new_to_review(db):
    files = [(name, (FIXTURES / name).read_bytes()) for name in ("wire_truncated.txt", "library_vote.txt")]
    first = import_files(files)
    assert summarise(first).endswith("; 2 need review")
    again = import_files(files)
    assert [result.status for result in again] == ["duplicate", "duplicate"]
    assert summarise(again) == "2 files: 0 created, 2 duplicate, 0 failed; 0 need review"
    # Nor does the results table: a duplicate's row does not show its original's flags.
    from django.template.loader import render_to_string

    table = render_to_string(
        "admin/archive/article/upload_results.html", {"results": again, "opts": Article._meta}
    )
    assert "status-duplicate" in table and "published" not in table.split("<tbody>")[1]


def test_the_ingest_command_does_not_count_duplicates_as_needing_review(db, tmp_path):
    folder = tmp_path / "upload"
    folder.mkdir()
    (folder / "wire_truncated.txt").write_bytes((FIXTURES / "wire_truncated.txt").read_bytes())
    for _ in range(2):
        out = io.StringIO()
        call_command("ingest", str(folder), stdout=out, stderr=io.StringIO())
    assert "1 file: 0 created, 1 duplicate, 0 failed; 0 need review" in out.getvalue()

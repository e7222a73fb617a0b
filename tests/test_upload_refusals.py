"""Every file the upload does not import gets a line in the results with its reason: unsafe zip
member names, oversized files and members, names too long to keep; and a request past Django's
limits gets a page that says which limit, not a bare "Bad Request (400)"."""

from __future__ import annotations

import io
import stat
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from archive.ingest import files
from archive.models import Article

UPLOAD_URL = "/admin/archive/article/upload/"
STORY = (
    b"Harbour council approves ferry timetable\n\n12 March 2021\n\n"
    b"The harbour council approved the new ferry timetable on Tuesday after months of delay. "
    b"Boats will leave every forty minutes from the northern pier, the council said.\n\n"
    b"Residents of the islands had asked for earlier boats in winter, and the council agreed to "
    b"add a first sailing at six in the morning from November to March.\n"
)


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(admin_client, name: str, data: bytes, post_upload) -> dict[str, object]:
    response = post_upload(admin_client, {"files": [SimpleUploadedFile(name, data)]})
    assert response.status_code == 200
    return {r.file: r for r in response.context["results"]}


def test_refused_zip_members_are_listed_with_their_reasons(admin_client, monkeypatch, post_upload):
    monkeypatch.setattr(files, "ARTICLE_MAX_BYTES", 10_000)
    data = zip_of(
        {"../escape.txt": STORY, "/abs/path.txt": STORY, "huge.txt": b"word " * 5000, "story.txt": STORY}
    )
    results = upload(admin_client, "batch.zip", data, post_upload)

    assert results["batch.zip/story.txt"].status == "created"
    for name in ("batch.zip/../escape.txt", "batch.zip//abs/path.txt"):
        assert results[name].status == "failed" and "points outside the archive" in results[name].error
    assert "larger than" in results["batch.zip/huge.txt"].error
    assert Article.objects.count() == 1


def test_a_member_name_too_long_to_keep_is_refused_with_the_reason(admin_client, post_upload):
    name = "n" * 5000 + ".txt"
    [result] = upload(admin_client, "long.zip", zip_of({name: STORY}), post_upload).values()
    assert result.status == "failed" and "5,013 characters long" in result.error
    assert Article.objects.count() == 0


def test_too_many_files_in_one_request_get_a_page_that_says_which_limit(admin_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    many = [SimpleUploadedFile(f"f{n}.txt", STORY) for n in range(4)]
    response = admin_client.post(UPLOAD_URL, {"files": many})
    assert response.status_code == 400
    page = response.content.decode()
    assert "more than 3 files" in page and "Put them in a .zip file" in page
    assert Article.objects.count() == 0


def test_a_symlink_member_holding_an_article_is_refused_and_not_imported(admin_client, post_upload):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("link.txt")
        link.create_system, link.external_attr = 3, (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, STORY)  # a symlink's stored content is its target; here, an article
    [result] = upload(admin_client, "links.zip", buffer.getvalue(), post_upload).values()
    assert result.status == "failed" and result.error == "refused: link.txt is a symbolic link: not read."
    assert Article.objects.count() == 0

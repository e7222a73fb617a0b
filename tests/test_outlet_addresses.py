"""Which site a page sits on when its stated address is not its own: a syndicated copy whose canonical
link is the original's, and a page that states no address but was uploaded in a crawler's mirror
(the folder named for its host) (issue 15, part 1)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from archive.importing.importer import import_files
from archive.ingest.domains import host_in_path
from archive.ingest.parsing import parse_document
from archive.models import Article, Source
from bench.extraction_eval import LabelledPage, _upload_name
from tests.test_outlet_identity import BODY, page

ORIGINAL = "https://www.harbourgazette.example/2020/mill-reopens"


def portal_links(host: str, n: int) -> str:
    """A portal's furniture: its logo, sections and footer, all on its own host."""
    sections = ("news", "weather", "sport", "money", "travel", "food", "health", "cars", "video", "games")
    links = [f'<a href="https://{host}/en-gb">Go to the home page</a>']
    links += [f'<a href="https://{host}/en-gb/{s}">{s.title()}</a>' for s in sections]
    return "<nav>" + "".join(links[:n]) + "</nav>"


def original_links(n: int) -> str:
    """Links in the story to the original publisher's other pages."""
    return "".join(f'<a href="https://www.harbourgazette.example/2020/story-{i}">more</a>' for i in range(n))


def test_a_folder_named_for_a_host_gives_the_host_the_nearest_to_the_file():
    assert host_in_path("www.reise-notes.de/Reise-ABC/page.html") == "reise-notes.de"
    assert host_in_path("crawl.zip/www.reise-notes.de/page.html") == "reise-notes.de"
    assert host_in_path("/srv/news.example.org/crawl/www.reise-notes.de/a/page.html") == "reise-notes.de"
    assert host_in_path("mirror\\www.reise-notes.co.uk\\page.html") == "reise-notes.co.uk"


def test_a_file_name_an_archive_or_a_folder_with_no_public_suffix_gives_no_host():
    assert host_in_path("report.de.abc.html") == ""  # a file name is ambiguous
    assert host_in_path("www.reise-notes.de") == ""  # a bare file name, even one shaped like a host
    assert host_in_path("upload.zip/page.html") == ""  # .zip is a suffix, but this is the archive
    assert host_in_path("C.Habermueller/notes/page.html") == ""  # no public suffix
    assert host_in_path("v1.2/page.html") == ""


def test_a_syndicated_copy_is_the_portals_not_the_originals_and_keeps_its_canonical_address():
    data = page(
        title="Council votes to reopen the old mill",
        url=ORIGINAL,
        around=portal_links("www.newsportal.example", 11) + original_links(3),
    )
    parsed = parse_document(data, filename="a.html")
    assert parsed.url == ORIGINAL  # what the page says its canonical is
    assert parsed.site_url == "https://newsportal.example/"
    assert parsed.source_name == "newsportal.example"  # the page states no name: its host, flagged
    assert "source" in parsed.review_fields


def test_a_page_whose_links_go_to_its_own_address_keeps_it():
    data = page(
        title="Council votes to reopen the old mill",
        url=ORIGINAL,
        around=portal_links("www.newsportal.example", 11) + original_links(5),
    )
    parsed = parse_document(data, filename="a.html")
    assert parsed.site_url == ""  # the original's links are not rare: no sign of a copy
    assert parsed.source_name == "harbourgazette.example"


def test_a_few_links_to_another_site_do_not_make_a_copy():
    data = page(
        title="Council votes to reopen the old mill",
        url=ORIGINAL,
        around=portal_links("www.newsportal.example", 9),
    )
    assert parse_document(data, filename="a.html").source_name == "harbourgazette.example"


def test_a_name_the_canonical_address_spells_keeps_the_address_whatever_the_sister_sites_links():
    meta = '<meta property="og:site_name" content="Harbour Gazette">'
    data = page(
        title="Council votes to reopen the old mill",
        url=ORIGINAL,
        meta=meta,
        around=portal_links("www.sistersite.example", 11),
    )
    parsed = parse_document(data, filename="a.html")
    assert parsed.source_name == "Harbour Gazette"
    assert parsed.site_url == ""


@pytest.mark.django_db
def test_a_syndicated_copy_is_stored_beside_the_original_it_credits_not_over_it():
    meta = '<meta property="og:site_name" content="Harbour Gazette">'
    original = page(title="Council votes to reopen the old mill", url=ORIGINAL, meta=meta)
    copy = page(
        title="Council votes to reopen the old mill",
        url=ORIGINAL,
        body=BODY.replace("Tuesday", "Tuesday evening"),
        around=portal_links("www.newsportal.example", 11),
    )
    [first] = import_files([("original.html", original)])
    [second] = import_files([("copy.html", copy)])
    assert second.status != "updated"  # the original is not overwritten by its copy
    kept = Article.objects.get(pk=first.article)
    assert kept.source.name == "Harbour Gazette"
    assert "Tuesday evening" not in kept.body
    stored = Article.objects.get(pk=second.article)
    assert stored.pk != kept.pk and stored.url == ORIGINAL
    assert stored.source.name == "newsportal.example"
    assert Source.objects.get(name="Harbour Gazette").domains == ["harbourgazette.example"]
    assert stored.source.domains == ["newsportal.example"]
    [again] = import_files([("copy-again.html", copy.replace(b"evening", b"night"))])
    assert again.status == "updated" and again.article == stored.pk  # the copy's own page, updated


def mirror_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("www.reise-notes.de/Reise-ABC/page.html", page(title="Reise-ABC"))
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_page_with_no_address_in_a_zipped_mirror_is_named_by_its_folders_host_and_flagged():
    [result] = import_files([("crawl.zip", mirror_zip())])
    article = Article.objects.get(pk=result.article)
    assert article.source.name == "reise-notes.de"
    assert article.source.domains == ["reise-notes.de"]
    assert article.url == ""  # a host is not the page's address: nothing is invented
    assert "source" in article.review_fields


def test_the_admins_upload_of_a_zipped_mirror_names_the_page_by_its_folders_host(admin_client, post_upload):
    upload = SimpleUploadedFile("crawl.zip", mirror_zip(), content_type="application/zip")
    post_upload(admin_client, {"files": [upload]})
    article = Article.objects.get()
    assert article.filename == "crawl.zip/www.reise-notes.de/Reise-ABC/page.html"
    assert article.source.name == "reise-notes.de"


@pytest.mark.django_db
def test_the_same_page_uploaded_alone_has_no_outlet():
    [result] = import_files([("page.html", page(title="Reise-ABC"))])
    assert Article.objects.get(pk=result.article).source is None


@pytest.mark.django_db
def test_a_stated_address_beats_the_folder_it_was_uploaded_in():
    data = page(title="Council votes to reopen the old mill", url=ORIGINAL)
    [result] = import_files([("www.reise-notes.de/page.html", data)])
    assert Article.objects.get(pk=result.article).source.name == "harbourgazette.example"


@pytest.mark.django_db
def test_the_ingest_command_reads_a_crawlers_mirror_folder(tmp_path):
    folder = tmp_path / "www.reise-notes.de" / "Reise-ABC"
    folder.mkdir(parents=True)
    (folder / "page.html").write_bytes(page(title="Reise-ABC"))
    call_command("ingest", str(tmp_path / "www.reise-notes.de"), stdout=io.StringIO())
    assert Article.objects.get().source.name == "reise-notes.de"


def test_a_plain_text_page_in_a_mirror_folder_is_named_by_its_host_too():
    text = "Council votes to reopen the old mill\n\n" + BODY.replace("<p>", "").replace("</p>", "\n\n")
    parsed = parse_document(text.encode(), filename="www.reise-notes.de/mill.txt")
    assert parsed.source_name == "reise-notes.de"
    assert parse_document(text.encode(), filename="mill.txt").source_name is None


def test_the_eval_uploads_a_page_in_its_hosts_folder_only_when_asked(tmp_path):
    labelled = LabelledPage("realworld", "p1", tmp_path / "p1.html.gz", url="https://www.example.de/a/b")
    assert _upload_name(labelled, False) == "p1.html"
    assert _upload_name(labelled, True) == "www.example.de/p1.html"
    assert _upload_name(LabelledPage("realworld", "p2", tmp_path / "p2.html"), True) == "p2.html"

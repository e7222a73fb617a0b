"""Uploads: a .zip unpacks to its article files; a zip bomb is stopped with a clear reason."""

from __future__ import annotations

import io
import stat
import zipfile

import pytest

from archive.ingest import files
from archive.ingest.article import ArchiveTooLargeError, BadArchiveError
from archive.ingest.files import RefusedMember, expand_upload
from archive.ingest.parsing import parse_document


def test_a_plain_file_passes_through():
    assert list(expand_upload("a.txt", b"hello")) == [("a.txt", b"hello")]


def test_a_zip_yields_its_articles_and_skips_folders_dotfiles_and_macos_litter(make_zip, text_fixture):
    story, page = text_fixture("harbour_story.txt"), text_fixture("valley_undated.html")
    data = make_zip(
        {
            "batch/": b"",
            "batch/harbour.txt": story,
            "batch/pages/valley.html": page,
            "batch/.DS_Store": b"\x00\x01",
            "__MACOSX/batch/._harbour.txt": b"\x00\x05",
        }
    )
    members = list(expand_upload("upload.zip", data))
    assert [name for name, _ in members] == [
        "upload.zip/batch/harbour.txt",
        "upload.zip/batch/pages/valley.html",
    ]
    titles = [parse_document(content, filename=name).title for name, content in members]
    assert titles == [
        "Harbour council approves new ferry timetable after months of delay",
        "Mill reopens as a museum",
    ]


def test_a_zip_inside_a_zip_is_unpacked(make_zip, text_fixture):
    inner = make_zip({"harbour.txt": text_fixture("harbour_story.txt")})
    outer = make_zip({"inner.zip": inner, "note.txt": b"x"})
    assert [name for name, _ in expand_upload("outer.zip", outer)] == [
        "outer.zip/inner.zip/harbour.txt",
        "outer.zip/note.txt",
    ]


def test_zip_content_is_recognised_without_the_extension(make_zip):
    assert [name for name, _ in expand_upload("upload", make_zip({"a.txt": b"a"}))] == ["upload/a.txt"]


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(make_zip, monkeypatch):
    monkeypatch.setattr(files, "ZIP_MAX_TOTAL_BYTES", 1_000_000)
    bomb = make_zip({f"part{i}.txt": b"\x00" * 400_000 for i in range(5)})
    assert len(bomb) < 50_000
    with pytest.raises(ArchiveTooLargeError, match="MB allowed per upload"):
        next(expand_upload("bomb.zip", bomb))


def test_too_many_members_are_refused(make_zip, monkeypatch):
    monkeypatch.setattr(files, "ZIP_MAX_MEMBERS", 3)
    with pytest.raises(ArchiveTooLargeError, match="more than 3 files"):
        list(expand_upload("many.zip", make_zip({f"{i}.txt": b"a" for i in range(4)})))


def test_a_member_larger_than_an_article_is_listed_as_refused_and_the_others_are_read(make_zip, monkeypatch):
    monkeypatch.setattr(files, "ARTICLE_MAX_BYTES", 1000)
    members = dict(expand_upload("big.zip", make_zip({"big.txt": b"a" * 5000, "small.txt": b"b" * 10})))
    assert isinstance(members["big.zip/big.txt"], RefusedMember)
    assert "larger than" in members["big.zip/big.txt"].reason
    assert members["big.zip/small.txt"] == b"b" * 10


def test_a_plain_file_larger_than_an_article_is_refused_with_the_reason(monkeypatch):
    monkeypatch.setattr(files, "ARTICLE_MAX_BYTES", 1000)
    [(name, refused)] = expand_upload("huge.txt", b"a" * 5000)
    assert name == "huge.txt" and "an article file may be" in refused.reason


@pytest.mark.parametrize(
    "unsafe", ["../escape.txt", "/etc/passwd", "a/../../b.txt", "..\\evil.txt", "C:/x.txt"]
)
def test_a_member_whose_name_points_outside_the_archive_is_listed_as_refused(make_zip, unsafe):
    members = list(expand_upload("slip.zip", make_zip({unsafe: b"x", "fine.txt": b"ok"})))
    assert members[0] == (f"slip.zip/{unsafe}", RefusedMember(members[0][1].reason))
    assert "points outside the archive" in members[0][1].reason
    assert members[1] == ("slip.zip/fine.txt", b"ok")


def test_a_broken_zip_fails_with_a_reason():
    with pytest.raises(BadArchiveError, match="not a readable .zip"):
        list(expand_upload("broken.zip", b"PK\x03\x04 this is not really a zip"))


def test_a_member_whose_data_is_corrupt_fails_with_its_name(make_zip):
    data = bytearray(make_zip({"a.txt": b"hello world " * 50}, compression=zipfile.ZIP_STORED))
    data[data.index(b"hello") + 3] ^= 0xFF
    with pytest.raises(BadArchiveError, match="a.txt"):
        list(expand_upload("bad.zip", bytes(data)))


def zip_with_modes(members: dict[str, tuple[int, bytes]]) -> bytes:
    """A .zip whose members carry Unix file modes (type and permissions) in their external attributes,
    as `zip --symlinks` or Info-ZIP on Unix writes them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, (mode, data) in members.items():
            info = zipfile.ZipInfo(name)
            info.create_system = 3  # Unix
            info.external_attr = mode << 16
            archive.writestr(info, data)
    return buffer.getvalue()


STORY = b"Harbour council approves ferry timetable\n\nThe council approved the timetable on Tuesday.\n"


@pytest.mark.parametrize(
    ("mode", "kind"),
    [
        (stat.S_IFLNK | 0o777, "a symbolic link"),
        (stat.S_IFIFO | 0o644, "a FIFO (named pipe)"),
        (stat.S_IFCHR | 0o644, "a device"),
        (stat.S_IFBLK | 0o644, "a device"),
        (stat.S_IFSOCK | 0o644, "a socket"),
    ],
)
def test_a_member_that_is_not_a_regular_file_is_refused_and_never_read(mode, kind):
    data = zip_with_modes({"special.txt": (mode, STORY), "story.txt": (stat.S_IFREG | 0o644, STORY)})
    members = dict(expand_upload("batch.zip", data))
    refused = members["batch.zip/special.txt"]
    assert isinstance(refused, RefusedMember)
    assert refused.reason == f"refused: special.txt is {kind}: not read."
    assert members["batch.zip/story.txt"] == STORY


def test_members_without_a_unix_mode_are_read_as_files():
    # Zips written on Windows keep DOS attributes in the low bits and nothing in the high ones.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("story.txt")
        info.create_system, info.external_attr = 0, 0x20  # the DOS "archive" bit
        archive.writestr(info, STORY)
    assert dict(expand_upload("win.zip", buffer.getvalue())) == {"win.zip/story.txt": STORY}


def test_a_gzip_compressed_page_is_the_page_it_holds(text_fixture):
    import gzip

    page = text_fixture("valley_undated.html")
    [(name, content)] = expand_upload("crawl/valley.html.gz", gzip.compress(page))
    assert (name, content) == ("crawl/valley.html", page)
    assert parse_document(content, filename=name).title == "Mill reopens as a museum"


def test_a_zip_of_gzip_compressed_pages_yields_the_pages(make_zip, text_fixture):
    import gzip

    story = text_fixture("harbour_story.txt")
    data = make_zip({"pages/harbour.txt.gz": gzip.compress(story), "pages/note.txt": b"x"})
    assert list(expand_upload("upload.zip", data)) == [
        ("upload.zip/pages/harbour.txt", story),
        ("upload.zip/pages/note.txt", b"x"),
    ]


def test_a_gzip_file_that_unpacks_past_an_article_is_refused_and_the_rest_read(make_zip, monkeypatch):
    import gzip

    monkeypatch.setattr(files, "ARTICLE_MAX_BYTES", 100_000)
    bomb = gzip.compress(b"\x00" * 5_000_000)
    assert len(bomb) < 10_000
    members = dict(expand_upload("upload.zip", make_zip({"bomb.html.gz": bomb, "ok.txt": b"fine"})))
    assert isinstance(members["upload.zip/bomb.html.gz"], RefusedMember)
    assert "more than" in members["upload.zip/bomb.html.gz"].reason
    assert members["upload.zip/ok.txt"] == b"fine"


def test_a_broken_or_tar_gzip_file_is_refused_with_a_reason():
    import gzip

    [(_, broken)] = expand_upload("page.html.gz", b"\x1f\x8b\x08\x00garbage")
    assert isinstance(broken, RefusedMember) and "cannot be unpacked" in broken.reason
    [(_, tar)] = expand_upload("pages.tar.gz", gzip.compress(b"ustar"))
    assert isinstance(tar, RefusedMember) and ".zip" in tar.reason


def test_a_gzip_bomb_named_as_a_zip_is_refused_at_the_gzipped_zip_limit(monkeypatch):
    import gzip

    monkeypatch.setattr(files, "GZIPPED_ZIP_MAX_BYTES", 200_000)
    # Before, a .zip.gz was unpacked up to the whole upload's 500 MB: 0.5 MB of gzip took 1 GB.
    [(name, refused)] = expand_upload("upload.zip.gz", gzip.compress(b"\x00" * 1_000_000))
    assert name == "upload.zip.gz" and isinstance(refused, RefusedMember)
    assert "upload the .zip itself" in refused.reason


def test_a_gzipped_zip_within_the_limit_is_unpacked(make_zip, monkeypatch):
    import gzip

    monkeypatch.setattr(files, "GZIPPED_ZIP_MAX_BYTES", 200_000)
    data = gzip.compress(make_zip({"a.txt": b"alpha", "b.txt": b"beta"}))
    assert list(expand_upload("upload.zip.gz", data)) == [
        ("upload.zip/a.txt", b"alpha"),
        ("upload.zip/b.txt", b"beta"),
    ]


def test_every_member_of_a_multi_member_gzip_is_read(text_fixture):
    import gzip

    page = text_fixture("valley_undated.html")
    half = len(page) // 2
    # As `cat a.gz b.gz` or bgzip writes it; reading the first member alone cut the page in two.
    data = gzip.compress(page[:half]) + b"\x00" * 8 + gzip.compress(page[half:])
    assert list(expand_upload("valley.html.gz", data)) == [("valley.html", page)]


def test_a_multi_member_gzip_is_held_to_the_limit_as_a_whole(monkeypatch):
    import gzip

    monkeypatch.setattr(files, "ARTICLE_MAX_BYTES", 1000)
    [(_, refused)] = expand_upload("page.html.gz", gzip.compress(b"a" * 600) * 2)
    assert isinstance(refused, RefusedMember) and "more than" in refused.reason

"""Uploaded files: a .zip is unpacked (recursively) into its member files, a gzip-compressed file
(`page.html.gz`) into the file it holds, anything else passes through.

Each file and each member is held to an article-sized limit: one larger is not read, and comes out
as a RefusedMember with the reason, like a member with an unsafe name (an absolute path, `..`), a
password, or a member that is not a regular file (a symbolic link, device, FIFO or socket, as its
Unix mode says: a symlink's stored bytes are its target, never an article), so the results list
every file that was not imported and why. Zip bombs are stopped twice: the central directory's
declared sizes and member count are checked before anything is yielded (an ArchiveTooLargeError
for the whole upload), and members are read in chunks against the same budget, so a header that
lies about its size cannot slip past. Limits are shared by nested archives. Folders, dotfiles and
macOS's __MACOSX litter are skipped without a line (they are not files anyone chose to upload).
Errors raised while iterating say which member failed; the importer reports them as a failed
upload and keeps the files it already received.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from archive.ingest.article import ArchiveTooLargeError, BadArchiveError

# An upload of a few thousand articles is plausible; more is a mistake or an attack.
ZIP_MAX_MEMBERS = 5000
# The first bytes of gzip content (RFC 1952), whatever the file is called.
GZIP_MAGIC = b"\x1f\x8b"
# Total unpacked bytes of one upload: 5,000 articles of ~100 KB of HTML each, with headroom.
ZIP_MAX_TOTAL_BYTES = 500 * 1024 * 1024
# One article file, alone or in a zip: of the 308 real saved pages in shared/realworld the median
# is 121 KB, the 99th percentile 1.0 MB and the largest 1.6 MB (inline scripts and styles); 5 MB is
# three times the largest. The parser needs ~50 times a file's size in memory, so this also bounds
# an upload's memory.
ARTICLE_MAX_BYTES = 5 * 1024 * 1024
# A file's name, with the archives it came in: the length of Article.filename, which keeps it.
NAME_MAX_CHARS = 500
# A zip held in a gzip (`upload.zip.gz`), at most: a zip is compressed already, so one in a gzip is
# about the gzip's size, and the upload form takes 50 MB (PARALLAX_MAX_UPLOAD_MB). Without this a
# 0.5 MB gzip of zeros named .zip.gz was unpacked to ZIP_MAX_TOTAL_BYTES, a 1 GB peak in memory.
GZIPPED_ZIP_MAX_BYTES = 50 * 1024 * 1024
# A zip inside a zip inside a zip is as deep as a real upload goes.
ZIP_MAX_DEPTH = 3
# Read size when unpacking a member under the budget.
_CHUNK = 1024 * 1024
# Zip-based document formats that are not archives of articles (left to the parser to reject).
_DOCUMENT_SUFFIXES = frozenset({".docx", ".xlsx", ".pptx", ".odt", ".ods", ".epub", ".jar"})
# A member name that would write outside the folder it is unpacked into (zip slip): absolute,
# a Windows drive, or a `..` step (with either slash).
_UNSAFE_NAME = re.compile(r"^[/\\]|^[A-Za-z]:|(^|[/\\])\.\.([/\\]|$)")
# Member types that are not files, by the Unix mode in the high 16 bits of a member's external
# attributes (zips written on Unix; others leave those bits 0, a plain file).
_NOT_A_FILE = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


@dataclass(frozen=True)
class RefusedMember:
    """Yielded in place of a file's bytes when the file was not read; `reason` says why."""

    reason: str


@dataclass
class _Budget:
    members: int = 0
    total: int = 0


def is_archive(name: str, data: bytes) -> bool:
    """A .zip by name, or zip content under a name with no telling extension."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".zip":
        return True
    return data[:4] == b"PK\x03\x04" and suffix not in _DOCUMENT_SUFFIXES and suffix in {"", ".bin"}


def expand_upload(name: str, data: bytes) -> Iterator[tuple[str, bytes | RefusedMember]]:
    """Yield (name, bytes) for each member file of a .zip (recursively; folders, dotfiles and
    __MACOSX skipped; member names prefixed with the archive's name), or the file itself, and
    (name, RefusedMember) for each file not read. A gzip-compressed file, alone or in a zip, is the
    file it holds (named without its .gz). Raises ArchiveTooLargeError past the archive limits and
    BadArchiveError for a broken archive."""
    if len(name) > NAME_MAX_CHARS:
        yield name, _long_name(name)
        return
    name, data = gunzipped(name, data)
    if isinstance(data, RefusedMember):
        yield name, data
        return
    if not is_archive(name, data):
        yield name, _too_big(len(data)) or data
        return
    yield from _expand(name, data, _Budget(), depth=1)


def gunzipped(name: str, data: bytes) -> tuple[str, bytes | RefusedMember]:
    """(name, data) as they are, or for gzip content (`page.html.gz`, as crawlers and archives keep
    pages) the file it holds, named without ".gz": at most ARTICLE_MAX_BYTES of it are unpacked (a
    larger one is refused, as a larger page would be), GZIPPED_ZIP_MAX_BYTES for a zip in it. Every
    member of a multi-member gzip (`cat a.gz b.gz`, bgzip's blocks) is read, as `gzip` reads them."""
    if data[:2] != GZIP_MAGIC:
        return name, data
    inner = name[:-3] if name.lower().endswith(".gz") else name
    if inner.lower().endswith(".tgz") or inner.lower().endswith(".tar"):
        return name, RefusedMember("refused: a tar archive; upload the pages in a .zip instead.")
    zipped = PurePosixPath(inner).suffix.lower() == ".zip"
    limit = GZIPPED_ZIP_MAX_BYTES if zipped else ARTICLE_MAX_BYTES
    parts: list[bytes] = []
    size, rest = 0, data
    while rest[:2] == GZIP_MAGIC:
        unpacker = zlib.decompressobj(zlib.MAX_WBITS | 16)
        try:
            part = unpacker.decompress(rest, limit + 1 - size)
        except zlib.error as exc:
            return name, RefusedMember(f"refused: the gzip file cannot be unpacked ({exc}).")
        size += len(part)
        if size > limit:
            return name, RefusedMember(
                f"refused: unpacks to more than {limit // (1024 * 1024)} MB, more than "
                + ("a zip in a gzip may be; upload the .zip itself." if zipped else "an article file may be.")
            )
        if not unpacker.eof:
            return name, RefusedMember("refused: the gzip file cannot be unpacked (it is cut short).")
        parts.append(part)
        rest = unpacker.unused_data.lstrip(b"\0")  # zero padding between members, as gzip allows
    return inner, b"".join(parts)


def _too_big(size: int) -> RefusedMember | None:
    if size <= ARTICLE_MAX_BYTES:
        return None
    return RefusedMember(
        f"refused: {size / 1024 / 1024:.1f} MB, larger than the {ARTICLE_MAX_BYTES // (1024 * 1024)} MB "
        "an article file may be; a news page is never that big."
    )


def _long_name(name: str) -> RefusedMember:
    return RefusedMember(
        f"refused: the name is {len(name):,} characters long, more than the {NAME_MAX_CHARS} "
        "the archive keeps; rename the file."
    )


def _expand(
    name: str, data: bytes, budget: _Budget, *, depth: int
) -> Iterator[tuple[str, bytes | RefusedMember]]:
    if depth > ZIP_MAX_DEPTH:
        raise ArchiveTooLargeError(f"{name}: archives are nested more than {ZIP_MAX_DEPTH} deep.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as exc:
        raise BadArchiveError(f"{name} is not a readable .zip archive ({exc}).") from None
    with archive:
        members, refused = [], {}
        for info in archive.infolist():
            reason = _refusal(info)
            if reason:
                refused[info.filename] = RefusedMember(reason)
            elif _wanted(info) and len(f"{name}/{info.filename}") > NAME_MAX_CHARS:
                refused[info.filename] = _long_name(f"{name}/{info.filename}")
            elif _wanted(info):
                members.append(info)
        _check_declared(name, members, budget)
        yield from ((f"{name}/{member}", why) for member, why in refused.items())
        for info in members:
            member_name = f"{name}/{info.filename}"
            packed = _read(archive, info, member_name, budget)
            member_name, content = gunzipped(member_name, packed)
            if not isinstance(content, RefusedMember) and content is not packed:
                budget.total += len(content) - len(packed)  # what it unpacked to counts, as a member's
                if budget.total > ZIP_MAX_TOTAL_BYTES:
                    raise ArchiveTooLargeError(
                        f"{name} unpacks to more than the {ZIP_MAX_TOTAL_BYTES // (1024 * 1024)} MB "
                        "allowed per upload."
                    )
            if isinstance(content, RefusedMember):
                yield member_name, content
            elif is_archive(member_name, content):
                yield from _expand(member_name, content, budget, depth=depth + 1)
            else:
                yield member_name, content


def _refusal(info: zipfile.ZipInfo) -> str | None:
    """Why a member is not unpacked, or None."""
    if _UNSAFE_NAME.search(info.filename):
        return "refused: the name points outside the archive (an absolute path or `..`), as a zip slip does."
    mode = info.external_attr >> 16
    for is_kind, kind in _NOT_A_FILE:
        if is_kind(mode):
            return f"refused: {info.filename} is {kind}: not read."
    if info.is_dir():
        return None
    if info.flag_bits & 0x1:
        return "refused: the file is password-protected; upload an unencrypted archive."
    if _wanted(info) and (too_big := _too_big(info.file_size)):
        return too_big.reason
    return None


def _wanted(info: zipfile.ZipInfo) -> bool:
    parts = PurePosixPath(info.filename).parts
    return not info.is_dir() and not any(p.startswith(".") or p == "__MACOSX" for p in parts)


def _check_declared(name: str, members: list[zipfile.ZipInfo], budget: _Budget) -> None:
    if budget.members + len(members) > ZIP_MAX_MEMBERS:
        raise ArchiveTooLargeError(
            f"{name} holds more than {ZIP_MAX_MEMBERS} files; split the upload into smaller archives."
        )
    declared = sum(info.file_size for info in members)
    if budget.total + declared > ZIP_MAX_TOTAL_BYTES:
        raise ArchiveTooLargeError(
            f"{name} would unpack to {declared // (1024 * 1024)} MB, more than the "
            f"{ZIP_MAX_TOTAL_BYTES // (1024 * 1024)} MB allowed per upload."
        )


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, member_name: str, budget: _Budget) -> bytes:
    budget.members += 1
    if budget.members > ZIP_MAX_MEMBERS:
        raise ArchiveTooLargeError(f"The upload holds more than {ZIP_MAX_MEMBERS} files.")
    chunks, size = [], 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                budget.total += len(chunk)
                if size > ARTICLE_MAX_BYTES or budget.total > ZIP_MAX_TOTAL_BYTES:
                    raise ArchiveTooLargeError(
                        f"{member_name} unpacks to more than its header declares; the archive looks "
                        "like a zip bomb and was not unpacked further."
                    )
                chunks.append(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise BadArchiveError(f"{member_name} could not be unpacked ({exc}).") from None
    return b"".join(chunks)

"""Uploaded files: a .zip is unpacked (recursively) into its member files, anything else passes through.

Zip bombs are stopped twice: the central directory's declared sizes and member count are checked
before anything is yielded (an ArchiveTooLargeError for the whole upload), and members are read in
chunks against the same budget, so a header that lies about its size cannot slip past. Limits
are shared by nested archives. Errors raised while iterating say which member failed; the
importer reports them as a failed upload and keeps the files it already received.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from archive.ingest.article import ArchiveTooLargeError, BadArchiveError

# An upload of a few thousand articles is plausible; more is a mistake or an attack.
ZIP_MAX_MEMBERS = 5000
# Total unpacked bytes of one upload: 5,000 articles of ~100 KB of HTML each, with headroom.
ZIP_MAX_TOTAL_BYTES = 500 * 1024 * 1024
# One article file: a saved HTML page with inline scripts rarely passes 5 MB.
ZIP_MAX_MEMBER_BYTES = 20 * 1024 * 1024
# A zip inside a zip inside a zip is as deep as a real upload goes.
ZIP_MAX_DEPTH = 3
# Read size when unpacking a member under the budget.
_CHUNK = 1024 * 1024
# Zip-based document formats that are not archives of articles (left to the parser to reject).
_DOCUMENT_SUFFIXES = frozenset({".docx", ".xlsx", ".pptx", ".odt", ".ods", ".epub", ".jar"})


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


def expand_upload(name: str, data: bytes) -> Iterator[tuple[str, bytes]]:
    """Yield (name, bytes) for each member file of a .zip (recursively; folders, dotfiles and
    __MACOSX skipped; member names prefixed with the archive's name), or the file itself.
    Raises ArchiveTooLargeError past the size limits and BadArchiveError for a broken archive."""
    if not is_archive(name, data):
        yield name, data
        return
    yield from _expand(name, data, _Budget(), depth=1)


def _expand(name: str, data: bytes, budget: _Budget, *, depth: int) -> Iterator[tuple[str, bytes]]:
    if depth > ZIP_MAX_DEPTH:
        raise ArchiveTooLargeError(f"{name}: archives are nested more than {ZIP_MAX_DEPTH} deep.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as exc:
        raise BadArchiveError(f"{name} is not a readable .zip archive ({exc}).") from None
    with archive:
        members = [info for info in archive.infolist() if _wanted(info)]
        _check_declared(name, members, budget)
        for info in members:
            member_name = f"{name}/{info.filename}"
            content = _read(archive, info, member_name, budget)
            if is_archive(info.filename, content):
                yield from _expand(member_name, content, budget, depth=depth + 1)
            else:
                yield member_name, content


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
    for info in members:
        if info.flag_bits & 0x1:
            raise BadArchiveError(f"{name} is password-protected; upload an unencrypted archive.")
        if info.file_size > ZIP_MAX_MEMBER_BYTES:
            raise ArchiveTooLargeError(
                f"{name}/{info.filename} is larger than {ZIP_MAX_MEMBER_BYTES // (1024 * 1024)} MB "
                "unpacked; an article file is never that big."
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
                if size > ZIP_MAX_MEMBER_BYTES or budget.total > ZIP_MAX_TOTAL_BYTES:
                    raise ArchiveTooLargeError(
                        f"{member_name} unpacks to more than its header declares; the archive looks "
                        "like a zip bomb and was not unpacked further."
                    )
                chunks.append(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise BadArchiveError(f"{member_name} could not be unpacked ({exc}).") from None
    return b"".join(chunks)

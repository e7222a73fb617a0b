"""Uploaded files: unpack .zip archives (stub: the full version lands shortly)."""

from __future__ import annotations

from collections.abc import Iterator


def expand_upload(name: str, data: bytes) -> Iterator[tuple[str, bytes]]:
    """Yield (name, bytes) for each member file of a .zip, or the file itself."""
    yield name, data

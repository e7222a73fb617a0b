"""Page noise (stub: the full version lands shortly)."""

from __future__ import annotations

import hashlib


def line_digest(line: str) -> str:
    """A short, stable key for a line, insensitive to case and spacing."""
    norm = " ".join(line.split()).casefold()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]

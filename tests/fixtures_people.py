"""Helpers for the people tests: the seeds' people, extracted once per session."""

from __future__ import annotations

import functools
from pathlib import Path

from archive.ingest.article import PersonMention
from archive.ingest.namekeys import name_key
from archive.ingest.people import extract_people_batch


@functools.cache
def seed_people(seeds_dir: Path, names: tuple[str, ...]) -> dict[str, tuple[PersonMention, ...]]:
    """Seed file name -> the people extracted from it (one nlp.pipe batch, cached for the session)."""
    texts = [(seeds_dir / name).read_text(encoding="utf-8") for name in names]
    return dict(zip(names, extract_people_batch(texts), strict=True))


def mention_keys(mention: PersonMention) -> set[str]:
    """The matching keys of every spelling a mention records."""
    return {name_key(form) for form in (mention.name, *mention.forms)}

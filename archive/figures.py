"""Whole-archive figures (counts by month, busiest outlets, most mentioned people...) cached under a
key that changes when the archive does, so pages that show them do not re-count 100,000 articles
on every visit (the home page took 0.7-0.9 s at 100,000 generated articles, most of it two GROUP BYs).

The key holds counts and last ids of the tables the figures read: cheap (primary-key indexes) and
changed by any article, mention, quote or story added or removed, any person merged away or marked
not a person, any outlet merged away, in any process. An edit that changes no count (a renamed
person, a new date) shows within CACHE_SECONDS.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Count, Max, Q

from archive.models import Article, Mention, Person, Quote, Source, Story

CACHE_SECONDS = 60

T = TypeVar("T")


def archive_version() -> tuple:
    """What changes when articles, mentions, quotes or stories are added or removed, and when people
    are merged or marked not a person (their names leave the people figures at once), and when outlets
    are merged (the one merged away leaves the outlet figures at once)."""
    articles = Article.objects.aggregate(n=Count("id"), last=Max("id"))
    people = Person.objects.aggregate(n=Count("id"), hidden=Count("id", filter=Q(not_a_person=True)))
    return (
        articles["n"],
        articles["last"],
        *(model.objects.aggregate(last=Max("id"))["last"] for model in (Mention, Quote, Story)),
        people["n"],
        people["hidden"],
        Source.objects.count(),
    )


def cached(
    name: str,
    compute: Callable[[], T],
    *key: object,
    version: tuple | None = None,
    seconds: int = CACHE_SECONDS,
) -> T:
    """`compute()`, or its value cached under `name`, `key` and the archive's version (pass `version`
    when it is already known) for `seconds`. The value must be plain data (lists, not lazy querysets)."""
    version = archive_version() if version is None else version
    digest = hashlib.sha256(repr((key, version)).encode()).hexdigest()
    cache_key = f"figures:{name}:{digest}"
    found = cache.get(cache_key)
    if found is None:
        found = compute()
        cache.set(cache_key, found, seconds)
    return found

"""Search glue: what a reader typed, resolved through the archive before it reaches the search backend.

Views, the admin and the outlet comparison call this; the engine package (archive/search/) never
does, so it never reads the archive's people itself.

Person names in a search are read through the archive's aliases (archive.importing.resolution).

The index stores each person under the canonical name (Person.name). A user may type any spelling
the articles used, or another transliteration: `person:"Sergey Lavrov"`, `person:Sergey Lavrov` and
a facet link ?person=Sergey+Lavrov all mean the person the archive calls "Sergei Lavrov". Values
are resolved here, before the query reaches a backend; a value the archive does not know is left
as typed. A surname alone in another script (`person:Лавров`) is searched as the surname the
archive's people spell it with (`person:Lavrov`), so both find the same articles; typed as a plain
word (`Лавров`, capitalised) it finds them too, beside the word itself (a Latin word, a word in lower
case or one of a caseless script is not read as a name alone: archive.search.name_values says why).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

from archive.importing.resolution import canonical_name, person_named
from archive.search import get_backend
from archive.search.backend import SearchError, SearchPage, SearchRequest
from archive.search.name_values import resolve_field_values, widen_name_runs
from archive.search.query import ParsedQuery, parse_query

log = logging.getLogger(__name__)

PERSON_FIELD = "person"
T = TypeVar("T")


def resolve_people(parsed: ParsedQuery) -> ParsedQuery:
    """The query with its person: values replaced by canonical names, saying so in a notice."""
    seen: list[tuple[str, str]] = []

    def resolve(value: str) -> str | None:
        name = canonical_name(value)
        if name is not None and name != value:
            seen.append((value, name))
        return name

    node = resolve_field_values(parsed.node, PERSON_FIELD, resolve)
    # A name typed as plain words also finds the person under the archive's spelling of it, and the
    # page says so when the spelling differs: the articles it adds may not hold the words typed.
    widened: list[tuple[str, str]] = []
    node = widen_name_runs(node, PERSON_FIELD, _full_name, canonical_name, widened)
    if node == parsed.node:
        return parsed
    notices = [
        f"“{typed}” was searched as {name}, the archive’s name for this person." for typed, name in seen
    ]
    notices += [
        f"“{typed}” also finds the articles naming {name}."
        for typed, name in widened
        if name.casefold() != typed.casefold()
    ]
    return replace(parsed, node=node, notices=tuple(dict.fromkeys((*parsed.notices, *notices))))


def _full_name(value: str) -> str | None:
    """The archive's name for the person a full name stands for; None for a surname alone."""
    person = person_named(value)
    return person.name if person is not None else None


def canonical_people(values: Sequence[str]) -> tuple[str, ...]:
    """Person filter values (facet links) as canonical names; unknown values stay as they are."""
    return tuple(dict.fromkeys(canonical_name(v) or v for v in values))


def _guarded(run: Callable[[], T], request: SearchRequest) -> tuple[T | None, str | None]:
    """(run(), None), or (None, a sentence for the reader) when the search could not run: the index
    unreadable, or a bug on some odd input (logged; it costs one message, never a 500 page). The page,
    the API and the feed run their searches through this, so they say the same thing."""
    try:
        return run(), None
    except SearchError as e:
        return None, f"Search is unavailable right now ({e})."
    except Exception:
        log.exception("search failed for %r", request.query.text)
        return None, "This search failed; it has been logged."


def run_search(request: SearchRequest) -> tuple[SearchPage | None, str | None]:
    """(the page of `request`, None), or (None, why it could not run)."""
    return _guarded(lambda: get_backend().search(request), request)


def run_export(request: SearchRequest) -> tuple[tuple[list[int], tuple[str, ...]] | None, str | None]:
    """((every matching id in the request's order, the notices), None), or (None, why it could not
    run): the query runs once, without facets or a page."""
    return _guarded(lambda: get_backend().matching(request.query, request.filters, request.sort), request)


def search_article_ids(text: str, limit: int = 1000) -> list[int] | None:
    """Article ids matching `text` (for the admin search box), best first, or None when search is
    unavailable (the admin then falls back to the ORM)."""
    try:
        backend = get_backend()
        parsed = resolve_people(parse_query(text))
        ids = backend.matching_ids(parsed, SearchRequest(parsed).filters, "relevance")
        return [i for _, i in zip(range(limit), ids, strict=False)]
    except (SearchError, OSError) as e:
        log.warning("admin search fell back to the database: %s", e)
        return None

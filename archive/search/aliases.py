"""Person names in a search, read through the archive's aliases (Django glue over
archive.importing.resolution).

The index stores each person under the canonical name (Person.name). A user may type any spelling
the articles used, or another transliteration: `person:"Sergey Lavrov"`, `person:Sergey Lavrov` and
a facet link ?person=Sergey+Lavrov all mean the person the archive calls "Sergei Lavrov". Values
are resolved here, before the query reaches a backend; a value the archive does not know is left
as typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from archive.importing.resolution import person_named
from archive.search.query import ParsedQuery, resolve_field_values

PERSON_FIELD = "person"


def canonical_person_name(value: str) -> str | None:
    """The canonical name of the person `value` names, or None when it names nobody known."""
    person = person_named(value)
    return person.name if person is not None else None


def resolve_people(parsed: ParsedQuery) -> ParsedQuery:
    """The query with its person: values replaced by canonical names, saying so in a notice."""
    seen: list[tuple[str, str]] = []

    def resolve(value: str) -> str | None:
        name = canonical_person_name(value)
        if name is not None and name != value:
            seen.append((value, name))
        return name

    node = resolve_field_values(parsed.node, PERSON_FIELD, resolve)
    if node == parsed.node:
        return parsed
    notices = [
        f"“{typed}” was searched as {name}, the archive’s name for this person." for typed, name in seen
    ]
    return replace(parsed, node=node, notices=tuple(dict.fromkeys((*parsed.notices, *notices))))


def canonical_people(values: Sequence[str]) -> tuple[str, ...]:
    """Person filter values (facet links) as canonical names; unknown values stay as they are."""
    return tuple(dict.fromkeys(canonical_person_name(v) or v for v in values))

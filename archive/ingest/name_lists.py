"""Pages that list people rather than report on them: a table of members and their constituencies, a
film list's directors, a paper's author list. Plain Python, no Django.

The name finder reads every capitalised pair in such a table as a person (one page's table of
members of parliament gave 390 "people"); stored, they would flood the people pages, and the names
would be looked for in every later article as known people. A person is *listed* when none of the
forms the article uses stands in a line of prose: every mention is in a table row or a line without
a sentence end (a list item, a caption). When a page lists LISTED_PEOPLE_MAX people or more, the
listed ones are left out and the page is flagged for an editor ("people" in `review_fields`); the
people its prose names are kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from archive.ingest.article import ParsedArticle, PersonMention
from archive.ingest.people import people_text
from archive.ingest.textrules import count_sentences

# Listed people a page may hold before they are left out. On the 308 pages of ../shared/realworld the
# pages of prose list at most 12 (a feature quoting a dozen chief executives, one paragraph each);
# the three list pages list 33 (a paper's authors and references), 37 (a list of films) and 368 (a
# table of members of parliament).
LISTED_PEOPLE_MAX = 20


def is_list_line(line: str) -> bool:
    """A table row ("| Aberconwy | Robin Millar |") or a line with no sentence end (a list item)."""
    line = line.strip()
    return line.startswith("|") or not count_sentences(line)


def listed_people(text: str, people: Sequence[PersonMention]) -> tuple[PersonMention, ...]:
    """The people of `text` named only in its list lines (none of their forms in a line of prose)."""
    prose = "\n".join(line for line in text.split("\n") if line.strip() and not is_list_line(line))
    return tuple(person for person in people if not any(_names(form, prose) for form in person.forms))


def without_listed_people(article: ParsedArticle) -> ParsedArticle:
    """The article with its listed people left out and flagged when it lists LISTED_PEOPLE_MAX or
    more; else the article as it is."""
    listed = listed_people(people_text(article), article.people)
    if len(listed) < LISTED_PEOPLE_MAX:
        return article
    note = (
        f"{len(listed)} names in tables or lists left out: the page lists people rather than reporting "
        "on them"
    )
    return replace(
        article,
        people=tuple(person for person in article.people if person not in listed),
        provenance={**article.provenance, "people": note},
        review_fields=tuple(dict.fromkeys([*article.review_fields, "people"])),
    )


def _names(form: str, prose: str) -> bool:
    return bool(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", prose))

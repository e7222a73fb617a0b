"""The OpenAPI 3.0 description of the JSON API (search, articles, people, outlets, facets, stories),
served at /api/schema/. Written by hand next to the payload builders it describes
(archive/search/exports.py, archive/views/api.py and api_stories.py); tests/test_api_schema.py runs
schemathesis against it, so a field added to a payload and not here fails the suite."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from archive.compare.alignment import ALIGNED_KINDS
from archive.search.backend import SORTS, UNKNOWN_SOURCE, UNKNOWN_YEAR


def _nullable(schema: dict) -> dict:
    return {**schema, "nullable": True}


_STRING, _INT, _DATE = {"type": "string"}, {"type": "integer"}, {"type": "string", "format": "date"}


def _object(**properties: dict) -> dict:
    return {"type": "object", "required": list(properties), "properties": properties}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _repeatable(name: str, description: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": "array", "items": _STRING},
        "style": "form",
        "explode": True,
    }


def _query(name: str, description: str, schema: dict) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


_PAGE = _query("page", "Page number, from 1.", {"type": "integer", "minimum": 1})
ERROR = _object(
    status=_INT,
    error={**_STRING, "description": "What went wrong, as a sentence."},
    notes={"type": "array", "items": _STRING},
)
_NOT_FOUND = _json(ERROR, "No such page or item (the error says which).")
_BAD = _json(ERROR, "A parameter's value is not valid (the error names it).")
_UNAVAILABLE = _json(ERROR, "Search is unavailable for now (the error says why).")
_LINK = _nullable({**_STRING, "description": "The URL of the next or previous page, or null."})
# Every list answer starts with these.
PAGED = {"count": _INT, "page": _INT, "pages": _INT, "next": _LINK, "previous": _LINK}
_NOTES = {
    "type": "array",
    "items": _STRING,
    "description": "Notices of the search: a name read another way, a cap.",
}
FACETS = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": _object(value=_STRING, count=_INT)},
}
ARTICLE_RECORD = {
    "id": _INT,
    "title": _STRING,
    "subtitle": _STRING,
    "source": _nullable(_STRING),
    "published": _nullable(_DATE),
    "url": _nullable(_STRING),
    "credit": _STRING,
    "people": {"type": "array", "items": _STRING},
    "story": _nullable(_INT),
    "story_title": _nullable(_STRING),
}
ARTICLE_LIST = _object(**PAGED, results={"type": "array", "items": _object(**ARTICLE_RECORD)}, notes=_NOTES)
ARTICLE = _object(
    **ARTICLE_RECORD,
    time=_nullable(_STRING),
    dateline=_STRING,
    language=_nullable(_STRING),
    duplicate_of=_nullable(_INT),
    body=_STRING,
    mentions={"type": "array", "items": _object(name=_STRING, slug=_STRING, count=_INT)},
    versions={
        "type": "array",
        "items": _object(
            number=_INT,
            uploaded_at={"type": "string", "format": "date-time"},
            title=_STRING,
            published=_nullable(_DATE),
            body=_STRING,
        ),
    },
    page_url=_STRING,
)
PERSON_HEAD = {
    "name": _STRING,
    "slug": _STRING,
    "mention_count": _INT,
    "article_count": _INT,
    "page_url": _STRING,
}
PERSON_LIST = _object(**PAGED, results={"type": "array", "items": _object(**PERSON_HEAD)})
PERSON = _object(
    **PERSON_HEAD,
    outlets={"type": "array", "items": _object(source=_STRING, count=_INT)},
    spellings={"type": "array", "items": _object(name=_STRING, count=_INT)},
)
OUTLET_HEAD = {
    "name": _STRING,
    "slug": _STRING,
    "article_count": _INT,
    "first_published": _nullable(_DATE),
    "last_published": _nullable(_DATE),
    "page_url": _STRING,
}
OUTLET_LIST = _object(**PAGED, results={"type": "array", "items": _object(**OUTLET_HEAD)})
OUTLET = _object(
    **OUTLET_HEAD,
    aliases={"type": "array", "items": _STRING},
    domains={"type": "array", "items": _STRING},
    top_people={"type": "array", "items": _object(**PERSON_HEAD)},
)
FACET_COUNTS = _object(count=_INT, facets=FACETS, notes=_NOTES)

SEARCH_PARAMETERS = [
    _query("q", "The query (see /search/help/).", _STRING),
    _repeatable(
        "source", f"Only articles from this outlet (repeatable); {UNKNOWN_SOURCE}: articles with no outlet."
    ),
    _repeatable("person", "Only articles naming this person (repeatable)."),
    _repeatable("year", f"Only articles from this year (repeatable); {UNKNOWN_YEAR}: undated articles."),
    _repeatable("month", "Only articles from this month, YYYY-MM (repeatable)."),
    _query("from", "Published on or after (YYYY-MM-DD).", _DATE),
    _query("to", "Published on or before (YYYY-MM-DD).", _DATE),
    _query("sort", "Result order.", {"type": "string", "enum": list(SORTS)}),
    _PAGE,
    _query("more", "`person` widens the people facet.", _STRING),
]
_ID = {"name": "id", "in": "path", "required": True, "schema": _INT}
_SLUG = {
    "name": "slug",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
}


def _get(operation: str, summary: str, parameters: list, schema: dict, *, searched: bool = False) -> dict:
    """A read-only endpoint: 200 with `schema`, 404 and 400 as JSON errors (503 when it searches)."""
    responses = {"200": _json(schema, summary), "400": _BAD, "404": _NOT_FOUND}
    if searched:
        responses["503"] = _UNAVAILABLE
    return {
        "get": {
            "operationId": operation,
            "summary": summary,
            "parameters": parameters,
            "responses": responses,
        }
    }


SEARCH_PAGE = _object(
    **PAGED,
    results={
        "type": "array",
        "items": _object(
            id=_INT,
            title=_STRING,
            source=_nullable(_STRING),
            published=_nullable(_DATE),
            url=_nullable(_STRING),
            people={"type": "array", "items": _STRING},
            story=_nullable(_INT),
            snippet={**_STRING, "description": "HTML: the text escaped, matched words in <mark>."},
            score=_nullable({"type": "number"}),
        ),
    },
    facets=FACETS,
    suggestion=_nullable(_STRING),
    notes=_NOTES,
)
STORY_HEAD = {
    "id": _INT,
    "title": _STRING,
    "first_published": _nullable(_DATE),
    "last_published": _nullable(_DATE),
    "outlet_count": {
        **_INT,
        "description": "Outlets that covered it (articles with no outlet count as one).",
    },
    "url": _STRING,
}
STORY_LIST = _object(
    **PAGED,
    results={"type": "array", "items": _object(**STORY_HEAD, articles={"type": "array", "items": _INT})},
)
_ALIGNED_ROWS = {
    "type": "array",
    "description": "What can be aligned across the story's articles whatever their language: people "
    "(each article's spellings), speakers (each article's quotes of them), figures and days (as each "
    "article writes them). One cell per column, in the columns' order; an empty cell: not given there.",
    "items": _object(
        label=_STRING,
        person=_nullable(_INT),
        cells={"type": "array", "items": {"type": "array", "items": _STRING}},
    ),
}
STORY = _object(
    **STORY_HEAD,
    locked={"type": "boolean"},
    articles={
        "type": "array",
        "items": _object(
            id=_INT,
            title=_STRING,
            source=_nullable(_STRING),
            published=_nullable(_DATE),
            time=_nullable(_STRING),
            words=_INT,
            credit=_STRING,
            credit_kind=_STRING,
            url=_nullable(_STRING),
            language={"type": "string", "description": "ISO 639-1 code of the body; empty when unknown."},
        ),
    },
    framing={
        "type": "array",
        "description": "How each outlet frames this story (weighted log-odds with an informative prior "
        "from the archive): its own words and phrases, its names for people the outlets name "
        "differently, whom it quotes and whom another outlet quotes and it leaves out. Empty for one outlet.",
        "items": _object(
            outlet=_STRING,
            terms={
                "type": "array",
                "items": _object(term=_STRING, count=_INT, others=_INT, z={"type": "number"}),
            },
            names={"type": "array", "items": _object(person=_STRING, name=_STRING)},
            quoted={"type": "array", "items": _STRING},
            leaves_out={"type": "array", "items": _STRING},
        ),
    },
    people_by_outlet={
        "type": "object",
        "additionalProperties": {"type": "array", "items": _object(name=_STRING, count=_INT)},
    },
    quotes={
        "type": "array",
        "items": _object(
            speaker=_STRING,
            variants={
                "type": "array",
                "items": _object(article=_INT, source=_nullable(_STRING), text=_STRING),
            },
        ),
    },
    unique_sentences={
        "type": "array",
        "items": _object(article=_INT, sentences={"type": "array", "items": _STRING}),
    },
    aligned=_object(
        columns={
            "type": "array",
            "items": _object(article=_INT, source=_nullable(_STRING), language=_STRING),
        },
        **dict.fromkeys(ALIGNED_KINDS, _ALIGNED_ROWS),
    ),
)

OPENAPI = {
    "openapi": "3.0.3",
    "info": {
        "title": "Parallax API",
        "version": "1",
        "description": (
            "Search the archive, read its articles (with their versions), people, outlets and facets, and "
            "how outlets covered the same story. Read-only. Errors are JSON: {status, error, notes}."
        ),
    },
    "paths": {
        "/api/search/": {
            "get": {
                "operationId": "search",
                "summary": "Articles matching a query, with facets; or every match as CSV or JSON Lines.",
                "parameters": [
                    *SEARCH_PARAMETERS,
                    _query(
                        "format",
                        "`csv` or `jsonl` for every match (streamed; each notice of the search is a "
                        'first line, `# NOTICE: ...` or `{"notice": ...}`, and a cut file says so '
                        "on its last line).",
                        {"type": "string", "enum": ["json", "csv", "jsonl"]},
                    ),
                ],
                "responses": {
                    "200": {
                        "description": "A page of results (JSON), or every match (format=csv, format=jsonl).",
                        "content": {
                            "application/json": {"schema": SEARCH_PAGE},
                            "text/csv": {"schema": _STRING},
                            "application/x-ndjson": {"schema": _STRING},
                        },
                    },
                    "400": _BAD,
                    "404": _NOT_FOUND,
                    "503": _UNAVAILABLE,
                },
            }
        },
        "/api/stories/": {
            "get": {
                "operationId": "listStories",
                "summary": "Stories as /stories/ lists them: most outlets first, then the most recent.",
                "parameters": [
                    _query(
                        "min_outlets", "Only stories at least this many outlets covered (default 2).", _INT
                    ),
                    _query("outlet", "Only stories this outlet covered (its slug or name).", _STRING),
                    _query("language", "Only stories with an article in this language (ISO 639-1).", _STRING),
                    _query("from", "Only stories with an article published on or after (YYYY-MM-DD).", _DATE),
                    _query("to", "Only stories with an article published on or before (YYYY-MM-DD).", _DATE),
                    _PAGE,
                ],
                "responses": {
                    "200": _json(STORY_LIST, "A page of stories."),
                    "400": _BAD,
                    "404": _NOT_FOUND,
                },
            }
        },
        "/api/stories/{id}/": {
            "get": {
                "operationId": "getStory",
                "summary": "One story: its articles side by side (with their languages), people per "
                "outlet, shared quotes, each outlet's framing, what aligns across languages.",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": _INT}],
                "responses": {"200": _json(STORY, "The story."), "404": _NOT_FOUND},
            }
        },
        "/api/articles/": _get(
            "listArticles",
            "Articles matching the search's parameters (without q, the newest first), as in the exports.",
            [*SEARCH_PARAMETERS],
            ARTICLE_LIST,
            searched=True,
        ),
        "/api/articles/{id}/": _get(
            "getArticle", "One article: body, people, story, versions.", [_ID], ARTICLE
        ),
        "/api/people/": _get(
            "listPeople",
            "People named in the archive, named in most articles first.",
            [
                _query(
                    "sort",
                    "`mentions` (default) or `name` (A-Z).",
                    {"type": "string", "enum": ["mentions", "name"]},
                ),
                _query("letter", "Only names starting with this letter.", _STRING),
                _PAGE,
            ],
            PERSON_LIST,
        ),
        "/api/people/{slug}/": _get("getPerson", "One person: counts, outlets, spellings.", [_SLUG], PERSON),
        "/api/outlets/": _get("listOutlets", "Outlets, most articles first.", [_PAGE], OUTLET_LIST),
        "/api/outlets/{slug}/": _get(
            "getOutlet", "One outlet: counts, aliases, domains, people.", [_SLUG], OUTLET
        ),
        "/api/facets/": _get(
            "getFacets",
            "Counts by outlet, year, month and person: the archive's, or a search's.",
            [p for p in SEARCH_PARAMETERS if p["name"] not in {"page", "sort"}],
            FACET_COUNTS,
            searched=True,
        ),
    },
}


@require_GET
def api_schema(request: HttpRequest) -> JsonResponse:
    return JsonResponse(OPENAPI)

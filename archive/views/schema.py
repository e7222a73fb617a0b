"""The OpenAPI 3.0 description of the JSON API (/api/search/ and /api/stories/), served at
/api/schema/. Written by hand next to the payload builders it describes (archive/search/exports.py
and archive/views/coverage.py); tests/test_api_schema.py runs schemathesis against it, so a field
added to a payload and not here fails the suite."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from archive.search.backend import SORTS


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
_NOT_FOUND_HTML = {"description": "No such page or story.", "content": {"text/html": {"schema": _STRING}}}

SEARCH_PAGE = _object(
    total=_INT,
    page=_INT,
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
    facets={
        "type": "object",
        "additionalProperties": {"type": "array", "items": _object(value=_STRING, count=_INT)},
    },
    suggestion=_nullable(_STRING),
    error=_nullable(_STRING),
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
    count=_INT,
    page=_INT,
    pages=_INT,
    results={"type": "array", "items": _object(**STORY_HEAD, articles={"type": "array", "items": _INT})},
)
STORY = _object(
    **STORY_HEAD,
    locked={"type": "boolean"},
    articles={
        "type": "array",
        "items": _object(
            id=_INT,
            title=_STRING,
            source=_STRING,
            published=_nullable(_DATE),
            time=_nullable(_STRING),
            words=_INT,
            credit=_STRING,
            credit_kind=_STRING,
            url=_STRING,
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
            variants={"type": "array", "items": _object(article=_INT, source=_STRING, text=_STRING)},
        ),
    },
    unique_sentences={
        "type": "array",
        "items": _object(article=_INT, sentences={"type": "array", "items": _STRING}),
    },
)

OPENAPI = {
    "openapi": "3.0.3",
    "info": {
        "title": "Parallax API",
        "version": "1",
        "description": "Search the archive and read how outlets covered the same story. Read-only.",
    },
    "paths": {
        "/api/search/": {
            "get": {
                "operationId": "search",
                "summary": "Articles matching a query, with facets; or every match as CSV or JSON Lines.",
                "parameters": [
                    _query("q", "The query (see /search/help/).", _STRING),
                    _repeatable("source", "Only articles from this outlet (repeatable)."),
                    _repeatable("person", "Only articles naming this person (repeatable)."),
                    _repeatable("year", "Only articles from this year (repeatable)."),
                    _repeatable("month", "Only articles from this month, YYYY-MM (repeatable)."),
                    _query("from", "Published on or after (YYYY-MM-DD).", _DATE),
                    _query("to", "Published on or before (YYYY-MM-DD).", _DATE),
                    _query("sort", "Result order.", {"type": "string", "enum": list(SORTS)}),
                    _PAGE,
                    _query("more", "`person` widens the people facet.", _STRING),
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
                    "404": _json(SEARCH_PAGE, "No such page of results (the error says so)."),
                    "503": _json(SEARCH_PAGE, "Search is unavailable for now (the error says why)."),
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
                    "400": _json(
                        _object(error=_STRING), "A filter's value is not valid (the error says why)."
                    ),
                    "404": _NOT_FOUND_HTML,
                },
            }
        },
        "/api/stories/{id}/": {
            "get": {
                "operationId": "getStory",
                "summary": "One story: its articles side by side (with their languages), people per "
                "outlet, shared quotes, each outlet's framing.",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": _INT}],
                "responses": {"200": _json(STORY, "The story."), "404": _NOT_FOUND_HTML},
            }
        },
    },
}


@require_GET
def api_schema(request: HttpRequest) -> JsonResponse:
    return JsonResponse(OPENAPI)

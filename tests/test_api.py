"""The read-only API is one API: JSON errors with a status and a message, page links, and one
representation per field in JSON, JSON Lines and CSV (archive/views/api*.py, archive/search/exports.py)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from archive import searching
from archive.importing.importer import import_files
from archive.search.backend import SearchError
from archive.views import api_stories

# An upload naming no outlet and no date (text written for this test).
NOTE = (
    b"Ferry service suspended on the valley line\n\n"
    b"The valley ferry stopped running on the northern crossing after a mechanical fault, and the "
    b"operator said replacement buses would carry passengers until the engine was repaired.\n"
)


@pytest.fixture
def archive(lisbon_archive, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    return lisbon_archive


def test_an_unknown_story_or_a_page_past_the_end_is_a_json_404(client, archive):
    for url in ("/api/stories/999999/", "/api/stories/?page=2", "/api/articles/999999/", "/api/nothing/"):
        response = client.get(url)
        assert response.status_code == 404 and response["Content-Type"] == "application/json"
        body = response.json()
        assert body["status"] == 404 and body["error"] and body["notes"] == []
    assert client.get("/api/search/", {"q": "treaty", "page": 50}).json()["status"] == 404


def test_a_parameter_that_cannot_be_read_is_a_400_naming_it(client, archive):
    for url in ("/api/search/", "/api/articles/", "/api/facets/"):
        response = client.get(url, {"q": "treaty", "from": "notadate"})
        assert response.status_code == 400 and "from" in response.json()["error"]
    assert client.get("/api/stories/", {"min_outlets": "many"}).status_code == 400
    assert client.get("/api/people/", {"sort": "height"}).status_code == 400


def test_search_unavailable_is_a_503_with_the_reason(client, archive, monkeypatch):
    class Broken:
        def search(self, request):
            raise SearchError("the index is being rebuilt")

        def matching(self, query, filters, sort):
            raise SearchError("the index is being rebuilt")

    monkeypatch.setattr(searching, "get_backend", lambda: Broken())
    for url in ("/api/search/", "/api/articles/", "/api/facets/"):
        response = client.get(url, {"q": "treaty"})
        assert response.status_code == 503 and "being rebuilt" in response.json()["error"]
    # The export too, before any line of the file is sent.
    response = client.get("/api/search/", {"q": "treaty", "format": "csv"})
    assert response.status_code == 503 and "being rebuilt" in response.json()["error"]


def test_notes_are_apart_from_errors(client, archive):
    data = client.get("/api/search/", {"q": 'person:"Anna Petrova"'}).json()
    assert "error" not in data and isinstance(data["notes"], list)


def test_pages_link_to_their_neighbours(client, archive, monkeypatch):
    monkeypatch.setattr(api_stories, "API_STORIES_PER_PAGE", 1)
    first = client.get("/api/stories/", {"min_outlets": 1}).json()
    assert first["pages"] == first["count"] >= 3 and first["previous"] is None
    assert first["next"].startswith("http://testserver/api/stories/?") and "min_outlets=1" in first["next"]
    second = client.get(first["next"]).json()
    assert second["page"] == 2 and "page=1" in second["previous"] and second["results"] != first["results"]
    last = client.get("/api/stories/", {"min_outlets": 1, "page": first["pages"]}).json()
    assert last["next"] is None


def test_an_article_has_the_same_field_types_in_json_json_lines_and_csv(client, archive, indexed):
    with indexed():
        [result] = import_files([("undated.txt", NOTE)])
    params = {"q": "ferry"}
    [listed] = client.get("/api/articles/", params).json()["results"]
    [line] = [
        json.loads(x)
        for x in client.get("/api/search/", {**params, "format": "jsonl"}).getvalue().decode().splitlines()
    ]
    [row] = csv.DictReader(
        io.StringIO(client.get("/api/search/", {**params, "format": "csv"}).getvalue().decode("utf-8-sig"))
    )
    detail = client.get(f"/api/articles/{result.article}/").json()
    assert listed == line == {key: detail[key] for key in listed}
    assert listed["published"] is None and listed["source"] is None and listed["story"] == detail["story"]
    assert row["published"] == "" and row["source"] == "" and row["story"] == str(listed["story"])
    assert row["people"] == "; ".join(listed["people"]) and row["id"] == str(listed["id"])


def test_a_story_names_an_unknown_outlet_as_null(client, archive):
    article = archive["flood"]
    type(article).objects.filter(pk=article.pk).update(source=None)
    data = client.get(f"/api/stories/{article.story_id}/").json()
    assert [a["source"] for a in data["articles"] if a["id"] == article.pk] == [None]


def test_people_outlets_and_facets_are_listed(client, archive):
    people = client.get("/api/people/").json()
    assert {p["name"] for p in people["results"]} >= {"Anna Petrova", "Omar Haddad"}
    petrova = client.get(
        "/api/people/" + next(p["slug"] for p in people["results"] if p["name"] == "Anna Petrova") + "/"
    ).json()
    assert petrova["article_count"] == 3 and {o["source"] for o in petrova["outlets"]} == {
        "Harbour Times",
        "Evening Ledger",
    }
    outlets = client.get("/api/outlets/").json()
    assert {o["name"]: o["article_count"] for o in outlets["results"]} == {
        "Harbour Times": 2,
        "Evening Ledger": 2,
    }
    harbour = client.get(f"/api/outlets/{archive['treaty'].source.slug}/").json()
    assert harbour["name"] == "Harbour Times" and harbour["top_people"]
    facets = client.get("/api/facets/").json()
    assert facets["count"] == 4 and sum(f["count"] for f in facets["facets"]["source"]) == 4
    assert client.get("/api/facets/", {"q": "flood"}).json()["count"] < 4


def test_an_article_lists_its_versions(client, db):
    page = (
        "Dam inspection ordered\n\nThe council ordered an inspection of the dam after engineers reported "
        "cracks in its northern wall, and said the reservoir would stay half full until the work was done."
        "\n\nOriginal url:\n\n<https://x.example/dam>\n"
    )
    import_files([("dam.txt", page.encode())])
    [result] = import_files([("dam2.txt", page.replace("an inspection", "a full inspection").encode())])
    versions = client.get(f"/api/articles/{result.article}/").json()["versions"]
    assert [v["number"] for v in versions] == [1, 2] and "a full inspection" in versions[1]["body"]


def test_cors_is_off_unless_an_origin_is_allowed_and_only_on_the_api(client, archive, settings):
    origin = {"HTTP_ORIGIN": "https://notebook.example"}
    assert "access-control-allow-origin" not in client.get("/api/outlets/", **origin).headers
    settings.CORS_ALLOWED_ORIGINS = ["https://notebook.example"]
    allowed = client.get("/api/outlets/", **origin)
    assert allowed.headers["access-control-allow-origin"] == "https://notebook.example"
    assert "access-control-allow-origin" not in client.get("/sources/", **origin).headers

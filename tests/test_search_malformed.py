"""Hundreds of generated malformed queries and parameters: the page and the API answer, never a 500."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PIECES = [
    '"',
    "'",
    "-",
    "NOT",
    "OR",
    "AND",
    "*",
    ":",
    "(",
    ")",
    "title:",
    "source:",
    "person:",
    "from:",
    "to:",
    "foo:",
    "from:2014-13-45",
    "to:2014-02",
    '"a',
    "cease*",
    "a*",
    "\x00",
    "\x07",
    "\u202e",
    "\ufeff",
    "Лавров",
    "الأسد",
    "<script>",
    "&amp;",
    "%",
    "\\",
    "Lavrov",
    "ceasefire",
    " ",
    "x" * 600,
]
queries = st.one_of(
    st.text(max_size=80),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=12).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=30).map("".join),
)
params = st.fixed_dictionaries(
    {"q": queries},
    optional={
        "page": st.one_of(
            st.integers(-3, 5).map(str), st.sampled_from(["x", "", "1e9", "99999999999999999999"])
        ),
        "sort": st.sampled_from(["relevance", "newest", "oldest", "best", ""]),
        "from": st.sampled_from(["2014-01-01", "2014-13-01", "yesterday", "", "0000-00-00"]),
        "to": st.sampled_from(["2014-01-31", "1900-01-01", "\x00"]),
        "source": st.text(max_size=20),
        "year": st.sampled_from(["2014", "unknown", "-1", "99999", "abc"]),
        "month": st.sampled_from(["2014-01", "2014-13", "x", "201401"]),
        "person": st.text(max_size=20),
        "more": st.sampled_from(["person", "x"]),
        "format": st.sampled_from(["csv", "json", "xml"]),
    },
)


@pytest.fixture
def small_archive(make_article, indexed):
    with indexed():
        make_article(
            title="Ceasefire talks", body="Lavrov and Kerry spoke of a ceasefire.", people=["Sergei Lavrov"]
        )
        make_article(title="Markets", body="Shares rose.", published_date=None)


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=params)
def test_no_query_or_parameter_makes_a_server_error(client, small_archive, query):
    page = client.get("/search/", query)
    assert page.status_code in (200, 404)
    api = client.get("/api/search/", query)
    assert api.status_code in (200, 400, 404)  # 400: a parameter it cannot read (a bad date, a page of 0)
    if api.streaming:  # format=csv: the whole stream must come out, the header after any notices
        lines = b"".join(api.streaming_content).removeprefix("\ufeff".encode()).split(b"\r\n")
        assert [line for line in lines if not line.startswith(b"# NOTICE: ")][0].startswith(b"id,title")
    elif api.status_code == 200:
        assert set(api.json()) >= {"count", "page", "results", "facets", "suggestion", "notes"}
    else:
        assert set(api.json()) == {"status", "error", "notes"}

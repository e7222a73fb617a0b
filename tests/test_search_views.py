"""The search page, its help page and the JSON/CSV API, through the Django test client."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest


@pytest.fixture
def archive(make_article, make_source, indexed):
    """25 articles about a ceasefire from two outlets, and one undated market report."""
    herald, courier = make_source("The Harbour Herald"), make_source("The Valley Courier")
    with indexed():
        for n in range(25):
            make_article(
                title=f"Ceasefire talks, day {n + 1}",
                body=f"Delegates discussed the ceasefire again on day {n + 1}. Anna Petrov said little.",
                source=herald if n % 2 else courier,
                published_date=dt.date(2014, 1, 1) + dt.timedelta(days=n * 20),
                people=["Anna Petrov"] if n % 3 else ["Anna Petrov", "Omar Haddad"],
            )
        make_article(
            title="Markets steady", body="Shares <em>held</em> steady.", source=herald, published_date=None
        )


def html(client, **params) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_the_total_and_twenty_results_with_highlights(client, archive):
    page = html(client, q="ceasefire")
    assert "25 articles" in page
    assert page.count('class="result search-result"') == 20
    assert "ceasefire</mark>" in page
    assert "Anna Petrov" in page and "The Harbour Herald" in page


def test_the_heading_quotes_a_query_once(client, archive):
    """Words are quoted by the page; a phrase brings its own quotes and takes no second pair."""
    assert "articles for “ceasefire”</h2>" in html(client, q="ceasefire")
    assert "for &quot;ceasefire talks&quot;</h2>" in html(client, q='"ceasefire talks"')
    assert "for “&quot;ceasefire&quot; talks”</h2>" in html(client, q='"ceasefire" talks')


def test_page_two_holds_the_rest_and_a_page_beyond_is_404(client, archive):
    assert html(client, q="ceasefire", page=2).count('class="result search-result"') == 5
    assert client.get("/search/", {"q": "ceasefire", "page": 3}).status_code == 404
    assert client.get("/search/", {"q": "ceasefire", "page": "x"}).status_code == 404


def test_an_empty_query_lists_the_archive_newest_first_with_facets(client, archive):
    page = html(client)
    assert "26 articles" in page
    assert page.index("day 25") < page.index("day 24")
    assert 'id="facet-source"' in page and 'id="facet-person"' in page


def test_unknown_outlet_is_a_facet_value_with_a_shareable_filter(client, archive, make_article, indexed):
    with indexed():
        nameless = make_article(title="Ceasefire rumours", body="A ceasefire was rumoured.")
        nameless.source = None
        nameless.save()
    page = html(client, q="ceasefire")
    link = re.search(r'<a href="([^"]+)">Unknown outlet</a> <span class="count">1</span>', page)
    assert link and "source=~unknown" in link.group(1)
    filtered = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert "1 article" in filtered and "day 1<" not in filtered
    assert "<mark>Ceasefire</mark> rumours" in filtered
    assert 'aria-current="true" title="Remove this filter"' in filtered  # the facet shows it chosen


def test_undated_articles_say_date_unknown(client, archive):
    assert "date unknown" in html(client, q="markets")


def test_a_date_order_says_how_many_undated_articles_come_last(client, archive):
    from archive.search import get_backend
    from archive.search.backend import SearchRequest
    from archive.search.query import parse_query

    years = get_backend().search(SearchRequest(parse_query("markets"))).facets["year"]
    undated = sum(f.count for f in years if f.value == "unknown")
    assert undated  # the fixture holds some
    note = f"with no known date come{'s' if undated == 1 else ''} last."
    for sort in ("newest", "oldest"):
        assert note in html(client, q="markets", sort=sort)
    assert note not in html(client, q="markets")  # by relevance they stand where they rank


def test_a_facet_link_adds_a_filter_and_the_active_filter_removes_it(client, archive):
    page = html(client, q="ceasefire", source="The Valley Courier")
    assert "13 articles" in page
    assert "Remove filter Outlet: The Valley Courier" in page
    assert 'href="/search/?q=ceasefire"' in page  # the chip's link drops only that filter
    assert 'href="/search/?q=ceasefire&amp;source=The+Valley+Courier"' in html(client, q="ceasefire")


def test_months_are_offered_once_a_year_is_chosen(client, archive):
    assert 'id="facet-month"' not in html(client, q="ceasefire")
    page = html(client, q="ceasefire", year="2014")
    assert 'id="facet-month"' in page and "January 2014" in page


def test_sort_links_and_downloads_keep_the_search(client, archive):
    page = html(client, q="ceasefire", person="Omar Haddad")
    assert "/api/search/?q=ceasefire&amp;person=Omar+Haddad&amp;format=csv" in page
    assert "/search/?q=ceasefire&amp;person=Omar+Haddad&amp;sort=oldest" in page


def test_a_misspelling_offers_did_you_mean(client, archive):
    page = html(client, q="ceasfire")
    assert "Did you mean" in page and "ceasefire" in page


def test_malformed_input_is_explained_on_the_page(client, archive):
    page = html(client, q='"ceasefire', **{"from": "2014-99-99"})
    assert "quotation mark was not closed" in page
    assert "was not understood" in page


def test_dates_given_the_wrong_way_round_are_read_the_right_way_round(client, archive):
    in_order = html(client, q="ceasefire", **{"from": "2014-01-01", "to": "2014-06-30"})
    reversed_ = html(client, q="ceasefire", **{"from": "2014-06-30", "to": "2014-01-01"})
    assert "10 articles" in in_order and "10 articles" in reversed_  # days 1-181: every 20th day
    assert "was after the to date" in reversed_ and "was after the to date" not in in_order


def test_the_help_page_documents_the_language(client, db):
    page = client.get("/search/help/").content.decode()
    for syntax in ("source:", "person:", "title:", "from:", "to:", "OR", "cease*", "NOT"):
        assert syntax in page


def test_the_api_returns_the_documented_shape(client, archive):
    data = client.get("/api/search/", {"q": "ceasefire", "person": "Omar Haddad", "sort": "newest"}).json()
    assert set(data) == {
        "count",
        "page",
        "pages",
        "next",
        "previous",
        "results",
        "facets",
        "suggestion",
        "notes",
    }
    assert data["count"] == 9 and data["page"] == 1 and data["notes"] == []
    first = data["results"][0]
    assert set(first) == {"id", "title", "source", "published", "url", "people", "story", "snippet", "score"}
    newest_with_haddad = dt.date(2014, 1, 1) + dt.timedelta(days=24 * 20)  # day 25 (n=24, n % 3 == 0)
    assert first["published"] == newest_with_haddad.isoformat() and "Omar Haddad" in first["people"]
    assert set(data["facets"]) == {"source", "year", "month", "person"}


def test_repeated_filters_combine(client, archive):
    both_people = client.get("/api/search/", {"person": ["Anna Petrov", "Omar Haddad"]}).json()
    assert both_people["count"] == 9
    two_sources = client.get("/api/search/", {"source": ["The Harbour Herald", "The Valley Courier"]}).json()
    assert two_sources["count"] == 26


def test_the_api_notes_query_text_it_could_not_read(client, archive):
    data = client.get("/api/search/", {"q": "foo:bar ceasefire"}).json()
    assert any("foo" in note for note in data["notes"]) and "error" not in data


def test_the_csv_streams_every_match_not_one_page(client, archive):
    response = client.get("/api/search/", {"q": "ceasefire", "format": "csv"})
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())  # a byte-order mark: Excel reads the file as UTF-8
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][0] == "id" and len(rows) == 26
    assert not rows[-1][0].startswith("#")


def test_json_lines_stream_every_match_with_people_as_lists(client, archive):
    from archive.search import exports

    response = client.get("/api/search/", {"q": "ceasefire", "person": "Omar Haddad", "format": "jsonl"})
    assert response.streaming and response["Content-Type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]
    assert len(records) == 9 and all("Omar Haddad" in r["people"] for r in records)
    assert tuple(records[0]) == exports.CSV_COLUMNS


def test_json_lines_cut_off_say_so_in_their_last_line(client, archive, monkeypatch):
    from archive.search import exports

    monkeypatch.setattr(exports, "CSV_CHUNK", 10)
    monkeypatch.setattr(exports, "EXPORT_ROWS", 10)
    body = b"".join(client.get("/api/search/", {"q": "ceasefire", "format": "jsonl"}).streaming_content)
    lines = body.decode().splitlines()
    assert len(lines) == 11
    assert json.loads(lines[-1]) == {"truncated": "after 10 rows: the export stopped at 10 rows"}


def csv_rows(client, **params) -> list[list[str]]:
    response = client.get("/api/search/", {**params, "format": "csv"})
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_a_csv_cut_off_by_its_budget_says_so_in_its_last_line(client, archive, monkeypatch):
    from archive.search import exports

    monkeypatch.setattr(exports, "CSV_CHUNK", 10)
    monkeypatch.setattr(exports, "EXPORT_ROWS", 10)
    rows = csv_rows(client, q="ceasefire")
    assert len(rows) == 12  # header, ten articles, the notice
    assert rows[-1] == ["# TRUNCATED after 10 rows: the export stopped at 10 rows"]


def test_a_csv_out_of_time_says_so_in_its_last_line(client, archive, monkeypatch):
    from archive.search import exports

    monkeypatch.setattr(exports, "EXPORT_SECONDS", 0)
    assert csv_rows(client, q="ceasefire")[-1] == [
        "# TRUNCATED after 0 rows: the export stopped at its 0 s limit"
    ]


def test_a_csv_that_fails_midway_says_so_in_its_last_line(client, archive, monkeypatch):
    from archive.search import exports

    real_rows = exports.article_records

    def failing(chunk):
        yield from real_rows(chunk[:3])
        raise OSError("disk gone")

    monkeypatch.setattr(exports, "article_records", failing)
    rows = csv_rows(client, q="ceasefire")
    assert len(rows) == 5 and rows[-1] == ["# TRUNCATED after 3 rows: an error stopped the export"]


def lines_of(client, **params) -> list[str]:
    response = client.get("/api/search/", params)
    return b"".join(response.streaming_content).decode("utf-8-sig").splitlines()


def without_comments(lines: list[str]) -> list[list[str]]:
    """The rows a CSV reader sees when it skips lines starting with `#` (pandas' comment="#")."""
    return list(csv.reader(line for line in lines if not line.startswith("#")))


@pytest.mark.usefixtures("use_whoosh")  # the prefix cap is Whoosh's (PostgreSQL's GIN expands prefixes)
def test_the_csv_and_json_lines_of_a_search_past_the_prefix_cap_carry_the_pages_notice(
    client, archive, monkeypatch
):
    from archive.search.backends.whoosh import compile as whoosh_compile

    monkeypatch.setattr(whoosh_compile, "PREFIX_WORDS", 0)
    notice = "Showing the matches of the first 0 words starting with “ceasef”."
    assert notice in client.get("/api/search/", {"q": "ceasef*"}).json()["notes"]

    csv_lines = lines_of(client, q="ceasef*", format="csv")
    assert f"# NOTICE: {notice}" in csv_lines
    assert without_comments(csv_lines)[0][0] == "id"
    jsonl = [json.loads(line) for line in lines_of(client, q="ceasef*", format="jsonl")]
    assert {"notice": notice} in jsonl


def test_an_export_carries_the_phrase_budget_notice_on_every_backend(client, archive):
    many = " OR ".join(f'"day {n}"' for n in range(1, 11))
    notice = next(n for n in client.get("/api/search/", {"q": many}).json()["notes"] if "phrases" in n)
    csv_lines = lines_of(client, q=many, format="csv")
    assert any(line.startswith("# NOTICE: ") and notice in line for line in csv_lines)
    rows = without_comments(csv_lines)
    assert rows[0][0] == "id" and len(rows) > 1
    jsonl = [json.loads(line) for line in lines_of(client, q=many, format="jsonl")]
    assert any(notice in record.get("notice", "") for record in jsonl)


def test_the_truncation_line_is_never_quoted_so_a_reader_skipping_comments_skips_it(monkeypatch):
    from archive.search import exports

    record = dict.fromkeys(exports.CSV_COLUMNS, None) | {"title": "A title", "people": []}
    monkeypatch.setattr(exports, "article_records", lambda chunk: ({**record, "id": pk} for pk in chunk))
    monkeypatch.setattr(exports, "EXPORT_ROWS", 1000)
    lines = "".join(exports.csv_lines(range(1500))).splitlines()
    assert lines[-1] == "# TRUNCATED after 1,000 rows: the export stopped at 1,000 rows"
    rows = without_comments(lines)
    assert rows[0][0] == "id" and len(rows) == 1001


def test_a_notice_line_keeps_a_comma_unquoted_and_cannot_start_a_formula_or_a_new_line():
    from archive.search.exports import csv_lines

    lines = "".join(csv_lines([], notices=['the first 1,000 words, =HYPERLINK("x")\nnext'])).splitlines()
    assert lines[0] == "# NOTICE: the first 1,000 words, '=HYPERLINK('x') next"
    assert lines[1].startswith("id,")


@pytest.mark.usefixtures("use_whoosh")  # the prefix cap is Whoosh's (PostgreSQL's GIN expands prefixes)
def test_a_search_past_its_budget_answers_with_a_notice(client, archive, monkeypatch):
    from archive.search.backends.whoosh import compile as whoosh_compile

    monkeypatch.setattr(whoosh_compile, "PREFIX_WORDS", 0)
    assert "Showing the matches of the first 0 words starting with “ceasef”." in html(client, q="ceasef*")


def test_results_can_be_ticked_and_sent_to_the_side_by_side_comparison(client, archive):
    from archive.models import Article

    page = html(client, q="ceasefire")
    assert 'id="compare-form"' in page and 'action="/compare/"' in page
    boxes = re.findall(r'<input type="checkbox" name="a" value="(\d+)" form="compare-form">', page)
    assert len(boxes) == 20  # one per result on the page
    chosen = [int(pk) for pk in boxes[:2]]
    response = client.get("/compare/", {"a": chosen})  # what the form submits
    assert response.status_code == 200
    assert all(Article.objects.get(pk=pk).title in response.content.decode() for pk in chosen)
    one = html(client, q=f'"{Article.objects.get(pk=chosen[0]).title}"')
    assert one.count('class="result search-result"') == 1
    assert 'id="compare-form"' not in one and 'name="a"' not in one  # nothing to compare it with


def test_a_search_that_fails_unexpectedly_answers_with_a_message_not_a_500(client, archive, monkeypatch):
    from archive.search import get_backend

    def broken(self, request):
        raise RuntimeError("a bug")

    monkeypatch.setattr(type(get_backend()), "search", broken)
    assert "This search failed; it has been logged." in html(client, q="ceasefire")
    assert client.get("/api/search/", {"q": "ceasefire"}).status_code == 503


def test_other_coverage_is_offered_only_for_a_story_with_more_than_one_article(client, make_article, indexed):
    from archive.models import Story

    shared, alone = Story.objects.create(title="Ferry strike"), Story.objects.create(title="Lighthouse sale")
    with indexed():
        make_article(title="Ferry strike begins", story=shared)
        make_article(title="Ferry strike spreads", story=shared)
        make_article(title="Lighthouse sale agreed", story=alone)
    html = client.get("/search/", {"q": "ferry"}).content.decode()
    assert html.count("other coverage") == 2
    assert "other coverage" not in client.get("/search/", {"q": "lighthouse"}).content.decode()


def test_a_search_with_no_match_offers_no_sorting_downloads_or_empty_facets(client, archive):
    page = html(client, q="zeppelin")
    assert "No articles found" in page
    assert "Download these results" not in page and 'aria-label="Sort results"' not in page
    assert "None among these matches" not in page
    # What can still change the search stays: the words, the dates, the help.
    assert 'name="from"' in page and "search help" in page
    # A search with matches keeps all of them.
    page = html(client, q="ceasefire")
    assert "Download these results" in page and 'aria-label="Sort results"' in page


def test_an_outlets_name_typed_as_words_offers_the_outlets_articles(client, archive, make_source):
    """Typed as words, an outlet's name finds the articles holding them; the page offers the outlet,
    its name matched whatever the case, the accents, the punctuation or a leading "the"."""
    make_source("Le Café Quotidien", aliases=["LCQ"])
    page = html(client, q="harbour herald")
    assert "Looking for the outlet?" in page
    assert "Every article from The Harbour Herald</a>" in page
    assert 'href="/search/?source=The+Harbour+Herald"' in page
    assert "Every article from Le Café Quotidien</a>" in html(client, q="le cafe quotidien")
    assert "Every article from Le Café Quotidien</a>" in html(client, q="lcq")
    assert "Every article from The Valley Courier</a>" in html(client, q='"The Valley-Courier"')


def test_an_outlets_name_among_other_words_offers_the_outlets_articles_holding_them(client, archive):
    page = html(client, q="Harbour Herald ceasefire")
    assert "Articles from The Harbour Herald matching “ceasefire”</a>" in page
    assert 'href="/search/?q=ceasefire&amp;source=The+Harbour+Herald"' in page
    assert "matching “talks”" in html(client, q='talks "the harbour herald"')
    assert "matching “&quot;peace talks&quot;”" in html(client, q='"harbour herald" "peace talks"')


def test_words_that_only_begin_an_outlets_name_offer_no_outlet(client, archive):
    for q in (
        "harbour",
        "herald ceasefire",
        "harbour ceasefire herald",
        "source:herald",
        "harbour OR herald",
        "harb*",
    ):
        assert "Looking for the outlet?" not in html(client, q=q)
    # Already filtered to an outlet, or past the first page: nothing more to offer.
    assert "Looking for the outlet?" not in html(client, q="harbour herald", source="The Harbour Herald")


def test_the_querys_words_are_marked_in_the_headlines_too(client, archive):
    """A reader scanning results sees why each matched: its words are marked in the title as in the
    snippet, in their other forms too, and a title without them is left as it is."""
    page = html(client, q="ceasefire")
    assert re.search(r"<h3 dir=\"auto\"><a [^>]+><mark>Ceasefire</mark> talks, day \d+</a></h3>", page)
    assert re.search(r"<mark>Ceasefire talks</mark>, day", html(client, q='"ceasefire talks"'))
    # Neighbouring words are one mark, as in snippets.
    assert re.search(r"<mark>Ceasefire talks</mark>, day", html(client, q="talk ceasefire"))
    assert re.search(r"<mark>Ceasefire</mark> talks", html(client, q="cease*"))
    steady = html(client, q="shares")
    assert '<a href="/articles/' in steady and ">Markets steady</a></h3>" in steady


def test_a_near_copy_says_so_in_the_results_and_links_its_original(
    client, make_article, make_source, indexed
):
    """The same wire story stored twice (the second marked a near-copy of the first) is shown twice, as
    stored, and the copy says whose article it copies."""
    wire, reprint = make_source("The Wire Desk"), make_source("The Reprint Post")
    with indexed():
        original = make_article(
            title="Flood barrier opens", body="The flood barrier opened at dawn.", source=wire
        )
        copy = make_article(
            title="Flood barrier opens", body="The flood barrier opened at dawn.", source=reprint
        )
        copy.duplicate_of = original
        copy.save()
    page = html(client, q="flood barrier")
    assert "2 articles" in page
    assert page.count("near-copy of") == 1
    assert f'<a href="/articles/{original.pk}/">near-copy of an article from The Wire Desk</a>' in page


def test_did_you_mean_offers_only_a_search_that_finds_something(client, make_article, indexed):
    """Each misspelt word is corrected on its own: corrections no article holds together lead nowhere
    and are not offered, while one that finds articles is."""
    with indexed():
        make_article(title="Lighthouse keepers strike", body="The lighthouse keepers walked out.")
        make_article(title="Ferry timetable", body="The ferry runs twice a day.")
    assert "Did you mean <a" in html(client, q="lighthuose")
    assert "lighthouse</a>?" in html(client, q="lighthuose")
    assert "Did you mean" not in html(client, q="lighthuose ferrry")  # no article holds both

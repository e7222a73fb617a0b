"""No slow path: prefixes expand over unstemmed words, suggestions come from the spelling
dictionaries, and work past a request's budget stops with a notice instead of running on."""

from __future__ import annotations

import datetime as dt

import pytest

from archive.search import budget as budgets
from archive.search.backend import SearchDocument, SearchRequest
from archive.search.backends import base as search_base
from archive.search.backends.whoosh import backend as whoosh_backend
from archive.search.backends.whoosh import compile as whoosh_compile
from archive.search.budget import Budget
from archive.search.query import parse_query

TEXTS = {
    11: ("Farmers leave the countryside", "Young farmers are leaving the countryside for the cities."),
    12: ("A country votes", "The country voted on Sunday in a calm election."),
    13: ("Two countries sign a pact", "Both countries signed the water pact at the border."),
    14: ("Harbour repairs begin", "Repairs to the harbour wall began after the winter storms."),
    15: ("Harbour fees rise", "The harbour board raised its fees for fishing boats."),
    16: ("Harbour festival", "The harbour festival drew crowds despite the rain."),
    17: ("Harbour dredging", "Dredging the harbour channel will take a month."),
    18: ("Harbour lights", "New lights on the harbour mole guide boats at night."),
    19: ("Harbour museum", "A museum of the harbour opened in the old customs house."),
}


@pytest.fixture
def backend(tmp_path):
    from archive.search.backends.whoosh.backend import WhooshBackend

    docs = [
        SearchDocument(i, title, body=body, source="The Test Gazette", published=dt.date(2020, 1, i))
        for i, (title, body) in TEXTS.items()
    ]
    found = WhooshBackend("budgets", {"PATH": str(tmp_path / "index")}, lambda ids: {})
    found.apply(docs, [], timeout=5)
    yield found
    found.close()


def search(backend, text: str):
    return backend.search(SearchRequest(parse_query(text)))


def ids(page) -> set[int]:
    return {h.id for h in page.hits}


def test_a_prefix_finds_words_whose_stem_does_not_start_with_it(backend):
    assert ids(search(backend, "country*")) == {11, 12, 13}
    assert ids(search(backend, "countrys*")) == {11}
    assert ids(search(backend, "countryside*")) == {11}


def test_a_prefix_in_the_title_field_searches_headlines_only(backend):
    assert ids(search(backend, "title:countr*")) == {11, 12, 13}
    assert ids(search(backend, "elect*")) == {12}
    assert ids(search(backend, "title:elect*")) == set()


def test_a_typo_of_an_indexed_word_gets_the_word_as_suggestion(backend):
    assert search(backend, "countrysdie").suggestion == "countryside"
    assert search(backend, "harbor fees").suggestion == "harbour fees"


def test_the_spelling_dictionaries_are_kept_beside_the_index(backend, tmp_path):
    search(backend, "countrysdie")
    assert list((tmp_path / "index.spelling").glob("*.pickle"))


def test_a_query_with_plenty_of_matches_gets_no_suggestion(backend):
    assert search(backend, "harbour OR countrysdie").suggestion is None


def test_a_prefix_past_its_word_budget_says_how_much_was_searched(backend, monkeypatch):
    monkeypatch.setattr(whoosh_compile, "PREFIX_WORDS", 2)
    page = search(backend, "countr*")
    assert page.total == 2  # "country" and "countries" (one stem), "countryside" left out
    assert "Showing the matches of the first 2 words starting with “countr”." in page.notices


def test_phrases_past_the_budget_match_their_words_anywhere_and_say_so(backend):
    quoted = " OR ".join(f'"harbour {w}"' for w in ("wall", "board", "festival", "channel", "mole"))
    many = quoted + ' OR "leaving the" OR "the country" OR "both countries" OR "museum harbour"'
    page = search(backend, many)
    assert page.total == 9  # the ninth, "museum harbour", is not a phrase of 19 but its words are in it
    assert any(n.startswith(f"Only the first {budgets.MAX_PHRASES} phrases") for n in page.notices)


def test_a_search_past_its_deadline_answers_with_what_it_has_and_says_so(backend, monkeypatch):
    monkeypatch.setattr(search_base, "Budget", lambda: Budget(seconds=0))
    page = search(backend, '"the harbour"')
    assert page.total < 6
    assert any("The search stopped after 0 s" in n for n in page.notices)


def test_the_prefixes_of_one_query_share_its_word_budget_equally(backend, monkeypatch):
    monkeypatch.setattr(search_base, "Budget", lambda: Budget(prefix_words=2))
    page = search(backend, "countr* OR harbou*")
    # One word each: "countries" (whose stem also finds "country") and "harbour"; not "countryside".
    assert ids(page) == {12, 13, 14, 15, 16, 17, 18, 19}
    assert "Showing the matches of the first 1 words starting with “countr”." in page.notices


def test_a_query_of_many_phrases_still_matches_each_phrase_exactly_across_segments(backend):
    later = SearchDocument(20, "Storm news", body="The wall of the harbour fell in the storm.")
    backend.apply([later], [], timeout=5)  # a second segment
    words = " ".join(f"-{w}" for w in ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "iota"))
    assert whoosh_backend.EXACT_PHRASE_LOOKUPS < 9  # so these queries are matched over arrays
    page = search(backend, f'"harbour wall" {words}')
    assert ids(page) == {14}  # 20 holds both words, not the phrase
    assert ids(search(backend, f'"the harbour" {words}')) == {14, 15, 16, 17, 18, 19, 20}


def test_a_rare_word_anded_with_a_common_one_skips_through_it_and_ranks_as_whoosh_does(tmp_path):
    from archive.search.backends.whoosh.backend import WhooshBackend
    from archive.search.backends.whoosh.compile import Compiler

    docs = [
        SearchDocument(i, f"Harbour note {i}", body="The harbour was calm. " * (i % 3 + 1)) for i in range(40)
    ]
    docs += [SearchDocument(100 + i, "Storm", body="A storm hit the harbour. " * (i + 1)) for i in range(2)]
    found = WhooshBackend("skips", {"PATH": str(tmp_path / "index")}, lambda ids: {})
    found.apply(docs, [], timeout=5)
    page = found.search(SearchRequest(parse_query("storm harbour")))
    searcher, cols = found._current()
    ranked = Compiler(found.schema, searcher.reader(), Budget()).compile(
        parse_query("storm harbour").node, rank=True
    )
    whoosh = [(int(cols.ids[h.docnum]), round(h.score, 9)) for h in searcher.search(ranked, limit=None)]
    assert [(h.id, round(h.score, 9)) for h in page.hits] == whoosh
    assert {h.id for h in page.hits} == {100, 101}
    found.close()


def test_a_long_phrase_matched_over_arrays_still_needs_its_words_in_order(backend):
    assert ids(search(backend, '"young farmers are leaving the countryside for the cities"')) == {11}
    assert ids(search(backend, '"farmers young are leaving the countryside for the cities"')) == set()


def test_decoded_postings_kept_between_searches_give_the_same_results(backend, monkeypatch):
    from archive.search.backends.whoosh import postings as whoosh_postings

    monkeypatch.setattr(whoosh_postings, "CACHE_MIN_POSTINGS", 1)
    first = search(backend, "harbour OR country")
    assert whoosh_postings._DECODED.get(next(iter(whoosh_postings._DECODED._items)))
    again = search(backend, "harbour OR country")
    assert [(h.id, h.score) for h in again.hits] == [(h.id, h.score) for h in first.hits]


def test_the_decoded_postings_cache_drops_the_least_recently_used_past_its_size():
    import numpy as np

    from archive.search.backends.whoosh.postings import _DecodedPostings

    cache = _DecodedPostings(max_bytes=3 * 16)
    one = (np.zeros(1, dtype=np.int64), np.zeros(1, dtype=np.float64))  # 16 bytes
    for key in ("a", "b", "c"):
        cache.put((key,), one)
    cache.get(("a",))
    cache.put(("d",), one)
    assert cache.get(("b",)) is None and cache.get(("a",)) is not None


def test_a_reopened_index_loads_its_saved_spelling_dictionaries_in_the_background(backend, tmp_path):
    import threading

    from archive.search.backends.whoosh.backend import WhooshBackend

    search(backend, "countrysdie")  # builds and saves them
    reopened = WhooshBackend("budgets", {"PATH": str(tmp_path / "index")}, lambda ids: {})
    reopened.count()  # opens the index
    for thread in threading.enumerate():
        if thread.name == "spelling-preload":
            thread.join(timeout=10)
    assert reopened._spelling._loaded
    assert search(reopened, "countrysdie").suggestion == "countryside"
    reopened.close()


def test_a_prefix_of_two_to_five_letters_is_one_term_and_spends_no_word_budget(backend, monkeypatch):
    monkeypatch.setattr(search_base, "Budget", lambda: Budget(prefix_words=0))
    page = search(backend, "coun* OR harb*")
    assert ids(page) == {11, 12, 13, 14, 15, 16, 17, 18, 19}
    assert not page.notices
    assert ids(search(backend, "countrys*")) == set()  # eight letters expand over words: none allowed


def test_a_prefix_is_marked_in_the_snippet_where_the_body_holds_it(tmp_path):
    from archive.search.backends.whoosh.backend import WhooshBackend

    bodies = {i: body for i, (_, body) in TEXTS.items()}
    found = WhooshBackend("marks", {"PATH": str(tmp_path / "index")}, lambda ids: {i: bodies[i] for i in ids})
    found.apply([SearchDocument(i, t, body=b) for i, (t, b) in TEXTS.items()], [], timeout=5)
    for typed in ("coun*", "countr*"):  # a term of its own; expanded over the words
        hits = {h.id: h.snippet for h in search(found, typed).hits}
        assert ">countryside</mark>" in hits[11] and ">countries</mark>" in hits[13], typed
    found.close()


def test_outlet_names_match_as_whole_runs_of_their_words_without_phrase_budget(backend):
    assert ids(search(backend, 'source:"Test Gazette"')) == set(TEXTS)
    assert ids(search(backend, 'source:"Gazette Test"')) == set()
    many = " OR ".join(f'source:"Outlet {n}"' for n in range(20)) + ' OR source:"the test gazette"'
    page = search(backend, many)
    assert page.total == len(TEXTS) and not page.notices


@pytest.mark.parametrize("n_docs", [10, 10_000])  # marked in an array / sorted
def test_an_or_of_many_words_joins_their_documents_either_way_alike(n_docs):
    import numpy as np

    from archive.search.backends.whoosh.postings import _union

    rng = np.random.default_rng(5)
    parts = [np.unique(rng.integers(0, 10, size=6)) for _ in range(4)]
    assert _union(parts, n_docs).tolist() == np.unique(np.concatenate(parts)).tolist()


def test_sorted_docnums_intersect_and_subtract_as_numpy_sets_do():
    import numpy as np

    from archive.search.backends.whoosh.postings import _holds, _intersect

    rng = np.random.default_rng(7)
    for _ in range(50):
        a = np.unique(rng.integers(0, 60, size=rng.integers(0, 30)))
        b = np.unique(rng.integers(0, 60, size=rng.integers(0, 30)))
        assert _intersect(a, b).tolist() == np.intersect1d(a, b).tolist()
        assert a[~_holds(b, a)].tolist() == np.setdiff1d(a, b).tolist()

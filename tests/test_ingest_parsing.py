"""The seed articles read the way expected.json says a careful editor reads them."""

from __future__ import annotations

import datetime as dt

import pytest

from archive.ingest.article import SourceRef
from archive.ingest.parsing import parse_document

SEEDS = [
    "000_f769660415e496ca.txt",
    "001_fa105d570f8d459d.txt",
    "002_85e47f704cbc4047.txt",
    "003_d43e4ed34428a101.txt",
    "004_9890ad71d71d51fb.txt",
]
# What an admin would have entered in the source registry: the outlets, and The BRICS Post's initials.
REGISTRY = (
    SourceRef("The Moscow Times", domains=("themoscowtimes.com",)),
    SourceRef("The National", domains=("thenational.ae",)),
    SourceRef("The BRICS Post", aliases=("TBP",), domains=("thebricspost.com",)),
    SourceRef("Reuters", domains=("reuters.com",)),
)


def _hint(want: dict) -> str | None:
    """The uploader names the outlet only where the text never does."""
    return None if want.get("named_in_text", True) else want["source"]


@pytest.mark.parametrize("name", SEEDS)
def test_it_reads_the_title_subtitle_url_credit_and_dateline(parse_seed, expected, name):
    want = expected["articles"][name]
    article = parse_seed(name, source_hint=_hint(want))
    assert article.title == want["title"]
    assert article.subtitle == want.get("subtitle", "")
    assert article.url == (want["url"] or "")
    assert article.credit == want.get("credit", "")
    assert article.dateline == want.get("dateline", "")
    assert article.raw_format == "text"


@pytest.mark.parametrize("name", SEEDS)
def test_it_gives_the_stated_date_or_none_and_flags_the_undated(parse_seed, expected, name):
    want = expected["articles"][name]
    article = parse_seed(name, source_hint=_hint(want))
    stated = dt.date.fromisoformat(want["date"]) if want["date"] else None
    assert article.published_date == stated
    for banner_date in want.get("date_must_not_be", []):
        assert article.published_date != dt.date.fromisoformat(banner_date)
    assert ("published" in article.review_fields) == (stated is None)
    if stated:
        assert "published" in article.provenance
    if "time" in want:
        assert article.published_time == dt.time.fromisoformat(want["time"])


@pytest.mark.parametrize("name", SEEDS)
def test_the_clean_body_keeps_the_story_and_drops_the_noise(parse_seed, expected, name):
    want = expected["articles"][name]
    body = parse_seed(name, source_hint=_hint(want)).body
    for text in want["body_must_contain"]:
        assert text in body
    for text in want["body_must_not_contain"]:
        assert text not in body


@pytest.mark.parametrize("name", SEEDS)
def test_it_finds_the_source_with_the_registry(parse_seed, expected, name):
    want = expected["articles"][name]
    article = parse_seed(name, source_hint=_hint(want), sources=REGISTRY)
    assert article.source_name == want["source"]
    assert "source" not in article.review_fields
    assert article.provenance["source"]


@pytest.mark.parametrize("name", SEEDS)
def test_it_finds_an_outlet_named_in_the_text_without_a_registry(parse_seed, expected, name):
    want = expected["articles"][name]
    article = parse_seed(name, source_hint=_hint(want))
    assert article.source_name in [want["source"], *want.get("source_also_accepted", [])]


def test_an_outlet_the_text_never_names_is_left_for_review(parse_seed):
    article = parse_seed("003_d43e4ed34428a101.txt")
    assert article.source_name is None
    assert "source" in article.review_fields


def test_the_uploaders_source_wins_and_says_so(parse_seed):
    article = parse_seed("004_9890ad71d71d51fb.txt", source_hint="tbp", sources=REGISTRY)
    assert article.source_name == "The BRICS Post"
    assert article.provenance["source"] == "uploader"


def test_a_wire_credit_does_not_make_the_agency_the_source(parse_seed):
    article = parse_seed("003_d43e4ed34428a101.txt", sources=REGISTRY)
    assert article.source_name != "Reuters"


def test_it_ignores_the_crawl_date_in_the_masthead(parse_seed):
    article = parse_seed("003_d43e4ed34428a101.txt", source_hint="The National")
    assert article.published_date is None
    assert "UAESaturday" not in article.body and "Abu Dhabi" not in article.body


def test_it_says_where_each_value_came_from(parse_seed):
    article = parse_seed("001_fa105d570f8d459d.txt")
    assert "December 16, 2014" in article.provenance["published"]
    assert "Original url" in article.provenance["url"]
    assert "Moscow Times" in article.provenance["source"]


def test_it_mends_a_paragraph_broken_mid_sentence(parse_seed):
    body = parse_seed("001_fa105d570f8d459d.txt").body
    assert 'has proposed an "action plan"' in body


def test_the_body_is_paragraphs_separated_by_blank_lines(parse_seed):
    paragraphs = parse_seed("004_9890ad71d71d51fb.txt").body.split("\n\n")
    assert len(paragraphs) > 5
    assert all(p.strip() == p and p for p in paragraphs)


def test_a_repeated_photo_caption_is_dropped_but_the_paragraph_like_it_stays(parse_seed):
    body = parse_seed("004_9890ad71d71d51fb.txt").body
    assert "[AP]" not in body
    assert body.count("The Russian and US foreign ministers were meeting with Lakhdar Brahimi") == 1


def test_a_caption_ending_with_the_photographers_name_is_dropped(parse_seed):
    body = parse_seed("002_85e47f704cbc4047.txt").body
    assert "Hosam Katan" not in body
    assert "Salaheddine" not in body


def test_the_outlets_learned_noise_is_dropped_from_the_body(parse_seed):
    from archive.ingest.boilerplate import line_digest

    learned = frozenset(
        {line_digest("Russia also reiterated its stand on Tehran attending the talks in Geneva.")}
    )
    asked = []

    def noise_for(name: str) -> frozenset[str]:
        asked.append(name)
        return learned

    article = parse_seed("004_9890ad71d71d51fb.txt", sources=REGISTRY, noise_for=noise_for)
    assert asked == ["The BRICS Post"]
    assert "reiterated its stand on Tehran" not in article.body
    assert "called for a partial ceasefire in Syria on Monday" in article.body


STORY = (
    "The talks opened in Geneva on Wednesday after weeks of delay, officials said. Both delegations "
    "attended the first session, which lasted three hours.\n\nThe next session is planned for Friday, "
    "when the two sides are expected to discuss prisoner exchanges and aid convoys.\n"
)


def test_a_label_opening_the_lede_is_not_a_dateline():
    article = parse_document(f"Talks open in Geneva\n\nUPDATE: {STORY}".encode(), filename="update.txt")
    assert article.dateline == ""
    assert article.body.startswith("UPDATE: The talks opened")


def test_a_source_label_with_a_url_fills_the_url_and_one_naming_an_agency_is_the_credit():
    text = f"Talks open in Geneva\n\n{STORY}\nSource: Reuters\n\nSource: https://example.org/geneva\n"
    article = parse_document(text.encode(), filename="source.txt")
    assert article.url == "https://example.org/geneva"
    assert "example.org" not in article.body
    assert article.credit == "Reuters"
    assert "Source: Reuters" not in article.body


def test_a_headline_printed_twice_keeps_one_copy_as_the_title():
    title = "Talks open in Geneva"
    article = parse_document(
        f"News > World > {title}\n\n{title}\n\n{title}\n\n{STORY}".encode(), filename="t.txt"
    )
    assert article.title == title
    assert title not in article.body


def test_a_byline_sharing_its_line_with_the_date_gives_both():
    article = parse_document(
        f"Talks open in Geneva\n\nBy Jane Doe | 16 Dec. 2014\n\n{STORY}".encode(), filename="b.txt"
    )
    assert article.credit == "Jane Doe"
    assert article.published_date == dt.date(2014, 12, 16)

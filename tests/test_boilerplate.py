"""Page noise goes; generic noise by pattern, an outlet's own furniture by what recurs on its pages."""

from __future__ import annotations

from collections import Counter

import pytest

from archive.ingest.boilerplate import (
    PageLine,
    cut_tail,
    drop_noise_blocks,
    drop_repeated,
    is_appeal,
    is_caption,
    is_navigation,
    learned_noise,
    line_digest,
    noise_candidates,
)
from archive.ingest.parsing import parse_document

STORY = (
    "Lake ferry adds evening crossings\n\n"
    "April 2, 2023\n\n"
    "The lake ferry will run every forty minutes from Monday under a new timetable agreed with the county."
    "\n\n"
    "The operator said the extra sailings were possible because a second boat had returned from repairs.\n\n"
    "{slogan}\n"
)
OTHER_PAGES = (
    "Market moves to the square\n\nApril 9, 2023\n\nThe weekly market moves to the square.\n\n{slogan}\n",
    "School wins science prize\n\nApril 16, 2023\n\nPupils measured the lake for two years.\n\n{slogan}\n",
)
SLOGAN = "Get the Lakeside Courier on your phone: our app is free for subscribers"


def _lines(*texts: str) -> list[PageLine]:
    return [PageLine(text, block) for block, text in enumerate(texts)]


def test_line_digest_ignores_case_spacing_and_trailing_punctuation():
    assert line_digest("Read more") == line_digest("  READ   more: ")
    assert line_digest("Read more") != line_digest("Read less")


def test_an_appeal_block_is_dropped_whole():
    block = [
        PageLine(text, 0)
        for text in ("×", "Enjoying ad-free content?", "Your support can help us fill the gap.", "Support us")
    ]
    kept = drop_noise_blocks([*block, PageLine("Lavrov met Kerry in Paris on Monday to discuss Syria.", 1)])
    assert [line.text for line in kept] == ["Lavrov met Kerry in Paris on Monday to discuss Syria."]


def test_a_closing_appeal_runs_to_the_end_of_the_page_but_not_from_the_top():
    lines = _lines(
        "First paragraph.", "Second paragraph.", "A Message from The Daily Example:", "Dear readers,", "Give."
    )
    assert [line.text for line in cut_tail(lines)] == ["First paragraph.", "Second paragraph."]
    letter = _lines("Dear readers,", "This is a letter.", "It goes on.")
    assert cut_tail(letter) == letter


def test_repeated_lines_are_dropped_entirely():
    lines = _lines("Caption of a photo [AP]", "Body.", "Caption of a photo [AP]")
    assert [line.text for line in drop_repeated(lines)] == ["Body."]


def test_captions_are_recognised_by_their_credit():
    assert is_caption("Ministers meet in Paris on Monday [AP]")
    assert is_caption("Photo: Ministers meet in Paris")
    assert is_caption("Rebels walk down a street in Aleppo. Hosam Katan", under_headline=True)
    assert not is_caption("Rebels walk down a street in Aleppo. Hosam Katan")
    assert not is_caption("Lavrov said the talks would begin on Wednesday (local time).")


def test_learned_noise_needs_enough_pages_and_a_share_of_them():
    counts = Counter({"standing-appeal": 9, "same-day-quote": 2})
    assert learned_noise(counts, pages=10) == frozenset({"standing-appeal"})
    assert learned_noise(Counter({"x": 2}), pages=2) == frozenset()


def test_a_new_outlets_recurring_line_is_learned_and_removed_without_code_changes():
    pages = [page.format(slogan=SLOGAN) for page in (STORY, *OTHER_PAGES)]
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update(noise_candidates(page))
    learned = learned_noise(counts, pages=len(pages))
    assert line_digest(SLOGAN) in learned

    raw = STORY.format(slogan=SLOGAN).encode()
    before = parse_document(raw, filename="p.txt", source_hint="Lakeside Courier")
    after = parse_document(
        raw, filename="p.txt", source_hint="Lakeside Courier", noise_for=lambda name: learned
    )
    assert SLOGAN in before.body
    assert SLOGAN not in after.body
    assert after.published_date == before.published_date and after.title == before.title


def test_inline_advertisement_and_related_links_leave_the_body():
    text = (
        "Dock strike ends after pay deal\n\nDock workers returned to work on Wednesday after a nine-day "
        "strike, the port authority said.\n\nAdvertisement\n\nRelated: Port authority warns of delays\n\n"
        "The strike had left more than forty container ships waiting at anchor outside the harbour.\n"
    )
    body = parse_document(text.encode(), filename="dock.txt").body
    assert "Advertisement" not in body and "Related:" not in body
    assert body.endswith("waiting at anchor outside the harbour.")


def test_a_learned_slogan_above_the_headline_cannot_pass_for_the_title_and_dates_are_never_learned():
    slogan = "The Lakeside Courier — news from around the lake"
    page = f"{slogan}\n\n{STORY.format(slogan='')}"
    learned = frozenset({line_digest(slogan), line_digest("April 2, 2023")})
    article = parse_document(
        page.encode(), filename="p.txt", source_hint="Lakeside Courier", noise_for=lambda n: learned
    )
    assert article.title == "Lake ferry adds evening crossings"
    assert article.published_date is not None


def test_quoted_speech_about_support_is_never_taken_for_an_appeal():
    said = "“We need your support,” the mayor said as the council met on Monday."
    assert not is_appeal(said)
    kept = drop_noise_blocks(_lines("The council met on Monday to discuss the ferry.", said))
    assert [line.text for line in kept][-1] == said


def test_a_paragraph_that_mentions_help_is_not_an_appeal():
    paragraph = (
        "Volunteers cleared the towpath on Saturday. Help us, said the trust, was the message on "
        "every poster. By noon the path was open again."
    )
    assert not is_appeal(paragraph)


def test_the_outlets_own_appeal_still_goes():
    assert is_appeal("Now is the time to support independent reporting. Help us keep going.")


def test_an_article_printed_twice_keeps_one_copy_of_each_paragraph():
    paragraph = (
        "The lake ferry will run every forty minutes from Monday under a new timetable agreed with the "
        "county, the operator said, after months of complaints from commuters about missed connections."
    )
    kept = drop_repeated(_lines(paragraph, "Second paragraph of the story.", paragraph))
    assert [line.text for line in kept] == [paragraph, "Second paragraph of the story."]


def test_a_list_of_repeated_short_items_keeps_them_once():
    kept = drop_repeated(_lines("Monday", "Closed", "Tuesday", "Closed", "Wednesday", "Open"))
    assert "Closed" in [line.text for line in kept]


def test_a_caption_the_template_repeats_still_goes_entirely():
    caption = "The ferry leaves the harbour on its first evening crossing."
    kept = drop_repeated(_lines(caption, "Body text here.", caption))
    assert [line.text for line in kept] == ["Body text here."]


@pytest.mark.parametrize(
    "line",
    ["Skip to main content", "Zum Inhalt springen", "We use cookies to improve your experience", "3. World"],
)
def test_skip_links_cookie_lines_and_numbered_menus_are_navigation(line):
    assert is_navigation(line)


def test_a_text_dump_opening_with_navigation_finds_the_real_headline():
    page = (
        "Skip to main content\n\n1. Home\n2. World\n3. Sport\n\n"
        "We use cookies to give you the best experience on our site\n\n"
        "Lake ferry adds evening crossings\n\n"
        "The lake ferry will run every forty minutes from Monday under a new timetable agreed with the "
        "county. The operator said the extra sailings were possible because a second boat had returned "
        "from repairs.\n"
    )
    assert parse_document(page.encode(), filename="nav.txt").title == "Lake ferry adds evening crossings"


def test_a_quote_in_the_same_block_as_a_donation_box_stays():
    quote = "“Donate now if you can,” the hospice director told volunteers at the fair."
    lines = [PageLine("Donate now", 1), PageLine("Support us", 1), PageLine(quote, 1)]
    assert [line.text for line in drop_noise_blocks(lines)] == [quote]

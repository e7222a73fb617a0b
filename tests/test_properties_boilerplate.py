"""Properties of boilerplate stripping that hold whatever its rules become: stripping twice takes
nothing more than stripping once, and a line of quoted speech in the article is never taken, even
when it says "help us" or "support our ..." or shares a block with a donation box."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.ingest.boilerplate import (
    NOISE_LINES,
    PageLine,
    cut_tail,
    drop_learned,
    drop_noise_blocks,
    drop_repeated,
    is_tail_marker,
    line_digest,
)

WORDS = st.sampled_from([
    "the", "harbour", "council", "ferry", "timetable", "islands", "winter", "workers", "strike",
    "minister", "budget", "school", "bridge", "river", "flood", "we", "will", "not", "wait",
    "longer", "people", "deserve", "better", "than", "this", "town", "market", "reopen", "today",
    "help", "us", "support", "our", "donate", "now", "journalism", "subscribe",
])  # fmt: skip
SPEAKERS = st.sampled_from(["Ana Petrov", "the mayor", "Omar Haddad", "a spokeswoman", "Mira Holm"])
NOISE = sorted(line for line in NOISE_LINES if not is_tail_marker(line))
TAIL = ["A message from the editors:", "Related", "Dear readers,"]


def sentence(words: list[str]) -> str:
    return " ".join(words).capitalize()


@st.composite
def quotes(draw) -> str:
    """A line of quoted speech, in one of the ways papers print it."""
    said = sentence(draw(st.lists(WORDS, min_size=3, max_size=20)))
    speaker = draw(SPEAKERS)
    return draw(
        st.sampled_from(
            [
                f'"{said}," {speaker} said.',
                f"“{said}”, said {speaker}.",
                f"{speaker.capitalize()} said: “{said}.”",
                f"‘{said},’ {speaker} told reporters.",
            ]
        )
    )


paragraphs = st.lists(WORDS, min_size=8, max_size=30).map(lambda w: sentence(w) + ".")
noise_lines = st.sampled_from(NOISE)


@st.composite
def pages(draw, *, any_text: bool = False) -> tuple[list[PageLine], set[str]]:
    """Page lines and the quotes among them: blocks (runs of lines between blank lines) of article
    paragraphs, a quote as a paragraph of its own, blocks of page noise (with a paragraph or any
    text mixed in), and maybe a closing section."""
    noise_block = st.lists(st.one_of(noise_lines, paragraphs, quotes()), min_size=1, max_size=4)
    kinds = [paragraphs.map(lambda t: [t]), quotes().map(lambda t: [t]), noise_block]
    if any_text:
        kinds.append(st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=3))
    blocks = draw(st.lists(st.one_of(kinds), min_size=1, max_size=12))
    lines = [PageLine(text, n) for n, block in enumerate(blocks) for text in block]
    said = {text for block in blocks for text in block if _is_quote(text)}
    if draw(st.booleans()):
        closing = len(blocks)
        lines += [PageLine(draw(st.sampled_from(TAIL)), closing), PageLine(draw(paragraphs), closing + 1)]
    return lines, said


def _is_quote(text: str) -> bool:
    return any(mark in text for mark in '"“‘') and any(verb in text for verb in (" said", " told"))


def strip(lines: list[PageLine], learned: frozenset[str]) -> list[PageLine]:
    """The stripping steps, in the order the parser applies them."""
    return cut_tail(drop_repeated(drop_noise_blocks(drop_learned(lines, learned))))


@pytest.mark.slow
@given(pages(any_text=True), st.sets(noise_lines, max_size=5))
def test_stripping_twice_takes_nothing_more_than_stripping_once(page, learned_lines):
    lines, _ = page
    learned = frozenset(line_digest(line) for line in learned_lines)
    once = strip(lines, learned)
    assert strip(once, learned) == once


@pytest.mark.slow
@given(pages(), st.sets(noise_lines, max_size=5))
def test_a_line_of_quoted_speech_is_never_stripped(page, learned_lines):
    lines, said = page
    texts = [line.text for line in lines]
    unique = {text for text in said if texts.count(text) == 1}  # a repeated pull quote may go
    kept = {line.text for line in strip(lines, frozenset(line_digest(line) for line in learned_lines))}
    assert unique <= kept

"""Running prose in any script: words, sentences, and telling an article from a page that is not one.

Parallax stores articles in every language, so nothing here assumes Latin letters or spaces:

- a word is a run of letters or digits between spaces; in scripts written without spaces
  (Chinese, Japanese, Thai, Lao, Khmer, Burmese) every `UNSPACED_CHARS_PER_WORD` characters count
  as one word (an average Chinese word is 1.5-2 characters);
- sentences end where `archive.ingest.textrules.count_sentences` says, in any script.

`check_article` refuses only what cannot be an article: no text at all, or too few words to be even
a two-sentence brief. Text that is a list of short items (menus, link lists, a results table) with
hardly any running prose is kept and flagged for an editor. A short wire brief is an article.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from archive.ingest.article import NotAnArticleError
from archive.ingest.textrules import count_sentences, looks_finished

# Characters of scripts written without spaces between words.
UNSPACED_RANGES = (
    "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
    "\u0e00-\u0e7f\u0e80-\u0eff\u1780-\u17ff\u1000-\u109f"
)
# One character of such a script (prose counts them; both search backends split them into words).
UNSPACED_CHAR = re.compile(f"[{UNSPACED_RANGES}]")
UNSPACED_CHARS_PER_WORD = 2
# The shortest article: a two-sentence wire brief runs 25-40 words. Below this a page holds a
# caption or a teaser. Chosen on ../shared/realworld (308 real pages, every one an article or a page
# to be kept): the shortest kept page there has 26 words.
MIN_BODY_WORDS = 20
# ...or fewer words in whole sentences: two short sentences in a compact language (Russian,
# Finnish) are a brief too, and so is one sentence under a headline of its own (a wire flash:
# "Talks are not on the agenda, the spokesman told reporters on Friday.").
BRIEF_MIN_SENTENCES = 2
BRIEF_MIN_WORDS = 10
# A line is running prose when it ends a sentence or has at least this many words; a page whose
# words are almost all in other lines (menu items, table cells, link lists) is flagged for review.
PROSE_LINE_MIN_WORDS = 12
# Words one sentence can hold: news sentences run 15-35 words; a "sentence" far longer is a list.
MAX_SENTENCE_WORDS = 60
MIN_PROSE_SHARE = 0.25
# A page's line is running text (not a headline or a label) when it has this many words, or ends as
# finished text does and has more than RUNNING_TEXT_FINISHED_WORDS.
RUNNING_TEXT_MIN_WORDS = 8
RUNNING_TEXT_FINISHED_WORDS = 3


@dataclass(frozen=True)
class ProseStats:
    words: int
    sentences: int
    prose_words: int

    @property
    def prose_share(self) -> float:
        return self.prose_words / self.words if self.words else 0.0

    @property
    def is_prose(self) -> bool:
        """False for text that is mostly short items: menus, link lists, a table."""
        return self.prose_share >= MIN_PROSE_SHARE

    def describe(self) -> str:
        return (
            f"of its {_count(self.words, 'word')} only {self.prose_words} are in sentences; the rest are "
            "short items such as menus, links or a table"
        )


def count_words(text: str) -> int:
    """Words in any script (see the module's docstring)."""
    words = 0
    for token in text.split():
        unspaced = len(UNSPACED_CHAR.findall(token))
        if unspaced:
            rest = UNSPACED_CHAR.sub("", token)
            words += math.ceil(unspaced / UNSPACED_CHARS_PER_WORD) + any(c.isalnum() for c in rest)
        elif any(c.isalnum() for c in token):
            words += 1
    return words


def is_running_text(line: str) -> bool:
    """Whether a page's line reads as running text rather than a headline, label or menu item."""
    words = count_words(line)  # in any script: a Chinese line has no spaces
    return words >= RUNNING_TEXT_MIN_WORDS or (looks_finished(line) and words > RUNNING_TEXT_FINISHED_WORDS)


def measure(text: str) -> ProseStats:
    words = sentences = prose = 0
    for line in text.split("\n"):
        n, s = count_words(line), count_sentences(line)
        words += n
        sentences += s
        prose += _prose_words(line, n, s)
    return ProseStats(words=words, sentences=sentences, prose_words=prose)


def _prose_words(line: str, words: int, sentences: int) -> int:
    """How many of a line's words read as running prose: those its sentences can hold. A long
    line with no sentence end is a run of items joined together, except in Thai-like scripts,
    which end sentences with a space."""
    if sentences:
        return min(words, sentences * MAX_SENTENCE_WORDS)
    if words < PROSE_LINE_MIN_WORDS:
        return 0
    return words if words <= MAX_SENTENCE_WORDS or UNSPACED_CHAR.search(line) else 0


def check_article(body: str, *, headed: bool = False, plain_text: str = "") -> ProseStats:
    """The body's figures, or NotAnArticleError when there is too little text to be an article.
    Text that is mostly menus or a table is kept (an archive loses nothing) and its `is_prose` is
    False, for the caller to flag for review. `headed`: the page has a headline of its own, so one
    whole sentence under it is a wire flash, not a stray caption. `plain_text`: the whole of a
    plain-text file, so the reason can say what the file is (too short, or all furniture)."""
    stats = measure(body)
    if stats.words == 0:
        file_words = count_words(plain_text)
        if plain_text and file_words < MIN_BODY_WORDS:
            raise NotAnArticleError(
                f"The file is too short to be an article: it holds only {_count(file_words, 'word')} "
                f"(even a short brief has {MIN_BODY_WORDS})."
            )
        raise NotAnArticleError("The file has no article text (only markup, menus or page furniture).")
    brief = stats.sentences >= BRIEF_MIN_SENTENCES or (headed and stats.sentences >= 1)
    if stats.words < MIN_BODY_WORDS and not (brief and stats.words >= BRIEF_MIN_WORDS):
        raise NotAnArticleError(
            f"The file does not look like a news article: its text has only {_count(stats.words, 'word')} "
            f"(even a short brief has {MIN_BODY_WORDS}): a caption, a teaser or menus, not an article."
        )
    return stats


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")

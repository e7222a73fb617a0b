"""Text rules shared by ingest and compare: where a sentence ends, which dots are abbreviations, and
how text is folded before two strings are compared. Plain Python, no Django.

Sentence ends come in a few named variants, each for the question its callers ask:

- `count_sentences` / `ends_sentence`: in any script. A sentence ends at `.`, `!`, `?` or `…` after
  a letter or digit of any script (not after a lone capital, an initial such as "J." or "U.S."), or
  at the full stops and question marks of other scripts: `。！？` (CJK), `।` `॥` (Devanagari,
  Bengali), `؟` `۔` (Arabic, Urdu), `።` (Ethiopic), `։` (Armenian), `။` (Burmese);
- `split_sentences`: Latin-cased prose cut into sentences for comparison: a stop followed by a
  capital, digit or opening quote, not after an abbreviation ("Jan.", "Mr.", "U.S.");
- `sentence_stops`: every stop before a space, not after a title or initial ("Mr.", "John F."),
  for finding where the sentence around a quotation starts;
- `has_inner_sentence_end`, `first_sentence`, `looks_finished`: what a page's lines show of their
  sentences (a caption's full stop inside a line, a lede's first sentence, a finished line).

Folding: `fold` is the one ASCII form (accents and scripts transliterated, lower case, straight quotes)
that comparisons and name keys start from; `fold_punctuation` keeps every script and drops case and
punctuation, for comparing a page's own strings with each other (a title with a heading); `fold_spaces`
drops only case and extra spaces (two spellings of one outlet's name); `site_key` keeps letters and
digits alone (a site's name against its web address, its sections and its headline).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from unidecode import unidecode

from archive.ingest.names import ABBREVIATED_TITLES

# --- Sentence ends -------------------------------------------------------------------------------

# A capital letter of the cased scripts names are read in (Latin, Greek, Cyrillic, Armenian): one
# alone before a dot is an initial ("J. Smith", "М. Тасмаганбетов"), which ends no sentence.
CAPITAL = "[{}]".format("".join(chr(code) for code in range(0x41, 0x0590) if chr(code).isupper()))

# Any script: a letter or digit, then . ! ? … (and closing quotes); a closing quote or bracket, then
# a stop; or the full stops of other scripts, wherever they stand.
_SENTENCE_END = re.compile(
    rf"(?<=[^\W_])(?<!\b{CAPITAL})[.!?…]+[\"'’”»)\]」』）]*(?=\s|$)"
    r"|(?<=[\"'’”»)\]」』）%])[.!?…]+(?=\s|$)"
    r"|[。！？｡।॥؟۔።։။]+"
)
# The stops of Latin-script sentences, as a regex character class (the rules below and page patterns
# such as boilerplate.CAPTION_PHOTOGRAPHER build on it).
LATIN_STOPS = "[.!?]"
# Latin-cased prose: a stop (and a closing quote or bracket) before whitespace and a capital letter,
# digit or opening quote; abbreviations are protected by `ends_with_abbreviation`.
_SENTENCE_BREAK = re.compile(rf"({LATIN_STOPS}[\"'”’)\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9])")
_STOP = re.compile(rf"{LATIN_STOPS}(?=\s|$)")
# "… neighborhood. Hosam Katan": two lower-case letters, a stop, a space and a capital inside a line.
_INNER_SENTENCE_END = re.compile(rf"[a-z]{{2}}{LATIN_STOPS}[’”\"']?\s+[A-Z]")
_FIRST_SENTENCE_END = re.compile(rf"(?<={LATIN_STOPS})\s")
# What a finished line ends with, in Latin and in other scripts (CJK, Devanagari, Arabic, Urdu): a
# stop, a colon, or a closing quote or bracket.
_LINE_END_MARKS = (
    ".", "!", "?", ":", '"', "”", "’", "'", ")", "]", "…", "。", "！", "？", "」", "）", "।", "؟", "۔",
)  # fmt: skip

# --- Abbreviations -------------------------------------------------------------------------------

# Titles ("Mr", "Gen": archive.ingest.names) and initials ("John F."): a dot after them ends nothing.
_TITLES = "|".join(map(str.capitalize, ABBREVIATED_TITLES))
# ...and, in running prose, months, "St", "No", "vs", "etc" and dotted country initials.
OTHER_ABBREVIATIONS = (
    "St", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "vs",
    "etc", r"U\.S", r"U\.N", r"U\.K", r"E\.U",
)  # fmt: skip
_ABBREVIATION_END = re.compile(rf"\b({_TITLES}|{'|'.join(OTHER_ABBREVIATIONS)}|{CAPITAL})\.$")
_TITLE_OR_INITIAL_END = re.compile(rf"\b(?:{_TITLES}|{CAPITAL})\.$")

# --- Folding -------------------------------------------------------------------------------------

_QUOTE_CHARS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"})
# Letters of other scripts that Unidecode spells with an apostrophe, a backtick or a quote: the
# Cyrillic soft and hard signs ("Ольга" -> "Ol'ga"), the Arabic hamza and ain ("الأسد" -> "l'sd",
# "سعيد" -> "s`yd"), the Hebrew ayin. The mark would cut a name's word in two ("ol ga"), so each is
# spelt without it. (Greek to Arabic, the scripts whose names Parallax reads.)
_LETTER_MARKS = {
    code: "".join(c for c in unidecode(chr(code)) if c not in "'`\"")
    for code in range(0x0370, 0x0800)
    if chr(code).isalpha() and any(c in unidecode(chr(code)) for c in "'`\"")
}
_PUNCTUATION = re.compile(r"[^\w ]")
_NON_WORD = re.compile(r"[\W_]")


def count_sentences(text: str) -> int:
    """Sentence ends in any script (see the module's docstring)."""
    return len(_SENTENCE_END.findall(text))


def ends_sentence(line: str) -> bool:
    """Whether a line's last word closes a sentence (in any script)."""
    ends = [match.end() for match in _SENTENCE_END.finditer(line)]
    return bool(ends) and not line[ends[-1] :].strip()


def ends_with_abbreviation(text: str, *, titles_only: bool = False) -> bool:
    """Whether `text` ends with an abbreviation's dot ("Mr.", "J.", "Jan.", "U.S."), which ends no
    sentence. `titles_only`: only titles and initials count (a month or "etc." may end one)."""
    return bool((_TITLE_OR_INITIAL_END if titles_only else _ABBREVIATION_END).search(text))


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`, paragraph by paragraph; abbreviations like "Jan." do not end one."""
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\n", text):
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        start = 0
        for match in _SENTENCE_BREAK.finditer(paragraph):
            sentence = paragraph[start : match.end(1)]
            if ends_with_abbreviation(sentence.rstrip("\"'”’)]")):
                continue
            sentences.append(sentence.strip())
            start = match.end()
        tail = paragraph[start:].strip()
        if tail:
            sentences.append(tail)
    return sentences


# Quote marks: each opening mark and the marks that close it. English “…” and "…" (either closes
# either: pages mix them), the guillemets of Russian, French and many more, German „…“.
QUOTE_CLOSERS = {"“": '”"', '"': '”"', "«": "»", "„": "“”"}


def whole_quotes(sentences: list[str]) -> list[str]:
    """`sentences` (split_sentences of one paragraph) with those a quotation runs across
    joined: "This crack did not appear overnight. The warnings were ignored," he said is one
    sentence to show, not a stray opening and a close with no start."""
    joined: list[str] = []
    for sentence in sentences:
        if joined and _quote_open(joined[-1]):
            joined[-1] += " " + sentence
        else:
            joined.append(sentence)
    return joined


def _quote_open(text: str) -> bool:
    """Whether a quotation opened in `text` is still open at its end (QUOTE_CLOSERS' marks)."""
    open_marks: list[str] = []
    for char in text:
        if open_marks and char in QUOTE_CLOSERS[open_marks[-1]]:
            open_marks.pop()
        elif char in QUOTE_CLOSERS:
            open_marks.append(char)
    return bool(open_marks)


def sentence_stops(text: str) -> Iterator[int]:
    """Offsets just past each . ! ? that stands before a space or the end, not after a title or an
    initial ("Mr.", "John F.")."""
    for match in _STOP.finditer(text):
        if not ends_with_abbreviation(text[: match.end()], titles_only=True):
            yield match.end()


def has_inner_sentence_end(line: str) -> bool:
    """Whether a sentence ends inside the line ("… neighborhood. Hosam Katan"): captions and prose
    do this, headlines do not."""
    return bool(_INNER_SENTENCE_END.search(line))


def first_sentence(text: str) -> str:
    """The text up to its first . ! or ? before a space (all of it when there is none)."""
    return _FIRST_SENTENCE_END.split(text, maxsplit=1)[0]


def looks_finished(line: str) -> bool:
    """Whether a line ends as finished text does: a stop, a colon, or a closing quote or bracket."""
    return line.endswith(_LINE_END_MARKS)


def fold(text: str) -> str:
    """Lower case, ASCII letters, straight quotes: the form every comparison and name key starts from."""
    return transliterate(text.translate(_QUOTE_CHARS)).lower()


def transliterate(text: str) -> str:
    """`text` in ASCII letters: accents dropped, other scripts spelt out (Unidecode, without the marks
    it gives some letters), case kept."""
    return unidecode(text.translate(_LETTER_MARKS))


def fold_spaces(text: str) -> str:
    """Case folded, each run of whitespace one space, the ends trimmed: two spellings of one name
    ("The  Example Times", "the example times") compare equal."""
    return " ".join(text.casefold().split())


def site_key(text: str) -> str:
    """Compatibility forms joined (NFKC), case folded, every character that is not a letter or digit
    dropped: "Example-Times", "example times" and "ExampleTimes" share one key (any script)."""
    return _NON_WORD.sub("", unicodedata.normalize("NFKC", text or "").casefold())


def fold_punctuation(text: str) -> str:
    """Compatibility forms joined (NFKC), case folded, punctuation a space, spaces squashed: keeps
    every script, for telling whether two of a page's strings say the same."""
    return " ".join(_PUNCTUATION.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split())


# --- Words and where a clause opens ---------------------------------------------------------------

# A word of any script (letters, with inner hyphens and apostrophes: "al-Assad", "O'Brien").
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# Between two words, what makes the second open a new clause in any script: a stop, a colon or
# semicolon, a quote or bracket, a dash or a line break. (A capital after it is no name evidence.)
_CLAUSE_BREAK = re.compile(r"[.!?…:;\"«»“”„()\n—–]")


def words_with_openings(text: str) -> Iterator[tuple[str, int, int, bool]]:
    """(word, start, end, whether it opens a clause) for each word of `text`, in any script."""
    last = 0
    for match in WORD.finditer(text):
        opens = last == 0 or bool(_CLAUSE_BREAK.search(text, last, match.start()))
        yield match.group(0), match.start(), match.end(), opens
        last = match.end()


# --- Arabic letters fixed to the front of a word ---------------------------------------------------

# "and the", "with the", "for the", "the", then "and", "with", "for", "so", "like" ("وباريس" is "and
# Paris", "الرياض" "the Riyadh", "ولافروف" "and Lavrov"): the longer first, so each word's forms
# include the one with the whole run of prefixes gone.
ARABIC_PREFIXES = ("وال", "بال", "لل", "ال", "و", "ب", "ل", "ف", "ك")


def arabic_unprefixed(word: str, min_rest: int = 2) -> list[str]:
    """`word` without each Arabic prefix it starts with, where at least `min_rest` letters remain."""
    return [word[len(p) :] for p in ARABIC_PREFIXES if word.startswith(p) and len(word) - len(p) >= min_rest]

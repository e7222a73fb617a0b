"""Names over a text in one pass: which of many names a text mentions, and how often.

The rule for one name is a regular expression (`name_pattern`): its words in order with any
whitespace between them, not inside a longer word, case-insensitive except for initials ("TBP"),
which match as written. Run once per name, that rule read a 1 MB body 1,000 times with 500 outlets
in the archive (18 s of CPU). A NameMatcher reads it once: the text is folded (lowercased, whitespace runs
made one space) and an Aho-Corasick automaton of the folded names finds every place a name may
start; the name's own pattern then confirms each place in the original text, so what is counted
is exactly what the patterns would count. Folding keeps positions (one character for one) and maps
together every pair of characters the `re` module's IGNORECASE treats as equal, so it never hides a
match. Matchers are cached per set of names (the outlets of the archive change rarely).
"""

from __future__ import annotations

import bisect
import re
import re._casefix  # the IGNORECASE equivalences of this Python's `re` (Python 3.11+)
from functools import lru_cache

import ahocorasick

_LONG_SPACE_RUN = re.compile(r"\s{2,}")
# Characters IGNORECASE matches although their lowercase forms differ ("ı" and "i", "ſ" and "s",
# "ς" and "σ"), each mapped to one of its group.
_SAME_UNDER_IGNORECASE = {char: chr(min(char, *others)) for char, others in re._casefix._EXTRA_CASES.items()}
# Matchers kept: one per set of outlet names (the registry), and a few for tests and commands.
MATCHERS_CACHED = 8


def name_pattern(name: str) -> re.Pattern:
    """The rule for one name: its words with any whitespace between, as whole words; initials
    ("TBP") match case-sensitively so the word "tbp" in a sentence is not the outlet."""
    words = [re.escape(w) for w in name.split()]
    flags = 0 if name.isupper() else re.I
    return re.compile(r"(?<![\w])" + r"\s+".join(words) + r"(?![\w])", flags)


class NameMatcher:
    """Counts the names of one set in a text, as `name_pattern(name).findall(text)` would."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self._names = tuple(dict.fromkeys(name for name in names if name.strip()))
        self._patterns: dict[str, re.Pattern] = {}  # compiled when a name is first seen in a text
        by_key: dict[str, list[str]] = {}
        for name in self._names:
            by_key.setdefault(" ".join(_fold(name).split()), []).append(name)
        self._automaton = ahocorasick.Automaton()
        for key, same in by_key.items():
            self._automaton.add_word(key, (len(key), tuple(same)))
        if by_key:
            self._automaton.make_automaton()

    def counts(self, text: str) -> dict[str, int]:
        """{name: non-overlapping matches in `text`} for each name found at least once."""
        if not self._names:
            return {}
        folded = _fold(text)
        if len(folded) != len(text):  # no known character folds to two, but never count wrongly
            found = {name: len(self._pattern(name).findall(text)) for name in self._names}
            return {name: count for name, count in found.items() if count}
        normal, breaks, shifts = _collapse_spaces(folded)
        starts: dict[str, list[tuple[int, int]]] = {}
        for end, (length, names) in self._automaton.iter(normal):
            at = end - length + 1
            at += shifts[bisect.bisect_right(breaks, at) - 1]
            for name in names:
                match = self._pattern(name).match(text, at)
                if match:
                    starts.setdefault(name, []).append(match.span())
        return {name: _non_overlapping(spans) for name, spans in starts.items()}

    def _pattern(self, name: str) -> re.Pattern:
        pattern = self._patterns.get(name)
        if pattern is None:
            pattern = self._patterns[name] = name_pattern(name)
        return pattern


@lru_cache(maxsize=MATCHERS_CACHED)
def matcher_for(names: tuple[str, ...]) -> NameMatcher:
    """The matcher of a set of names, built once per set."""
    return NameMatcher(names)


def _fold(text: str) -> str:
    """`text` with each character replaced by one that stands for all it equals under IGNORECASE.
    "İ" is the one character whose lowercase is two ("i̇"); IGNORECASE takes it for "i"."""
    return text.replace("\u0130", "i").lower().translate(_SAME_UNDER_IGNORECASE)


def _collapse_spaces(folded: str) -> tuple[str, list[int], list[int]]:
    """`folded` with each whitespace run made one space and leading whitespace dropped (str.split's
    whitespace is the regular expressions' \\s), and how to find a position of the result in
    `folded`: add shifts[i] for the last breaks[i] at or before it."""
    removed = len(folded) - len(folded.lstrip())
    breaks, shifts = [0], [removed]
    for run in _LONG_SPACE_RUN.finditer(folded, removed):
        removed += len(run.group()) - 1
        breaks.append(run.end() - removed)
        shifts.append(removed)
    return " ".join(folded.split()), breaks, shifts


def _non_overlapping(spans: list[tuple[int, int]]) -> int:
    """How many of these matches findall keeps: the leftmost, then the next after it ends."""
    count, free_from = 0, 0
    for start, end in sorted(spans):
        if start >= free_from:
            count, free_from = count + 1, end
    return count

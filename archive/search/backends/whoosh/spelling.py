"""'Did you mean' in milliseconds: a SymSpell dictionary (symspellpy) per index segment, built from the
segment's unstemmed words and kept on disk beside the index, so no request scans the vocabulary.

SymSpell precomputes the deletions of every word, so a lookup checks a few dozen keys whatever the
vocabulary size (measured 0.05-0.8 ms on 200,000 words) where Whoosh's reader corrector walked the
whole term list in Python (9.5-21 s per unknown word at 5,000 articles). Segments never change, so a
segment's dictionary is built once (by rebuild_index right after its commit, or by the first search
that needs it) and read by every process from its pickle. Plain Python: the backend hands in words.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from symspellpy import SymSpell, Verbosity

log = logging.getLogger(__name__)

# Edits a suggestion may be from the typed word (2 catches a dropped and a swapped letter).
MAX_EDITS = 2
# SymSpell indexes deletions of each word's first PREFIX_CHARS letters: 7 is the library's default,
# its measured balance of memory against lookup speed.
PREFIX_CHARS = 7
# Words that can be suggested: at least MIN_CHARS letters, no digits, at most MAX_CHARS long.
MIN_CHARS, MAX_CHARS = 3, 30


class SpellingIndex:
    """SymSpell dictionaries keyed on segment id, loaded from (or written to) `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._loaded: dict[str, SymSpell] = {}
        self._lock = threading.Lock()

    def dictionary(self, key: str, words: Callable[[], Iterable[tuple[str, int]]]) -> SymSpell:
        """The dictionary of segment `key`, built from `words()` ((word, count) pairs) if no process
        has built it yet."""
        found = self._loaded.get(key)
        if found is not None:
            return found
        with self._lock:
            found = self._loaded.get(key) or self._load(key) or self._build(key, words())
            self._loaded[key] = found
            return found

    def preload(self, keys: Iterable[str]) -> None:
        """Load the saved dictionaries of `keys` in a background thread (a 10,000-article segment's
        takes about a second to unpickle: better at start than in the first reader's typo)."""
        wanted = [k for k in keys if k not in self._loaded]
        if wanted:
            threading.Thread(
                target=self._preload, args=(wanted,), name="spelling-preload", daemon=True
            ).start()

    def _preload(self, keys: list[str]) -> None:
        for key in keys:
            with self._lock:
                if key not in self._loaded:
                    found = self._load(key)
                    if found is not None:
                        self._loaded[key] = found

    def forget_except(self, keys: set[str], *, on_disk: bool) -> None:
        """Drop the dictionaries of segments that no longer exist: from memory, and with `on_disk`
        their files too (only the process that replaced the segments knows no other still reads
        them)."""
        for key in set(self._loaded) - keys:
            self._loaded.pop(key, None)
        if on_disk and self.folder.is_dir():
            for path in self.folder.glob("*.pickle"):
                if path.stem not in keys:
                    path.unlink(missing_ok=True)

    def suggest(self, keys: Iterable[str], word: str) -> str | None:
        """The closest known word to `word` over the given segments: fewest edits, then most used."""
        best: tuple[int, int, str] | None = None
        for key in keys:
            dictionary = self._loaded.get(key)
            if dictionary is None:
                continue
            for item in dictionary.lookup(word, Verbosity.CLOSEST, max_edit_distance=MAX_EDITS):
                candidate = (item.distance, -item.count, item.term)
                if item.term != word and (best is None or candidate < best):
                    best = candidate
        return best[2] if best else None

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def _load(self, key: str) -> SymSpell | None:
        path = self._path(key)
        if not path.exists():
            return None
        dictionary = SymSpell(max_dictionary_edit_distance=MAX_EDITS, prefix_length=PREFIX_CHARS)
        try:
            dictionary.load_pickle(path, compressed=False)
        except Exception:  # a half-written, foreign or vanished file: build it again
            log.warning("spelling dictionary %s unreadable; rebuilding it", path)
            return None
        return dictionary

    def _build(self, key: str, words: Iterable[tuple[str, int]]) -> SymSpell:
        dictionary = SymSpell(max_dictionary_edit_distance=MAX_EDITS, prefix_length=PREFIX_CHARS)
        for word, count in words:
            if MIN_CHARS <= len(word) <= MAX_CHARS and word.isalpha():
                dictionary.create_dictionary_entry(word, max(1, count))
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self._path(key).with_suffix(f".{os.getpid()}.tmp")
            dictionary.save_pickle(tmp, compressed=False)
            tmp.replace(self._path(key))  # atomic: another process never reads half a file
        except OSError as e:
            log.warning("spelling dictionary for segment %s not saved: %s", key, e)
        return dictionary

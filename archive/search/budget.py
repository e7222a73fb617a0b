"""How much work one public request may do, and what it tells the reader when it stops early.

Every search, export and comparison gets a Budget: a deadline and caps on the work that grows with
what is typed (words a prefix expands to, phrases verified, rows written). Past a cap the request
answers with what it has and says so in a notice; it never runs into the worker timeout.
(Plain Python: backends and views share it.)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

# Seconds a search may spend before it answers with the matches found so far. Chosen well above the
# slowest worst case measured after the fixes (about 0.3 s at 10,000 generated articles) and far
# below gunicorn's 30 s worker timeout: it is a safety net, not the usual bound.
SEARCH_SECONDS = 2.0
# Words one prefix expands to, and over the whole query (shared out equally between its prefixes).
# A 3-letter prefix reaches ~1,000 words of a 30,000-word vocabulary; each word read costs about a
# millisecond at 10,000 articles on the benchmark machine under load: 32 prefixes sharing 2,000
# words took 4.3 s, so 500 in all.
PREFIX_WORDS = 500
QUERY_PREFIX_WORDS = 500
# Phrases verified position by position (each reads every position of its rarest words); more
# phrases are searched as their words in any order. 32 phrases of common words took 3.3 s at 5,000.
MAX_PHRASES = 8
# Words kept in one phrase: a longer quotation is cut (its first words still find the passage).
MAX_PHRASE_WORDS = 12
# A streamed export stops after this long or this many rows and says so in its last line. 20 s is
# under gunicorn's default 30 s timeout, so even a sync worker ends the file itself.
EXPORT_SECONDS = 20.0
EXPORT_ROWS = 100_000


@dataclass
class Budget:
    """The allowance of one request (mutable: it counts the work as it is done)."""

    seconds: float = SEARCH_SECONDS
    prefix_words: int = QUERY_PREFIX_WORDS
    phrases: int = MAX_PHRASES
    notices: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def remaining(self) -> float:
        return max(0.0, self.seconds - (time.monotonic() - self.started))

    def expired(self) -> bool:
        return self.remaining() <= 0

    def note(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)

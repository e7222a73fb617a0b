"""The date window every story rule shares (archive.compare.stories for words, event_evidence across
languages): one home, so the two rules cannot drift apart. Plain Python."""

from __future__ import annotations

# Two dated articles further apart than this are never the same event (a meeting and its coverage
# rarely spread over more than a few days; previews run a day or two ahead). 2 and 4 scored alike on the
# generated set (its reports sit within two days); 4 keeps late reports and the seeds' preview.
MAX_DAYS_APART = 4

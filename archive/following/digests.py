"""Daily e-mail digests of saved searches: each user with alerts on gets one e-mail listing, per
saved search, the matches imported since that search's last digest, and never the same match twice.

Each saved search keeps a high-water mark (SavedSearch.digest_mark, an import time). A run lists
what was imported after the mark and up to the run's start, and in ONE transaction per user sends
the e-mail, records a DigestSent row per search and moves the marks to the run's start: a failed
send moves nothing (the next run lists it again), and a second run finds nothing new. The searches'
rows are locked for the transaction, so two runs at once cannot both send them.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from archive import browsing
from archive.following.saved import new_matches
from archive.models import Article, DigestSent, SavedSearch

log = logging.getLogger(__name__)

# A daily digest: a scheduler that runs the task more often than this sends no more often.
DIGEST_EVERY = dt.timedelta(hours=20)
# Articles listed per saved search; the e-mail says how many more there are.
LISTED = 20


@dataclass(frozen=True)
class DigestPart:
    """One saved search's new matches in a digest."""

    saved: SavedSearch
    total: int
    articles: tuple[Article, ...]

    @property
    def more(self) -> int:
        return self.total - len(self.articles)


def send_digests(now: dt.datetime | None = None) -> int:
    """Send every due digest; returns how many e-mails were sent."""
    now = now or timezone.now()
    users = (
        get_user_model()
        .objects.filter(is_active=True, saved_searches__alerts=SavedSearch.Alerts.DAILY)
        .exclude(email="")
        .distinct()
    )
    sent = 0
    for user in users:
        try:
            sent += _send_to(user, now)
        except Exception:  # one bad address or a mail server hiccup must not stop the others
            log.exception("the digest for user %s was not sent; it will be tried again", user.pk)
    return sent


def _send_to(user, now: dt.datetime) -> int:
    with transaction.atomic():
        searches = SavedSearch.objects.select_for_update().filter(user=user, alerts=SavedSearch.Alerts.DAILY)
        recent = DigestSent.objects.filter(sent_at__gt=now - DIGEST_EVERY).values("saved_search")
        due = list(searches.exclude(pk__in=recent).order_by("name", "pk"))
        parts = [_part(saved, now) for saved in due]
        parts = [p for p in parts if p.total]
        if not parts:
            return 0
        send_mail(_subject(parts), _body(user, parts), None, [user.email])
        for part in parts:
            DigestSent.objects.create(
                saved_search=part.saved, articles=part.total, mark_from=part.saved.digest_mark, mark_to=now
            )
        SavedSearch.objects.filter(pk__in=[p.saved.pk for p in parts]).update(digest_mark=now)
    return 1


def _part(saved: SavedSearch, now: dt.datetime) -> DigestPart:
    ids = new_matches(saved, saved.digest_mark, now)
    return DigestPart(saved, len(ids), tuple(browsing.listed(ids[:LISTED])))


def _subject(parts: list[DigestPart]) -> str:
    total = sum(p.total for p in parts)
    return f"Parallax: {total} new article{'s' if total != 1 else ''} for your saved searches"


def _body(user, parts: list[DigestPart]) -> str:
    context = {"user": user, "parts": parts, "site": settings.PARALLAX_SITE_URL.rstrip("/")}
    return render_to_string("archive/email/digest.txt", context)

"""Saved searches (a user's question kept as the search page's query string) and the e-mail digests
sent for them (archive/following/)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models.functions import MD5
from django.urls import reverse
from django.utils import timezone

from archive.paths import view_path

# Parameters of a search URL that say where in the results a reader was, or in what form the answer is
# sent, not what they asked.
NOT_THE_QUESTION = ("page", "format")


def question_of(query_string: str) -> str:
    """The query string as typed, less NOT_THE_QUESTION (a saved search opens on its first page, as a
    page)."""
    parts = [p for p in query_string.lstrip("?").split("&") if p]
    return "&".join(p for p in parts if p.split("=", 1)[0] not in NOT_THE_QUESTION)


def question_pairs(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The same of (name, value) pairs already read from a query string."""
    return [(k, v) for k, v in pairs if k not in NOT_THE_QUESTION]


def search_address(question: str, view: str = "archive:search") -> str:
    """The URL of the search page (or of `view`, its feed or API) asking `question`, a query string."""
    return with_question(view_path(view), question)


def with_question(path: str, question: str) -> str:
    """`path` asking `question` (search_address for a path reversed once, as a list of links does)."""
    return f"{path}?{question}" if question else path


class SavedSearch(models.Model):
    """A search a signed-in user kept: its page's query string, exactly as it was (less the page). A
    user keeps one row per question (saving it again renames that row)."""

    class Alerts(models.TextChoices):
        NONE = "none", "No e-mail"
        DAILY = "daily", "Daily e-mail digest"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=200)
    query_string = models.TextField(blank=True, help_text="The search page's URL parameters, as typed.")
    alerts = models.CharField(max_length=10, choices=Alerts.choices, default=Alerts.NONE)
    created_at = models.DateTimeField(auto_now_add=True)
    # Matches imported after this are "new" on the saved-searches page; opening the search moves it.
    last_seen_at = models.DateTimeField(default=timezone.now)
    # The digest's high-water mark: matches imported after it have not been e-mailed yet. Moved in
    # the same transaction as the DigestSent row that records the e-mail.
    digest_mark = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "saved searches"
        constraints = [
            # On the question's hash: a query string may be longer than a PostgreSQL b-tree entry.
            models.UniqueConstraint(
                "user",
                MD5("query_string"),
                name="saved_search_once_per_user",
                violation_error_message="This user has already saved this search.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("archive:saved_search", args=[self.pk])

    def search_url(self) -> str:
        return search_address(self.query_string)


class DigestSent(models.Model):
    """One saved search's part of an e-mail digest: what it listed, up to which import time."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="digests")
    sent_at = models.DateTimeField(auto_now_add=True)
    articles = models.PositiveIntegerField(help_text="New matches the e-mail listed.")
    mark_from = models.DateTimeField(help_text="Matches imported after this were new.")
    mark_to = models.DateTimeField(help_text="... up to this import time.")

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = "digest sent"
        verbose_name_plural = "digests sent"

    def __str__(self) -> str:
        return f"{self.saved_search} at {self.sent_at:%Y-%m-%d %H:%M}"

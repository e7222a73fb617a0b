"""Saved searches (a user's question kept as the search page's query string) and the e-mail digests
sent for them (archive/following/)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class SavedSearch(models.Model):
    """A search a signed-in user kept: its page's query string, exactly as it was (less the page)."""

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

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("archive:saved_search", args=[self.pk])

    def search_url(self) -> str:
        base = reverse("archive:search")
        return f"{base}?{self.query_string}" if self.query_string else base


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

"""Outlets (Source) and the page lines learned to be an outlet's noise (BoilerplateLine)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from archive.models.base import unique_slug


class Source(models.Model):
    """An outlet. Aliases (initials such as "TBP"), web domains and optional regular
    expressions let the ingest pipeline recognise it in a page that does not spell out its name."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    aliases = models.JSONField(default=list, blank=True, help_text="Other names and initials, e.g. TBP.")
    domains = models.JSONField(default=list, blank=True, help_text="Web domains, e.g. themoscowtimes.com.")
    patterns = models.JSONField(
        default=list, blank=True, help_text="Regular expressions; a page matching one is from this source."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Source, self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("archive:source", args=[self.slug])


class BoilerplateLine(models.Model):
    """A line seen on an outlet's pages. Once it recurs in enough distinct articles of the
    same source it is treated as page noise for that source (learned, not hard-coded)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="boilerplate_lines")
    digest = models.CharField(max_length=40)
    text = models.CharField(max_length=500)
    article_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "digest"], name="one_line_per_source")]

    def __str__(self) -> str:
        return self.text[:80]

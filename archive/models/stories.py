"""Stories (articles from several outlets about one event) and the change log that keeps every
process's story index in sync (archive/stories/synced_index.py)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse


class Story(models.Model):
    """Articles from several outlets about one event."""

    title = models.CharField(max_length=300)
    title_is_custom = models.BooleanField(default=False, help_text="An editor set the title; keep it.")
    locked = models.BooleanField(default=False, help_text="Re-clustering leaves a locked story alone.")
    first_published = models.DateField(null=True, blank=True)
    last_published = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-last_published", "-id"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("archive:story", args=[self.pk])


class StoryIndexGeneration(models.Model):
    """The one row counting changes to what story clustering knows about articles. A change bumps it
    (an UPDATE, so on PostgreSQL the row stays locked until the transaction ends): each change gets
    the next number, in commit order, with no gaps (a rolled-back change gives its number back)."""

    value = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.value)


class StoryIndexChange(models.Model):
    """One entry of the story index's change log (archive/stories/synced_index.py): an article was added,
    changed (new terms, people or date) or removed (deleted, marked a duplicate). Written in the
    transaction that made the change; every process applies the entries past the last it saw."""

    class Kind(models.TextChoices):
        ADDED = "added"
        REPLACED = "replaced"
        REMOVED = "removed"

    seq = models.PositiveBigIntegerField(primary_key=True)
    # Not a foreign key: the entry outlives the article it says was deleted.
    article_id = models.BigIntegerField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    # Tells this entry from another that took its number after a rollback.
    token = models.CharField(max_length=16)

    class Meta:
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"{self.seq}: {self.article_id} {self.kind}"

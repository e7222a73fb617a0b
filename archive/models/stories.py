"""Stories (articles from several outlets about one event) and the change log that keeps every
process's story index in sync (archive/stories/synced_index.py)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse


class StoryQuerySet(models.QuerySet):
    def _articles(self) -> models.QuerySet:
        # Article is defined in articles.py, which imports this module: reached through the relation.
        return self.model._meta.get_field("articles").related_model.objects

    def with_articles(self) -> StoryQuerySet:
        """Stories that hold an article (an emptied story counts no outlet)."""
        return self.filter(outlet_count__gt=0)

    def coverage_first(self) -> StoryQuerySet:
        """Most outlets first, then the most recent (undated last): the order of /stories/ and
        the home page, read off the story_coverage_first index."""
        return self.order_by("-outlet_count", F("last_published").desc(nulls_last=True), "-id")

    def covered_by(self, source) -> StoryQuerySet:
        return self.filter(Exists(self._articles().filter(story=OuterRef("pk"), source=source)))

    def in_language(self, language: str) -> StoryQuerySet:
        return self.filter(Exists(self._articles().filter(story=OuterRef("pk"), language=language)))

    def overlapping(self, start: dt.date | None, end: dt.date | None) -> StoryQuerySet:
        """Stories whose first..last published days meet start..end (either end open)."""
        stories = self.filter(last_published__gte=start) if start else self
        return stories.filter(first_published__lte=end) if end else stories

    def refresh_outlet_counts(self) -> int:
        """Store each story's number of outlets: its articles' distinct named outlets, and 1 for a
        story whose articles all lack one (so it is still listed). An article with no outlet is no
        evidence of another outlet's coverage: counted as one, a single outlet's story beside an
        unnamed page led "Stories covered by most outlets" (two new users' runs took it for two
        outlets). The one home of that rule; called wherever a story's articles or their outlets
        change (stories.clustering.refresh_story, Article.save, ArticleQuerySet.update)."""
        members = self._articles().filter(story=OuterRef("pk")).order_by().values("story")
        counts = members.annotate(n=Greatest(Count("source", distinct=True), Value(1))).values("n")
        return self.update(outlet_count=Coalesce(Subquery(counts), 0))

    refresh_outlet_counts.alters_data = True


class Story(models.Model):
    """Articles from several outlets about one event."""

    title = models.CharField(max_length=300)
    title_is_custom = models.BooleanField(default=False, help_text="An editor set the title; keep it.")
    locked = models.BooleanField(default=False, help_text="Re-clustering leaves a locked story alone.")
    first_published = models.DateField(null=True, blank=True)
    last_published = models.DateField(null=True, blank=True)
    # How many outlets covered it (StoryQuerySet.refresh_outlet_counts), stored so /stories/ sorts and
    # filters on an index instead of counting every story's articles.
    outlet_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-last_published", "-id"]
        verbose_name_plural = "stories"
        # The coverage_first() order has its index, story_coverage_first, made by migration 0008 (its
        # NULLS LAST is spelled differently on SQLite and PostgreSQL, which a Meta index cannot do).

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

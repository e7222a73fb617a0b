"""The versions of an article: each upload from the same URL that changed its title, body or date.

The article row always holds the newest version (search, stories and every page read it); these
rows keep what it said before and when each version came in. An article uploaded once has no
version rows: the first re-upload that changes it records the version it had (at its upload time)
and the new one (archive.importing.versions)."""

from __future__ import annotations

from django.db import models

from archive.compare.versions import VersionChange, VersionText, version_changes
from archive.models.articles import Article


class ArticleVersionQuerySet(models.QuerySet):
    def changes(self) -> tuple[VersionChange, ...]:
        """What each of these versions changed from the one before it (archive.compare.versions)."""
        fields = ("number", "uploaded_at", "title", "body", "published_date")
        return version_changes([VersionText(*row) for row in self.values_list(*fields)])


class ArticleVersion(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(help_text="1 for the first upload, then 2, 3, ...")
    title = models.CharField(max_length=500)
    body = models.TextField()
    published_date = models.DateField(null=True, blank=True)
    uploaded_at = models.DateTimeField(help_text="When this version was uploaded.")
    filename = models.CharField(max_length=500, blank=True, help_text="The uploaded file's name.")

    objects = ArticleVersionQuerySet.as_manager()

    class Meta:
        ordering = ["article", "number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="one_version_number")]

    def __str__(self) -> str:
        return f"{self.article_id} version {self.number}"

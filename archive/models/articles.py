"""Articles, the people they mention (Mention), their quotes, and the sampled shingle keys that
find near-duplicates."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models, transaction
from django.urls import reverse

from archive.models.people import Person
from archive.models.sources import Source
from archive.models.stories import Story

# The provenance of a value an editor set or confirmed: re-extraction keeps it
# (importing.base.KEPT_PROVENANCE) and pages say "confirmed by an editor".
EDITOR = "editor"


class ArticleQuerySet(models.QuerySet):
    def update(self, **kwargs) -> int:
        """Update the articles; a new `source` is copied onto their mentions too (Mention.source)."""
        with transaction.atomic(using=self.db):
            if "source" in kwargs or "source_id" in kwargs:
                source = kwargs.get("source", kwargs.get("source_id"))
                mentions = Mention.objects.filter(article__in=self.values("pk"))
                mentions.update(source_id=getattr(source, "pk", source))
                stories = set(self.filter(story__isnull=False).values_list("story", flat=True))
                done = super().update(**kwargs)
                Story.objects.filter(pk__in=stories).refresh_outlet_counts()  # their outlets changed
                return done
            return super().update(**kwargs)

    update.alters_data = True

    def needing_review(self) -> ArticleQuerySet:
        return self.filter(needs_review=True)

    def originals(self) -> ArticleQuerySet:
        """Articles that are not recorded as a duplicate of another."""
        return self.filter(duplicate_of__isnull=True)

    def with_people(self) -> ArticleQuerySet:
        """Prefetch each article's mentions with their people in one joined query.

        Not `prefetch_related("mentions__person")`: Django 5.2 fetches the people of a prefetch by
        an OR of one equality per person on SQLite, which fails past 1,000 people ("Expression tree
        is too large") - a chunk of 500 real articles names more than that."""
        mentions = models.Prefetch("mentions", queryset=Mention.objects.select_related("person"))
        return self.prefetch_related(mentions)


class Article(models.Model):
    title = models.CharField(max_length=500)
    subtitle = models.TextField(blank=True)
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    published_date = models.DateField(
        null=True, blank=True, help_text="Empty when the text does not state it."
    )
    published_time = models.TimeField(null=True, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    credit = models.CharField(max_length=300, blank=True, help_text="Byline or agency credit.")
    dateline = models.CharField(max_length=100, blank=True)
    body = models.TextField(help_text="Clean body text, page noise removed.")
    language = models.CharField(
        max_length=8, blank=True, db_index=True, help_text="ISO 639-1 code of the body's language."
    )
    raw_text = models.TextField(help_text="The text as uploaded, decoded, so extraction can be re-run.")
    raw_format = models.CharField(max_length=10, default="text", help_text="text or html")
    filename = models.CharField(max_length=500, blank=True, help_text="The uploaded file's name.")
    # How each metadata value was found, e.g. {"published": "dateline line 2", "source": "uploader"}.
    provenance = models.JSONField(default=dict, blank=True)
    # Names of the fields an editor should check, e.g. ["published"]; needs_review mirrors it for filtering.
    review_fields = models.JSONField(default=list, blank=True)
    needs_review = models.BooleanField(default=False, db_index=True)
    fingerprint = models.CharField(max_length=64, db_index=True, help_text="SHA-256 of the normalised body.")
    # MinHash-style signature of the body's word shingles, for near-duplicate detection.
    shingles = models.JSONField(default=list, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    # Top stemmed terms of title and body with their counts ({term: count}), computed at ingest so story
    # clustering compares articles without re-reading every body (archive.compare.story_terms.build_terms).
    cluster_terms = models.JSONField(default=dict, blank=True, editable=False)
    people = models.ManyToManyField(Person, through="Mention", related_name="articles", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_date", "-published_time", "-id"]
        indexes = [
            models.Index(fields=["source", "published_date"]),
            # A story's outlets and languages (/stories/ filters, outlet counts) on the index alone.
            models.Index(fields=["story", "source"], name="article_story_source"),
            models.Index(fields=["story", "language"], name="article_story_language"),
            models.Index(fields=["published_date"]),
            models.Index(fields=["url"]),
            # Originals counted by outlet (/compare/sources/) on the index alone: through the
            # duplicate_of index SQLite read every row past its body to find the outlet (0.6 s).
            models.Index(fields=["duplicate_of", "source"], name="article_original_source"),
            # What was imported since a saved search was last looked at or e-mailed (archive/following/).
            models.Index(fields=["created_at"], name="article_created_at"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.needs_review = bool(self.review_fields)
        is_new = self._state.adding
        update_fields = kwargs.get("update_fields")
        with transaction.atomic(using=kwargs.get("using")):
            super().save(*args, **kwargs)
            if not is_new:  # the outlet may have changed: its mentions carry it too (Mention.source)
                self.mentions.exclude(source_id=self.source_id).update(source_id=self.source_id)
            # A new or changed outlet changes its story's outlet count; moves between stories are
            # followed by stories.clustering.refresh_story.
            if self.story_id and (update_fields is None or "source" in update_fields):
                Story.objects.filter(pk=self.story_id).refresh_outlet_counts()

    def get_absolute_url(self) -> str:
        return reverse("archive:article", args=[self.pk])

    def confirm(self, fields: Iterable[str]) -> list[str]:
        """An editor checked these metadata `fields` (names of review_fields and provenance): they leave
        the review flags and their values count as the editor's, kept through re-extraction. The one
        home of that rule (the change form's edits, its "Mark reviewed", the admin action). Returns
        the flags cleared; the caller saves."""
        fields = set(fields)
        cleared = [field for field in self.review_fields if field in fields]
        self.provenance = {**(self.provenance or {}), **dict.fromkeys(sorted(fields), EDITOR)}
        self.review_fields = [field for field in self.review_fields if field not in fields]
        return cleared


class MentionQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Create the mentions, each carrying its article's outlet (see Mention.source)."""
        objs = list(objs)
        unread = {m.article_id for m in objs if not Mention.article.is_cached(m)}
        sources = dict(Article.objects.filter(pk__in=unread).values_list("pk", "source_id")) if unread else {}
        for mention in objs:
            cached = Mention.article.is_cached(mention)
            mention.source_id = mention.article.source_id if cached else sources.get(mention.article_id)
        return super().bulk_create(objs, *args, **kwargs)

    def people_ranked(self, *fields: str) -> models.QuerySet:
        """Rows of `fields` (a person's) with `mention_count` and `article_count`, the people named in
        most articles first, then most mentioned: the one order of every list of people (one page that
        repeats a name must not outrank people many articles name). One mention row per article and
        person, so counting rows counts articles."""
        return (
            self.values(*fields)
            .annotate(mention_count=models.Sum("count"), article_count=models.Count("id"))
            .order_by("-article_count", "-mention_count", *fields)
        )


class Mention(models.Model):
    """A person named in an article: how often, and the spellings the article used.

    `source` is a copy of the article's outlet, kept equal to it by Mention.save, bulk_create,
    Article.save and ArticleQuerySet.update (tests/test_browse_mention_source.py). Counting a person's
    outlets from the mention rows alone saves reading each article's row: on SQLite `source_id` sits
    after the article's body and raw text, so reading it walks every row's overflow pages (the
    people list took 3-10 s at 100,000 articles)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="mentions")
    source = models.ForeignKey(
        Source, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="mentions"
    )
    count = models.PositiveIntegerField(default=1)
    forms = models.JSONField(default=list, blank=True, help_text="Spellings used in this article.")

    objects = MentionQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "person"], name="one_mention_per_person")]
        # Covers the people rankings (SUM(count) GROUP BY person) and each person's outlet counts
        # (COUNT(DISTINCT source)), so they read the index, not the table: 1.9 s -> 0.3 s for
        # 500,000 mentions on SQLite.
        indexes = [models.Index(fields=["person", "source", "count"], name="mention_person_source_count")]
        ordering = ["-count"]

    def __str__(self) -> str:
        return f"{self.person} in {self.article_id} ({self.count})"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "source" in update_fields:
            self.source_id = Article.objects.filter(pk=self.article_id).values_list("source_id", flat=True)[0]
        super().save(*args, **kwargs)


class Quote(models.Model):
    """A direct quotation in an article, with its speaker where the text says who."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    speaker = models.CharField(max_length=200, blank=True, help_text="The speaker as the text names them.")
    text = models.TextField()
    position = models.PositiveIntegerField(default=0, help_text="Character offset in the body.")

    class Meta:
        ordering = ["article", "position"]

    def __str__(self) -> str:
        return self.text[:80]


class ShingleKey(models.Model):
    """One sampled word-shingle hash of an article's body (archive.ingest.dedup.sketch_body),
    indexed so a new article finds its near-duplicate candidates without reading the archive."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="shingle_keys")
    key = models.BigIntegerField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key} in {self.article_id}"

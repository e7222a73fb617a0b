"""The archive's data: outlets, people, articles, the stories that group them, and quotes; import
jobs (uploads run by the task workers, archive/jobs.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import models, transaction
from django.db.models import Case, Count, Exists, F, Max, OuterRef, Subquery, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import slugify

# The provenance of a value an editor set or confirmed: re-extraction keeps it (importer.KEPT_PROVENANCE)
# and pages say "confirmed by an editor".
EDITOR = "editor"


def unique_slug(model: type[models.Model], text: str, *, exclude_pk: int | None = None) -> str:
    """A slug for `text` not yet used by another row of `model` (adds -2, -3, ...)."""
    base = slugify(text)[:80] or "item"
    slug, n = base, 1
    qs = model._default_manager.all()
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


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


class PersonQuerySet(models.QuerySet):
    def real(self) -> PersonQuerySet:
        """People, without the names an admin marked as "not a person"."""
        return self.filter(not_a_person=False)


class Person(models.Model):
    """One real person, however the articles spell them. `not_a_person` is an admin's verdict
    that this name (and its aliases) is a place, organisation or noise: later ingests drop it."""

    name = models.CharField(max_length=200, help_text="Canonical name, e.g. Bashar al-Assad.")
    slug = models.SlugField(max_length=100, unique=True)
    not_a_person = models.BooleanField(
        default=False, db_index=True, help_text="This name is not a person; ignore it on every ingest."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Person, self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("archive:person", args=[self.slug])


class PersonAlias(models.Model):
    """A spelling of a person's name. `key` is the normalised matching key computed by
    archive.ingest.namekeys (accents folded, particles and honorifics removed), unique
    so one spelling always resolves to one person."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, unique=True)
    # The key of the surname alone ("assad" for "Bashar al-Assad"), so a surname-only mention
    # or a first-name variant ("Ahmed"/"Ahmad Jarba") finds its person with one indexed lookup.
    surname_key = models.CharField(max_length=200, blank=True, default="", db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "person aliases"

    def __str__(self) -> str:
        return self.name


class StoryQuerySet(models.QuerySet):
    def with_articles(self) -> StoryQuerySet:
        """Stories that hold an article (an emptied story counts no outlet)."""
        return self.filter(outlet_count__gt=0)

    def coverage_first(self) -> StoryQuerySet:
        """Most outlets first, then the most recent (undated last): the order of /stories/ and
        the home page, read off the story_coverage_first index."""
        return self.order_by("-outlet_count", F("last_published").desc(nulls_last=True), "-id")

    def covered_by(self, source: Source) -> StoryQuerySet:
        return self.filter(Exists(Article.objects.filter(story=OuterRef("pk"), source=source)))

    def in_language(self, language: str) -> StoryQuerySet:
        return self.filter(Exists(Article.objects.filter(story=OuterRef("pk"), language=language)))

    def overlapping(self, start: dt.date | None, end: dt.date | None) -> StoryQuerySet:
        """Stories whose first..last published days meet start..end (either end open)."""
        stories = self.filter(last_published__gte=start) if start else self
        return stories.filter(first_published__lte=end) if end else stories

    def refresh_outlet_counts(self) -> int:
        """Store each story's number of outlets: its articles' distinct outlets, articles with no
        outlet counting as one more ("Unknown outlet"). The one home of that rule; called wherever
        a story's articles or their outlets change (clustering.refresh_story, Article.save,
        ArticleQuerySet.update)."""
        members = Article.objects.filter(story=OuterRef("pk")).order_by().values("story")
        unknown = Max(Case(When(source__isnull=True, then=1), default=0))
        counts = members.annotate(n=Count("source", distinct=True) + unknown).values("n")
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
    # clustering compares articles without re-reading every body (archive.compare.stories.build_terms).
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
            # followed by clustering.refresh_story.
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


class ShingleKey(models.Model):
    """One sampled word-shingle hash of an article's body (archive.ingest.dedup.sketch_body),
    indexed so a new article finds its near-duplicate candidates without reading the archive."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="shingle_keys")
    key = models.BigIntegerField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key} in {self.article_id}"


class ImportJob(models.Model):
    """An upload handed to the task workers: its files are split into chunks (one task each)."""

    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"
        CANCELLED = "cancelled"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    source_name = models.CharField(max_length=200, blank=True)
    may_update = models.BooleanField(default=True, help_text="The uploader may change stored articles.")
    # What was handed in, before unpacking: [[name shown, path], ...] (paths under MEDIA_ROOT or absolute).
    received = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    files_total = models.PositiveIntegerField(default=0)
    files_done = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    duplicate = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    current_file = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import job {self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED, self.Status.CANCELLED}


class ImportChunk(models.Model):
    """One task's share of a job: number 0 unpacks what was received, the others import files.
    `token` names the claim a task holds; `worker` (host:pid) and `heartbeat` say who runs it."""

    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="chunks")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    token = models.CharField(max_length=32)
    task_id = models.CharField(max_length=64, blank=True)
    worker = models.CharField(max_length=300, blank=True)
    heartbeat = models.DateTimeField(null=True, blank=True)
    runs = models.PositiveIntegerField(default=0, help_text="Times a worker claimed it (more: resumed).")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "number"], name="one_chunk_number_per_job")]
        indexes = [models.Index(fields=["status", "heartbeat"])]
        ordering = ["job", "number"]

    def __str__(self) -> str:
        return f"{self.job} chunk {self.number}"


class ImportFile(models.Model):
    """One file of a job, with what happened to it (FileResult dicts: an export gives several)."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="files")
    chunk = models.PositiveIntegerField()
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=500)
    path = models.CharField(max_length=1000, blank=True, help_text="Under MEDIA_ROOT, or absolute.")
    done = models.BooleanField(default=False)
    results = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "position"], name="one_file_per_position")]
        indexes = [models.Index(fields=["job", "chunk", "done"])]
        ordering = ["job", "position"]

    def __str__(self) -> str:
        return self.name


class StoryIndexGeneration(models.Model):
    """The one row counting changes to what story clustering knows about articles. A change bumps it
    (an UPDATE, so on PostgreSQL the row stays locked until the transaction ends): each change gets
    the next number, in commit order, with no gaps (a rolled-back change gives its number back)."""

    value = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.value)


class StoryIndexChange(models.Model):
    """One entry of the story index's change log (archive/story_index.py): an article was added,
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

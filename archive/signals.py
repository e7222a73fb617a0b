"""Keep the search index in step with the database: every change to an article, its mentions, or
the source or person names it carries is indexed after its transaction commits
(archive.search.schedule; settings.PARALLAX_INDEX_ON_SAVE switches it off)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from archive import clustering, story_index
from archive.models import Article, Mention, Person, Source, Story, StoryIndexChange
from archive.search import schedule

Kind = StoryIndexChange.Kind


@receiver(post_save, sender=Article, dispatch_uid="index_article_saved")
@receiver(post_delete, sender=Article, dispatch_uid="index_article_deleted")
def _article_changed(sender, instance: Article, **kwargs) -> None:
    schedule([instance.pk])


@receiver(post_save, sender=Mention, dispatch_uid="index_mention_saved")
@receiver(post_delete, sender=Mention, dispatch_uid="index_mention_deleted")
def _mention_changed(sender, instance: Mention, **kwargs) -> None:
    schedule([instance.article_id])


@receiver(post_save, sender=Source, dispatch_uid="index_source_renamed")
def _source_changed(sender, instance: Source, created: bool, **kwargs) -> None:
    if not created:  # a renamed outlet (or new alias) changes every one of its documents
        schedule(instance.articles.values_list("pk", flat=True))


@receiver(post_save, sender=Person, dispatch_uid="index_person_renamed")
def _person_changed(sender, instance: Person, created: bool, **kwargs) -> None:
    if not created:
        schedule(instance.mentions.values_list("article_id", flat=True))


@receiver(post_save, sender=Article, dispatch_uid="cluster_article_saved")
def _article_clustering_changed(
    sender, instance: Article, created: bool, update_fields=None, **kwargs
) -> None:
    """A new original stored with a story (restored from an export) is a candidate; one now marked a
    duplicate is not (in every process: the change is logged in this transaction). An article stored
    without a story is logged by clustering.on_article_ingested once it has one: the log is written
    as late as possible in the transaction, as on PostgreSQL it holds the counter row until commit."""
    if created:
        if instance.story_id and not instance.duplicate_of_id:
            story_index.record([instance.pk], Kind.ADDED)
    elif instance.duplicate_of_id and (update_fields is None or "duplicate_of" in update_fields):
        clustering.forget(instance)


@receiver(pre_delete, sender=Article, dispatch_uid="cluster_article_deleting")
def _article_deleting(sender, instance: Article, **kwargs) -> None:
    """Its duplicates become originals (duplicate_of is set to null): candidates again."""
    story_index.record(instance.duplicates.values_list("pk", flat=True), Kind.REPLACED)


@receiver(post_delete, sender=Article, dispatch_uid="cluster_article_deleted")
def _article_deleted(sender, instance: Article, **kwargs) -> None:
    """A deleted article is no longer a candidate, and its story's span and title follow."""
    clustering.forget(instance)
    story = Story.objects.filter(pk=instance.story_id).first() if instance.story_id else None
    if story is not None:
        clustering.refresh_story(story)


@receiver(post_save, sender=Mention, dispatch_uid="cluster_mention_saved")
def _mention_saved(sender, instance: Mention, **kwargs) -> None:
    """People merged (a mention moved to another person): the article's people keys change."""
    story_index.record([instance.article_id], Kind.REPLACED)


@receiver(post_save, sender=Person, dispatch_uid="cluster_person_not_a_person")
def _person_marked(sender, instance: Person, update_fields=None, **kwargs) -> None:
    """A name marked "not a person" stops counting as a person in the articles that name it."""
    if update_fields is not None and "not_a_person" in update_fields:
        story_index.record(instance.mentions.values_list("article_id", flat=True), Kind.REPLACED)

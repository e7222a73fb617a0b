"""Keep the search index in step with the database: every change to an article, its mentions, or
the source or person names it carries is indexed after its transaction commits
(archive.search.schedule; settings.PARALLAX_INDEX_ON_SAVE switches it off). Only the
search index: the story index keeps itself in step (archive/stories/signals.py)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from archive.models import Article, Mention, Person, Source
from archive.search import schedule


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

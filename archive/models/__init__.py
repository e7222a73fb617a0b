"""The archive's data, one module per subsystem: outlets (sources), people, articles with their
mentions and quotes, article versions, stories and the story index's change log, import jobs, saved
searches and their digests. Rows and QuerySet methods only; every model is re-exported here, so
`from archive.models import Article` is the way to import one. Models keep the app label `archive`
(and so their tables and migrations)."""

from archive.models.articles import (
    EDITOR,
    Article,
    ArticleQuerySet,
    Mention,
    MentionQuerySet,
    Quote,
    ShingleKey,
)
from archive.models.base import unique_slug
from archive.models.jobs import ImportChunk, ImportFile, ImportJob
from archive.models.people import Person, PersonAlias, PersonQuerySet
from archive.models.saved import DigestSent, SavedSearch
from archive.models.sources import BoilerplateLine, Source
from archive.models.stories import Story, StoryIndexChange, StoryIndexGeneration, StoryQuerySet
from archive.models.versions import ArticleVersion

__all__ = [
    "EDITOR",
    "Article",
    "ArticleQuerySet",
    "ArticleVersion",
    "BoilerplateLine",
    "DigestSent",
    "ImportChunk",
    "ImportFile",
    "ImportJob",
    "Mention",
    "MentionQuerySet",
    "Person",
    "PersonAlias",
    "PersonQuerySet",
    "Quote",
    "SavedSearch",
    "ShingleKey",
    "Source",
    "Story",
    "StoryIndexChange",
    "StoryIndexGeneration",
    "StoryQuerySet",
    "unique_slug",
]

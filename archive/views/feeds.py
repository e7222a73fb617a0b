"""Atom feeds (Django's syndication framework) of a search, an outlet, a person and a story, newest
first. The search feed runs the search page's own path: its form (person aliases resolved by
archive/searching.py) and the search backend; the others list what their page lists, from the ORM.

Every entry carries its title, outlet (the entry's author), link, a summary (the search snippet,
else the body's first sentences) and a date: the publication date the article states, or, when it
states none, its import time, and the summary says so."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from archive import browsing
from archive.compare.coverage import UNKNOWN_OUTLET
from archive.following.saved import search_request_for
from archive.ingest.textrules import split_sentences
from archive.models import Article, Person, Source, Story
from archive.models.saved import question_of, search_address
from archive.search.backend import bucket_label
from archive.searching import run_search

# Entries per feed: the first page of the search page (archive/search_forms.py PER_PAGE) and of the
# outlet and person pages.
FEED_ENTRIES = 20
# An entry's summary without a search snippet: the body's first sentences, up to about this long.
SUMMARY_CHARS = 300


@dataclass(frozen=True)
class Entry:
    article: Article
    summary: str  # HTML

    @property
    def published(self) -> dt.datetime | None:
        day = self.article.published_date
        if day is None:
            return None
        return dt.datetime.combine(day, self.article.published_time or dt.time(), tzinfo=dt.UTC)


@dataclass(frozen=True)
class Channel:
    title: str
    link: str
    subtitle: str
    entries: tuple[Entry, ...]
    feed_url: str = ""  # the feed's own address with its parameters (default: the request's path)


def opening(body: str) -> str:
    """The body's first sentences (at least one, about SUMMARY_CHARS in all), as escaped HTML."""
    taken: list[str] = []
    for sentence in split_sentences(body):
        if taken and len(" ".join([*taken, sentence])) > SUMMARY_CHARS:
            break
        taken.append(sentence)
    return escape(" ".join(taken), quote=False)


def _entries(ids: list[int], summaries: dict[int, str] | None = None) -> tuple[Entry, ...]:
    summaries = summaries or {}
    return tuple(Entry(a, summaries.get(a.pk) or opening(a.body)) for a in browsing.listed(ids))


def _newest(articles) -> tuple[Entry, ...]:
    return _entries(list(browsing.newest_ids(articles)[:FEED_ENTRIES]))


class ArticleFeed(Feed):
    """What every feed shares: an Atom feed of a Channel's entries."""

    feed_type = Atom1Feed

    def title(self, channel: Channel) -> str:
        return f"{channel.title} · Parallax"

    def link(self, channel: Channel) -> str:
        return channel.link

    def feed_url(self, channel: Channel) -> str | None:
        return channel.feed_url or None

    def subtitle(self, channel: Channel) -> str:
        return channel.subtitle

    def items(self, channel: Channel) -> tuple[Entry, ...]:
        return channel.entries

    def item_title(self, entry: Entry) -> str:
        return entry.article.title

    def item_link(self, entry: Entry) -> str:
        return entry.article.get_absolute_url()

    def item_author_name(self, entry: Entry) -> str:
        return entry.article.source.name if entry.article.source else UNKNOWN_OUTLET

    def item_pubdate(self, entry: Entry) -> dt.datetime | None:
        return entry.published

    def item_updateddate(self, entry: Entry) -> dt.datetime:
        return entry.published or entry.article.created_at

    def item_description(self, entry: Entry) -> str:
        if entry.published is not None:
            return entry.summary
        when = entry.article.created_at
        imported = f"{when.day} {when:%B %Y, %H:%M} UTC"
        return f"<p>The article states no date: imported {imported}.</p>{entry.summary}"


class _SearchFailed(Exception):
    """The feed's search could not run (its message says why, as the search page would)."""


class SearchFeed(ArticleFeed):
    """/search/feed/?q=...: the search page's parameters, its newest matches."""

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except _SearchFailed as failed:
            return HttpResponse(str(failed), status=503, content_type="text/plain; charset=utf-8")

    def get_object(self, request) -> Channel:
        question = question_of(request.META.get("QUERY_STRING", ""))
        search = search_request_for(question)
        page, failure = run_search(search)
        if page is None:
            raise _SearchFailed(failure)
        text = search.query.text
        link = search_address(question)
        ids = [hit.id for hit in page.hits]
        title = f"Search “{text}”" if text else "Search: the newest articles"
        sources = [bucket_label("source", s) for s in search.filters.sources]
        narrowed = [*sources, *search.filters.people, *search.filters.years]
        title += f" ({', '.join(narrowed)})" if narrowed else ""
        subtitle = f"{page.total} articles match; the newest {len(ids)} are here."
        own = search_address(question, "archive:search_feed")
        entries = _entries(ids, {h.id: h.snippet for h in page.hits})
        return Channel(title, link, subtitle, entries, feed_url=own)


class SourceFeed(ArticleFeed):
    def get_object(self, request, slug: str) -> Channel:
        source = get_object_or_404(Source, slug=slug)
        articles = source.articles.all()
        link = reverse("archive:source", args=[slug])
        return Channel(source.name, link, f"The newest articles of {source.name}.", _newest(articles))


class PersonFeed(ArticleFeed):
    def get_object(self, request, slug: str) -> Channel:
        person = get_object_or_404(Person.objects.real(), slug=slug)
        articles = Article.objects.filter(mentions__person=person)
        link = reverse("archive:person", args=[slug])
        return Channel(person.name, link, f"The newest articles naming {person.name}.", _newest(articles))


class StoryFeed(ArticleFeed):
    def get_object(self, request, pk: int) -> Channel:
        story = get_object_or_404(Story, pk=pk)
        link = reverse("archive:story", args=[pk])
        title = f"Story: {story.title}"
        return Channel(title, link, "The newest articles of this story.", _newest(story.articles.all()))


search_feed = SearchFeed()
source_feed = SourceFeed()
person_feed = PersonFeed()
story_feed = StoryFeed()

"""The story API: /api/stories/ (the stories of /stories/, in its order and with its filters) and
/api/stories/<id>/ (one story's articles side by side). The stories are read as the story pages
read them (archive.stories.loading); an article with no known outlet has `source` null."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Prefetch
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404

from archive.compare.alignment import ALIGNED_KINDS, Alignment
from archive.compare.coverage import Comparison
from archive.compare.framing import OutletFraming
from archive.ingest.exports import json_date, json_time
from archive.models import Article, Story
from archive.stories.loading import load_story
from archive.views import api_base
from archive.views.api_base import api_view
from archive.views.coverage import StoryListForm
from archive.views.paging import paginate

API_STORIES_PER_PAGE = 50


@api_view
def api_story_list(request: HttpRequest) -> JsonResponse:
    form = StoryListForm(request.GET)
    api_base.check(form)
    articles = Prefetch("articles", queryset=Article.objects.only("id", "story_id"))
    page = paginate(request, form.stories().prefetch_related(articles), API_STORIES_PER_PAGE)
    results = [
        {**story_head(story), "articles": sorted(a.pk for a in story.articles.all())}
        for story in page.object_list
    ]
    head = api_base.page_head(request, page.paginator.count, page.number, page.paginator.num_pages)
    return JsonResponse({**head, "results": results})


@api_view
def api_story_detail(request: HttpRequest, pk: int) -> JsonResponse:
    story = get_object_or_404(Story, pk=pk)
    loaded = load_story(story)
    payload = story_payload(story, loaded.comparison, loaded.framing)
    return JsonResponse({**payload, "aligned": aligned_payload(loaded.alignment)})


def story_head(story: Story) -> dict:
    return {
        "id": story.pk,
        "title": story.title,
        "first_published": json_date(story.first_published),
        "last_published": json_date(story.last_published),
        "outlet_count": story.outlet_count,
        "url": story.get_absolute_url(),
    }


def story_payload(story: Story, comparison: Comparison, framing: tuple[OutletFraming, ...] = ()) -> dict:
    """The JSON of /api/stories/<id>/. Outlets by their names; an article of no known outlet has
    `source` null (its people and quotes are listed under "Unknown outlet", as on the page)."""
    sources = {c.article_id: c.source if c.source_id is not None else None for c in comparison.columns}
    people_by_outlet: dict[str, Counter[str]] = defaultdict(Counter)
    for column in comparison.columns:
        for person in column.people:
            people_by_outlet[column.source][person.name] += person.count
    return {
        **story_head(story),
        "locked": story.locked,
        "articles": [
            {
                "id": c.article_id,
                "title": c.title,
                "source": sources.get(c.article_id),
                "published": json_date(c.published_date),
                "time": json_time(c.published_time),
                "words": c.words,
                "credit": c.credit.text,
                "credit_kind": c.credit.kind,
                "url": c.url or None,
                "language": c.language,
            }
            for c in comparison.columns
        ],
        "framing": [
            {
                "outlet": f.outlet,
                "terms": [{"term": t.shown, "count": t.count, "others": t.others, "z": t.z} for t in f.terms],
                "names": [{"person": person, "name": name} for person, name in f.names],
                "quoted": list(f.quoted),
                "leaves_out": list(f.leaves_out),
            }
            for f in framing
        ],
        "people_by_outlet": {
            outlet: [{"name": n, "count": k} for n, k in counts.most_common()]
            for outlet, counts in people_by_outlet.items()
        },
        "quotes": [
            {
                "speaker": row.speaker,
                "variants": [
                    {"article": v.article_id, "source": sources.get(v.article_id), "text": v.text}
                    for v in row.variants
                ],
            }
            for row in comparison.shared_quotes
        ],
        "unique_sentences": [
            {"article": c.article_id, "sentences": list(c.unique_sentences)} for c in comparison.columns
        ],
    }


def aligned_payload(alignment: Alignment) -> dict:
    """What can be aligned across the story's articles (compare.alignment): per kind, rows with
    one cell per column, each the article's wordings (empty: the article does not give it)."""
    return {
        "columns": [
            {
                "article": c.article_id,
                "source": c.source if c.source_id is not None else None,
                "language": c.language,
            }
            for c in alignment.columns
        ],
        **{
            kind: [
                {"label": row.label, "person": row.person_id, "cells": [list(cell) for cell in row.cells]}
                for row in getattr(alignment, kind)
            ]
            for kind in ALIGNED_KINDS
        },
    }

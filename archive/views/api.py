"""The read-only API beyond search and stories: articles (the search's filters, then each one in
full with its versions), people, outlets and the archive's facets. Every article is the same record
as in the search exports (archive.search.exports.article_records); pages, links and JSON errors come
from archive/views/api_base.py."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404

from archive import browsing
from archive.ingest.exports import json_date, json_time
from archive.models import Article, Person, Source
from archive.search.exports import article_records
from archive.views import api_base
from archive.views.api_base import api_view
from archive.views.browse import PersonListForm
from archive.views.paging import paginate, people_page

PEOPLE_PER_PAGE = 50
OUTLETS_PER_PAGE = 50


@api_view
def api_article_list(request: HttpRequest) -> JsonResponse:
    """Articles matching the search's parameters (q optional: without it, the newest first)."""
    page = api_base.search(request)
    head = api_base.page_head(request, page.total, page.page, page.pages)
    results = list(article_records([hit.id for hit in page.hits]))
    return JsonResponse({**head, "results": results, "notes": list(page.notices)})


@api_view
def api_article_detail(request: HttpRequest, pk: int) -> JsonResponse:
    article = get_object_or_404(Article, pk=pk)
    return JsonResponse(article_payload(article))


@api_view
def api_person_list(request: HttpRequest) -> JsonResponse:
    """People as /people/ lists them: named in most articles first (?sort=name: A-Z), ?letter= an initial."""
    data = api_base.check(PersonListForm(request.GET))
    sort, letter = data["sort"] or "mentions", data["letter"].upper()
    page, people = people_page(request, sort=sort, letter=letter, per_page=PEOPLE_PER_PAGE)
    head = api_base.page_head(request, page.paginator.count, page.number, page.paginator.num_pages)
    return JsonResponse({**head, "results": [person_head(p) for p in people]})


@api_view
def api_person_detail(request: HttpRequest, slug: str) -> JsonResponse:
    person = browsing.person_totals(get_object_or_404(Person.objects.real(), slug=slug))
    outlets = [{"source": o.name, "count": o.article_count} for o in browsing.outlets_for_person(person)]
    spellings = [{"name": name, "count": count} for name, count in browsing.spellings(person)]
    return JsonResponse({**person_head(person), "outlets": outlets, "spellings": spellings})


@api_view
def api_outlet_list(request: HttpRequest) -> JsonResponse:
    """Outlets, most articles first."""
    api_base.check(forms.Form(request.GET))
    page = paginate(request, browsing.sources_with_counts(), OUTLETS_PER_PAGE)
    head = api_base.page_head(request, page.paginator.count, page.number, page.paginator.num_pages)
    return JsonResponse({**head, "results": [outlet_head(s) for s in page.object_list]})


@api_view
def api_outlet_detail(request: HttpRequest, slug: str) -> JsonResponse:
    outlet = get_object_or_404(browsing.sources_with_counts(), slug=slug)
    people = [person_head(p) for p in browsing.most_named(outlet.articles.all(), limit=10)]
    extra = {"aliases": list(outlet.aliases), "domains": list(outlet.domains), "top_people": people}
    return JsonResponse({**outlet_head(outlet), **extra})


@api_view
def api_facets(request: HttpRequest) -> JsonResponse:
    """The archive's counts by outlet, year, month and person; for a query and filters when given."""
    page = api_base.search(request)
    facets = {
        name: [{"value": f.value, "count": f.count} for f in counts] for name, counts in page.facets.items()
    }
    return JsonResponse({"count": page.total, "facets": facets, "notes": list(page.notices)})


# --- payloads -------------------------------------------------------------------------------------


def article_payload(article: Article) -> dict:
    """/api/articles/<id>/: the article's record, its body and other metadata, people with their
    counts, and its versions (empty when it was never changed by a re-upload)."""
    [record] = article_records([article.pk])
    mentions = article.mentions.filter(person__not_a_person=False).select_related("person")
    return {
        **record,
        "time": json_time(article.published_time),
        "dateline": article.dateline,
        "language": article.language or None,
        "duplicate_of": article.duplicate_of_id,
        "body": article.body,
        "mentions": [{"name": m.person.name, "slug": m.person.slug, "count": m.count} for m in mentions],
        "versions": [
            {
                "number": v.number,
                "uploaded_at": v.uploaded_at.isoformat(),
                "title": v.title,
                "published": json_date(v.published_date),
                "body": v.body,
            }
            for v in article.versions.all()
        ],
        "page_url": article.get_absolute_url(),
    }


def person_head(person: Person) -> dict:
    return {
        "name": person.name,
        "slug": person.slug,
        "mention_count": getattr(person, "mention_count", 0) or 0,
        "article_count": getattr(person, "article_count", 0) or 0,
        "page_url": person.get_absolute_url(),
    }


def outlet_head(outlet: Source) -> dict:
    return {
        "name": outlet.name,
        "slug": outlet.slug,
        "article_count": outlet.article_count,
        "first_published": json_date(outlet.first_date),
        "last_published": json_date(outlet.last_date),
        "page_url": outlet.get_absolute_url(),
    }

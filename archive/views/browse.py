"""Browse pages: home, sources, people, articles and dates. The queries live in archive/browsing.py."""

from __future__ import annotations

import calendar
import datetime as dt

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from archive import browsing, figures
from archive.models import Article, Person, Source
from archive.search.backend import UNKNOWN_SOURCE
from archive.views.paging import article_page, people_page

ARTICLES_PER_PAGE = 20
PEOPLE_PER_PAGE = 50
# A prominent person may have hundreds of quotes; the page shows the earliest ones and the count.
QUOTES_SHOWN = 30
# Other articles of the story listed beside an article; the story page has them all.
SIBLINGS_SHOWN = 10


class PersonListForm(forms.Form):
    sort = forms.ChoiceField(
        choices=[("mentions", "In most articles"), ("name", "A–Z")], required=False, label="Sort by"
    )
    letter = forms.RegexField(regex=r"^[A-Za-z]$", required=False, label="Initial")


@require_safe
def home(request):
    return render(request, "archive/home.html", figures.cached("home", _home_figures))


def _home_figures() -> dict:
    articles = Article.objects.all()
    return {
        "article_total": articles.count(),
        "leading_stories": browsing.leading_stories(),
        "latest_articles": list(browsing.for_listing(browsing.latest_originals(8))),
        "sources": list(browsing.sources_with_counts()[:8]),
        "source_total": Source.objects.count(),
        "top_people": browsing.most_named(limit=10),
        "month_counts": browsing.month_counts(articles),
        "undated_count": articles.filter(published_date__isnull=True).count(),
    }


@require_safe
def source_list(request):
    sources = figures.cached("sources", lambda: list(browsing.sources_with_counts()))
    return render(request, "archive/source_list.html", {"sources": sources, "nav": "sources"})


@require_safe
def source_detail(request, slug):
    source = get_object_or_404(Source, slug=slug)
    articles = source.articles.all()
    page = article_page(request, articles, ARTICLES_PER_PAGE)
    context = {
        "source": source,
        "page": page,
        "span": browsing.sources_with_counts().get(pk=source.pk),
        "month_counts": browsing.month_counts(articles),
        "undated_count": articles.filter(published_date__isnull=True).count(),
        "top_people": browsing.most_named(articles, limit=10),
        "top_quoted": browsing.most_quoted(articles, limit=10),
        "nav": "sources",
    }
    return render(request, "archive/source_detail.html", context)


@require_safe
def person_list(request):
    form = PersonListForm(request.GET)
    sort, letter = ("mentions", "")
    if form.is_valid():
        sort, letter = form.cleaned_data["sort"] or "mentions", form.cleaned_data["letter"].upper()
    page, people = people_page(request, sort=sort, letter=letter, per_page=PEOPLE_PER_PAGE)
    initials = browsing.initials()
    context = {
        "form": form,
        "sort": sort,
        "letter": letter,
        "letters": [(c, c in initials) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"],
        "page": page,
        "people": people,
        "nav": "people",
    }
    return render(request, "archive/person_list.html", context)


@require_safe
def person_detail(request, slug):
    person = get_object_or_404(Person.objects.real(), slug=slug)
    articles = Article.objects.filter(mentions__person=person)
    totals = browsing.person_totals(person)  # its article count is read off the mention index
    page = article_page(request, articles, ARTICLES_PER_PAGE, count=totals.article_count)
    outlets = browsing.outlets_for_person(person)
    context = {
        "person": person,
        "page": page,
        "totals": totals,
        "month_counts": browsing.month_counts(articles),
        "outlets": outlets,
        "unknown_outlet_articles": browsing.unknown_outlet_articles(totals, outlets),
        "unknown_source": UNKNOWN_SOURCE,
        "together": browsing.mentioned_with(person),
        "quotes": browsing.quotes_by(person)[:QUOTES_SHOWN],
        "quote_total": person.quotes.count(),
        "spellings": browsing.spellings(person),
        "nav": "people",
    }
    return render(request, "archive/person_detail.html", context)


@require_safe
def article_detail(request, pk):
    article = get_object_or_404(
        Article.objects.select_related("source", "story", "duplicate_of__source"), pk=pk
    )
    mentions = list(article.mentions.select_related("person").filter(person__not_a_person=False))
    context = {
        "article": article,
        "mentions": mentions,
        "siblings": browsing.story_siblings(article)[:SIBLINGS_SHOWN],
        "sibling_total": browsing.story_siblings(article).count(),
        "similar": browsing.similar_articles(article),
        "duplicates": article.duplicates.select_related("source").order_by("id"),
        "quotes": article.quotes.select_related("person"),
        "changes": article.versions.changes(),  # each re-upload's change, oldest first
    }
    return render(request, "archive/article_detail.html", context)


@require_safe
def date_archive(request, year=None, month=None):
    """/dates/ (years; ?undated=1 lists undated articles), /dates/<year>/ (months), /dates/<y>/<m>/."""
    articles = Article.objects.all()
    context = {"nav": "dates", "year": year, "month": month}
    if year is None and request.GET.get("undated"):
        undated = articles.filter(published_date__isnull=True)
        context.update(undated=True, page=article_page(request, undated, ARTICLES_PER_PAGE))
    elif year is None:
        context.update(years=browsing.year_counts(articles), month_counts=browsing.month_counts(articles))
    elif not (dt.MINYEAR <= year <= dt.MAXYEAR) or (month is not None and not 1 <= month <= 12):
        raise Http404("No such date")
    elif month is None:
        months = [(m, calendar.month_name[m], n) for m, n in browsing.months_of_year(articles, year)]
        context.update(months=months, year_total=sum(n for _, _, n in months))
        context["month_counts"] = [(dt.date(year, m, 1), n) for m, _, n in months]
    else:
        in_month = browsing.in_month(articles, year, month)
        page = article_page(request, in_month, ARTICLES_PER_PAGE)
        previous, following = browsing.neighbour_months(articles, year, month)
        context.update(
            page=page, month_name=calendar.month_name[month], previous=previous, following=following
        )
    context["undated_count"] = articles.filter(published_date__isnull=True).count()
    return render(request, "archive/date_archive.html", context)

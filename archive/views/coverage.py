"""Compare coverage: stories, side-by-side comparison of chosen articles, outlet comparison (the
story API, archive/views/api_stories.py, reads its stories with StoryListForm).

The comparing is done by archive.compare (plain Python); these views validate input and render. A
story's articles are loaded as compare values by archive.stories.loading (the story API loads them
there too); the outlet comparison's figures come from archive.outlets (bounded and cached).
"""

from __future__ import annotations

from django import forms
from django.core.cache import cache
from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from archive import figures, outlets
from archive.compare.coverage import NOT_COVERED_MARGIN_DAYS, Comparison, compare
from archive.ingest.languages import language_name
from archive.models import Article, Person, Source, Story
from archive.stories.loading import (
    article_views,
    copies_of,
    load_story,
    not_covered_by,
)
from archive.templatetags.charts import shared_time_axis
from archive.views.paging import paginate

STORIES_PER_PAGE = 20
# /stories/ and /api/stories/ list stories at least this many outlets covered unless asked otherwise
# (?min_outlets=1 lists them all): a story one outlet covered has nothing to compare.
DEFAULT_MIN_OUTLETS = 2
LANGUAGES_SECONDS = 600
# Outlets one /compare/sources/ request may name (only outlets.MAX_OUTLETS are compared at once).
MAX_PICKED = 50
MIN_COMPARED, MAX_COMPARED = 2, 4


class CompareForm(forms.Form):
    """/compare/?a=1&a=2: two to four article ids."""

    a = forms.Field(required=False, widget=forms.MultipleHiddenInput)

    def clean_a(self) -> list[int]:
        raw = self.data.getlist("a") if hasattr(self.data, "getlist") else []
        ids = []
        for value in (str(v).strip() for v in raw):
            if not value:
                continue  # an empty box of the form
            if not value.isdigit() or len(value) > 18:  # longer than any database id
                raise forms.ValidationError(f"“{value}” is not an article number.")
            if int(value) not in ids:
                ids.append(int(value))
        if not MIN_COMPARED <= len(ids) <= MAX_COMPARED:
            raise forms.ValidationError(
                f"Choose {MIN_COMPARED} to {MAX_COMPARED} different articles to compare."
            )
        found = set(Article.objects.filter(pk__in=ids).values_list("pk", flat=True))
        missing = [str(i) for i in ids if i not in found]
        if missing:
            raise forms.ValidationError(f"No article with number {', '.join(missing)} in the archive.")
        return ids


def find_outlet(value: str) -> Source | None:
    """The outlet a URL names, by slug or by name (any case)."""
    return Source.objects.filter(slug=value).first() or Source.objects.filter(name__iexact=value).first()


class StoryListForm(forms.Form):
    """/stories/ filters, each a GET parameter so a filtered list is a shareable URL:
    ?min_outlets=3&outlet=<slug or name>&language=de&from=2014-01-01&to=2014-12-31."""

    min_outlets = forms.IntegerField(required=False, min_value=1, max_value=10_000, label="At least")
    outlet = forms.CharField(required=False, max_length=200, label="Covered by")
    language = forms.RegexField(
        regex=r"^[A-Za-z]{2,3}$",
        required=False,
        label="Language",
        error_messages={"invalid": "Give a language as its two-letter code, e.g. en or de."},
    )

    def __init__(self, data=None):
        super().__init__(data)
        # "from" and "to" (as on /search/) are Python keywords, so they cannot be class attributes.
        self.fields["from"] = forms.DateField(required=False, label="From", input_formats=["%Y-%m-%d"])
        self.fields["to"] = forms.DateField(required=False, label="To", input_formats=["%Y-%m-%d"])

    def clean_min_outlets(self) -> int:
        value = self.cleaned_data["min_outlets"]
        return DEFAULT_MIN_OUTLETS if value is None else value

    def clean_outlet(self) -> Source | None:
        value = " ".join(self.cleaned_data["outlet"].split())
        if not value:
            return None
        found = find_outlet(value)
        if found is None:
            raise forms.ValidationError(f"No outlet called “{value}” in the archive.")
        return found

    def clean(self) -> dict:
        data = super().clean()
        if data.get("from") and data.get("to") and data["from"] > data["to"]:
            raise forms.ValidationError("The “from” date is after the “to” date.")
        return data

    def stories(self) -> QuerySet[Story]:
        """The stories asked for, most outlets first, then the newest."""
        data = self.cleaned_data
        stories = Story.objects.with_articles().filter(outlet_count__gte=data["min_outlets"])
        if data["outlet"]:
            stories = stories.covered_by(data["outlet"])
        if data["language"]:
            stories = stories.in_language(data["language"].lower())
        return stories.overlapping(data["from"], data["to"]).coverage_first()

    def single_outlet_stories(self) -> int:
        """How many stories one outlet alone covered, when the default filter hides them (else 0)."""
        if self.cleaned_data["min_outlets"] < 2 or any(self.data.get(k) for k in self.fields):
            return 0
        return Story.objects.filter(outlet_count=1).count()


class SourcesForm(forms.Form):
    """/compare/sources/?q=...&source=A&source=B (outlets by slug or name)&outlet_q=... (find outlets
    by name for the picker)."""

    q = forms.CharField(required=False, max_length=1000, label="Search words")
    source = forms.MultipleChoiceField(required=False, label="Outlets", widget=forms.CheckboxSelectMultiple)
    outlet_q = forms.CharField(required=False, max_length=200, label="Find an outlet")

    def __init__(self, data=None):
        super().__init__(data)
        self.fields["source"].valid_value = lambda value: True  # any outlet: clean_source looks it up

    def clean_source(self) -> list[Source]:
        wanted = dict.fromkeys(v.strip() for v in self.cleaned_data["source"] if v.strip())
        if len(wanted) > MAX_PICKED:
            raise forms.ValidationError(f"Choose at most {MAX_PICKED} outlets.")
        chosen, unknown = [], []
        for value in wanted:
            match = find_outlet(value)
            if match is None:
                unknown.append(value)
            elif match not in chosen:
                chosen.append(match)
        if unknown:
            raise forms.ValidationError(f"Unknown outlet: {', '.join(unknown)}.")
        return chosen


def story_list(request: HttpRequest) -> HttpResponse:
    """Stories most outlets covered first, then the newest, filtered by StoryListForm. The page of
    stories is chosen on the stored outlet counts first and only its stories' articles are counted."""
    form = StoryListForm(request.GET)
    context = {"form": form, "nav": "stories", "stories": [], "page": None, **_filter_choices()}
    if not form.is_valid():
        return render(request, "archive/story_list.html", context, status=400)
    page = paginate(request, form.stories().only("pk"), STORIES_PER_PAGE)
    stories = Story.objects.filter(pk__in=[story.pk for story in page.object_list])
    stories = stories.annotate(article_count=Count("articles")).coverage_first()
    stories = stories.prefetch_related(
        Prefetch(
            "articles", queryset=Article.objects.select_related("source").only("story_id", "source__name")
        )
    )
    context.update(page=page, stories=list(stories), single_outlet=form.single_outlet_stories())
    return render(request, "archive/story_list.html", context)


def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story, pk=pk)
    loaded = load_story(story)
    comparison = loaded.comparison
    context = {"story": story, "comparison": comparison, "nav": "stories", **_links(comparison)}
    context["framing"] = loaded.framing
    context["alignment"] = loaded.alignment
    context["total_articles"] = story.articles.count()
    context["not_covered"] = not_covered_by(story)
    context["copies"] = copies_of(story)
    context["unknown_outlet_articles"] = story.articles.filter(source__isnull=True).count()
    context["not_covered_margin"] = NOT_COVERED_MARGIN_DAYS
    return render(request, "archive/story_detail.html", context)


def compare_articles(request: HttpRequest) -> HttpResponse:
    if not request.GET:
        return render(request, "archive/compare.html", {"nav": "compare", "form": CompareForm()})
    form = CompareForm(request.GET)
    if not form.is_valid():
        context = {"nav": "compare", "form": form, "errors": form.errors.get("a", [])}
        return render(request, "archive/compare.html", context, status=400)
    comparison = compare(article_views(Article.objects.filter(pk__in=form.cleaned_data["a"])))
    return render(
        request,
        "archive/compare.html",
        {"nav": "compare", "form": form, "comparison": comparison, **_links(comparison)},
    )


def compare_sources(request: HttpRequest) -> HttpResponse:
    form = SourcesForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    data = form.cleaned_data if form.is_bound and valid else {}
    query, find = data.get("q", ""), " ".join(data.get("outlet_q", "").split())
    version = figures.archive_version()  # once for the three cached figures below
    matches = outlets.match_counts(query, version=version)
    ticked = sorted(data.get("source") or [], key=lambda s: (-matches.get(s.pk, 0), s.name.casefold()))
    context = {"nav": "compare", "form": form, "query": query, "find": find}
    context.update(picker=outlets.picker(query, ticked, find, version=version))
    context["outlet_names"] = _outlet_names()
    if not valid:
        return render(request, "archive/compare_sources.html", context, status=400)
    chosen, notice, profiles = outlets.compare_outlets(query, ticked, version=version)
    axis = shared_time_axis(p["months"] for p in profiles)
    profiles = [{**p, "series": series} for p, series in zip(profiles, axis.series, strict=True)]
    context.update(chosen=chosen, notice=notice, profiles=profiles, axis=axis)
    return render(request, "archive/compare_sources.html", context)


# --- loaders and payloads -------------------------------------------------------------------------


def _outlet_names() -> list[str]:
    return list(Source.objects.order_by("name").values_list("name", flat=True))


def _filter_choices() -> dict:
    """What the filter boxes suggest: every outlet's name and the articles' languages. The languages
    are cached for LANGUAGES_SECONDS (a new one is suggested that much later; filtering by it works
    at once): the archive's version, which figures.cached checks, costs more queries than the list."""
    codes = Article.objects.exclude(language="").order_by("language").values_list("language", flat=True)
    languages = cache.get_or_set("story-languages", lambda: list(codes.distinct()), LANGUAGES_SECONDS)
    return {
        "outlet_names": _outlet_names(),
        "languages": [(code, language_name(code)) for code in languages],
        "default_min_outlets": DEFAULT_MIN_OUTLETS,
    }


def _links(comparison: Comparison) -> dict:
    """Slugs for linking people named in a comparison (person id -> slug)."""
    ids = {p.person_id for c in comparison.columns for p in (*c.people, *c.quoted) if p.person_id}
    ids |= {row.person_id for row in comparison.shared_quotes if row.person_id}
    return {"person_slugs": dict(Person.objects.filter(pk__in=ids).values_list("pk", "slug"))}

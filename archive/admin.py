"""The Django admin: articles (upload, review, re-extract, duplicates), sources and people
(aliases, "not a person", merge). Stories are registered by archive/stories/admin.py, import jobs
(what an upload becomes) by archive/jobs/admin.py."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Sum
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from archive import searching
from archive.following import admin as following_admin  # noqa: F401  (registers saved searches)
from archive.forms import ArticleAdminForm, SourceForm, UploadForm
from archive.importing import reextraction
from archive.importing.base import save_with_sketch
from archive.importing.resolution import merge_people
from archive.jobs import web as jobs
from archive.jobs.admin import job_url
from archive.merge_admin import MergeAdmin
from archive.models import EDITOR, Article, Mention, Person, PersonAlias, Source
from archive.outlets import merge_outlets, outlet_to_keep
from archive.stories import admin as story_admin  # noqa: F401  (registers the Story admin)
from archive.templatetags.archive_tags import provenance_label

admin.site.site_header = "Parallax administration"
admin.site.site_title = "Parallax admin"

# The change form's submit button that confirms the ticked review flags (besides saving).
MARK_REVIEWED = "_mark_reviewed"

# Admin form fields -> the metadata names used in provenance and review_fields.
REVIEW_NAMES = {
    "title": "title",
    "subtitle": "subtitle",
    "source": "source",
    "published_date": "published",
    "published_time": "published",
    "url": "url",
    "credit": "credit",
    "dateline": "dateline",
    "body": "body",
}


class _ChoiceFilter(admin.SimpleListFilter):
    """A list filter from a table: parameter value -> (label, queryset filter)."""

    options: dict[str, tuple[str, dict]] = {}

    def lookups(self, request, model_admin):
        return [(value, label) for value, (label, _) in self.options.items()]

    def queryset(self, request, queryset):
        chosen = self.options.get(self.value())
        return queryset.filter(**chosen[1]) if chosen else queryset


class NeedsReviewFilter(_ChoiceFilter):
    title = "needs review"
    parameter_name = "review"
    options = {"yes": ("Needs review", {"needs_review": True}), "no": ("Reviewed", {"needs_review": False})}


class DuplicatesFilter(_ChoiceFilter):
    title = "duplicates"
    parameter_name = "duplicates"
    options = {
        "only": ("Duplicates only", {"duplicate_of__isnull": False}),
        "hide": ("Originals only", {"duplicate_of__isnull": True}),
    }


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "published_date", "to_review", "duplicate_link", "story"]
    list_filter = [NeedsReviewFilter, DuplicatesFilter, "source", "published_date"]
    list_select_related = ["source", "story", "duplicate_of"]
    date_hierarchy = "published_date"
    search_fields = ["title", "body", "url", "credit"]
    actions = ["mark_reviewed_action", "reextract_action"]
    form = ArticleAdminForm
    raw_id_fields = ["duplicate_of", "story"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "review_summary",
                    "reviewed",
                    "title",
                    "subtitle",
                    "source",
                    ("published_date", "published_time"),
                    "url",
                    "credit",
                    "dateline",
                    "body",
                ]
            },
        ),
        ("Duplicates and story", {"fields": ["duplicate_of", "duplicates_list", "story"]}),
        # Read-only, not an inline: an inline's formset would make every change form post its rows.
        ("Versions", {"fields": ["versions_list"]}),
        (
            "As uploaded",
            {"classes": ["collapse"], "fields": ["filename", "provenance_table", "raw_format", "raw_text"]},
        ),
    ]
    readonly_fields = [
        "review_summary",
        "duplicates_list",
        "versions_list",
        "filename",
        "provenance_table",
        "raw_format",
        "raw_text",
    ]

    @admin.display(description="duplicate of", ordering="duplicate_of")
    def duplicate_link(self, article: Article):
        if not article.duplicate_of_id:
            return "—"
        url = reverse("admin:archive_article_change", args=[article.duplicate_of_id])
        return format_html('<a href="{}">{}</a>', url, article.duplicate_of)

    @admin.display(description="to review", ordering="needs_review")
    def to_review(self, article: Article):
        # The field names, not a boolean icon: the admin's green tick on "needs review" read as "fine".
        return ", ".join(article.review_fields) or "—"

    @admin.display(description="Needs review")
    def review_summary(self, article: Article):
        if article.review_fields:
            return ", ".join(article.review_fields)
        confirmed = sorted(field for field, how in (article.provenance or {}).items() if how == EDITOR)
        return (
            f"Nothing to review (confirmed by an editor: {', '.join(confirmed)})"
            if confirmed
            else "Nothing to review"
        )

    @admin.display(description="Duplicates of this article")
    def duplicates_list(self, article: Article):
        rows = [(reverse("admin:archive_article_change", args=[d.pk]), d) for d in article.duplicates.all()]
        if not rows:
            return "None"
        return format_html("<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a></li>', rows))

    @admin.display(description="Each upload from its address that changed it")
    def versions_list(self, article: Article):
        versions = article.versions.all()
        if not versions:
            return "None: the article is as first uploaded."
        rows = (
            (
                v.number,
                f"{v.uploaded_at:%Y-%m-%d %H:%M}",
                v.title,
                v.published_date or "no date",
                v.filename,
                len(v.body.split()),
            )
            for v in versions
        )
        head = ("Version", "Uploaded", "Headline", "Date", "File", "Words")
        cells = "<tr>" + "<td>{}</td>" * len(head) + "</tr>"
        return format_html(
            "<table><tr>{}</tr>{}</table>",
            format_html_join("", "<th>{}</th>", ((h,) for h in head)),
            format_html_join("", cells, rows),
        )

    @admin.display(description="How each value was found")
    def provenance_table(self, article: Article):
        items = sorted((field, provenance_label(how)) for field, how in (article.provenance or {}).items())
        return format_html("<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", items))

    def save_model(self, request, obj: Article, form, change):
        """A field the editor changed is reviewed, and so are the flags ticked when the editor
        pressed "Mark reviewed": Article.confirm drops them from review_fields and records the
        values as the editor's, so re-extraction keeps them. A new text or date refreshes what is
        derived from it (reextraction.refresh_edited)."""
        confirmed = {REVIEW_NAMES[name] for name in form.changed_data if name in REVIEW_NAMES}
        if MARK_REVIEWED in request.POST:
            confirmed |= set(form.cleaned_data.get("reviewed") or ())
        obj.confirm(confirmed)
        if not change and not obj.raw_text:
            obj.raw_text = obj.body  # an article typed in: its text is what there is to re-read
        if not change or "body" in form.changed_data:
            save_with_sketch(obj)  # fingerprint and duplicate keys follow the body
        else:
            super().save_model(request, obj, form, change)
        # people, quotes, cluster terms and story follow a new text or date (nothing else does)
        changed = set(form.changed_data) | (set() if change else reextraction.DERIVED_FROM)
        reextraction.refresh_edited(obj, changed, story_before=form.initial.get("story"))

    def get_search_results(self, request, queryset, search_term):
        ids = searching.search_article_ids(search_term) if search_term.strip() else None
        if ids is None:
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(pk__in=ids), False

    @admin.action(description="Mark reviewed (confirm every flagged value)", permissions=["change"])
    def mark_reviewed_action(self, request, queryset):
        cleared = 0
        for article in queryset.filter(needs_review=True):
            cleared += bool(article.confirm(article.review_fields))
            article.save(update_fields=["review_fields", "needs_review", "provenance"])
        self.message_user(request, f"Marked {cleared} article{'s' if cleared != 1 else ''} reviewed.")

    def response_change(self, request, obj: Article):
        """After "Mark reviewed", say what it did (and what is still flagged) instead of Django's
        generic "was changed successfully"; back to the list, its filters kept."""
        if MARK_REVIEWED not in request.POST:
            return super().response_change(request, obj)
        left = list(obj.review_fields)
        message = f"“{obj}” is marked reviewed: the values you checked are kept when extraction runs again."
        if left:
            message += f" Still to review: {', '.join(left)}."
        self.message_user(request, message, messages.SUCCESS)
        return self.response_post_save_change(request, obj)

    def render_change_form(self, request, context, *args, **kwargs):
        context["mark_reviewed"] = MARK_REVIEWED
        return super().render_change_form(request, context, *args, **kwargs)

    @admin.action(description="Re-run extraction", permissions=["change"])
    def reextract_action(self, request, queryset):
        results = reextraction.reextract(queryset.select_related("source"))
        failures = [r for r in results if r.status == "failed"]
        self.message_user(request, f"Re-extracted {len(results) - len(failures)} articles.")
        for result in failures:
            self.message_user(request, f"{result.file}: {result.error}", level=messages.ERROR)

    def get_urls(self):
        upload = path("upload/", self.admin_site.admin_view(self.upload_view), name="archive_article_upload")
        return [upload, *super().get_urls()]

    def has_upload_permission(self, request) -> bool:
        return self.has_add_permission(request)

    def upload_view(self, request):
        """Needs the permission to add articles; a file that would update a stored article (same
        URL or text) also needs the permission to change them, else it fails with the reason."""
        if not self.has_upload_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Upload articles",
        }
        if form.is_bound and form.is_valid():
            # The files are saved and handed to the task workers (archive/jobs/); the job page
            # shows their progress, then what happened to each file.
            job = jobs.receive_upload(
                form.cleaned_data["files"],
                user=request.user,
                source_name=form.source_name(),
                may_update=self.has_change_permission(request),
            )
            return HttpResponseRedirect(job_url(job))
        context["form"] = form
        return TemplateResponse(request, "admin/archive/article/upload.html", context)


@admin.register(Source)
class SourceAdmin(MergeAdmin):
    form = SourceForm
    list_display = ["name", "alias_list", "domain_list", "article_count"]
    search_fields = ["name"]
    actions = ["merge_outlets"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("articles"))

    @admin.action(description="Merge selected outlets", permissions=["merge"])
    def merge_outlets(self, request, queryset):
        """An intermediate page: choose the outlet to keep (the one with most articles is chosen), then
        merge the others into it (archive.outlets.merge_outlets)."""
        return self.merge_page(
            request,
            queryset,
            merge_outlets,
            what="outlets",
            intro=(
                "These outlets will become one. Choose the one to keep (the one with most articles is "
                "chosen): the others' articles, web domains and patterns move to it, their names become "
                "its aliases, then the others are deleted."
            ),
            keep="Keep this outlet",
            initial=outlet_to_keep(queryset) if queryset.count() > 1 else None,
        )

    @admin.display(description="aliases")
    def alias_list(self, source: Source):
        return ", ".join(source.aliases)

    @admin.display(description="domains")
    def domain_list(self, source: Source):
        return ", ".join(source.domains)

    @admin.display(description="articles", ordering="n_articles")
    def article_count(self, source: Source):
        return source.n_articles


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0
    fields = ["name", "key"]


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    fields = ["article", "count", "forms"]
    readonly_fields = ["article", "count", "forms"]
    can_delete = False
    max_num = 0
    verbose_name_plural = "mentions"


@admin.register(Person)
class PersonAdmin(MergeAdmin):
    list_display = ["name", "mention_count", "article_count", "not_a_person"]
    list_filter = ["not_a_person"]
    search_fields = ["name", "aliases__name"]
    inlines = [PersonAliasInline, MentionInline]
    actions = ["mark_not_a_person", "merge_people"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(n_articles=Count("mentions"), n_mentions=Sum("mentions__count"))
        )

    def save_model(self, request, obj, form, change):
        # A name an editor types is theirs: later imports and merges keep it (unless they untick it).
        if change and "name" in form.changed_data and "name_is_custom" not in form.changed_data:
            obj.name_is_custom = True
        super().save_model(request, obj, form, change)

    @admin.display(description="mentions", ordering="n_mentions")
    def mention_count(self, person: Person):
        return person.n_mentions or 0

    @admin.display(description="articles", ordering="n_articles")
    def article_count(self, person: Person):
        return person.n_articles

    @admin.action(description="Mark as not a person", permissions=["change"])
    def mark_not_a_person(self, request, queryset):
        # Saved one by one, not with update(): post_save reindexes each one's articles, so the name
        # leaves the search facets now rather than at the next rebuild.
        count = 0
        for person in queryset.filter(not_a_person=False):
            person.not_a_person = True
            person.save(update_fields=["not_a_person"])
            count += 1
        self.message_user(request, f"{count} marked as not a person; later ingests will ignore these names.")

    @admin.action(description="Merge selected people", permissions=["merge"])
    def merge_people(self, request, queryset):
        """An intermediate page: choose which person to keep, then merge the others into it."""
        return self.merge_page(
            request,
            queryset,
            merge_people,
            what="people",
            intro=(
                "These entries will become one person. Choose the one to keep: the others' spellings and "
                "mentions move to it, then the others are deleted."
            ),
            keep="Keep this person",
        )

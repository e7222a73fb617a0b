"""Admin for stories: rename (the title then stays), merge stories, move an article out, lock.

Merging and moving out are editor decisions, so the stories they produce are locked: re-clustering
(`manage.py cluster_stories`) leaves locked stories exactly as they are."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.utils.html import format_html

from archive.models import Article, Story
from archive.stories import clustering


class StoryArticleForm(forms.ModelForm):
    remove_from_story = forms.BooleanField(
        required=False, label="Remove from story", help_text="Moves the article into a story of its own."
    )

    class Meta:
        model = Article
        fields = ()


class StoryArticleInline(admin.TabularInline):
    model = Article
    form = StoryArticleForm
    fields = ("title_link", "source", "published_date", "credit", "remove_from_story")
    readonly_fields = ("title_link", "source", "published_date", "credit")
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = False
    verbose_name = "article in this story"
    verbose_name_plural = "articles in this story"
    ordering = ("published_date", "id")

    @admin.display(description="Article")
    def title_link(self, article: Article) -> str:
        if article.pk is None:  # the inline's blank template row
            return ""
        return format_html('<a href="{}">{}</a>', article.get_absolute_url(), article.title)


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "first_published",
        "last_published",
        "article_count",
        "locked",
        "title_is_custom",
    )
    list_filter = ("locked", "title_is_custom")
    search_fields = ("title", "articles__title")
    fields = ("title", "title_is_custom", "locked", "first_published", "last_published")
    readonly_fields = ("first_published", "last_published")
    inlines = [StoryArticleInline]
    actions = ["merge_stories", "lock_stories", "unlock_stories"]

    def has_merge_permission(self, request) -> bool:
        """Merging deletes the stories merged away: it needs both permissions (an action's list of
        permissions means any one of them, so merge has its own)."""
        return self.has_change_permission(request) and self.has_delete_permission(request)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("articles"))

    @admin.display(description="Articles", ordering="n_articles")
    def article_count(self, story: Story) -> int:
        return story.n_articles

    def save_model(self, request, obj: Story, form, change) -> None:
        if "title" in form.changed_data:
            obj.title_is_custom = True  # an editor's title survives re-clustering
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change) -> None:
        formset.save(commit=False)  # nothing to save (every column is read-only); sets the change log lists
        moved = [f.instance for f in formset.forms if f.cleaned_data.get("remove_from_story")]
        for article in moved:
            clustering.move_out(article)
        if moved:
            self.message_user(request, f"Moved {len(moved)} article(s) into stories of their own.")

    @admin.action(
        description="Merge selected stories into one (the oldest keeps its title)",
        permissions=["merge"],
    )
    def merge_stories(self, request, queryset) -> None:
        stories = list(queryset.order_by("id"))
        if len(stories) < 2:
            self.message_user(request, "Choose at least two stories to merge.", messages.WARNING)
            return
        target = clustering.merge_stories(stories[0], stories[1:])
        self.message_user(request, f"Merged {len(stories)} stories into “{target.title}” (locked).")

    @admin.action(
        description="Lock selected stories (re-clustering leaves them alone)", permissions=["change"]
    )
    def lock_stories(self, request, queryset) -> None:
        self.message_user(request, f"Locked {queryset.update(locked=True)} stories.")

    @admin.action(description="Unlock selected stories", permissions=["change"])
    def unlock_stories(self, request, queryset) -> None:
        self.message_user(request, f"Unlocked {queryset.update(locked=False)} stories.")

"""Admin for saved searches: every user's, with their alerts and the digests sent for them (users
themselves are Django's user admin)."""

from __future__ import annotations

from django.contrib import admin

from archive.models import DigestSent, SavedSearch


class DigestSentInline(admin.TabularInline):
    model = DigestSent
    fields = ("sent_at", "articles", "mark_from", "mark_to")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "alerts", "created_at", "last_seen_at", "digest_mark")
    list_filter = ("alerts",)
    search_fields = ("name", "query_string", "user__username", "user__email")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("created_at",)
    inlines = [DigestSentInline]

"""The merge action the outlet and people admins share: its permission (change and delete) and its
intermediate page, which picks the row to keep and hands the rest to a merge function
(archive.outlets.merge_outlets, archive.importing.resolution.merge_people)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from archive.forms import MergeForm


class MergeAdmin(admin.ModelAdmin):
    """An admin with a merge action (outlets, people): its permission and its intermediate page."""

    def has_merge_permission(self, request) -> bool:
        """Merging deletes the rows merged away: it needs both permissions (an action's list of
        permissions means any one of them, so merge has its own)."""
        return self.has_change_permission(request) and self.has_delete_permission(request)

    def merge_page(self, request, queryset, merge, *, what: str, intro: str, keep: str, initial=None):
        """With fewer than two chosen, a warning; else a page whose form picks the one to keep, then
        `merge(kept, others)` and the kept one's change page."""
        if queryset.count() < 2:
            self.message_user(request, f"Choose at least two {what} to merge.", level=messages.WARNING)
            return None
        form = MergeForm(
            request.POST if "target" in request.POST else None,
            choices=queryset,
            label=keep,
            initial={"target": initial},
        )
        if form.is_valid():
            target = form.cleaned_data["target"]
            merge(target, queryset.exclude(pk=target.pk))
            self.message_user(request, f"Merged into {target}.")
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[target.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Merge {what}",
            "intro": intro,
            "form": form,
            "items": queryset,
            "action": f"merge_{what}",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/archive/merge.html", context)

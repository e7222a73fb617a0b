"""Saved searches: save one from the search page, list them with what is new since last looked,
open one (which marks it looked at), choose its alerts, delete it; and the simple sign-in page
(any active user: the admin's login admits staff only). A user reaches only their own saved
searches: another's answers 404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from archive.following.saved import new_since_seen
from archive.models import SavedSearch
from archive.models.saved import question_of, search_address

LOGIN = reverse_lazy("archive:login")


class SaveSearchForm(forms.Form):
    name = forms.CharField(max_length=200, label="Name this search")
    query = forms.CharField(required=False, max_length=4000, widget=forms.HiddenInput)


class AlertsForm(forms.Form):
    alerts = forms.ChoiceField(choices=SavedSearch.Alerts.choices, label="Alerts")


sign_in = auth_views.LoginView.as_view(
    template_name="registration/login.html", next_page=reverse_lazy("archive:saved_searches")
)
sign_out = auth_views.LogoutView.as_view(next_page=reverse_lazy("archive:home"))


def _own(request, pk: int) -> SavedSearch:
    return get_object_or_404(SavedSearch, pk=pk, user=request.user)


@login_required(login_url=LOGIN)
def saved_searches(request):
    if request.method == "POST":
        return _save(request)
    rows = [
        (saved, new_since_seen(saved), AlertsForm(initial={"alerts": saved.alerts}))
        for saved in request.user.saved_searches.all()
    ]
    return render(request, "archive/saved_searches.html", {"rows": rows, "nav": "saved"})


def _save(request):
    form = SaveSearchForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the search a name to save it.")
        return redirect(search_address(question_of(request.POST.get("query", ""))))
    name, question = form.cleaned_data["name"], question_of(form.cleaned_data["query"])
    saved, created = SavedSearch.objects.get_or_create(
        user=request.user, query_string=question, defaults={"name": name}
    )
    if created:
        messages.success(request, f"Saved “{name}”. New matches will be counted from now.")
        return redirect("archive:saved_searches")
    # Saved before: one row per question, so its new-match count and alerts carry on; only the name moves.
    old_name, saved.name = saved.name, name
    saved.save(update_fields=["name"])
    renamed = f" as “{old_name}”; it is now called “{name}”" if old_name != name else ""
    messages.info(request, f"You had already saved this search{renamed}.")
    return redirect("archive:saved_searches")


@require_safe
@login_required(login_url=LOGIN)
def saved_search(request, pk: int):
    saved = _own(request, pk)
    SavedSearch.objects.filter(pk=saved.pk).update(last_seen_at=timezone.now())
    return redirect(saved.search_url())


@require_POST
@login_required(login_url=LOGIN)
def saved_alerts(request, pk: int):
    saved, form = _own(request, pk), AlertsForm(request.POST)
    if form.is_valid():
        saved.alerts = form.cleaned_data["alerts"]
        saved.save(update_fields=["alerts"])
        messages.success(request, f"“{saved.name}”: {saved.get_alerts_display().lower()}.")
        if saved.alerts != SavedSearch.Alerts.NONE and not request.user.email:
            messages.warning(request, "Your account has no e-mail address: ask an administrator to add one.")
    return redirect("archive:saved_searches")


@require_POST
@login_required(login_url=LOGIN)
def saved_delete(request, pk: int):
    saved = _own(request, pk)
    saved.delete()
    messages.success(request, f"Deleted “{saved.name}”.")
    return redirect("archive:saved_searches")

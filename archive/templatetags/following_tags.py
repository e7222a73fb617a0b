"""Template tags for following a search: its Atom feed's address and the query a saved search keeps."""

from __future__ import annotations

from django import template

from archive.models.saved import question_of, search_address

register = template.Library()


@register.simple_tag(takes_context=True)
def search_question(context) -> str:
    """The search page's query string as typed, less the page number (what a saved search keeps)."""
    return question_of(context["request"].META.get("QUERY_STRING", ""))


@register.simple_tag(takes_context=True)
def search_feed_url(context) -> str:
    """The Atom feed of the search on this page."""
    return search_address(search_question(context), "archive:search_feed")

"""General template helpers: publication dates, article metadata with provenance, people linked in
an article's body."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django import template
from django.utils.dateformat import format as format_date
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from archive.compare.coverage import UNKNOWN_OUTLET
from archive.compare.text import word_count
from archive.ingest.languages import language_name
from archive.models import EDITOR, Article, Mention

register = template.Library()

# The metadata an article page lists, in order, with the label a reader sees. The keys are the
# field names used in Article.provenance and Article.review_fields.
METADATA_FIELDS = (
    ("title", "Title"),
    ("subtitle", "Subtitle"),
    ("source", "Source"),
    ("published", "Published"),
    ("credit", "Credit"),
    ("dateline", "Dateline"),
    ("url", "Original URL"),
    ("language", "Language"),
)


# How a provenance value reads to a person (others are shown as stored: "dateline line 2", "uploader").
PROVENANCE_LABELS = {EDITOR: "confirmed by an editor", "export": "restored from an export"}


def provenance_label(how: object) -> str:
    return PROVENANCE_LABELS.get(str(how), str(how or ""))


@dataclass(frozen=True)
class MetadataRow:
    key: str
    label: str
    value: object  # the field's value (a Source, a date, a string) or None/"" when empty
    provenance: str
    needs_review: bool


@register.simple_tag
def pubdate(article: Article, short: bool = False) -> SafeString:
    """A <time> element for the publication date (and time when known), or "date unknown"."""
    day = article.published_date
    if day is None:
        return mark_safe('<span class="date-unknown">date unknown</span>')  # noqa: S308 - constant
    text = format_date(day, "j M Y" if short else "j F Y")
    if article.published_time and not short:
        text += ", " + article.published_time.strftime("%H:%M")
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), text)


@register.simple_tag
def metadata_rows(article: Article, mentions: Iterable[Mention] = ()) -> list[MetadataRow]:
    """Each metadata value with where it came from and whether an editor should check it; a flagged
    field the page does not list shows what was found (the people named, the body's length), not
    'none' beside the people the page lists."""
    provenance = article.provenance if isinstance(article.provenance, dict) else {}
    review = set(article.review_fields or ())
    values = {
        "title": article.title,
        "subtitle": article.subtitle,
        "source": article.source,
        "published": article.published_date,
        "credit": article.credit,
        "dateline": article.dateline,
        "url": article.url,
        "language": language_name(article.language) if article.language else "",
    }
    rows = [
        MetadataRow(key, label, values[key], provenance_label(provenance.get(key, "")), key in review)
        for key, label in METADATA_FIELDS
    ]
    # A review flag on a field the page does not list (e.g. "people") must still be seen.
    found = {
        "people": ", ".join(m.person.name for m in mentions),
        "body": f"{word_count(article.body)} words" if article.body else "",
    }
    for key in sorted(review - {key for key, _ in METADATA_FIELDS}):
        label, how = key.replace("_", " ").capitalize(), provenance_label(provenance.get(key, ""))
        rows.append(MetadataRow(key, label, found.get(key) or None, how, True))
    return rows


def _people_pattern(mentions: Iterable[Mention]) -> tuple[re.Pattern | None, dict[str, Mention]]:
    """One regex matching every spelling of every person (longest first, whole words only)."""
    by_form: dict[str, Mention] = {}
    for mention in mentions:
        for form in [*(mention.forms or ()), mention.person.name]:
            form = (form or "").strip()
            if len(form) > 1:
                by_form.setdefault(form.casefold(), mention)
    if not by_form:
        return None, by_form
    forms = sorted(by_form, key=len, reverse=True)
    pattern = r"(?<!\w)(" + "|".join(re.escape(form) for form in forms) + r")(?!\w)"
    return re.compile(pattern, re.IGNORECASE), by_form


@register.simple_tag
def linked_body(article: Article, mentions: Iterable[Mention] | None = None) -> SafeString:
    """The body as paragraphs, everything escaped, with the first mention of each person (in any
    of the spellings this article used) linked to their page."""
    if mentions is None:
        mentions = article.mentions.select_related("person").filter(person__not_a_person=False)
    pattern, by_form = _people_pattern(mentions)
    linked: set[int] = set()
    paragraphs = []
    for line in (article.body or "").splitlines():
        if not line.strip():
            continue
        html, last = [], 0
        for match in pattern.finditer(line) if pattern else ():
            person = by_form[match.group(1).casefold()].person
            if person.pk in linked:
                continue
            linked.add(person.pk)
            html.append(escape(line[last : match.start()]))
            html.append(
                format_html(
                    '<a class="person-link" href="{}">{}</a>', person.get_absolute_url(), match.group(1)
                )
            )
            last = match.end()
        html.append(escape(line[last:]))
        paragraphs.append("<p>" + "".join(html) + "</p>")
    return mark_safe("\n".join(paragraphs))  # noqa: S308 - every piece above is escaped or format_html


@register.filter
def outlet_names(articles) -> list[str]:
    """The outlets of some articles, each once, in name order ("Unknown outlet" for none)."""
    return sorted({a.source.name if a.source_id else UNKNOWN_OUTLET for a in articles})


@register.filter
def any_undated(timeline) -> bool:
    """Whether some article of a story's timeline has no date: then the earliest dated one may not
    have been the first to publish."""
    return any(entry.order is None for entry in timeline)


@register.filter
def host(url: str) -> str:
    """The web host of a URL, for a compact link text ("themoscowtimes.com")."""
    match = re.match(r"^[a-z][a-z0-9+.-]*://(?:www\.)?([^/:?#]+)", url or "", re.IGNORECASE)
    return match.group(1) if match else url


@register.inclusion_tag("archive/includes/breadcrumbs.html")
def breadcrumbs(*parts: str) -> dict:
    """`{% breadcrumbs "Sources" sources_url source.name %}`: label/URL pairs after Home; a final
    label without a URL is the current page."""
    crumbs = [(parts[i], parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]
    return {"crumbs": crumbs}


@register.filter
def web_url(url: str) -> str:
    """The URL if it is an http(s) address, else "": a stored "javascript:" URL is never a link."""
    url = (url or "").strip()
    return url if re.match(r"^https?://", url, re.IGNORECASE) else ""

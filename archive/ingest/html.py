"""HTML pages: main text and metadata through trafilatura, the publication date from explicit
metadata only.

trafilatura (via htmldate) will guess a date from the URL, the page's furniture or the copyright
year when a page states none; Parallax never invents dates, so its date is ignored and
`published_from_metadata` reads only what the publisher declared for this article, in this order:
Open Graph / article meta tags (`article:published_time`, `datePublished`, Dublin Core `issued`...),
JSON-LD `datePublished`, microdata `itemprop="datePublished"`, a `<time pubdate>` or
`<time class="published">`, then the first `<time datetime>` inside the `<article>` (or the page's
only `<time datetime>` when it has no `<article>`). Modification dates are never used.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml import etree

from archive.ingest.dates import parse_date_line, parse_iso_datetime

# <meta> names/properties (lower-cased) that declare when the article was first published.
PUBLISHED_META_KEYS = (
    "article:published_time", "og:article:published_time", "og:published_time", "article:published",
    "datepublished", "publishdate", "publish-date", "publish_date", "pubdate", "publication_date",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "date", "sailthru.date",
    "parsely-pub-date", "citation_publication_date", "originalpublicationdate", "article.published",
)  # fmt: skip
# JSON-LD @types whose datePublished is the article's (a WebPage's or Organization's is not preferred).
ARTICLE_TYPES = frozenset(
    {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle"}
)
# A site name appended to <title> is a few capitalised words ("Harbour Gazette", "BBC News").
TITLE_SUFFIX_MAX_WORDS = 5
# CMSs write "T00:00:00" when they only know the day, so midnight is read as "no time given".
MIDNIGHT_MEANS_NO_TIME = True


@dataclass(frozen=True)
class HtmlPage:
    """What an HTML page declares about itself, and its main text as paragraphs."""

    title: str
    description: str
    url: str
    author: str
    site_name: str
    published: tuple[dt.date, dt.time | None, str] | None
    paragraphs: tuple[str, ...]


def read_html(text: str) -> HtmlPage:
    """Main text and metadata of an HTML page (no date guessing)."""
    try:
        tree = lxml.html.document_fromstring(text.encode("utf-8"), parser=_parser())
    except (etree.ParserError, ValueError):
        return HtmlPage("", "", "", "", "", None, ())
    try:
        doc = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura 2.3 raises assorted errors on broken markup
        doc = None  # the page's own <p> elements and <title> below stand in for its extraction
    title = (getattr(doc, "title", None) or _first_text(tree, "//h1") or _first_text(tree, "//title")).strip()
    body = getattr(doc, "text", None) or ""
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    if not paragraphs:
        paragraphs = _paragraph_texts(tree)
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return HtmlPage(
        title=title,
        description=(getattr(doc, "description", None) or "").strip(),
        url=(getattr(doc, "url", None) or "").strip(),
        author=(getattr(doc, "author", None) or "").strip(),
        site_name=(getattr(doc, "sitename", None) or "").strip() or _title_suffix(tree, title),
        published=published_from_metadata(tree),
        paragraphs=tuple(paragraphs),
    )


def published_from_metadata(tree: lxml.html.HtmlElement) -> tuple[dt.date, dt.time | None, str] | None:
    """(date, time, how it was found) from the page's explicit publication metadata, or None."""
    for how, value in _declared_dates(tree):
        parsed = parse_iso_datetime(value)
        if parsed is None:
            line = parse_date_line(value)
            parsed = (line.date, line.time) if line else None
        if parsed:
            date, time = parsed
            if MIDNIGHT_MEANS_NO_TIME and time == dt.time(0, 0):
                time = None
            return date, time, how
    return None


def _declared_dates(tree: lxml.html.HtmlElement) -> Iterator[tuple[str, str]]:
    metas = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key and meta.get("content") and key not in metas:
            metas[key] = meta.get("content")
    for key in PUBLISHED_META_KEYS:
        if key in metas:
            yield f"HTML metadata <meta {key}>", metas[key]
    for value in _json_ld_dates(tree):
        yield "JSON-LD datePublished", value
    for node in tree.xpath('//*[@itemprop="datePublished"]'):
        value = node.get("content") or node.get("datetime") or node.text_content()
        if value and value.strip():
            yield 'microdata itemprop="datePublished"', value
    for node in tree.xpath("//time[@pubdate] | //time[contains(@class, 'publish')]"):
        value = node.get("datetime") or node.text_content()
        if value and value.strip():
            yield "<time> marked as the publication date", value
    in_article = tree.xpath("//article//time[@datetime]")
    if in_article:
        yield "the article's <time datetime>", in_article[0].get("datetime")
    else:
        all_times = tree.xpath("//time[@datetime]")
        if len(all_times) == 1:
            yield "the page's only <time datetime>", all_times[0].get("datetime")


def _json_ld_dates(tree: lxml.html.HtmlElement) -> list[str]:
    preferred, others = [], []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (json.JSONDecodeError, TypeError):
            continue
        for node in _walk(data):
            value = node.get("datePublished")
            if isinstance(value, str) and value.strip():
                types = node.get("@type", "")
                types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
                is_article = any(str(t).lower() in ARTICLE_TYPES for t in types)
                (preferred if is_article else others).append(value)
    return preferred + others


def _walk(data: object) -> Iterator[dict]:
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from _walk(value)
    elif isinstance(data, list):
        for item in data:
            yield from _walk(item)


def _title_suffix(tree: lxml.html.HtmlElement, title: str) -> str:
    """The site's name as pages append it to <title>: "Ferry timetable approved | Harbour Gazette"."""
    parts = re.split(r"\s+(?:\||-|–|—|::|•)\s+", _first_text(tree, "//title"))
    if len(parts) < 2 or parts[-1] == title:
        return ""
    words = parts[-1].split()
    capitalised = all(w[:1].isupper() or not w[:1].isalpha() for w in words)
    return parts[-1] if 0 < len(words) <= TITLE_SUFFIX_MAX_WORDS and capitalised else ""


def _parser() -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)


def _first_text(tree: lxml.html.HtmlElement, xpath: str) -> str:
    nodes = tree.xpath(xpath)
    return " ".join(nodes[0].text_content().split()) if nodes else ""


def _paragraph_texts(tree: lxml.html.HtmlElement) -> list[str]:
    texts = (" ".join(p.text_content().split()) for p in tree.iter("p"))
    return [t for t in texts if re.search(r"\w", t)]

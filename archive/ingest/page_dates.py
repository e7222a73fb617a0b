"""The publication date of an HTML page: what the publisher declared, checked against what a reader
sees, never guessed.

Where a date may come from, strongest first:

1. Declared metadata: Open Graph / article meta tags (`article:published_time`, `datePublished`,
   Dublin Core `issued`...), JSON-LD `datePublished` (then a video's `uploadDate`), microdata
   `itemprop="datePublished"`, a `<time pubdate>` or `<time class="published">`, and a `<time
   datetime>` when it is the only one in the `<article>` (or on the page). Modification dates never
   count, and neither does one `<time>` among many (those are teasers, comments, documents).
2. A date line under the headline, as a reader sees it: one of the short lines that follow the
   page's `<h1>`, or one of the first lines of the extracted text, that is essentially just a date
   (archive.ingest.dates.parse_date_line, written forms in several languages).
3. htmldate in its conservative mode (no guessing from the text), but only when the page's own URL
   carries the same date: alone, it picks up teaser, comment and copyright dates.

Thresholds and rules were chosen on ../shared/realworld (308 real pages, 190 with an annotated date,
29 stating none), never on one page or site.

A timestamp in UTC is a moment, not the page's day: an evening article in New York is stamped the
next day in UTC. When the page also states a local day one day off (a value with its own offset, a
visible date, the URL), the local day wins. When the declared date and the visible date line are
further apart, the declared one is kept and the date is flagged for review.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import lxml.html

from archive.ingest.dates import is_plausible, parse_date_line

log = logging.getLogger(__name__)

# <meta> names/properties (lower-cased) that declare when the article was first published.
PUBLISHED_META_KEYS = (
    "article:published_time", "og:article:published_time", "og:published_time", "article:published",
    "datepublished", "publishdate", "publish-date", "publish_date", "pubdate", "publication_date",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "date", "sailthru.date",
    "parsely-pub-date", "citation_publication_date", "originalpublicationdate", "article.published",
)  # fmt: skip
# JSON-LD keys, in order: a video page's upload is its publication.
JSON_LD_KEYS = ("datePublished", "uploadDate")
# JSON-LD @types whose datePublished is the article's (a WebPage's or Organization's is not preferred).
ARTICLE_TYPES = frozenset(
    {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle", "videoobject"}
)
# CMSs write "T00:00:00" when they only know the day, so midnight is read as "no time given".
MIDNIGHT_MEANS_NO_TIME = True
# Elements after the <h1> searched for a visible date line, and the longest text one may hold.
HEADER_ELEMENTS = 60
HEADER_TEXT_MAX_CHARS = 120
# A teaser card: a container of at most this many elements, this many levels above a date, holding a
# link of at least this many words (another article's headline, a document's name).
TEASER_LEVELS = 3
TEASER_MAX_ELEMENTS = 15
TEASER_LINK_WORDS = 6
# The headline's zone ends at the first <p> of running text: a date after it is not the article's
# (a document to download, a related story). A standfirst is rarely a <p> this long.
BODY_PARAGRAPH_CHARS = 200
# How many levels above the <h1> count as the headline's own block (a post's header and title).
HEADER_ANCESTORS = 3
# First lines of the extracted text searched for a visible date line.
HEADER_LINES = 6
# A UTC time and a local day this far apart are the same moment seen from two time zones.
TIMEZONE_SLACK = dt.timedelta(days=1)

_ISO = re.compile(
    r"^\s*(?P<year>\d{4})-(?P<month>\d\d?)-(?P<day>\d\d?)"
    r"(?:[T ](?P<hour>\d\d?):(?P<minute>\d\d)(?::\d\d?(?:\.\d+)?)?\s*(?P<zone>Z|UTC|GMT|[+-]\d\d:?\d\d)?)?",
    re.I,
)


@dataclass(frozen=True)
class Stamp:
    """One statement of the publication date. `offset` is minutes east of UTC (None: not stated);
    `visible` says a reader sees it (text on the page), not only a machine (an attribute)."""

    date: dt.date
    time: dt.time | None
    how: str
    offset: int | None = None
    visible: bool = False

    @property
    def is_utc_moment(self) -> bool:
        return self.time is not None and self.offset == 0


@dataclass(frozen=True)
class PageDate:
    date: dt.date
    time: dt.time | None
    how: str
    doubt: str = ""  # why an editor should check it ("" when nothing disagrees)


def find_publication_date(
    tree: lxml.html.HtmlElement, html: str, *, text_lines: Sequence[str] = ()
) -> PageDate | None:
    """The page's publication date (see the module docstring), or None when it states none."""
    declared = list(_declared_stamps(tree))
    visible = _visible_date_line(tree, text_lines)
    url_date = _url_date(tree)
    if declared:
        first = declared[0]
        # What the page says of its own day, what a reader sees first. (Not the URL: its day is when
        # the address was made, often the eve of publication.)
        local = [s for s in (visible, *declared[1:]) if s and s.visible]
        local += [s for s in declared[1:] if s.offset not in (None, 0)]
        if first.is_utc_moment:
            near = [s for s in local if abs(s.date - first.date) <= TIMEZONE_SLACK]
            if near and near[0].date != first.date:
                other = near[0]
                how = f"{other.how} (the page's own day; {first.how} gives the time in UTC)"
                return PageDate(other.date, other.time, how)
        doubt = ""
        if visible and abs(visible.date - first.date) > TIMEZONE_SLACK:
            doubt = f"{first.how} says {first.date}, but the page shows {visible.date}"
        return PageDate(first.date, first.time, first.how, doubt)
    if visible:
        return PageDate(visible.date, visible.time, visible.how)
    if url_date:
        found = _htmldate_conservative(html)
        if found == url_date.date:
            return PageDate(found, None, "the page's date markup, the same day as its URL")
    return None


def parse_timestamp(value: str, how: str, *, visible: bool = False) -> Stamp | None:
    """A Stamp from a machine-readable value ("2014-01-13T14:21:00+04:00", "2022-5-5 22:17") or,
    failing that, from a written date ("13 January 2014")."""
    match = _ISO.match(value)
    if match:
        try:
            date = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            return None
        time = offset = None
        if match["hour"] is not None and int(match["hour"]) < 24 and int(match["minute"]) < 60:
            time = dt.time(int(match["hour"]), int(match["minute"]))
            offset = _offset(match["zone"])
        if MIDNIGHT_MEANS_NO_TIME and time == dt.time(0, 0):
            time = offset = None
        return Stamp(date, time, how, offset, visible) if is_plausible(date) else None
    line = parse_date_line(value)
    return Stamp(line.date, line.time, how, None, True) if line else None


def _offset(zone: str | None) -> int | None:
    if not zone:
        return None
    if zone.upper() in ("Z", "UTC", "GMT"):
        return 0
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    return sign * (int(digits[:2]) * 60 + int(digits[2:]))


def _declared_stamps(tree: lxml.html.HtmlElement) -> Iterator[Stamp]:
    for how, value, visible in _declared_values(tree):
        stamp = parse_timestamp(value, how, visible=visible)
        if stamp:
            yield stamp


def _declared_values(tree: lxml.html.HtmlElement) -> Iterator[tuple[str, str, bool]]:
    metas = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key and meta.get("content") and key not in metas:
            metas[key] = meta.get("content")
    for key in PUBLISHED_META_KEYS:
        if key in metas:
            yield f"HTML metadata <meta {key}>", metas[key], False
    for key, value in _json_ld_dates(tree):
        yield f"JSON-LD {key}", value, False
    for node in tree.xpath('//*[@itemprop="datePublished"][not(self::meta)]'):
        attribute = node.get("content") or node.get("datetime")
        value = attribute or node.text_content()
        if value and value.strip():
            yield 'microdata itemprop="datePublished"', value, not attribute
    # Marked <time> elements count when they agree: several different ones are comments and teasers.
    marked = tree.xpath(
        "//time[@pubdate] | //time[contains(@class, 'publish')] | //time[contains(@class, 'pubdate')]"
    )
    values = [(node.get("datetime") or node.text_content(), not node.get("datetime")) for node in marked]
    values = [(value, visible) for value, visible in values if value and value.strip()]
    if values and len({value.strip()[:10] for value, _ in values}) == 1:
        yield "<time> marked as the publication date", *values[0]
    # The hAtom microformat: <abbr class="published" title="2020-04-28T21:11:00+02:00">21:11</abbr>.
    abbrs = tree.xpath("//abbr[contains(concat(' ', @class, ' '), ' published ')]")
    hatom = [node.get("title") for node in abbrs]
    hatom = [value for value in hatom if value and value.strip()]
    if hatom and len({value.strip()[:10] for value in hatom}) == 1:
        yield 'hAtom <abbr class="published">', hatom[0], False
    # A lone <time datetime> in the <article> that holds the headline (teaser cards are <article>s too).
    in_article = tree.xpath("//article[.//h1]//time[@datetime]")
    everywhere = tree.xpath("//time[@datetime]")
    if len(in_article) == 1 and _in_headline_zone(tree, in_article[0]):
        yield "the article's only <time datetime>", *_time_value(in_article[0])
    elif not tree.xpath("//article") and len(everywhere) == 1 and _in_headline_zone(tree, everywhere[0]):
        yield "the page's only <time datetime>", *_time_value(everywhere[0])


def _time_value(node: lxml.html.HtmlElement) -> tuple[str, bool]:
    """A <time>'s machine value, or what it shows when that value is in no standard form
    (datetime="01-11-2023 10:29" showing "1. November 2023 10:29")."""
    value = node.get("datetime") or ""
    if _ISO.match(value):
        return value, False
    shown = " ".join(node.text_content().split())
    return (shown, True) if shown else (value, False)


def _json_ld_dates(tree: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    preferred, others = [], []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (json.JSONDecodeError, TypeError):
            continue
        for node in _walk(data):
            types = node.get("@type", "")
            types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
            is_article = any(str(t).lower() in ARTICLE_TYPES for t in types)
            for key in JSON_LD_KEYS:
                value = node.get(key)
                if isinstance(value, str) and value.strip():
                    (preferred if is_article else others).append((key, value))
    return preferred + others


def _walk(data: object) -> Iterator[dict]:
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from _walk(value)
    elif isinstance(data, list):
        for item in data:
            yield from _walk(item)


def _visible_date_line(tree: lxml.html.HtmlElement, text_lines: Sequence[str]) -> Stamp | None:
    """A date standing alone on a line under the headline, as a reader sees it."""
    for line in text_lines[:HEADER_LINES]:
        found = parse_date_line(line)
        if found:
            return Stamp(found.date, found.time, f"date line under the title: {line!r}", visible=True)
    headings = tree.xpath("//h1")
    if not headings:
        return None
    heading = headings[0]
    zone = []
    for element in heading.xpath("following::*")[:HEADER_ELEMENTS]:
        if _is_body_paragraph(element):
            break
        zone.append(element)
    after = _short_texts(zone, HEADER_ELEMENTS, own_only=True)
    # Above the headline only within the headline's own block (a post's date header), never the
    # page's masthead, whose date is the day the page was fetched.
    block = heading.getparent()
    for _ in range(HEADER_ANCESTORS - 1):
        if block is not None and block.getparent() is not None and block.tag not in ("body", "html"):
            block = block.getparent()
    before = []
    if block is not None and block.tag not in ("body", "html"):
        for text in _short_texts([block], HEADER_ELEMENTS * 4):
            if text == " ".join(heading.text_content().split()):
                break
            before.append(text)
    for text, where in [(t, "under") for t in after] + [(t, "above") for t in before[::-1]]:
        found = parse_date_line(text)
        if found:
            return Stamp(found.date, found.time, f"date {where} the headline: {text!r}", visible=True)
    return None


def _in_headline_zone(tree: lxml.html.HtmlElement, node: lxml.html.HtmlElement) -> bool:
    """Whether a node comes before the article's first paragraph of running text (anywhere, when
    the page has no <h1>), and not in a teaser card."""
    if _in_teaser(node):
        return False
    headings = tree.xpath("//h1")
    if not headings:
        return True
    for element in headings[0].xpath("following::*"):
        if element is node:
            return True
        if _is_body_paragraph(element):
            return False
    return any(node is n for n in headings[0].iterancestors()) or node in headings[0].xpath("preceding::*")


def _is_body_paragraph(element: lxml.html.HtmlElement) -> bool:
    return element.tag == "p" and len(" ".join(element.text_content().split())) >= BODY_PARAGRAPH_CHARS


def _in_teaser(node: lxml.html.HtmlElement) -> bool:
    """Whether a node sits in a small card beside a link to something else: a teaser, a related
    article or a document to download, whose date is not the page's."""
    ancestor = node.getparent()
    for _ in range(TEASER_LEVELS):
        if ancestor is None or sum(1 for _ in ancestor.iter()) > TEASER_MAX_ELEMENTS:
            return False
        for link in ancestor.iter("a"):
            if node not in link.iterancestors() and len(link.text_content().split()) >= TEASER_LINK_WORDS:
                return True
        ancestor = ancestor.getparent()
    return False


def _short_texts(elements, limit: int, *, own_only: bool = False) -> list[str]:
    """The short texts of the elements' nodes in document order (at most `limit` nodes); with
    `own_only` the elements are already a flat run and their descendants are not visited again."""
    texts: list[str] = []
    seen = 0
    for element in elements:
        for node in [element] if own_only else element.iter():
            if not isinstance(node.tag, str) or node.tag in ("script", "style"):
                continue
            seen += 1
            if seen > limit:
                return texts
            own = node.text_content() if node.tag == "h1" else (node.text or "")
            # The whole of a short element too: a byline block whose date is a tail between its
            # children ("<a>Jane Doe</a> | 30 septembre 2018").
            whole = " ".join(node.text_content().split())
            for text in dict.fromkeys((" ".join(own.split()), whole)):
                if text and len(text) <= HEADER_TEXT_MAX_CHARS and not _in_teaser(node):
                    texts.append(text)
    return texts


def _url_date(tree: lxml.html.HtmlElement) -> Stamp | None:
    """The day in the page's own address (canonical link or og:url): /2020/04/13/ or /20200413/."""
    urls = tree.xpath('//link[@rel="canonical"]/@href') + tree.xpath('//meta[@property="og:url"]/@content')
    for url in urls:
        match = re.search(r"/((?:19|20)\d\d)[/-]?([01]\d)[/-]?([0-3]\d)(?:/|[-_.]|$)", url)
        if match:
            stamp = parse_timestamp("-".join(match.groups()), "the day in the page's URL")
            if stamp:
                return stamp
    return None


def _htmldate_conservative(html: str) -> dt.date | None:
    import htmldate

    try:
        found = htmldate.find_date(html, extensive_search=False, original_date=True, url="-")
    except Exception:  # noqa: BLE001  (htmldate raises assorted errors on broken markup)
        log.debug("htmldate failed", exc_info=True)
        return None
    return dt.date.fromisoformat(found) if found else None

"""What a page states about its site, read off its HTML: meta fields, the JSON-LD publisher, the
masthead (logo and site-title texts), copyright lines and the names of its sections. The readers the
site-name rule (archive/ingest/sitenames.py) and the headline rule (archive/ingest/headlines.py) share.
Plain Python over lxml."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

import lxml.html

from archive.ingest.domains import host
from archive.ingest.textrules import site_key

# Words that name a section in every site ("News - Headline", "Headline | Service"), never the site.
SECTION_WORDS = frozenset(
    {
        "news", "home", "blog", "service", "info", "aktuelles", "nachrichten", "startseite", "nyheder",
        "nyheter", "uutiset", "noticias", "actualités", "actualites", "notizie", "nieuws", "новости", "新闻",
        "新聞", "뉴스", "ニュース",
    }
)  # fmt: skip
# A section's link is one word ("Politik", "Erhverv"); longer link texts are other articles' headlines,
# and a name in several words ("Jane Q. Roe") links to an about page as often as to the home page.
SECTION_MAX_WORDS = 1
# A copyright line: "© 2001–2023 Example Media", "Copyright (C) Example 2010-2018, All Rights Reserved".
_COPYRIGHT = re.compile(
    r"(?:(?:©|ⓒ|\(c\)|copyrights?\b)\s*)+(?:since\s+)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?:by\s+)?"
    r"(?P<name>[^\n©]{2,80}?)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*[.,|–-]?\s*"
    r"(?:(?:all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados"
    r"|tutti i diritti riservati|все права защищены).*)?$",
    re.I,
)
# Lines of a page read for its copyright line: it sits in the footer, as short text.
COPYRIGHT_MAX_CHARS = 160
# Logo and site-title elements read for the site's name.
SITE_NAME_ELEMENTS = 5


def section_keys(tree: lxml.html.HtmlElement, url: str) -> frozenset[str]:
    """Keys of the names of the site's sections, as the page shows them: the segments of its web
    address ("erhverv" of /Erhverv/...) and the one-word texts of its links into the site below its
    home page ("Politik" -> /politik/). A site's own name links to its home page, so it is not among them."""
    path = urlsplit(url).path if url else ""
    keys = {site_key(segment) for segment in path.split("/")[:-1] if segment}
    own = host(url)
    for link in tree.iter("a"):
        href = (link.get("href") or "").strip()
        text = node_text(link)
        if (
            not text
            or len(text.split()) > SECTION_MAX_WORDS
            or href.startswith(("#", "mailto:", "javascript:"))
        ):
            continue
        parts = urlsplit(href)
        if parts.netloc and (not own or host(href) != own):
            continue  # a link to another site (or, on a page with no address, perhaps to one)
        if parts.path.strip("/") and not parts.path.strip("/").startswith(("index", "home")):
            keys.add(site_key(text))
    return frozenset(k for k in keys | SECTION_WORDS if k)


def copyright_names(tree: lxml.html.HtmlElement) -> list[str]:
    """The names on the page's copyright lines ("© 2020 Example Media" -> "Example Media")."""
    names = []
    for text in tree.xpath(
        "//body//text()[contains(., '©') or contains(., 'opyright') or contains(., '(c)')]"
    ):
        line = " ".join(str(text).split())
        if len(line) > COPYRIGHT_MAX_CHARS:
            continue
        match = _COPYRIGHT.search(line)
        if match and match.group("name").strip(" .,-–|"):
            names.append(match.group("name").strip(" .,-–|"))
    return list(dict.fromkeys(names))[:SITE_NAME_ELEMENTS]


def copyright_name(line: str) -> str:
    """The name on a copyright line (the `copyright` meta: the line itself when it has no mark)."""
    match = _COPYRIGHT.search(line)
    return (match.group("name") if match else line).strip(" .,-–|")


def masthead_texts(tree: lxml.html.HtmlElement) -> list[str]:
    """Texts of the page's logo and site-title elements, and their images' alt text."""
    texts = []
    logos = tree.xpath(
        "//*[contains(@class, 'logo') or contains(@id, 'logo') or contains(@class, 'site-title')"
        " or contains(@class, 'site-name') or contains(@class, 'brand')]"
    )
    for node in logos[:SITE_NAME_ELEMENTS]:
        texts.append(node_text(node))
        texts += [img.get("alt") or "" for img in node.iter("img")][:1]
    return [t for t in texts if t]


def json_ld_publisher(tree: lxml.html.HtmlElement) -> str:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content() or "")
        except ValueError:
            continue
        for item in _walk(data):
            publisher = item.get("publisher")
            if isinstance(publisher, list) and publisher:
                publisher = publisher[0]
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                return publisher["name"]
            if item.get("@type") == "NewsMediaOrganization" and isinstance(item.get("name"), str):
                return item["name"]
    return ""


def _walk(data: object) -> Iterable[dict]:
    if isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, dict | list):
                yield from _walk(value)
    elif isinstance(data, list):
        for value in data:
            yield from _walk(value)


def meta_content(tree: lxml.html.HtmlElement, key: str) -> str:
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").strip().lower() == key:
            return " ".join((meta.get("content") or "").split())
    return ""


def node_text(node) -> str:
    return " ".join(node.text_content().split()) if node is not None else ""

"""What a page states about its site, read off its HTML: meta fields, the JSON-LD publisher, the
masthead (logo and site-title texts), copyright lines and the names of its sections. The readers the
site-name rule (archive/ingest/sitenames.py) and the headline rule (archive/ingest/headlines.py) share.
Plain Python over lxml."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlsplit

import lxml.html

from archive.ingest.domains import host, is_archived_copy, registered_domain
from archive.ingest.names import CREDIT_PHRASES
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
# Times a meta field's text is unescaped: content management systems escape "&copy;" twice or three times.
ENTITY_LEVELS = 3
# Logo and site-title elements read for the site's name.
SITE_NAME_ELEMENTS = 5
# A browser's note, at the top of a page it saved, of the address it saved it from.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(https?://[^\s<>]+?)\s*-->", re.I)
SAVED_FROM_SEARCH_CHARS = 4000
# The last part of the address of a site's own contact and legal pages ("/impressum", "/contact.php").
_OWN_PAGES = re.compile(
    r"/(?:impressum|imprint|contact|contact-us|contacts|kontakt|datenschutz|privacy|privacy-policy|about|"
    r"about-us|legal|mentions-legales|aviso-legal|contacto|chi-siamo|contatti)(?:\.\w{2,5})?/?$",
    re.I,
)
# A credit for content another publisher supplied ("© Provided by Example News", an image's title
# "... - Provided by Example TV"): the name after the phrase is that publisher's, not this site's.
_CREDIT = re.compile(
    r"(?:^|\b)(?:{})\s+(?P<name>[^\n,.;:|()<>\-–—]{{2,60}})".format("|".join(map(re.escape, CREDIT_PHRASES))),
    re.I,
)
# A syndicated copy (a portal republishing another outlet's story) sets its canonical link to the
# original's address while its own links go to its own site: at least this many of its absolute links,
# and this share of them, on one other registered domain, with the canonical's domain on at most this
# share of that number (the original's links in the story, "Read more at ...").
SYNDICATED_LINKS_MIN = 10
SYNDICATED_SHARE = 0.4
SYNDICATED_ORIGINAL_MAX = 1 / 3
# A saved copy of a web archive's page: most of its links are archived copies (at least this many), and
# the original site is the host most of them copy.
ARCHIVED_LINKS_MIN = 5


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


def saved_from_url(raw_html: str) -> str:
    """The address a browser saved the page from (<!-- saved from url=(0042)https://... -->), or ""."""
    match = _SAVED_FROM.search(raw_html[:SAVED_FROM_SEARCH_CHARS])
    return match.group(1) if match else ""


def site_host_from_links(tree: lxml.html.HtmlElement) -> str:
    """The host of a page that states no address, as its links show it ("" when they do not agree):
    a web archive's copy links to archived copies of its original site's pages; a site links to its
    own contact and legal pages ("Impressum", "Privacy") on its own host."""
    hrefs = [(link.get("href") or "").strip() for link in tree.iter("a")]
    hrefs = [h for h in hrefs if h and not h.startswith(("#", "mailto:", "javascript:"))]
    archived = Counter(host(h) for h in hrefs if is_archived_copy(h))
    if archived and sum(archived.values()) >= max(ARCHIVED_LINKS_MIN, len(hrefs) / 2):
        name, count = archived.most_common(1)[0]
        return name if count * 2 > sum(archived.values()) else ""
    own = {host(h) for h in hrefs if "//" in h and _OWN_PAGES.search(urlsplit(h).path)}
    return own.pop() if len(own) == 1 else ""


def republishing_host(tree: lxml.html.HtmlElement, url: str) -> str:
    """The host of the site a page sits on when its stated address (`url`, its canonical link) is another
    site's: the original a syndicated copy credits, while most of its own absolute links (menus, logo,
    footer) share one other registered domain and rarely the address's ("" when the links do not say so).
    Links to a web archive's copies are left out (site_host_from_links reads those)."""
    own = registered_domain(url) if url else ""
    hrefs = [(link.get("href") or "").strip() for link in tree.iter("a")]
    absolute = [h for h in hrefs if h.startswith(("http://", "https://", "//"))]
    hosts = [host(h) for h in absolute if not is_archived_copy(h)]
    by_domain = Counter(registered_domain(h) for h in hosts if h)
    if not own or not by_domain:
        return ""
    domain, count = by_domain.most_common(1)[0]
    if (
        domain == own
        or count < SYNDICATED_LINKS_MIN
        or count < SYNDICATED_SHARE * sum(by_domain.values())
        or by_domain[own] > SYNDICATED_ORIGINAL_MAX * count
    ):
        return ""
    return Counter(h for h in hosts if h and registered_domain(h) == domain).most_common(1)[0][0]


def is_credit(text: str) -> bool:
    """Whether a text opens with a credit for another publisher's content ("Provided by Example News")."""
    return bool(_CREDIT.match(text.strip()))


def credited_names(tree: lxml.html.HtmlElement) -> frozenset[str]:
    """Keys (site_key) of the publishers the page credits for content it carries ("Provided by Example
    TV" under a video, in an image's title or caption): partners, never the site itself."""
    texts = tree.xpath(
        "//body//text()[contains(translate(., 'PCSDRO', 'pcsdro'), 'rovided') or contains(., 'ourtesy')"
        " or contains(., 'upplied') or contains(., 'istributed') or contains(., 'yndicated')"
        " or contains(., 'eprinted') or contains(., 'epublished') or contains(., 'ereitgestellt')"
        " or contains(., 'ourni par') or contains(., 'ortesía') or contains(., 'roporcionado')]"
        " | //body//@title | //body//@alt"
    )
    return frozenset(site_key(match.group("name")) for text in texts for match in _CREDIT.finditer(str(text)))


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


def preformatted_copyright_names(tree: lxml.html.HtmlElement) -> list[str]:
    """The names on copyright lines inside long preformatted text (a document rendered as plain text,
    such as a standard's draft: "Copyright (c) 2014 Example Trust and the persons identified as ..."),
    read line by line; copyright_names leaves such text out as running prose."""
    names = []
    for text in tree.xpath("//body//pre//text()[contains(., 'opyright')]"):
        for line in str(text).splitlines():
            match = _COPYRIGHT.search(" ".join(line.split()))
            if match and len(line) <= COPYRIGHT_MAX_CHARS and match.group("name").strip(" .,-–|"):
                names.append(match.group("name").strip(" .,-–|"))
    return list(dict.fromkeys(names))[:SITE_NAME_ELEMENTS]


def linked_domains(tree: lxml.html.HtmlElement, *, at_least: int) -> list[str]:
    """The registered domains the page's absolute links go to at least `at_least` times, most first."""
    hrefs = [(link.get("href") or "").strip() for link in tree.iter("a")]
    counts = Counter(registered_domain(h) for h in hrefs if h.startswith(("http://", "https://", "//")))
    return [domain for domain, n in counts.most_common() if domain and n >= at_least]


def copyright_name(line: str) -> str:
    """The name on a copyright line (the `copyright` meta: the line itself when it has no mark)."""
    for _ in range(ENTITY_LEVELS):
        line = html.unescape(line)  # "&amp;amp;copy; 2016 example.com", escaped once too often
    match = _COPYRIGHT.search(line)
    return (match.group("name") if match else line).strip(" .,-–|")


def masthead_texts(tree: lxml.html.HtmlElement) -> list[str]:
    """Texts of the page's logo and site-title elements, and their images' alt text."""
    texts = []
    # Not in an element the page hides: a web archive's toolbar, kept in a saved copy but not shown,
    # carries the archive's own logo.
    logos = tree.xpath(
        "//*[(contains(@class, 'logo') or contains(@id, 'logo') or contains(@class, 'site-title')"
        " or contains(@class, 'site-name') or contains(@class, 'brand'))"
        " and not(ancestor-or-self::*[@hidden or contains(translate(@style, ' ', ''), 'display:none')])]"
    )
    for node in logos[:SITE_NAME_ELEMENTS]:
        texts.append(node_text(node))
        texts += [img.get("alt") or "" for img in node.iter("img")][:1]
    return [t for t in texts if t]


def home_link_titles(tree: lxml.html.HtmlElement) -> list[str]:
    """The titles of the page's links to the top of its site (<link rel="top" title="Example Docs">, as
    documentation generators write them; "start", "home" and "index" in other generators)."""
    titles = tree.xpath("//head/link[@rel='top' or @rel='start' or @rel='home' or @rel='index']/@title")
    return [" ".join(str(t).split()) for t in titles if str(t).strip()][:SITE_NAME_ELEMENTS]


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

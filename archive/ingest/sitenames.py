"""The name a site gives itself, from what its page states: one rule, used by the headline (to take the
site's name off the title) and by outlet identity (to name the outlet).

A page names its publisher in several places: `og:site_name`, the JSON-LD `publisher`, the
`application-name` meta, the site part of its <title> ("Mill reopens | Valley Courier") and its
masthead (the logo's text or alt). Each can be wrong: an og:site_name that repeats the headline or is a
web address, a JSON-LD publisher that is the wire agency the story came from, a title whose last part
is a section ("В мире | Политика") rather than the site. So each place gives a candidate, cleaned (a
legal form such as "AG" or ", Inc." taken off, a tagline after a separator dropped); candidates that
are a URL, a profile, the headline or a section path are not names; nor is a section of the site
(a title part or logo text that is the text of one of the page's links into the site, or a segment
of its web address: "News", "Erhverv"). The copyright line ("© 2020 Example Media") and the
`copyright` meta add candidates. Of the rest, a name another place also states wins, then one the
page's own web address spells ("Philadelphia Inquirer" on inquirer.com, "Coaching-Magazin" on
coaching-magazin.de, "半月谈" on banyuetan.org by its Latin transliteration), then one that is not
a web address, then the order above. Any part of the title, of the copyright line or the page's
social-media handle the web address spells exactly is a candidate too (a name in lower case, after
a colon, or between unspaced hyphens). A web address ("example.ch") stands in only when no place
states a name. A name keeps its script.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import lxml.html
from unidecode import unidecode

from archive.ingest.domains import host, looks_like_host, registered_domain
from archive.ingest.names import AGENCY_NAMES

# What sites put between a headline and their name in <title>, and between a name and its tagline.
SEPARATORS = re.compile(r"\s+(?:\||-|--|–|—|::|»|·|•|/)\s+|\s*_\s*(?=\S)|\s*[｜]\s*|\s*--\s*")
# Where a title or copyright line is also cut when looking for a part the web address spells: a colon
# ("Name: headline"), a comma, and (in a second reading) any hyphen ("标题-半月谈").
_LOOSE_CUTS = re.compile(r"\s*[:：,]\s+|：")
_HYPHENS = re.compile(r"\s*[-–—]\s*")
# A site name appended to <title> is a few words ("Harbour Gazette", "BBC News").
TITLE_SUFFIX_MAX_WORDS = 5
# Longer than this (in words) a stated name is a sentence or a headline, not a name.
NAME_MAX_WORDS = 8
# Logo and site-title elements read for the site's name.
SITE_NAME_ELEMENTS = 5
# A part of a title holding one of these is a breadcrumb of sections ("Sport > Football").
_SECTION_MARKS = re.compile(r"\s[>›]\s")
# Legal forms that end a company's name, with a country tail after one ("Zeitung AG, Schweiz").
LEGAL_FORM = re.compile(
    r"(?:,?\s+|\s*,\s*)(?:AG|GmbH(?:\s*&\s*Co\.?\s*KG)?|KG|LLC|L\.L\.C\.|Inc\.?|Ltd\.?|Limited|plc|PLC|"
    r"S\.A\.|SA|S\.p\.A\.|SAS|SE|e\.\s?V\.|Corp\.?|Co\.|B\.V\.|N\.V\.|Pty\.?(?:\s+Ltd\.?)?)"
    r"(?:\s*,\s*[^\W\d_][^\W\d_ .-]*(?:[ -][^\W\d_]+)?)?\.?$"
)
# Logo texts that name the element, not the site.
_NOT_NAMES = frozenset({"logo", "home", "startseite", "inicio", "accueil", "homepage", "menu", "login"})
# Words that name a section in every site ("News - Headline", "Headline | Service"), never the site.
SECTION_WORDS = frozenset(
    {
        "news", "home", "blog", "service", "info", "aktuelles", "nachrichten", "startseite", "nyheder",
        "nyheter", "uutiset", "noticias", "actualités", "actualites", "notizie", "nieuws", "новости", "新闻",
        "新聞", "뉴스", "ニュース",
    }
)  # fmt: skip
# The page's fields that exist to name its site (a JSON-LD publisher may be the author or a parent
# company: "Wikimedia Foundation" on Wikipedia, so it is weighed with the title and masthead).
_META_FIELDS = frozenset({"og:site_name", "application-name"})
# Bracketed asides at the end of a title part: "Example Verband (EV)", "Jane Roe ( Jay ) ( jroe )".
_PARENTHESES = re.compile(r"(?:\s*\([^()]{1,30}\))+$")
# A section's link is one word ("Politik", "Erhverv"); longer link texts are other articles' headlines,
# and a name in several words ("Jane Q. Roe") links to an about page as often as to the home page.
SECTION_MAX_WORDS = 1
# The host's label must be this long to count as spelling a name ("nzz" would match too much).
SPELLED_MIN_CHARS = 4
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
# "Logo MesOpinions.com", "Example logo": the word that labels a logo image.
_LOGO_WORD = re.compile(
    r"^(?:logo|logotipo|logotype)\s+|\s+\(?(?:logo|logotipo|logotype|home|homepage|startseite)\)?$", re.I
)
_PROFILE = re.compile(r"(?:facebook|twitter|instagram|youtube|linkedin|tiktok|vk)\.com|://", re.I)
_AGENCIES = frozenset(" ".join(name.casefold().split()) for name in AGENCY_NAMES)


@dataclass(frozen=True)
class SiteName:
    """The site's name and where the page states it (`how`); `is_host` when it is a web address."""

    name: str
    how: str
    is_host: bool = False


def split_title(title: str) -> list[str]:
    """The parts of a <title> between the separators sites use ("Mill reopens | Valley Courier")."""
    return [p.strip() for p in SEPARATORS.split(title) if p and p.strip()]


def title_site_part(title: str, *, headline: str = "", sections: frozenset[str] = frozenset()) -> str:
    """The site's name as pages put it at the end (or start) of <title>: a short part that is not the
    headline, not a breadcrumb of sections and not one of the site's `sections` (keys of its section
    names: "Politik" in "Headline - Name - Politik") ("" when there is none)."""
    parts = split_title(title)
    if len(parts) < 2:
        return ""
    head = _key(headline)
    beside = head in {_key(p) for p in parts}
    while len(parts) > 1 and _key(parts[-1]) in sections:
        parts = parts[:-1]
    while len(parts) > 1 and _key(parts[0]) in sections:
        parts = parts[1:]
    if len(parts) < 2:
        # "Example Fire Brigade - Training": once the section is off, the rest names the site.
        rest = parts[0] if parts and len(split_title(title)) > 1 else ""
        return rest if rest and _key(rest) != head and len(rest.split()) <= TITLE_SUFFIX_MAX_WORDS else ""
    for part in (parts[-1], parts[0]):
        part = _PARENTHESES.sub("", part).strip() or part  # "Jane Roe ( Jay )": a nickname or initials
        words = part.split()
        if _key(part) == head or _SECTION_MARKS.search(part) or not re.search(r"[^\W\d_]", part):
            continue
        if part.endswith(("?", "!")):
            continue  # the end of a question or exclamation cut at a slash, not a name
        # Capitalised like a name, or beside the headline itself (names in sentence case: "Речной вестник"),
        # or at the end of a path ("Headline | Section | Name").
        named = (
            beside or (len(parts) > 2 and part is parts[-1]) or not any(w[:1].islower() for w in words[1:])
        )
        if 0 < len(words) <= TITLE_SUFFIX_MAX_WORDS and named:
            if part is parts[0] and len(words) > 3:
                continue  # a long first part is the headline of a "Headline - Section" title
            return part
    return ""


def find_site_name(
    tree: lxml.html.HtmlElement, *, headline: str, url: str, fallback: str = ""
) -> SiteName | None:
    """The name the page gives its site (None when it states none and has no address). `fallback` is
    another extractor's reading of the site name (trafilatura 2.3 guesses one from the title or the
    host): it only stands in for a page with no address."""
    page = _PageText(
        title=_text(tree.find(".//title")),
        headline=headline,
        domain=registered_domain(url) if url else "",
        copyrights=tuple(copyright_names(tree)),
    )
    handle = _meta(tree, "twitter:site").lstrip("@")
    handle = handle if handle and not _PROFILE.search(handle) else ""
    pieces = [("the title", p) for p in _pieces(page.title)]
    pieces += [("the copyright line", p) for c in page.copyrights for p in _pieces(c)]
    found = _stated_names(tree, page, section_keys(tree, url)) + _spelled_pieces(pieces, page)
    if handle and not found and _spelled(handle, page.domain) == 2:
        found.append(("the page's social-media handle", handle))
    pieces += [("the page's social-media handle", handle)] if handle else []
    confirms = {(_origin(how), _key(name)) for how, name in [*found, *pieces]}

    def rank(item: tuple[int, tuple[str, str]]) -> tuple:
        order, (how, name) = item
        confirmed = any(key == _key(name) and other != _origin(how) for other, key in confirms)
        spelled = _spelled(name, page.domain)
        host_like = looks_like_host(name)  # its own address is no evidence for a name that is one
        return (
            confirmed or spelled > 0 and not host_like,
            confirmed,
            spelled > 0,
            not host_like,
            spelled,
            -order,
        )

    # A copyright line names a printer, a photographer or a theme as often as the site: it needs
    # another place, or the web address, to agree.
    found = [
        (how, name) for how, name in found if not how.startswith("the copyright") or rank((0, (how, name)))[0]
    ]
    # The fields that exist to name the site win over the title, masthead and copyright line, which
    # also name sections, taglines and printers.
    meta = [(how, name) for how, name in found if how in _META_FIELDS and not looks_like_host(name)]
    if found:
        how, name = max(enumerate(meta or found), key=rank)[1]
        name = _best_spelling(name, [n for _, n in found])
        return SiteName(_tidy_host(name), how.split(" (")[0], is_host=looks_like_host(name))
    site = host(url) or (fallback if looks_like_host(fallback) else "")
    return SiteName(_tidy_host(site), "the page's web address", is_host=True) if site else None


@dataclass(frozen=True)
class _PageText:
    """What find_site_name reads a page's names against."""

    title: str
    headline: str
    domain: str  # the page's registered domain ("" without an address)
    copyrights: tuple[str, ...]


def _stated_names(
    tree: lxml.html.HtmlElement, page: _PageText, sections: frozenset[str]
) -> list[tuple[str, str]]:
    """(where, name) for each place that states a name, cleaned; a section of the site is not one
    unless a field exists to name the site or the web address spells it."""
    stated = [
        ("og:site_name", _meta(tree, "og:site_name")),
        ("JSON-LD publisher", _json_ld_publisher(tree)),
        (
            "the site part of the title",
            title_site_part(page.title, headline=page.headline, sections=sections),
        ),
        ("application-name", _meta(tree, "application-name")),
        ("the copyright meta", _copyright_name(_meta(tree, "copyright"))),
    ]
    stated += [("the page's masthead", text) for text in masthead_texts(tree)[:SITE_NAME_ELEMENTS]]
    stated += [("the copyright line", p) for text in page.copyrights for p in _pieces(text, hyphens=False)]
    found = []
    for how, raw in stated:
        if how in _META_FIELDS:
            # "Tagline | Example Times" on example-times.com: the part the address spells is the name.
            raw = next((p for p in split_title(raw) if _spelled(p, page.domain) == 2), raw)
        # A logo text that is the whole <title> (a home page) names the site even as the headline.
        whole = how == "the page's masthead" and _key(raw) == _key(page.title)
        name = clean_name(raw, headline="" if whole else page.headline)
        kept = how.startswith(("og:", "JSON-LD")) or _key(name) not in sections or _spelled(name, page.domain)
        if name and kept:
            found.append((how, name))
    return found


def _spelled_pieces(pieces: Sequence[tuple[str, str]], page: _PageText) -> list[tuple[str, str]]:
    """Parts of the title and copyright line the web address spells: exactly (even in lower case, or as
    the headline), or as part of a short title part that is no part of the headline ("Example Verband
    (EV)" on ev.de)."""
    found = []
    for how, piece in pieces:
        name = clean_name(piece)
        spelled = _spelled(name, page.domain) if name else 0
        loose = spelled == 1 and how == "the title" and len(name.split()) <= TITLE_SUFFIX_MAX_WORDS
        if spelled == 2 or loose and _key(name) not in _key(page.headline):
            found.append((f"{how} (the web address spells it)", name))
    return found


def section_keys(tree: lxml.html.HtmlElement, url: str) -> frozenset[str]:
    """Keys of the names of the site's sections, as the page shows them: the segments of its web
    address ("erhverv" of /Erhverv/...) and the one-word texts of its links into the site below its
    home page ("Politik" -> /politik/). A site's own name links to its home page, so it is not among them."""
    from urllib.parse import urlsplit

    path = urlsplit(url).path if url else ""
    keys = {_key(segment) for segment in path.split("/")[:-1] if segment}
    own = host(url)
    for link in tree.iter("a"):
        href = (link.get("href") or "").strip()
        text = _text(link)
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
            keys.add(_key(text))
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


def _copyright_name(line: str) -> str:
    """The name on a copyright line (the `copyright` meta: the line itself when it has no mark)."""
    match = _COPYRIGHT.search(line)
    return (match.group("name") if match else line).strip(" .,-–|")


def clean_name(raw: str, *, headline: str = "") -> str:
    """A stated site name as a name: legal form and tagline off; "" for a URL, a profile, a wire
    agency, the headline, a section path or a sentence."""
    name = " ".join(unicodedata.normalize("NFC", raw or "").split()).strip(" ©|-–—:·•")
    name = _LOGO_WORD.sub("", name).strip()
    if not name or _PROFILE.search(name) or _key(name) in _NOT_NAMES or _SECTION_MARKS.search(name):
        return ""
    parts = split_title(name)
    if len(parts) > 2:
        return ""  # "Headline | Section | Site": a path, not a name
    if len(parts) == 2:
        if _key(headline) and _key(headline) in {_key(p) for p in parts}:
            name = parts[1] if _key(parts[0]) == _key(headline) else parts[0]
        else:
            name = parts[0]  # "Name - the tagline"
    head, colon, tail = name.partition(": ")
    if colon and tail.endswith(".") and len(head.split()) <= 3:
        name = head  # "Example: Better news. Every day."
    name = LEGAL_FORM.sub("", name).strip(" ,")
    if not name or len(name.split()) > NAME_MAX_WORDS or " ".join(name.casefold().split()) in _AGENCIES:
        return ""
    head = _key(headline)
    if head and (_key(name) == head or len(head) > 12 and head in _key(name)):
        return ""
    return name


def masthead_texts(tree: lxml.html.HtmlElement) -> list[str]:
    """Texts of the page's logo and site-title elements, and their images' alt text."""
    texts = []
    logos = tree.xpath(
        "//*[contains(@class, 'logo') or contains(@id, 'logo') or contains(@class, 'site-title')"
        " or contains(@class, 'site-name') or contains(@class, 'brand')]"
    )
    for node in logos[:SITE_NAME_ELEMENTS]:
        texts.append(_text(node))
        texts += [img.get("alt") or "" for img in node.iter("img")][:1]
    return [t for t in texts if t]


def _json_ld_publisher(tree: lxml.html.HtmlElement) -> str:
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


def _best_spelling(name: str, names: Sequence[str]) -> str:
    """A name written as a handle ("pcgamer") in the spelling another place uses ("PC Gamer")."""
    if name != name.lower() or " " in name:
        return name
    return next((other for other in names if _key(other) == _key(name) and other != name), name)


def _tidy_host(name: str) -> str:
    return re.sub(r"^www\d?\.", "", name, flags=re.I) if looks_like_host(name) else name


def _origin(how: str) -> str:
    """Where on the page a candidate was read, for counting confirmations: two readings of the title
    (or of the copyright line) are one place."""
    for place in ("title", "copyright"):
        if place in how:
            return place
    return how.split(" (")[0]


def _spelled(name: str, domain: str) -> int:
    """2 when the page's registered `domain` spells the name ("Coaching-Magazin" on coaching-magazin.de,
    "半月谈" on banyuetan.org, "sn.dk" on sn.dk), 1 when its label is part of it ("brand eins online" on
    brandeins.de), else 0."""
    if looks_like_host(name) and domain and registered_domain(name) == domain:
        return 2
    label = _key(domain.split(".")[0]) if "." in domain else ""
    if len(label) < SPELLED_MIN_CHARS:
        return 0
    keys = {_key(name), _key(unidecode(name))}
    keys |= {_key(name.rsplit(".", 1)[0])} if looks_like_host(name) else set()
    if label in keys:
        return 2
    return int(any(label in key for key in keys))


def _pieces(text: str, *, hyphens: bool = True) -> list[str]:
    """The parts of a title or copyright line, cut at its separators, at a colon or comma, and (as a
    second reading) at every hyphen."""
    parts = [q for p in split_title(text) for q in _LOOSE_CUTS.split(p)]
    parts += [q for p in parts for q in _HYPHENS.split(p)] if hyphens else []
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))


def _meta(tree: lxml.html.HtmlElement, key: str) -> str:
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").strip().lower() == key:
            return " ".join((meta.get("content") or "").split())
    return ""


def _text(node) -> str:
    return " ".join(node.text_content().split()) if node is not None else ""


def _key(text: str) -> str:
    return re.sub(r"[\W_]", "", unicodedata.normalize("NFKC", text or "").casefold())

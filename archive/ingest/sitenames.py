"""The name a site gives itself, from what its page states: one rule, used by the headline (to take the
site's name off the title) and by outlet identity (to name the outlet).

A page names its publisher in several places: `og:site_name`, the JSON-LD `publisher`, the
`application-name` meta, the site part of its <title> ("Mill reopens | Valley Courier") and its
masthead (the logo's text or alt). Each can be wrong: an og:site_name that repeats the headline or is a
web address, a JSON-LD publisher that is the wire agency the story came from, a title whose last part
is a section ("В мире | Политика") rather than the site. So each place gives a candidate, cleaned (a
legal form such as "AG" or ", Inc." taken off, a tagline after a separator dropped); candidates that
are a URL, a profile, the headline or a section path are not names. Of the rest, a name another
place also states, or that the page's own web address spells ("Philadelphia Inquirer" on
inquirer.com), wins over one stated once; then the order above. A web address ("example.ch") stands
in only when no place states a name. A name keeps its script.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import lxml.html

from archive.ingest.domains import host, looks_like_host, registered_domain
from archive.ingest.names import AGENCY_NAMES

# What sites put between a headline and their name in <title>, and between a name and its tagline.
SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|»|·|•|/)\s+|\s*_\s*(?=\S)|\s*[｜]\s*")
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
# "Logo MesOpinions.com", "Example logo": the word that labels a logo image.
_LOGO_WORD = re.compile(r"^(?:logo|logotipo|logotype)\s+|\s+(?:logo|logotipo|logotype)$", re.I)
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


def title_site_part(title: str, *, headline: str = "") -> str:
    """The site's name as pages put it at the end (or start) of <title>: a short part that is not the
    headline and not a breadcrumb of sections ("" when there is none)."""
    parts = split_title(title)
    if len(parts) < 2:
        return ""
    for part in (parts[-1], parts[0]):
        words = part.split()
        if _key(part) == _key(headline) or _SECTION_MARKS.search(part) or not re.search(r"[^\W\d_]", part):
            continue
        # Capitalised like a name, or beside the headline itself (names in sentence case: "Речной вестник"),
        # or at the end of a path ("Headline | Section | Name").
        beside = _key(headline) in {_key(p) for p in parts} or (len(parts) > 2 and part is parts[-1])
        named = beside or not any(w[:1].islower() for w in words[1:])
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
    title = _text(tree.find(".//title"))
    stated = [
        ("og:site_name", _meta(tree, "og:site_name")),
        ("JSON-LD publisher", _json_ld_publisher(tree)),
        ("the site part of the title", title_site_part(title, headline=headline)),
        ("application-name", _meta(tree, "application-name")),
    ]
    found = [(how, name) for how, raw in stated for name in [clean_name(raw, headline=headline)] if name]
    masthead = [clean_name(text, headline=headline) for text in masthead_texts(tree)[:SITE_NAME_ELEMENTS]]
    label = _host_label(url)
    names = [name for _, name in found]
    confirms = [*names, *filter(None, masthead)]

    def rank(item: tuple[int, tuple[str, str]]) -> tuple:
        order, (_, name) = item
        others = sum(_key(name) == _key(other) for other in confirms) - 1
        spelled = bool(label) and (label in _key(name) or _key(name) in label) and len(_key(name)) >= 3
        return (not looks_like_host(name), others > 0 or spelled, -order)

    if found:
        how, name = max(enumerate(found), key=rank)[1]
        name = _best_spelling(name, names)
        return SiteName(_tidy_host(name), how, is_host=looks_like_host(name))
    for text in masthead:
        if text and not looks_like_host(text):
            return SiteName(text, "the page's masthead")
    site = host(url) or (fallback if looks_like_host(fallback) else "")
    return SiteName(_tidy_host(site), "the page's web address", is_host=True) if site else None


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


def _host_label(url: str) -> str:
    """The distinctive label of the page's host ("inquirer" of www.inquirer.com)."""
    domain = registered_domain(url) if url else ""
    return _key(domain.split(".")[0]) if "." in domain else ""


def _meta(tree: lxml.html.HtmlElement, key: str) -> str:
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").strip().lower() == key:
            return " ".join((meta.get("content") or "").split())
    return ""


def _text(node) -> str:
    return " ".join(node.text_content().split()) if node is not None else ""


def _key(text: str) -> str:
    return re.sub(r"[\W_]", "", unicodedata.normalize("NFKC", text or "").casefold())

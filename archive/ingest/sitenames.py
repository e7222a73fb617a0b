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
a colon, or between unspaced hyphens). A page that states neither a name nor its address is its
copyright holder's when an address the page links to again and again spells the holder's name: the
words it spells ("IETF" of "IETF Trust and the persons identified as the document authors" on a draft
linking to ietf.org). A web address ("example.ch") stands in only when no place states a name. A
name keeps its script.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import lxml.html

from archive.ingest.domains import host, looks_like_host, registered_domain
from archive.ingest.names import AGENCY_NAMES
from archive.ingest.site_fields import (
    SITE_NAME_ELEMENTS,
    copyright_name,
    copyright_names,
    credited_names,
    home_link_titles,
    is_credit,
    json_ld_publisher,
    linked_domains,
    masthead_texts,
    meta_content,
    node_text,
    preformatted_copyright_names,
    section_keys,
)
from archive.ingest.textrules import fold_spaces, site_key, transliterate

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
# The page's fields that exist to name its site (a JSON-LD publisher may be the author or a parent
# company: "Wikimedia Foundation" on Wikipedia, so it is weighed with the title and masthead).
_META_FIELDS = frozenset({"og:site_name", "application-name"})
# The page's fields that give the document's own title.
_TITLE_FIELDS = ("og:title", "twitter:title", "dc.title")
# Bracketed asides at the end of a title part: "Example Verband (EV)", "Jane Roe ( Jay ) ( jroe )".
_PARENTHESES = re.compile(r"(?:\s*\([^()]{1,30}\))+$")
# The host's label must be this long to count as spelling a name ("nzz" would match too much).
SPELLED_MIN_CHARS = 4
# A page with no address names its copyright holder when it links at least this often to an address
# spelling the holder's name (one link is a citation; a site links to its own pages again and again).
LINKED_HOLDER_MIN = 3
# "Logo MesOpinions.com", "Example logo": the word that labels a logo image.
_LOGO_WORD = re.compile(
    r"^(?:logo|logotipo|logotype)\s+|\s+\(?(?:logo|logotipo|logotype|home|homepage|startseite)\)?$", re.I
)
_PROFILE = re.compile(r"(?:facebook|twitter|instagram|youtube|linkedin|tiktok|vk)\.com|://", re.I)
_AGENCIES = frozenset(map(fold_spaces, AGENCY_NAMES))


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
    head = site_key(headline)
    beside = head in {site_key(p) for p in parts}
    while len(parts) > 1 and site_key(parts[-1]) in sections:
        parts = parts[:-1]
    if len(parts) > 2 and _SECTION_MARKS.search(parts[-1]):
        parts = parts[:-1]  # "Headline - Name - Section > Subsection": the path after the name
    while len(parts) > 1 and site_key(parts[0]) in sections:
        parts = parts[1:]
    if len(parts) < 2:
        # "Example Fire Brigade - Training": once the section is off, the rest names the site.
        rest = parts[0] if parts and len(split_title(title)) > 1 else ""
        return rest if rest and site_key(rest) != head and len(rest.split()) <= TITLE_SUFFIX_MAX_WORDS else ""
    for part in (parts[-1], parts[0]):
        part = _PARENTHESES.sub("", part).strip() or part  # "Jane Roe ( Jay )": a nickname or initials
        words = part.split()
        if site_key(part) == head or _SECTION_MARKS.search(part) or not re.search(r"[^\W\d_]", part):
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
        title=node_text(tree.find(".//title")),
        headline=headline,
        domain=registered_domain(url) if url else "",
        copyrights=tuple(copyright_names(tree)),
        host=host(url) if url else "",
    )
    handle = meta_content(tree, "twitter:site").lstrip("@")
    handle = handle if handle and not _PROFILE.search(handle) else ""
    pieces = [("the title", p) for p in _pieces(page.title)]
    pieces += [("the copyright line", p) for c in page.copyrights for p in _pieces(c)]
    found = _stated_names(tree, page, section_keys(tree, url)) + _spelled_pieces(pieces, page)
    # What the page's metadata gives as the document's own title (a report's "Example Protocol" in
    # "draft-07 - Example Protocol") names the document, not the site, unless the address spells it.
    titles = {site_key(meta_content(tree, key)) for key in _TITLE_FIELDS} - {""}
    found = [(how, n) for how, n in found if site_key(n) not in titles or _spelled(n, page.domain)]
    if handle and not found and _spelled(handle, page.domain) == 2:
        found.append(("the page's social-media handle", handle))
    pieces += [("the page's social-media handle", handle)] if handle else []
    confirms = {(_origin(how), site_key(name)) for how, name in [*found, *pieces]}

    def rank(item: tuple[int, tuple[str, str]]) -> tuple:
        order, (how, name) = item
        confirmed = any(key == site_key(name) and other != _origin(how) for other, key in confirms)
        spelled = _spelled(name, page.domain)
        host_like = looks_like_host(name)  # its own address is no evidence for a name that is one
        return (
            confirmed or spelled > 0 and not host_like,
            confirmed,
            spelled > 0,
            not host_like,
            spelled,
            # Of two web addresses ("example.com", "someone.example.com"), the page's own.
            host_like and host(name) == page.host,
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
    held = "" if url else _holder_the_links_spell(tree, page.copyrights)
    if held:
        return SiteName(held, "the copyright line, whose holder's web address the page links to")
    site = host(url) or (fallback if looks_like_host(fallback) else "")
    return SiteName(_tidy_host(site), "the page's web address", is_host=True) if site else None


def _holder_the_links_spell(tree: lxml.html.HtmlElement, copyrights: Sequence[str]) -> str:
    """For a page that states neither its address nor a name: the copyright holder's name as a web
    address the page links to spells it ("IETF" of "IETF Trust and the persons identified as the
    document authors", on a page linking to ietf.org), the words of the holder that address spells
    exactly ("" when no linked address spells any)."""
    holders = [*copyrights, *preformatted_copyright_names(tree)]
    for domain in linked_domains(tree, at_least=LINKED_HOLDER_MIN):
        for holder in holders:
            words = holder.split()
            runs = (" ".join(words[i:j]) for i in range(len(words)) for j in range(len(words), i, -1))
            spelled = next((run for run in runs if _spelled(run, domain) == 2), "")
            if spelled:
                return spelled
    return ""


@dataclass(frozen=True)
class _PageText:
    """What find_site_name reads a page's names against."""

    title: str
    headline: str
    domain: str  # the page's registered domain ("" without an address)
    copyrights: tuple[str, ...]
    host: str = ""  # the page's own host ("blog.example.com")


def _stated_names(
    tree: lxml.html.HtmlElement, page: _PageText, sections: frozenset[str]
) -> list[tuple[str, str]]:
    """(where, name) for each place that states a name, cleaned; a section of the site is not one
    unless a field exists to name the site or the web address spells it."""
    site_part = title_site_part(page.title, headline=page.headline, sections=sections)
    # The title's other parts (its headline and sections): a site-name field that repeats one is the
    # page's own title, not the site's name, when the title's site part is a name the page's address
    # spells ("Headline | Example" on example.de with og:site_name "Headline").
    named = site_part and not looks_like_host(site_part) and _spelled(site_part, page.domain) == 2
    not_site = {site_key(p) for p in split_title(page.title)} - {site_key(site_part)} if named else set()
    stated = [
        ("og:site_name", meta_content(tree, "og:site_name")),
        ("JSON-LD publisher", json_ld_publisher(tree)),
        ("the site part of the title", site_part),
        ("application-name", meta_content(tree, "application-name")),
        ("the copyright meta", copyright_name(meta_content(tree, "copyright"))),
    ]
    stated += [("the page's masthead", text) for text in masthead_texts(tree)[:SITE_NAME_ELEMENTS]]
    stated += [("the link to the site's top", text) for text in home_link_titles(tree)]
    stated += [("the copyright line", p) for text in page.copyrights for p in _pieces(text, hyphens=False)]
    # The publishers the page credits for content it carries (a partner's logo beside its video).
    credited = credited_names(tree)
    found = []
    for how, raw in stated:
        if how in _META_FIELDS and site_key(raw) in not_site:
            continue
        if how in _META_FIELDS:
            # "Tagline | Example Times" on example-times.com: the part the address spells is the name.
            raw = next((p for p in split_title(raw) if _spelled(p, page.domain) == 2), raw)
        # A logo text that is the whole <title> (a home page) names the site even as the headline.
        whole = how == "the page's masthead" and site_key(raw) == site_key(page.title)
        name = clean_name(raw, headline="" if whole else page.headline)
        stated_field = how.startswith(("og:", "JSON-LD"))
        kept = stated_field or site_key(name) not in sections or _spelled(name, page.domain)
        if name and kept and (stated_field or how in _META_FIELDS or site_key(name) not in credited):
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
        if spelled == 2 or loose and site_key(name) not in site_key(page.headline):
            found.append((f"{how} (the web address spells it)", name))
    return found


def clean_name(raw: str, *, headline: str = "") -> str:
    """A stated site name as a name: legal form and tagline off; "" for a URL, a profile, a wire
    agency, the headline, a section path or a sentence."""
    name = " ".join(unicodedata.normalize("NFC", raw or "").split()).strip(" ©|-–—:·•")
    name = _LOGO_WORD.sub("", name).strip()
    if not name or _PROFILE.search(name) or site_key(name) in _NOT_NAMES or _SECTION_MARKS.search(name):
        return ""
    if is_credit(name):
        return ""  # a credit for another publisher's content names the original, not this site
    parts = split_title(name)
    if len(parts) > 2:
        return ""  # "Headline | Section | Site": a path, not a name
    if len(parts) == 2:
        if site_key(headline) and site_key(headline) in {site_key(p) for p in parts}:
            name = parts[1] if site_key(parts[0]) == site_key(headline) else parts[0]
        else:
            name = parts[0]  # "Name - the tagline"
    head, colon, tail = name.partition(": ")
    if colon and tail.endswith(".") and len(head.split()) <= 3:
        name = head  # "Example: Better news. Every day."
    name = LEGAL_FORM.sub("", name).strip(" ,")
    if not name or len(name.split()) > NAME_MAX_WORDS or fold_spaces(name) in _AGENCIES:
        return ""
    head = site_key(headline)
    if head and (site_key(name) == head or len(head) > 12 and head in site_key(name)):
        return ""
    return name


def _best_spelling(name: str, names: Sequence[str]) -> str:
    """A name written as a handle ("pcgamer") in the spelling another place uses ("PC Gamer")."""
    if name != name.lower() or " " in name:
        return name
    return next((other for other in names if site_key(other) == site_key(name) and other != name), name)


def _tidy_host(name: str) -> str:
    return re.sub(r"^www\d?\.", "", name, flags=re.I) if looks_like_host(name) else name


def _origin(how: str) -> str:
    """Where on the page a candidate was read, for counting confirmations: two readings of the title
    (or of the copyright line) are one place."""
    for place in ("title", "copyright"):
        if place in how:
            return place
    return how.split(" (")[0]


def spells_address(name: str, url: str) -> bool:
    """Whether the registered domain of `url` spells `name`, or part of it ("TV Today" on tvtoday.de)."""
    return _spelled(name, registered_domain(url)) > 0


def _spelled(name: str, domain: str) -> int:
    """2 when the page's registered `domain` spells the name ("Coaching-Magazin" on coaching-magazin.de,
    "半月谈" on banyuetan.org, "sn.dk" on sn.dk), 1 when its label is part of it ("brand eins online" on
    brandeins.de), else 0."""
    if looks_like_host(name) and domain and registered_domain(name) == domain:
        return 2
    label = site_key(domain.split(".")[0]) if "." in domain else ""
    if len(label) < SPELLED_MIN_CHARS:
        return 0
    keys = {site_key(name), site_key(transliterate(name))}
    keys |= {site_key(name.rsplit(".", 1)[0])} if looks_like_host(name) else set()
    if label in keys:
        return 2
    return int(any(label in key for key in keys))


def _pieces(text: str, *, hyphens: bool = True) -> list[str]:
    """The parts of a title or copyright line, cut at its separators, at a colon or comma, and (as a
    second reading) at every hyphen."""
    parts = [q for p in split_title(text) for q in _LOOSE_CUTS.split(p)]
    parts += [q for p in parts for q in _HYPHENS.split(p)] if hyphens else []
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))

"""HTML pages: main text and metadata through trafilatura; the publication date from what the page
states (archive.ingest.page_dates).

trafilatura (via htmldate) will guess a date from the URL, the page's furniture or the copyright
year when a page states none; Parallax never invents dates, so trafilatura's date is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml import etree

from archive.ingest import page_dates, prose
from archive.ingest.boilerplate import is_noise_line
from archive.ingest.headlines import choose_headline
from archive.ingest.page_dates import PageDate, find_publication_date
from archive.ingest.site_fields import republishing_host, saved_from_url, site_host_from_links
from archive.ingest.sitenames import SiteName, find_site_name, spells_address


@dataclass(frozen=True)
class HtmlPage:
    """What an HTML page declares about itself, and its main text as paragraphs."""

    title: str
    title_how: str
    description: str
    url: str
    author: str
    site_name: str  # the name the page gives its site ("" when it states none; see site_name_is_host)
    published: PageDate | None
    paragraphs: tuple[str, ...]
    body_how: str = ""  # where the body came from when the main text found was not prose
    site_name_is_host: bool = False  # the page states no name: site_name is its web address
    home: str = ""  # the address of the page's own site when `url` is not on it (or there is no `url`)


def read_html(text: str, *, folder_host: str = "") -> HtmlPage:
    """Main text and metadata of an HTML page (no date guessing). `folder_host` is the host the
    upload's folders give the file (a crawler's mirror: archive.ingest.domains.host_in_path)."""
    try:
        tree = lxml.html.document_fromstring(text.encode("utf-8"), parser=_parser())
    except (etree.ParserError, ValueError):
        return HtmlPage("", "", "", "", "", "", None, ())
    try:
        doc = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura 2.3 raises assorted errors on broken markup
        doc = None  # the page's own <p> elements and <title> below stand in for its extraction
    # The page's address: its canonical link or og:url, else where a browser saved it from.
    url = (getattr(doc, "url", None) or "").strip() or saved_from_url(text)
    site_name = (getattr(doc, "sitename", None) or "").strip()
    fallback = getattr(doc, "title", None) or _first_text(tree, "//h1") or _first_text(tree, "//title")
    fallback = fallback.strip()
    # trafilatura 2.3 guesses a site name from the title's parts when the page states none: only
    # the names the page states itself (read by choose_headline) are taken off its title.
    title, title_how = choose_headline(tree, fallback=fallback, site_name="", url=url)
    body = getattr(doc, "text", None) or ""
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    if not paragraphs:
        paragraphs = _paragraph_texts(tree)
    if paragraphs and paragraphs[0] in (title, fallback):
        paragraphs = paragraphs[1:]
    description = (getattr(doc, "description", None) or "").strip()
    paragraphs, body_how = _prose_or_fallback(tree, paragraphs, description)
    home, site = _own_site(tree, url=url, headline=title, fallback=site_name, folder_host=folder_host)
    return HtmlPage(
        title=title,
        title_how=title_how,
        description=description,
        body_how=body_how,
        url=url,
        author=(getattr(doc, "author", None) or "").strip(),
        site_name=site.name if site else "",
        site_name_is_host=bool(site and site.is_host),
        published=find_publication_date(tree, text, text_lines=paragraphs[: page_dates.HEADER_LINES]),
        paragraphs=tuple(paragraphs),
        home="" if home == url else home,
    )


def _own_site(
    tree: lxml.html.HtmlElement, *, url: str, headline: str, fallback: str, folder_host: str
) -> tuple[str, SiteName | None]:
    """The address of the site the page sits on, and the name it gives that site. A page's stated
    address is its own, unless it is a syndicated copy's canonical link to the original (its own
    links name the site that republished it) and the name the page states is not one that address
    spells. A page that states no address: its site's host as its links show it, else as the folder
    it was uploaded in does (a crawler's mirror)."""
    if url:
        site = find_site_name(tree, headline=headline, url=url, fallback=fallback)
        other = republishing_host(tree, url)
        if not other or (site and not site.is_host and spells_address(site.name, url)):
            return url, site
        home = f"https://{other}/"
    else:
        name = site_host_from_links(tree) or folder_host
        home = f"https://{name}/" if name else ""
    return home, find_site_name(tree, headline=headline, url=home, fallback=fallback)


def _parser() -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)


def _first_text(tree: lxml.html.HtmlElement, xpath: str) -> str:
    nodes = tree.xpath(xpath)
    return " ".join(nodes[0].text_content().split()) if nodes else ""


def _prose_or_fallback(
    tree: lxml.html.HtmlElement, paragraphs: list[str], description: str
) -> tuple[list[str], str]:
    """The main text, or, when what trafilatura found is menus and links (a page whose article text
    is loaded by script), the page's own description of itself, else its paragraphs of running text."""
    if not paragraphs or prose.measure("\n".join(paragraphs)).is_prose:
        return paragraphs, ""
    running = [p for p in _paragraph_texts(tree) if prose.count_sentences(p) and not is_noise_line(p)]
    for alternative, how in (([description], "the page's description"), (running, "the page's paragraphs")):
        stats = prose.measure("\n".join(alternative))
        if stats.is_prose and stats.words >= prose.MIN_BODY_WORDS:
            return alternative, how
    return paragraphs, ""


def _paragraph_texts(tree: lxml.html.HtmlElement) -> list[str]:
    texts = (" ".join(p.text_content().split()) for p in tree.iter("p"))
    return [t for t in texts if re.search(r"\w", t)]

"""An HTML page's headline as an editor reads it: the visible <h1> when the page's own title confirms
it, else the page's title without the site's name.

Pages name themselves in three places: the Open Graph title, the <title> element ("Mill reopens |
Valley Courier") and the visible <h1>. The <h1> is what a reader sees, but on many sites it holds
the site's logo or a section name; so it is taken when the page's title contains it (or it contains
the title). Otherwise the title is used with the site's name taken off its start or end: a part
that is the page's site name (og:site_name) or its web address ("Backen.de", "The Japan Times" on
japantimes.co.jp). A navigation line is never a headline.

A plain-text page dump has no markup: its headline is the first headline-like line at the top (short,
not a sentence, not a masthead with a date, a byline or a caption), under a banner or section label
when the page opens with one (`find_title`); a page with none gets its first sentence (`guess_title`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

import lxml.html

from archive.ingest import dates, domains, prose
from archive.ingest import sources as outlets
from archive.ingest.attribution import is_byline
from archive.ingest.boilerplate import PageLine, is_caption, is_navigation
from archive.ingest.site_fields import home_link_titles, masthead_texts, meta_content, node_text
from archive.ingest.sitenames import SEPARATORS as _SEPARATORS
from archive.ingest.textrules import (
    first_sentence,
    fold_punctuation,
    has_inner_sentence_end,
    looks_finished,
    site_key,
)

# A text dump's headline is looked for among its first non-empty lines (past the furniture).
TITLE_SEARCH_LINES = 12
# A text dump's headline is short: the seeds' run 40-70 characters; 200 allows long wire headlines.
LINE_HEADLINE_MAX_CHARS = 200
LINE_HEADLINE_MAX_WORDS = 30
# A banner or section label above a headline is a few capitalised words ("World News").
BANNER_MAX_WORDS = 5
# One capitalised word and a full stop opening a headline: the place or label of regional papers.
_LEAD_LABEL = re.compile(r"^[^\W\d_][^\W\d_'’-]{2,}(?:[-'’][^\W\d_]+)*\.\s+(?=[^\W\d_])")
# Tags that style words inside a heading rather than set a part of it apart.
INLINE_STYLE_TAGS = frozenset({"em", "i", "b", "strong", "u", "mark", "q", "sup", "sub", "abbr", "cite", "s"})
# Classes that hide an element from sight and leave it to screen readers ("Headline:").
_SCREEN_READER_ONLY = re.compile(r"\b(sr-only|visually-?hidden|screen-?reader-text|offscreen)\b", re.I)
# An <h1> the title does not repeat is still the headline when this share of its words is in the title.
SHARED_WORDS = 0.5
# A title part holding the site's web address is the site's name only up to this many words.
SITE_PART_MAX_WORDS = 4
# Headings looked at, and the length a headline may have.
MAX_HEADINGS = 3
HEADLINE_MAX_CHARS = 300
# A heading this short (in words) confirmed by the title may still be the site's name: it must
# also be at least this share of the title once the site's name is off.
MIN_SHARE_OF_TITLE = 0.5


def choose_headline(
    tree: lxml.html.HtmlElement, *, fallback: str, site_name: str, url: str
) -> tuple[str, str]:
    """(headline, how it was found). `fallback` is trafilatura's title, used when the page has none."""
    page_title = (
        meta_content(tree, "og:title")
        or meta_content(tree, "twitter:title")
        or node_text(tree.find(".//title"))
    )
    page_title = page_title or fallback
    names = _site_names(tree, site_name)
    bare = strip_site_name(page_title, site_name=names, url=url) if page_title else ""
    headings = tree.xpath("//h1")[:MAX_HEADINGS] + tree.xpath("//h2")[:MAX_HEADINGS]
    # A heading that says the title exactly wins over one that only holds it ("Our 3 steps to X" / "X").
    same = [h for h in headings if bare and fold_punctuation(node_text(h)) == fold_punctuation(bare)]
    for heading in same[:1] + headings:
        text = node_text(heading)
        if not text or len(text) > HEADLINE_MAX_CHARS or is_navigation(text) or not page_title:
            continue
        # A kicker, a section link or a date and category line set in the heading beside the
        # headline ("<span>Politics |</span> <span>Mayor elected</span>"): the part the title confirms.
        parts = _heading_parts(heading)
        set_apart = parts and parts != [text] and text.casefold() not in page_title.casefold()
        for part in sorted(parts, key=len, reverse=True) if set_apart else ():
            if not is_navigation(part) and _confirms(part, page_title, bare, site_name=names, url=url):
                return part, f"the page's <{heading.tag}> without its kicker or date line"
        if _confirms(text, page_title, bare, site_name=names, url=url):
            return text, f"the page's <{heading.tag}>, confirmed by its title"
    # No heading says the title again: the page's first <h1> (else <h2>), when it shares most of its words
    # with the title and is as long as it ("Nachhaltig leben" for "Nachhaltiger leben | Site").
    first = tree.find(".//h1")
    first = first if first is not None else tree.find(".//h2")
    text = node_text(first)
    usable = bare and text and len(text) <= HEADLINE_MAX_CHARS and not is_navigation(text)
    if usable and not _is_site(text, names, url) and _shares_words(text, bare):
        return _without_title_label(first, page_title) or text, (
            f"the page's <{first.tag}>, which shares most of its words with the title"
        )
    # The title names only the site ("National Rail Enquiries -") or a site page ("Home") that no
    # heading repeats (a heading saying "Impressum" too makes the page the imprint: it is flagged):
    # the page's first heading that is neither the site's name nor navigation is its headline.
    site_page = is_navigation(page_title) and not any(
        fold_punctuation(node_text(h)) == fold_punctuation(page_title) for h in headings
    )
    if site_page or (bare and len(bare.split()) <= SITE_PART_MAX_WORDS and _is_site(bare, names, url)):
        for heading in tree.xpath("//h1")[:MAX_HEADINGS] + tree.xpath("//h2")[:MAX_HEADINGS]:
            text = node_text(heading)
            usable = text and len(text) <= HEADLINE_MAX_CHARS and not is_navigation(text)
            if usable and not _is_site(text, names, url):
                return text, f"the page's <{heading.tag}> (its title names only the site or a site page)"
    if bare and not is_navigation(bare):
        how = "the page's title" + (" without the site's name" if bare != page_title else "")
        return bare, how
    if fallback and not is_navigation(fallback) and not bare:
        return fallback, "trafilatura's title"
    # "Home", "Privacy policy": the page names no headline of its own; it is guessed and flagged.
    return "", ""


def strip_site_name(title: str, *, site_name: str | tuple[str, ...], url: str) -> str:
    """The title without the site's name at its start or end ("Mill reopens | Valley Courier")."""
    parts = [p for p in _SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title.strip()
    while len(parts) > 1 and _is_site(parts[-1], site_name, url):
        parts.pop()
    while len(parts) > 1 and _is_site(parts[0], site_name, url):
        parts.pop(0)
    if len(parts) == len(_SEPARATORS.split(title)):
        return title.strip()
    # Rejoin what is left with the separators it had ("Sport - Cup preview").
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else " ".join(parts)


def _shares_words(heading: str, title: str) -> bool:
    """Whether a heading of at least two words has at least SHARED_WORDS of its words in the title
    and at least MIN_SHARE_OF_TITLE of its length."""
    words, in_title = fold_punctuation(heading).split(), set(fold_punctuation(title).split())
    return (
        len(words) >= 2
        and sum(w in in_title for w in words) >= SHARED_WORDS * len(words)
        and len(heading) >= MIN_SHARE_OF_TITLE * len(title)
    )


def _heading_parts(heading: lxml.html.HtmlElement) -> list[str]:
    """A heading's text cut where its markup sets parts apart (a <span> or <div> of its own, a
    <br>, a link), not where it only styles words (<em>, <b>...)."""
    children = [child for child in heading if isinstance(child.tag, str)]
    if len(children) == 1 and not (heading.text or "").strip() and not (children[0].tail or "").strip():
        return _heading_parts(children[0])  # a wrapper around the whole heading
    parts = [heading.text or ""]
    for child in heading:
        if not isinstance(child.tag, str) or _SCREEN_READER_ONLY.search(child.get("class") or ""):
            parts[-1] += child.tail or ""  # a comment, or a label only a screen reader speaks
            continue
        if child.tag in INLINE_STYLE_TAGS:
            parts[-1] += child.text_content() + (child.tail or "")
            continue
        parts += [child.text_content(), child.tail or ""]
    return [text for text in (" ".join(part.split()) for part in parts) if text]


def _without_title_label(heading: lxml.html.HtmlElement, title: str) -> str:
    """The heading without a part set apart in its markup that is a whole part of the title, such as
    the site's or section's name shown small before the headline ("<span>Energy Campaign</span>
    Free power check" for "Energy Campaign - free power check | Building News"); "" when none is."""
    parts = _heading_parts(heading)
    labels = {fold_punctuation(p) for p in _SEPARATORS.split(title) if p.strip()}
    kept = [part for part in parts if fold_punctuation(part) not in labels]
    return " ".join(kept) if parts and len(kept) == len(parts) - 1 and kept else ""


def _confirms(heading: str, title: str, bare: str, *, site_name: tuple[str, ...], url: str) -> bool:
    h, t = fold_punctuation(heading), fold_punctuation(title)
    if not h or _is_site(heading, site_name, url):
        return False
    if h in t:
        return len(h) >= MIN_SHARE_OF_TITLE * len(fold_punctuation(bare) or t)
    return fold_punctuation(bare) in h


def _is_site(part: str, site_name: str | tuple[str, ...], url: str) -> bool:
    key = site_key(part)
    if not key:
        return True
    names = (site_name,) if isinstance(site_name, str) else site_name
    if any(key == site_key(name) for name in names if name):
        return True
    own = domains.host(url) if url else ""
    host, label = site_key(own), site_key(own.split(".")[0])
    # The host's name inside a part names the site only in a short part ("Dropbox Tech Blog"), not
    # in a headline that mentions it ("How we designed Dropbox's task framework").
    short = len(part.split()) <= SITE_PART_MAX_WORDS
    in_host = key in host and len(key) >= 4
    return bool(host) and (key == host or in_host or (short and len(label) >= 4 and label in key))


def _site_names(tree: lxml.html.HtmlElement, site_name: str) -> tuple[str, ...]:
    """What the page calls its site: og:site_name (via trafilatura), application-name, and the text
    of its logo or site-title element, and the title of its link to the top of the site."""
    names = [
        site_name,
        meta_content(tree, "og:site_name"),
        meta_content(tree, "application-name"),
        *masthead_texts(tree),
        *home_link_titles(tree),
    ]
    names += _home_link_texts(tree)
    return tuple(name for name in names if name and len(name) <= HEADLINE_MAX_CHARS)


def _home_link_texts(tree: lxml.html.HtmlElement) -> list[str]:
    """The text of a heading that links to the site's home page: the site's name set as a heading
    (a blog's <h1><a href="/">Notes from the Valley</a></h1>)."""
    texts = []
    for link in tree.xpath("//h1//a[@href] | //h2//a[@href]")[: MAX_HEADINGS * 2]:
        path = urlsplit(link.get("href") or "").path
        if path in ("", "/") and not urlsplit(link.get("href") or "").query:
            texts.append(node_text(link))
    return texts


def is_line_headline(line: str) -> bool:
    """Whether a text dump's line may be its headline: short, capitalised, not a sentence, and not a
    date, outlet, byline, caption or navigation line."""
    words = prose.count_words(line)
    return (
        2 <= words <= LINE_HEADLINE_MAX_WORDS
        and len(line) <= LINE_HEADLINE_MAX_CHARS
        and not line.endswith((".", ",", ";", ":"))
        and not line[:1].islower()
        and not dates.contains_full_date(line)
        and not outlets.is_outlet_line(line)
        and not is_byline(line)
        and not is_caption(line)
        and not is_navigation(line)
    )


def find_title(lines: Sequence[PageLine]) -> tuple[int, str]:
    """Index of a text dump's headline and how it was recognised (-1, "" when there is none).

    The headline is in the first run of headline-like lines at the top of the page. A run of more
    than one is a banner or section label above the headline ("Harbour Gazette Weekend Digest",
    then the headline): the first line that does not look like a banner wins. Running text before
    any headline-like line means the page has no headline to recognise."""
    run: list[int] = []
    for i, line in enumerate(lines[:TITLE_SEARCH_LINES]):
        headline_like = is_line_headline(line.text) and not _holds_a_sentence(line.text)
        if headline_like:
            run.append(i)
        elif run or (prose.is_running_text(line.text) and looks_finished(line.text)):
            break
    if not run:
        return -1, ""
    if len(run) == 1:
        return run[0], "first headline-like line"
    chosen = next((i for i in run if not _looks_like_banner(lines[i].text)), run[-1])
    return chosen, "headline-like line under the page's banner"


def is_repeatable_headline(line: str) -> bool:
    """A headline a page prints twice (breadcrumb and heading) keeps one copy; a caption does not."""
    return is_line_headline(line) and not _holds_a_sentence(line) and not is_caption(line)


def _holds_a_sentence(line: str) -> bool:
    """Whether a line holds a sentence end inside it, past a place or label word that opens a
    headline with a full stop ("Frain. Incendie dans une grange"): that stop is the headline's own."""
    label = _LEAD_LABEL.match(line)
    return has_inner_sentence_end(line[label.end() :] if label else line)


def guess_title(paragraphs: Sequence[str]) -> str:
    """A title for a page with no headline: its first sentence, cut to a headline's length."""
    first = paragraphs[0] if paragraphs else ""
    sentence = first_sentence(first)
    if len(sentence) <= LINE_HEADLINE_MAX_CHARS:
        return sentence
    return sentence[: LINE_HEADLINE_MAX_CHARS - 1] + "…"


def _looks_like_banner(line: str) -> bool:
    """A short line of capitalised words only: a masthead or section label, not a headline."""
    words = line.split()
    return len(words) <= BANNER_MAX_WORDS and all(w[:1].isupper() or not w[:1].isalpha() for w in words)

"""Page noise: what a careful editor deletes before filing an article's body.

Two kinds of noise are removed:

* Generic noise, the same on every outlet, written down once below as UPPER_CASE patterns:
  navigation and sharing words ("Read more", "Follow us on:"), donation and subscription appeals
  ("Support us", "Enjoying ad-free content?", a block that starts "A Message from X:" and runs to the
  end of the page), and photo captions (a line ending in an agency tag such as "[AP]", or a
  caption sentence followed by a photographer's name, or a line the page repeats).

* Learned noise, per outlet, so a new outlet's furniture goes without a code change. Lines that
  recur on many of one outlet's pages ("Subscribe to our daily newsletter", a standing appeal,
  a site slogan) are noise for that outlet. The API, plain Python:

    1. After storing an article from source S, the importer counts, per source, on how many of S's
       pages each line occurs: ``for digest in noise_candidates(article_raw_text): counts[S][digest] += 1``
       and keeps the number of pages of S counted.
    2. When parsing the next page, the importer passes ``noise_for=lambda name: learned_noise(
       counts[name], pages[name])`` to ``parse_document``; the parser calls it with the page's
       source name once the source is known and drops every line whose ``line_digest`` (or
       exact text) is in the returned set: a plain-text page is then read again without them,
       so a recurring slogan above the headline cannot pass for the title; an HTML page (title
       from its metadata) loses them from the body.

  Counting digests, not text, keeps the stored table small and free of article text. A date line
  is never dropped as learned noise, so a date repeated on a busy news day cannot be learned away.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from archive.ingest.textrules import LATIN_STOPS, count_sentences


def _compile(*patterns: str) -> re.Pattern:
    """One case-insensitive alternation: a single scan per line instead of one per pattern."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


# Whole lines that are page furniture on any site (compared case-insensitively, ignoring
# trailing punctuation). Collected from the seeds and common news-site templates.
NOISE_LINES = frozenset(
    {
        "read more", "read also", "more", "follow us on", "follow us", "support us", "share", "share this",
        "share this article", "share on facebook", "share on twitter", "tweet", "email", "print",
        "advertisement", "sponsored", "subscribe", "subscribe now", "sign up", "sign in", "log in",
        "newsletter", "contribute today", "donate", "donate now", "remind me later",
        "not ready to support today", "once", "monthly", "annual", "yearly", "one-time", "continue",
        "payment methods", "paiment methods", "close", "x", "×", "skip to content", "skip to main content",
        "menu", "search", "home", "comments", "leave a comment", "back to top", "copy link",
        "listen to this article", "loading", "most read", "most popular", "related", "related articles",
        "more stories", "trending", "cookie settings", "accept cookies",
    }
)  # fmt: skip
# Whole-line patterns for furniture with variable wording.
NOISE_LINE_PATTERNS = _compile(
    r"^support (the )?[\w .&'’-]{2,40}!?$",  # "Support The Moscow Times!"
    r"^follow (us|the author)\b.{0,60}$",
    r"^share (this|on|via)\b.{0,60}$",
    r"^(click|tap) here\b.{0,80}$",
    r"^(sign up|subscribe)\b.{0,80}$",
    r"^(©|\(c\)|copyright\b).{0,120}$",
    r"^all rights reserved\.?$",
    r"^(tags|topics|filed under|keywords)\s*:.{0,200}$",
    r"^(read|see) (more|also)\s*:.{0,200}$",
    r"^(related|also read|recommended|watch|listen)\s*:.{0,200}$",  # "Related: Port warns of delays"
    r"^[^>»›\n]{1,40}(?:\s[>»›]\s[^>»›\n]{1,120}){1,6}$",  # breadcrumbs: "News > World > Headline"
)
# Navigation that must never pass for a headline or stay in a body: skip links, cookie and consent
# banners, script warnings (in the languages most met), and numbered menu items ("3. World").
NAVIGATION_PATTERNS = _compile(
    r"^(skip|jump|go) to (the )?(main )?(content|navigation|search|menu|footer)\b",
    r"^(skip|jump) to\b.{0,60}$|^skip (navigation|nav|links?)\b",  # "Skip to more sites", "Skip navigation"
    r"^(zum inhalt|direkt zum inhalt|inhalt) (springen|wechseln)\b",
    r"^aller au contenu\b|^saltar al contenido\b|^vai al contenuto\b",
    r"\b(we|this (site|website)) uses? cookies\b|\bcookie (policy|settings|preferences|consent)\b",
    r"^(accept|allow|reject|manage) (all )?(cookies|consent)\b|\bconsent (to|management)\b",
    r"\b(please )?enable javascript\b|\bjavascript (is )?(disabled|required)\b",
    r"^home\s*(?:[>»›/|·•]|$)",  # "Home", and a breadcrumb that starts at home: "Home / World / Europe"
)
# A numbered menu item: "3. World", "12 Sport results" (read on the line as printed: under a bullet,
# "- 4 tbsp milk" is a list of ingredients, not a menu).
NUMBERED_MENU_ITEM = re.compile(r"^\d{1,2}[.)]?\s+[\w&'’-]+(?:\s[\w&'’-]+){0,2}$")
# A menu item's list marker: "1. Skip to content", "• Home", "* Contact". The line under it is what
# is judged, so a numbered or bulleted menu is read as the same links unnumbered.
LIST_MARKER = re.compile(r"^(?:\d{1,2}[.)]|[•*·▪►‣◦–—-])\s+")
# The site's own pages that a menu or footer links to: never a headline, never a body paragraph.
SITE_PAGES = frozenset(
    {
        "privacy policy", "privacy", "privacy notice", "cookie policy", "terms of use", "terms of service",
        "terms and conditions", "terms", "contact", "contact us", "about us", "about", "imprint", "impressum",
        "datenschutz", "datenschutzerklärung", "mentions légales", "aviso legal", "sitemap", "site map",
        "accessibility", "careers", "advertise", "advertise with us", "rss", "faq",
    }
)  # fmt: skip
# Sentences of donation / subscription / ad-blocker appeals. A line matching one is dropped, and a
# short block (consecutive lines, no blank between) made mostly of appeal lines is dropped whole.
APPEAL_PATTERNS = _compile(
    r"\b(ad-free|disabled all ads|ad ?blocker|whitelist us)\b",
    r"\byour support\b|\bsupport (us|our work|our journalism|independent)\b|\bhelp us\b",
    r"\b(donate|contribute|subscribe)\b.{0,40}\b(today|now|us|journalism|reporting)\b",
    r"\bjournalism\b.{0,60}\b(help|support|banned)\b",
    r"\bnow is the time to support\b",
)
# Longest line an appeal sentence may be: body paragraphs that happen to say "help us" are longer.
APPEAL_MAX_CHARS = 300
# A line of this many sentences is an article paragraph, whatever it says ("... we need your
# support, the mayor said. ..."); an appeal is one or two sentences.
APPEAL_MAX_SENTENCES = 2
# Quotation marks: a line quoting someone (in at least this many words) is speech, not page furniture.
QUOTED_SPEECH_MIN_WORDS = 4
QUOTE_MARKS = re.compile(r"[\"“”«»„‟]|(?:^|\s)['‘][^'’]{3,}['’](?=[\s,.;:!?]|$)")
# A block this long or longer is running text, never dropped whole for one appeal line in it.
NOISE_BLOCK_MAX_LINES = 12
# A line opening a closing section that runs to the end of the page (appeals, related links).
TAIL_PATTERNS = _compile(
    r"^a (message|note|word|letter) from [\w .&'’-]{2,60}:?$",  # "A Message from The Moscow Times:"
    r"^dear (readers?|friends|subscribers),?$",
    r"^(related|recommended|you may also like|more from [\w .'-]{2,40}|most read|read next)\s*:?$",
)
# Body paragraphs that must precede a closing-section marker before it may cut the rest: a page
# that opens with "Dear readers," is a letter, not an article followed by an appeal.
TAIL_MIN_PARAGRAPHS_BEFORE = 2
# Photo captions: a line ending in a short bracketed agency/photographer credit ("... [AP]").
CAPTION_CREDIT = re.compile(r"\s[\[(](?:photo:?\s*)?[A-Z][\w.&/’' -]{0,30}[\])]$")
# A caption sentence followed by the photographer's name (2-4 capitalised words, no full stop):
# "... in Aleppo's Salaheddine neighborhood. Hosam Katan". Checked only just under the headline.
CAPTION_PHOTOGRAPHER = re.compile(
    rf"^.{{20,400}}{LATIN_STOPS}\s+(?:(?:photo|photograph|image)\s*:?\s*)?"
    r"(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+(?:\s*/\s*[A-Z][\w. ]{1,30})?$"
)
CAPTION_LABEL = re.compile(r"^(photo|image|picture|file photo|pictured|caption)\b\s*[:|/—–-]", re.I)
# A repeated line of this many words (at least, fewer than) is a caption or pull quote: every copy
# goes. Shorter ones are list items and longer ones paragraphs, kept once.
REPEATED_CAPTION_WORDS = (4, 25)
# Lines shorter than this are not worth counting as learned-noise candidates (empty bullets).
LEARNED_MIN_CHARS = 2
# A line is an outlet's furniture when it occurs on at least this many of its pages...
LEARNED_MIN_PAGES = 3
# ...and on at least this share of them. Half keeps occasional repeats (a recurring quote, a wire
# paragraph used twice) in the body while a standing appeal on every page goes.
LEARNED_MIN_SHARE = 0.5

_TRAILING_PUNCT = re.compile(r"[\s:;.!?…,>»›\-–—|]+$")


@dataclass(frozen=True)
class PageLine:
    """One non-empty line of a page and the block (run of lines between blank lines) it is in."""

    text: str
    block: int


def line_digest(line: str) -> str:
    """A short, stable key for a line, insensitive to case, spacing and trailing punctuation."""
    norm = _TRAILING_PUNCT.sub("", " ".join(line.split()).casefold())
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


def noise_candidates(text: str) -> frozenset[str]:
    """Digests of the distinct lines of a page, for the importer to count per source."""
    return frozenset(
        line_digest(line) for line in text.splitlines() if len(line.strip()) >= LEARNED_MIN_CHARS
    )


def learned_noise(counts: Mapping[str, int], pages: int) -> frozenset[str]:
    """The digests that recur on enough of one outlet's `pages` to be its furniture."""
    if pages < LEARNED_MIN_PAGES:
        return frozenset()
    floor = max(LEARNED_MIN_PAGES, LEARNED_MIN_SHARE * pages)
    return frozenset(digest for digest, n in counts.items() if n >= floor)


def is_noise_line(line: str) -> bool:
    """Navigation, sharing and appeal lines (generic, not learned)."""
    key = _TRAILING_PUNCT.sub("", without_list_marker(line).casefold())
    if key in NOISE_LINES or key in SITE_PAGES or not any(c.isalnum() for c in line):
        return True
    if NOISE_LINE_PATTERNS.search(line) or is_navigation(line):
        return True
    return is_appeal(line)


def is_navigation(line: str) -> bool:
    """A skip link, a cookie or consent line, a script warning, a numbered or bulleted menu item,
    "Home" or a breadcrumb from it, or a link to the site's own pages ("Privacy policy"). The one
    navigation rule for every input format: text dumps and HTML headings alike."""
    if len(line) > APPEAL_MAX_CHARS:
        return False
    item = without_list_marker(line.strip())
    if _TRAILING_PUNCT.sub("", item.casefold()) in SITE_PAGES:
        return True
    return bool(NAVIGATION_PATTERNS.search(item) or NUMBERED_MENU_ITEM.search(line.strip()))


def without_list_marker(line: str) -> str:
    """The line without a menu's number or bullet ("2. Skip to main menu" -> "Skip to main menu")."""
    return LIST_MARKER.sub("", line, count=1)


def is_appeal(line: str) -> bool:
    """A donation or subscription appeal: a short line of the outlet's own voice. Quoted speech
    ("We need your support," the mayor said.) and article paragraphs are never appeals."""
    if len(line) > APPEAL_MAX_CHARS or not APPEAL_PATTERNS.search(line):
        return False
    if is_quoted_speech(line):
        return False
    return count_sentences(line) <= APPEAL_MAX_SENTENCES


def is_tail_marker(line: str) -> bool:
    return bool(TAIL_PATTERNS.search(line))


def is_caption(line: str, *, under_headline: bool = False) -> bool:
    """A photo caption: a bracketed credit at the end, a "Photo:" label, or (just under the
    headline only) a caption sentence followed by the photographer's name."""
    if CAPTION_LABEL.search(line):
        return True
    if CAPTION_CREDIT.search(line) and not line.rstrip(")]").rstrip().endswith((".", "!", "?")):
        return True
    return under_headline and bool(CAPTION_PHOTOGRAPHER.match(line))


def drop_noise_blocks(lines: Sequence[PageLine]) -> list[PageLine]:
    """Drop noise lines, and whole short blocks that are mostly appeal or noise lines (a
    subscription box pasted as one block: "×", "Enjoying ad-free content?", "Support us", ...)."""
    by_block: dict[int, list[PageLine]] = {}
    for line in lines:
        by_block.setdefault(line.block, []).append(line)
    noise = {line.text: is_noise_line(line.text) for line in lines}
    noisy_blocks = {
        block
        for block, members in by_block.items()
        if 1 < len(members) < NOISE_BLOCK_MAX_LINES
        and any(is_appeal(m.text) for m in members)
        and sum(noise[m.text] for m in members) * 2 > len(members)
    }
    return [
        line
        for line in lines
        if (line.block not in noisy_blocks or is_quoted_speech(line.text)) and not noise[line.text]
    ]


def is_quoted_speech(line: str) -> bool:
    """A line quoting someone: it belongs to the article, whatever furniture shares its block."""
    return len(line.split()) >= QUOTED_SPEECH_MIN_WORDS and bool(QUOTE_MARKS.search(line))


def drop_repeated(
    lines: Sequence[PageLine], *, keep_first: Callable[[str], bool] = lambda text: False
) -> list[PageLine]:
    """Drop every copy of a caption-sized line the page prints more than once (photo captions and
    pull quotes repeated by the template). Of a repeated paragraph (a page holding its article
    twice) or a repeated short item (a list, a table cell) the first copy stays; so does the first
    copy of a line where `keep_first(text)` holds (a headline printed again in a breadcrumb)."""
    keys = [" ".join(line.text.split()).casefold() for line in lines]
    seen = Counter(keys)
    kept, done = [], set()
    for line, key in zip(lines, keys, strict=True):
        words = len(key.split())
        caption_sized = REPEATED_CAPTION_WORDS[0] <= words < REPEATED_CAPTION_WORDS[1]
        if seen[key] == 1 or (key not in done and (not caption_sized or keep_first(line.text))):
            kept.append(line)
        done.add(key)
    return kept


def cut_tail(lines: Sequence[PageLine]) -> list[PageLine]:
    """Cut a closing appeal or related-links section ("A Message from X:" to the end)."""
    blocks_before = set()
    for i, line in enumerate(lines):
        if len(blocks_before) >= TAIL_MIN_PARAGRAPHS_BEFORE and is_tail_marker(line.text):
            return list(lines[:i])
        blocks_before.add(line.block)
    return list(lines)


def is_learned(line: str, learned: frozenset[str]) -> bool:
    """Whether the outlet's learned noise holds this line (by digest or exact text)."""
    return bool(learned) and (line in learned or line_digest(line) in learned)


def drop_learned(lines: Iterable[PageLine], learned: frozenset[str]) -> list[PageLine]:
    """Drop lines the outlet's learned noise holds."""
    return [line for line in lines if not is_learned(line.text, learned)]

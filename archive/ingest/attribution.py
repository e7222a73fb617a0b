"""Who and where a page says its article comes from: the byline, the closing credit line and the
lede's dateline. Plain Python, no Django.

- a byline is "By Jane Doe" (or "Words by", "Written by", "Reporting by") on a line of its own; the
  name is taken without what shares its line ("Jane Doe | 16 Dec. 2014" -> "Jane Doe");
- a closing credit line is one of the body's last lines, marked ("* Reuters and Agence
  France-Presse", "Source: AP") or naming an agency ("TBP and Agencies");
- a dateline is an upper-case place name and a separator opening the lede ("MONTREUX —", "PARIS //",
  "WASHINGTON (Reuters) -"); the lede keeps it, as printed;
- the page's own address is on an "Original url:" line or a line holding only a URL.
"""

from __future__ import annotations

import re

from archive.ingest.boilerplate import PageLine
from archive.ingest.names import AGENCY_NAMES, BYLINE_WORDS, CREDIT_WORDS, SURNAME_PARTICLES

# How many lines at the end of the body may hold the credit ("TBP and Agencies").
CREDIT_TAIL_LINES = 2
CREDIT_MAX_WORDS = 12
# Upper-case labels that open a lede like a dateline but name no place.
NOT_DATELINES = frozenset(
    {
        "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "ANALYSIS", "WATCH", "VIDEO", "OPINION", "EDITORIAL",
        "COMMENT", "CORRECTION", "NOTE", "LIVE", "FACTBOX",
    }
)  # fmt: skip
# A dateline's place has at least this many letters.
DATELINE_MIN_LETTERS = 3

# "MONTREUX —", "PARIS //", "WASHINGTON (Reuters) -", "NEW YORK, N.Y. —": an upper-case place
# name and a separator opening the lede.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.-]*(?: [A-Z][A-Z'’.-]*){0,3})(?:,\s*[A-Z][\w.' ]{1,30}?)?"
    r"\s*(?:\([^)]{1,40}\)\s*)?(?:—|–|-{1,2}|//|:)\s+(?=\S)"
)
# What CMSs write in an author field that names nobody.
_PLACEHOLDER_AUTHOR = re.compile(
    r"^(no author|unknown( author)?|anonymous|admin(istrator)?|author|none|null|n/?a|guest|user|-+)$", re.I
)
_BYLINE = re.compile(r"^(?:by|words by|written by|reporting by)\s+(?P<name>[A-Z].{1,80})$", re.I)
# A byline in another language: its "by" (any case), then only capitalised names and the particles
# and "and" between them ("Von Anna Beispiel und Jan Muster"; "Von der Leyen sagte" is no byline).
_CAPITALISED = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_JOINED = "|".join((*SURNAME_PARTICLES, "und", "et", "y", "e", "en", "og", "och"))
_NAMES_AFTER = rf"{_CAPITALISED}(?:\s+(?:{_CAPITALISED}|(?:{_JOINED})(?=\s))){{0,6}}"
_OTHER_BYLINE = rf"(?i:{'|'.join(BYLINE_WORDS)})\s+(?P<name>{_NAMES_AFTER})"
_OTHER_BYLINE_LINE = re.compile(rf"^{_OTHER_BYLINE}\s*$")
_CREDIT_LABEL = re.compile(r"^(?:source|sources|credit|credits|additional reporting)\s*:\s*", re.I)
# "Original url: <https://...>" (the value on this line or the next) or a line holding only a URL.
_URL_LABEL = re.compile(
    r"^(?:original\s+)?(?:url|link|source url|source|web address)\s*:\s*(?P<url><?https?://[^\s<>]+>?)?$",
    re.I,
)
_URL_ONLY = re.compile(r"^<?(?P<url>https?://[^\s<>]+)>?$", re.I)
# Lower-case words inside a bare credit's list of names ("Jane Doe and Omar al Haddad").
_NAME_JOINERS = frozenset({"and", "by", *SURNAME_PARTICLES})
_CREDIT_AGENCY = re.compile(r"\b({})\b".format("|".join(map(re.escape, AGENCY_NAMES + CREDIT_WORDS))), re.I)


# A reporter's or editor's credit inside the text: "(Reporting by Tom Miles; Editing by Jon Boyle)",
# "Additional reporting by ...", "Photos by ...". The people it names wrote the story; they are
# not people it mentions.
_CREDIT_VERBS = (
    r"(?:additional |further )?(?:reporting|writing|editing|edited|compiled|written|photos?|photographs?|"
    r"pictures?|graphics?|video|translated|translation|produced|research)\s+by\b"
)
_CREDIT_PHRASE = re.compile(
    rf"\((?=[^()]*\b{_CREDIT_VERBS})[^()]{{1,300}}\)|^[\s*—–-]*{_CREDIT_VERBS}[^\n]{{0,300}}$|^by\s+[A-Z][^\n]{{1,80}}$",
    re.I | re.M,
)


_OTHER_BYLINES = re.compile(rf"^[ \t]*{_OTHER_BYLINE}[ \t]*$", re.M)


def without_credits(text: str) -> str:
    """The text with its reporters' and editors' credits blanked out (same length, so positions in
    it still point at the same words)."""
    blank = lambda m: " " * len(m.group())  # noqa: E731
    return _OTHER_BYLINES.sub(blank, _CREDIT_PHRASE.sub(blank, text))


def is_sign_off(line: str) -> bool:
    """A closing line that says something about someone ("-- Statement issued by spokesman Daniel
    Mwangi"), not a bare credit ("* Reuters and AFP", "— Jane Doe", "Reporting by ...")."""
    words = [w for w in line.split() if w.isalpha()]
    said = [w for w in words if w.islower() and w not in _NAME_JOINERS]
    return bool(said) and not without_credits(line).isspace()


def is_placeholder_author(author: str) -> bool:
    """Whether an author field names nobody ("admin", "Unknown author", "n/a")."""
    return bool(_PLACEHOLDER_AUTHOR.match(author))


def is_byline(line: str) -> bool:
    return bool(_BYLINE.match(line) or _OTHER_BYLINE_LINE.match(line))


def byline_name(line: str) -> str:
    """The names in a byline line, without what shares it: "By Jane Doe | 16 Dec. 2014" -> "Jane Doe";
    "" when the line is no byline."""
    byline = _BYLINE.match(line) or _OTHER_BYLINE_LINE.match(line)
    if not byline:
        return ""
    name = re.split(r"\s+[|•·—–]\s+|\s+(?:on|at|updated|published)\b", byline.group("name"), maxsplit=1)[0]
    return name.strip(" ,;")


def credit_of(line: str) -> str:
    """The credit a closing line gives ("* Reuters and Agence France-Presse"), or ""."""
    labelled = _CREDIT_LABEL.match(line)
    marked = line[:1] in "*—–-·•" or is_byline(line) or bool(labelled)
    text = (line[labelled.end() :] if labelled else line).lstrip("*—–-·• ").strip()
    if is_byline(text):
        text = byline_name(text)
    if not text or len(text.split()) > CREDIT_MAX_WORDS or text.endswith(".") and not marked:
        return ""
    if marked or _CREDIT_AGENCY.search(text):
        return text.rstrip(".")
    return ""


def opens_with_dateline(line: str) -> bool:
    """Whether a line opens with an upper-case word or place and a separator ("PARIS // ...")."""
    return bool(_DATELINE.match(line))


def dateline_place(lede: str) -> str:
    """The place of the lede's dateline ("MONTREUX — ..." -> "MONTREUX"), or ""."""
    match = _DATELINE.match(lede)
    place = match.group("place").rstrip(" .") if match else ""
    if sum(c.isalpha() for c in place) >= DATELINE_MIN_LETTERS and place not in NOT_DATELINES:
        return place
    return ""


def take_url(lines: list[PageLine], *, lone: bool = True) -> tuple[str, str, list[PageLine]]:
    """The page's own URL from an "Original url:" label (value on the same or the next line) or
    a line holding only a URL; every such line leaves the body. `lone`: whether a line holding only a
    URL, with no label before it, is the page's (in a text dump; in a web page it is a reference)."""
    url, how, kept = "", "", []
    expecting = False
    for line in lines:
        label = _URL_LABEL.match(line.text)
        only = _URL_ONLY.match(line.text)
        if label:
            if label.group("url") and not url:
                url, how = label.group("url").strip("<>"), f"{line.text.split(':')[0]!r} line"
            expecting = not label.group("url")
            continue
        if only and (lone or expecting):
            if not url:
                url = only.group("url")
                how = "'Original url:' line" if expecting else "a line holding only a URL"
            expecting = False
            continue
        expecting = False
        kept.append(line)
    return url, how, kept

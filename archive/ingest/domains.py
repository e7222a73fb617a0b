"""Web addresses as outlet identity sees them: a page's host, and the registered domain its hosts share.

`rzn.example.ru`, `www.example.ru` and `m.example.ru` are one registered domain, `example.ru`; the Public
Suffix List says where the registrable part starts (`example.co.uk`, and a blog host such as
`name.blogspot.com` that the list's private section makes a domain of its own). The list is the copy
bundled with `publicsuffixlist`: nothing is fetched at run time.

A copy kept by a web archive (`https://archive.example/web/2016.../http://site.example/page`) is the
page it copies: the address written inside it is the page's own.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList

# An archived copy's address holds the original one after its own path.
_EMBEDDED_URL = re.compile(r"^(?:https?://[^/]+)?/.*?(?P<url>https?:/+[^/\s]+.*)$", re.I)
_IP_ADDRESS = re.compile(r"^[\d.]+$|^\[?[0-9a-f:]+\]?$", re.I)
# A string that is a host and nothing else ("rzn.example.ru", "www.example.com").
_HOST_SHAPE = re.compile(r"(?:[\w-]+\.)+[^\W\d_]{2,}\.?", re.I)


@cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()  # reads the bundled list once (about 40 ms)


def original_url(url: str) -> str:
    """The page's own address: for an archived copy, the address it copies."""
    match = _EMBEDDED_URL.match(url.strip())
    # Archives write the copied address with one slash at times ("http:/example.de/page").
    return re.sub(r"^(https?:)/+", r"\1//", match.group("url")) if match else url.strip()


def is_archived_copy(url: str) -> bool:
    """Whether an address (or a link's relative path, "/web/2016.../http://site.example/") is a copy
    kept by a web archive: it holds another address after its own path."""
    return bool(_EMBEDDED_URL.match(url.strip()))


def host(url: str) -> str:
    """The host of a URL (or of a bare host), lower case, without "www."; "" when there is none."""
    url = original_url(url)
    if "//" not in url:
        url = "//" + url
    try:
        name = (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return ""
    return re.sub(r"^www\d?\.", "", name.lower())


def registered_domain(url: str) -> str:
    """The registrable domain of a URL or host ("rzn.example.ru" -> "example.ru"); the host itself
    when the list knows no suffix for it (an IP address, "localhost")."""
    name = host(url)
    if not name or _IP_ADDRESS.match(name):
        return name
    return _suffixes().privatesuffix(name) or name


def looks_like_host(text: str) -> bool:
    """A name that is a web address: "rzn.example.ru", "www.example.com", "https://example.com/"."""
    text = text.strip()
    if "://" in text or text.lower().startswith("www."):
        return True
    # "C.Habermueller" has the shape of a host but no public suffix: a name written with a dot (a host
    # in lower case, "intranet.example", is one even on a suffix the list does not know).
    known = text.islower() or _suffixes().publicsuffix(text.lower(), accept_unknown=False) is not None
    return bool(_HOST_SHAPE.fullmatch(text)) and known


def host_in_path(name: str) -> str:
    """The host a file's folders name, as a crawler's mirror lays pages out (`wget --mirror` writes
    `www.example.de/Reise-ABC/page.html`): the folder nearest the file that is a host on a public
    suffix the list knows ("" when none is). Only folders count: a file name ("report.de.abc.html")
    says nothing sure about a host, nor does an archive's own name ("upload.zip/..."). The nearest,
    not the first: a deployment folder above the mirror ("/srv/news.example.org/crawl/...") is no
    page's host, and a mirror of a web archive's copy keeps the original host below the archive's."""
    folders = re.split(r"[/\\]+", name.strip())[:-1]
    for folder in reversed(folders):
        if folder.lower().endswith(".zip") or not _HOST_SHAPE.fullmatch(folder):
            continue
        if _suffixes().publicsuffix(folder.lower(), accept_unknown=False):
            return host(folder)
    return ""

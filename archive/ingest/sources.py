"""Which outlet published a page.

In order of trust:
1. The uploader said so (`source_hint`).
2. The source registry (`SourceRef`s from the database): a known domain in the page's URL, then the
   outlet's name or alias on a line that exists to name the outlet (an outlet line, an appeal
   such as "Support X!" or "A Message from X:", a copyright or credit line), then a detection
   pattern, then the name anywhere in the running text (weakest: articles mention other outlets,
   "Jamous told Reuters", so that alone flags the source for review).
3. General cues with no registry: the name on such an outlet line ("The Moscow Times" alone
   on a line under the headline), in an appeal, the outlet's own initials in a credit
   ("TBP and Agencies" -> "TBP"), an HTML page's site name, or finally the URL's domain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from archive.ingest import domains
from archive.ingest.article import SourceRef
from archive.ingest.domains import looks_like_host, registered_domain
from archive.ingest.name_matcher import matcher_for
from archive.ingest.names import AGENCY_NAMES, CREDIT_WORDS
from archive.ingest.textrules import fold_spaces

# Words in a credit line that name news agencies or staff, not the outlet that published the page.
_JOINERS = ("and", "&", "with")
AGENCY_WORDS = frozenset((*(w for name in AGENCY_NAMES for w in name.split()), *CREDIT_WORDS, *_JOINERS))

# Words that end (or, with "The", begin) an outlet's name: "The Moscow Times", "Gulf News".
OUTLET_WORDS = frozenset(
    {
        "times", "post", "news", "herald", "journal", "tribune", "gazette", "daily", "telegraph", "guardian",
        "independent", "observer", "monitor", "chronicle", "express", "mail", "press", "wire", "today",
        "online", "tv", "radio", "review", "insider", "report", "standard", "star", "sun", "mirror",
        "national", "week", "weekly", "magazine", "network", "agency", "bulletin", "courier", "dispatch",
        "examiner", "inquirer", "ledger", "mercury", "record", "register", "reporter", "sentinel",
        "spectator", "statesman", "voice", "world", "globe", "nation", "economist", "atlantic",
    }
)  # fmt: skip
# An outlet line is short: "The Moscow Times", "Al Jazeera English", "South China Morning Post".
OUTLET_LINE_MAX_WORDS = 6
# Cues that name the publishing outlet on an appeal or copyright line.
APPEAL_CUES = tuple(
    re.compile(p, re.I)
    for p in (
        r"^support (?P<name>(?:the )?[A-Z][\w .&'’-]{1,40}?)\s*!?$",
        r"^a (?:message|note|word|letter) from (?P<name>[\w .&'’-]{2,60}?)\s*:?$",
        r"^by supporting (?P<name>the [A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,4})",
        r"^(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*"
        r"(?P<name>[A-Z][\w .&'’-]{1,50}?)[.,]?(?:\s+all rights reserved.*)?$",
    )
)

# "Harbour Gazette Staff", "Gulf News Reporter": the outlet's own people.
_STAFF_SUFFIX = re.compile(r"\s+(?:staff|reporters?|correspondents?|writers?|desk|newsroom)$", re.I)


@dataclass(frozen=True)
class SourceFinding:
    """The outlet found for a page, how it was found, and whether the evidence is weak."""

    name: str
    how: str
    weak: bool = False


def find_source(
    *,
    lines: Sequence[str],
    body: str,
    url: str,
    credits: Sequence[str] = (),
    site_name: str = "",
    sources: Sequence[SourceRef] = (),
    source_hint: str | None = None,
) -> SourceFinding | None:
    """The outlet of a page; `lines` are all its non-empty lines (noise included: appeals name it),
    `credits` its byline and closing credit lines."""
    if source_hint and source_hint.strip():
        return SourceFinding(_registry_name(source_hint.strip(), sources), "uploader")
    # A credit names the outlet only in its non-agency part: "TBP and Agencies" -> "TBP"; a wire
    # credit ("Reuters and Agence France-Presse") says who wrote the story, not who published it.
    own_credits = [own for own in map(_own_part_of_credit, credits) if own]
    cue_lines = [*_cue_lines(lines), *own_credits, *([site_name] if site_name else [])]
    # Hosts of one registered domain are one outlet unless the page states another name.
    stated = site_name if site_name and not looks_like_host(site_name) else ""
    host = domains.host(url)
    apart = stated and any(
        any(_host_matches(host, d) for d in ref.domains) and not same_outlet(stated, (ref.name, *ref.aliases))
        for ref in sources
    )
    if stated:
        # The page names itself: that name, or the registry outlet it is (or whose domain it shares),
        # never an outlet its text merely mentions ("The Economist" quoted in a reference page).
        named = next((ref for ref in sources if same_outlet(stated, (ref.name, *ref.aliases))), None)
        if named and is_edition(named.name, stated) and any(_host_matches(host, d) for d in named.domains):
            # The parent's own page ("Example" of an outlet known as "Example Ryazan" on one registered
            # domain): the outlet is the parent's, named so (archive.outlets renames it at import).
            return SourceFinding(
                stated, f"the page's site name {stated!r}, of which {named.name!r} is an edition"
            )
        if named:
            return SourceFinding(named.name, f"the page's site name {stated!r}")
        if not apart and host:
            for ref in sources:
                if any(_host_matches(host, domain) for domain in ref.domains):
                    return SourceFinding(ref.name, f"URL domain {host}")
        return SourceFinding(stated, "the page's site name")
    # A page that gives only a web address as its name ("Example.de", or no name at all) is not the
    # outlet its running text mentions.
    found = _match_registry(
        sources, url=url, cue_lines=cue_lines, body="" if site_name else body, text="\n".join(lines)
    )
    if found:
        return found
    return _find_by_cues(lines, credits=credits, site_name=site_name, url=url)


def _registry_name(hint: str, sources: Sequence[SourceRef]) -> str:
    """The registry's spelling of an uploader's hint ("tbp" -> "The BRICS Post")."""
    for ref in sources:
        if any(_same(hint, name) for name in (ref.name, *ref.aliases)):
            return ref.name
    return hint


def _match_registry(
    sources: Sequence[SourceRef], *, url: str, cue_lines: list[str], body: str, text: str
) -> SourceFinding | None:
    host = domains.host(url)
    if host:
        for ref in sources:
            if any(_host_matches(host, domain) for domain in ref.domains):
                return SourceFinding(ref.name, f"URL domain {host}")
    # Every outlet name and alias in one pass over each text (name_matcher), not one regular
    # expression per name: 500 outlets made a 1 MB body take 18 s.
    matcher = matcher_for(tuple(name for ref in sources for name in (ref.name, *ref.aliases)))
    for line in cue_lines:
        named = matcher.counts(line)
        for ref in sources:
            if any(name in named for name in (ref.name, *ref.aliases)):
                return SourceFinding(ref.name, f"named in text: {line.strip()!r}")
    for ref in sources:
        for pattern in ref.patterns:
            try:
                if re.search(pattern, text, re.I | re.M):
                    return SourceFinding(ref.name, f"matches the source's pattern {pattern!r}")
            except re.error:
                continue
    in_body = matcher.counts(body)
    counts = [(sum(in_body.get(n, 0) for n in (ref.name, *ref.aliases)), ref.name) for ref in sources]
    best = max(counts, default=(0, ""))
    if best[0]:
        return SourceFinding(best[1], "mentioned in the running text", weak=True)
    return None


def _find_by_cues(
    lines: Sequence[str], *, credits: Sequence[str], site_name: str, url: str
) -> SourceFinding | None:
    if site_name and not looks_like_host(site_name):
        # What the page states about itself beats a line of its text: a republished wire story's
        # "© Reuters" names who wrote it, not the site that published it.
        return SourceFinding(site_name.strip(), "the page's site name")
    for line in lines:
        for cue in APPEAL_CUES:
            match = cue.match(line)
            if match and _plausible_name(match.group("name")):
                return SourceFinding(_tidy(match.group("name")), f"named in text: {line!r}")
    for line in lines:
        if is_outlet_line(line):
            return SourceFinding(_tidy(line), f"a line naming the outlet: {line!r}")
    if site_name:
        # A bare web address ("rzn.example.ru") stands in for a name the page does not give: weak.
        return SourceFinding(site_name.strip(), "the page's web address", weak=True)
    for credit in credits:
        own = _own_name_in_credit(credit)
        if own:
            return SourceFinding(own, f"credit line {credit!r}", weak=own.isupper())
    host = domains.host(url)
    if host:
        return SourceFinding(host, "the URL's domain", weak=True)
    return None


def is_outlet_line(line: str) -> bool:
    """A short line that is just an outlet's name: "The Moscow Times", "Gulf News"."""
    words = line.split()
    if not 1 < len(words) <= OUTLET_LINE_MAX_WORDS or not all(w[:1].isupper() or w == "&" for w in words):
        return False
    if re.search(r"[^\w\s&'’.-]", line) or line.endswith("."):
        return False
    last = words[-1].lower().strip(".'’")
    return last in OUTLET_WORDS or (words[0] == "The" and len(words) <= 4 and last not in {"said", "says"})


def _cue_lines(lines: Sequence[str]) -> list[str]:
    """Lines that exist to name the outlet: outlet lines, appeals, copyright lines."""
    return [line for line in lines if is_outlet_line(line) or any(cue.match(line) for cue in APPEAL_CUES)]


def _own_part_of_credit(credit: str) -> str:
    """The parts of a credit that are not news agencies, joined ("" for a pure wire credit)."""
    parts = [p.strip() for p in re.split(r"\s*(?:,|&|\band\b|\bwith\b|/)\s*", credit) if p.strip()]
    own = (_STAFF_SUFFIX.sub("", p) for p in parts if not all(w.lower() in AGENCY_WORDS for w in p.split()))
    return ", ".join(own)


def _own_name_in_credit(credit: str) -> str | None:
    """The outlet's own name in a credit that also lists agencies: "TBP and Agencies" -> "TBP"."""
    own = _own_part_of_credit(credit)
    has_agency = own != credit.strip()  # "and Agencies" or "Staff" was taken off
    if own and has_agency and "," not in own and (own.isupper() or is_outlet_line(own)):
        return own
    return None


def _plausible_name(name: str) -> bool:
    words = name.split()
    return 0 < len(words) <= OUTLET_LINE_MAX_WORDS and name.lower() not in {"us", "our work", "today"}


def _tidy(name: str) -> str:
    return " ".join(name.split()).strip(" .!:")


def _same(a: str, b: str) -> bool:
    return fold_spaces(a) == fold_spaces(b)


def _host_matches(host: str, domain: str) -> bool:
    """A page's host is on an outlet's domain: the same host, a host under it, or one registered
    domain ("rzn.example.ru" and "example.ru")."""
    domain = domain.strip().lower().removeprefix("www.")
    if "//" in domain:
        domain = domains.host(domain)
    if not domain:
        return False
    under = host == domain or host.endswith("." + domain)
    return under or registered_domain(host) == registered_domain(domain)


def is_edition(name: str, parent: str) -> bool:
    """`name` is `parent` with an edition's qualifier after it ("Example Ryazan" of "Example")."""
    return fold_spaces(name).startswith(fold_spaces(parent) + " ")


def same_outlet(stated: str, names: Sequence[str]) -> bool:
    """A name a page states is one of an outlet's names, or an edition of it ("Example Ryazan" of
    "Example", or the other way round); two stations naming themselves apart ("CBS Detroit", "CBS San
    Francisco") are not."""
    key = fold_spaces(stated)
    for name in names:
        other = fold_spaces(name)
        if other and (key == other or key.startswith(other + " ") or other.startswith(key + " ")):
            return True
    return False

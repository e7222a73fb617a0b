"""Turn an uploaded file's bytes into a ParsedArticle, reading it the way a careful editor would.

A plain-text page dump is read top to bottom:

1. decode and normalise whitespace (archive.ingest.text);
2. take out URL lines ("Original url:" + "<https://...>") into the `url` field;
3. drop generic page noise: lines the page repeats (photo captions), navigation words, and
   donation / subscription appeals (archive.ingest.boilerplate);
4. the title is the first headline-like line (short, not a sentence, not a masthead with a date;
   under a banner or section label when the page opens with one);
5. the lines between the title and the running text are the header: a date line, an outlet line,
   a byline, a caption; a standfirst (subtitle) is a paragraph between the title and a lede that
   opens with a dateline ("PARIS // ...");
6. the body runs from there, minus a closing appeal section, the closing credit line
   ("* Reuters and Agence France-Presse", "TBP and Agencies"), captions and the outlet's learned
   noise; its first paragraph's dateline ("MONTREUX —") is read into the `dateline` field (the lede
   keeps it, as printed); paragraphs
   broken mid-sentence by a blank line are joined.

HTML pages go through trafilatura for the main text and metadata (archive.ingest.html), then
through the same body cleaning. Dates come only from where a page states them (archive.ingest.dates).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from archive.ingest import boilerplate, dates, languages, prose
from archive.ingest import sources as outlets
from archive.ingest.article import NotAnArticleError, ParsedArticle, SourceRef
from archive.ingest.boilerplate import PageLine
from archive.ingest.html import read_html
from archive.ingest.names import AGENCY_NAMES, CREDIT_WORDS
from archive.ingest.text import decode_bytes, looks_like_html, normalise_whitespace
from archive.ingest.textrules import first_sentence, fold_punctuation, has_inner_sentence_end, looks_finished

# Non-empty lines from the top among which the headline is looked for (past the furniture).
TITLE_SEARCH_LINES = 12
# A headline is short: the seeds' run 40-70 characters; 200 allows long wire headlines.
HEADLINE_MAX_CHARS = 200
HEADLINE_MAX_WORDS = 30
# A banner or section label above a headline is a few capitalised words ("World News").
BANNER_MAX_WORDS = 5
# Lines between the headline and the running text that may be header (date, outlet, byline,
# kicker, caption) before the body is assumed to have started.
HEADER_WINDOW = 6
# A line is running text when it has this many words or ends a sentence.
RUNNING_TEXT_MIN_WORDS = 8
# Upper-case labels that open a lede like a dateline but name no place.
NOT_DATELINES = frozenset(
    {
        "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "ANALYSIS", "WATCH", "VIDEO", "OPINION", "EDITORIAL",
        "COMMENT", "CORRECTION", "NOTE", "LIVE", "FACTBOX",
    }
)  # fmt: skip
# A standfirst is one or two sentences.
SUBTITLE_MAX_CHARS = 400
# How many lines at the end of the body may hold the credit ("TBP and Agencies").
CREDIT_TAIL_LINES = 2
CREDIT_MAX_WORDS = 12
# A file is a table when this share of its lines split into 3+ short fields on one delimiter.
TABLE_LINE_SHARE = 0.6
TABLE_FIELD_MAX_CHARS = 60

_URL_LABEL = re.compile(
    r"^(?:original\s+)?(?:url|link|source url|source|web address)\s*:\s*(?P<url><?https?://[^\s<>]+>?)?$",
    re.I,
)
_URL_ONLY = re.compile(r"^<?(?P<url>https?://[^\s<>]+)>?$", re.I)
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
_CREDIT_LABEL = re.compile(r"^(?:source|sources|credit|credits|additional reporting)\s*:\s*", re.I)
_CREDIT_AGENCY = re.compile(r"\b({})\b".format("|".join(map(re.escape, AGENCY_NAMES + CREDIT_WORDS))), re.I)


@dataclass(frozen=True)
class _Body:
    """The cleaned body and the fields taken out of it on the way."""

    paragraphs: tuple[str, ...]
    credit: str
    credit_how: str
    dateline: str


def parse_document(
    data: bytes,
    *,
    filename: str,
    source_hint: str | None = None,
    sources: Sequence[SourceRef] = (),
    noise_for: Callable[[str], frozenset[str]] | None = None,
) -> ParsedArticle:
    """Read one file (plain text or HTML). Raises an IngestError subclass whose message says why
    the file cannot be imported. `sources` is the outlet registry; `source_hint` the uploader's
    word on the outlet (it wins); `noise_for(source_name)` returns that outlet's learned noise
    (see archive.ingest.boilerplate). A `filename` ending in .html backs up the content sniffing
    for a fragment of HTML too small to be recognised by its tags alone."""
    decoded = decode_bytes(data)
    named_html = filename.lower().endswith((".html", ".htm", ".xhtml")) and "<" in decoded
    if looks_like_html(decoded) or named_html:
        return _parse_html(decoded, source_hint=source_hint, registry=sources, noise_for=noise_for)
    return _parse_text(decoded, source_hint=source_hint, registry=sources, noise_for=noise_for)


@dataclass(frozen=True)
class _Draft:
    """What a page's header and metadata gave, before the body is cleaned and the source found."""

    title: str
    title_how: str
    subtitle: str
    url: str
    url_how: str
    credit: str
    credit_how: str
    published: tuple[dt.date, dt.time | None, str] | None
    cue_lines: tuple[str, ...]
    site_name: str
    raw_text: str
    raw_format: str
    provenance: tuple[tuple[str, str], ...] = ()
    published_doubt: str = ""
    body_doubt: str = ""


def _parse_text(
    decoded: str,
    *,
    source_hint: str | None,
    registry: Sequence[SourceRef],
    noise_for: Callable[[str], frozenset[str]] | None,
    learned: frozenset[str] | None = None,
) -> ParsedArticle:
    """Read a plain-text page. With `noise_for`, a first reading finds the outlet; when it has
    learned noise the page is read again without those lines, so a recurring slogan above the
    headline cannot pass for the title (date lines are never dropped as learned noise)."""
    text = normalise_whitespace(decoded)
    _reject_tables(text)
    all_lines = _page_lines(text)
    url, url_how, lines = _take_url(all_lines)
    lines = boilerplate.drop_noise_blocks(
        boilerplate.drop_repeated(lines, keep_first=_is_repeatable_headline)
    )
    if learned:
        lines = [
            line
            for line in lines
            if not boilerplate.is_learned(line.text, learned) or dates.parse_date_line(line.text)
        ]
    if not lines:
        raise NotAnArticleError("The file holds only page furniture (menus, appeals), no article.")
    title_i, title_how = _find_title(lines)
    header, body_start, credit, credit_how = _read_header(lines, title_i)
    subtitle, provenance = "", ()
    if _is_standfirst(lines, body_start):
        subtitle = lines[body_start].text
        provenance = (("subtitle", "paragraph between the headline and the datelined lede"),)
        body_start += 1
    headline = lines[title_i].text if title_how else ""
    found = dates.find_date_line([line.text for line in lines[: max(title_i, 0)]], header)
    where = (
        "date line under the title"
        if found and found.line in header
        else "labelled date line above the title"
    )
    draft = _Draft(
        title=headline,
        title_how=title_how,
        subtitle=subtitle,
        url=url,
        url_how=url_how,
        credit=credit,
        credit_how=credit_how,
        published=(found.date, found.time, f"{where}: {found.line!r}") if found else None,
        cue_lines=tuple(line.text for line in all_lines if line.text != headline),
        site_name="",
        raw_text=decoded,
        raw_format="text",
        provenance=provenance,
    )
    article = _finish(draft, lines[body_start:], source_hint=source_hint, registry=registry, noise_for=None)
    if noise_for and learned is None and article.source_name:
        learned = noise_for(article.source_name)
        if learned:
            return _parse_text(
                decoded, source_hint=source_hint, registry=registry, noise_for=noise_for, learned=learned
            )
    return article


def _parse_html(decoded: str, **options) -> ParsedArticle:
    page = read_html(decoded)
    paragraphs = [normalise_whitespace(p) for p in page.paragraphs]
    url, url_how, lines = _take_url([PageLine(p, i) for i, p in enumerate(paragraphs) if p])
    if page.url:
        url, url_how = page.url, "HTML metadata (canonical link or og:url)"
    lines = boilerplate.drop_noise_blocks(boilerplate.drop_repeated(lines))
    title = normalise_whitespace(page.title)
    credit, credit_how = normalise_whitespace(page.author), "HTML author metadata"
    if _PLACEHOLDER_AUTHOR.match(credit):
        credit, credit_how = "", ""
    # The article's own header (byline, visible date, caption) often opens the main text. Its
    # date is not used: for HTML only the page's metadata states a publication date.
    while lines and (_is_header_line(lines[0].text) or _BYLINE.match(lines[0].text)):
        byline = _BYLINE.match(lines.pop(0).text)
        if byline and not credit:
            credit, credit_how = _byline_name(byline), "byline under the title"
    subtitle = normalise_whitespace(page.description)
    if subtitle and _repeats_body(subtitle, title, lines):
        subtitle = ""
    draft = _Draft(
        title=title,
        title_how=page.title_how if title else "",
        subtitle=subtitle,
        url=url,
        url_how=url_how,
        credit=credit,
        credit_how=credit_how,
        published=(page.published.date, page.published.time, page.published.how) if page.published else None,
        published_doubt=page.published.doubt if page.published else "",
        body_doubt=f"taken from {page.body_how}: the main text found was menus and links"
        if page.body_how
        else "",
        cue_lines=tuple(line.text for line in lines),
        site_name=page.site_name,
        raw_text=decoded,
        raw_format="html",
        provenance=(("subtitle", "HTML meta description"),) if subtitle else (),
    )
    return _finish(draft, lines, **options)


def _finish(
    draft: _Draft,
    body_lines: Sequence[PageLine],
    *,
    source_hint: str | None,
    registry: Sequence[SourceRef],
    noise_for: Callable[[str], frozenset[str]] | None,
) -> ParsedArticle:
    """Clean the body, find the source (then drop its learned noise), and check it is an article."""
    body = _clean_body(body_lines, noise=frozenset())
    credit, credit_how = (draft.credit, draft.credit_how) if draft.credit else (body.credit, body.credit_how)
    found_source = outlets.find_source(
        lines=draft.cue_lines,
        body="\n".join(body.paragraphs),
        url=draft.url,
        credits=[c for c in (draft.credit, body.credit) if c],
        site_name=draft.site_name,
        sources=registry,
        source_hint=source_hint,
    )
    if found_source and noise_for:
        body = _clean_body(body_lines, noise=noise_for(found_source.name))
    body_text = "\n\n".join(body.paragraphs)
    stats = prose.check_article(body_text, headed=bool(draft.title))
    title = draft.title or _guess_title(body.paragraphs)
    provenance = dict(draft.provenance)
    provenance["title"] = draft.title_how if draft.title else "guessed from the first sentence"
    review = [] if draft.title else ["title"]
    if draft.published:
        provenance["published"] = draft.published[2]
        if draft.published_doubt:
            provenance["published"] += f" - check it: {draft.published_doubt}"
            review.append("published")
    else:
        review.append("published")
    if found_source is None or found_source.weak:
        review.append("source")
    if not stats.is_prose:
        review.append("body")
        provenance["body"] = f"check this is the article: {stats.describe()}"
    elif draft.body_doubt:
        review.append("body")
        provenance["body"] = draft.body_doubt
    language = languages.detect_language(body_text)
    if language:
        provenance["language"] = "detected from the body text"
    if not languages.people_are_found_in(language):
        provenance["people"] = languages.people_note(language)
    if found_source:
        provenance["source"] = found_source.how
    for field, value, how in (("url", draft.url, draft.url_how), ("credit", credit, credit_how)):
        if value:
            provenance[field] = how
    if body.dateline:
        provenance["dateline"] = "opening of the first paragraph"
    return ParsedArticle(
        title=title,
        subtitle=draft.subtitle,
        source_name=found_source.name if found_source else None,
        published_date=draft.published[0] if draft.published else None,
        published_time=draft.published[1] if draft.published else None,
        url=draft.url,
        credit=credit,
        dateline=body.dateline,
        body=body_text,
        raw_text=draft.raw_text,
        raw_format="html" if draft.raw_format == "html" else "text",
        provenance=provenance,
        review_fields=tuple(review),
        language=language,
    )


def _page_lines(text: str) -> list[PageLine]:
    lines, block = [], 0
    for raw in text.split("\n"):
        if raw:
            lines.append(PageLine(raw, block))
        else:
            block += 1
    return lines


def _take_url(lines: list[PageLine]) -> tuple[str, str, list[PageLine]]:
    """The page's own URL from an "Original url:" label (value on the same or the next line) or
    a line holding only a URL; every such line leaves the body."""
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
        if only:
            if not url:
                url = only.group("url")
                how = "'Original url:' line" if expecting else "a line holding only a URL"
            expecting = False
            continue
        expecting = False
        kept.append(line)
    return url, how, kept


def _is_headline(line: str) -> bool:
    words = prose.count_words(line)
    return (
        2 <= words <= HEADLINE_MAX_WORDS
        and len(line) <= HEADLINE_MAX_CHARS
        and not line.endswith((".", ",", ";", ":"))
        and not line[:1].islower()
        and not dates.contains_full_date(line)
        and not outlets.is_outlet_line(line)
        and not _BYLINE.match(line)
        and not boilerplate.is_caption(line)
        and not boilerplate.is_navigation(line)
    )


def _find_title(lines: list[PageLine]) -> tuple[int, str]:
    """Index of the headline and how it was recognised (-1, "" when there is none to recognise).

    The headline is in the first run of headline-like lines at the top of the page. A run of more
    than one is a banner or section label above the headline ("Harbour Gazette Weekend Digest",
    then the headline): the first line that does not look like a banner wins. Running text before
    any headline-like line means the page has no headline to recognise."""
    run: list[int] = []
    for i, line in enumerate(lines[:TITLE_SEARCH_LINES]):
        headline_like = _is_headline(line.text) and not has_inner_sentence_end(line.text)
        if headline_like:
            run.append(i)
        elif run or (_is_running_text(line.text) and looks_finished(line.text)):
            break
    if not run:
        return -1, ""
    if len(run) == 1:
        return run[0], "first headline-like line"
    chosen = next((i for i in run if not _looks_like_banner(lines[i].text)), run[-1])
    return chosen, "headline-like line under the page's banner"


def _is_repeatable_headline(line: str) -> bool:
    """A headline a page prints twice (breadcrumb and heading) keeps one copy; a caption does not."""
    return _is_headline(line) and not has_inner_sentence_end(line) and not boilerplate.is_caption(line)


def _looks_like_banner(line: str) -> bool:
    """A short line of capitalised words only: a masthead or section label, not a headline."""
    words = line.split()
    return len(words) <= BANNER_MAX_WORDS and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _guess_title(paragraphs: Sequence[str]) -> str:
    first = paragraphs[0] if paragraphs else ""
    sentence = first_sentence(first)
    return sentence if len(sentence) <= HEADLINE_MAX_CHARS else sentence[: HEADLINE_MAX_CHARS - 1] + "…"


def _read_header(lines: list[PageLine], title_i: int) -> tuple[list[str], int, str, str]:
    """The header lines under the title, where the body starts, and a byline if there is one."""
    header, credit, credit_how = [], "", ""
    i = title_i + 1
    while i < len(lines) and i - title_i <= HEADER_WINDOW:
        text = lines[i].text
        byline = _BYLINE.match(text)
        if byline and len(text.split()) <= CREDIT_MAX_WORDS:
            credit, credit_how = _byline_name(byline), "byline under the title"
        elif not _is_header_line(text) and _is_running_text(text):
            break
        header.append(text)
        i += 1
    return header, i, credit, credit_how


def _is_header_line(text: str) -> bool:
    """A date line, an outlet line or a photo caption: the furniture between headline and story."""
    return bool(
        dates.parse_date_line(text)
        or outlets.is_outlet_line(text)
        or boilerplate.is_caption(text, under_headline=True)
    )


def _byline_name(byline: re.Match) -> str:
    """The names in a byline, without what shares its line: "Jane Doe | 16 Dec. 2014" -> "Jane Doe"."""
    name = re.split(r"\s+[|•·—–]\s+|\s+(?:on|at|updated|published)\b", byline.group("name"), maxsplit=1)[0]
    return name.strip(" ,;")


def _is_running_text(line: str) -> bool:
    words = prose.count_words(line)  # in any script: a Chinese line has no spaces
    return words >= RUNNING_TEXT_MIN_WORDS or (looks_finished(line) and words > 3)


def _is_standfirst(lines: list[PageLine], i: int) -> bool:
    """A paragraph before a lede that opens with a dateline is the standfirst, not the story."""
    return (
        i + 1 < len(lines)
        and len(lines[i].text) <= SUBTITLE_MAX_CHARS
        and lines[i].block != lines[i + 1].block
        and not _DATELINE.match(lines[i].text)
        and bool(_DATELINE.match(lines[i + 1].text))
    )


def _clean_body(lines: Sequence[PageLine], *, noise: frozenset[str]) -> _Body:
    lines = boilerplate.drop_learned(boilerplate.cut_tail(lines), noise)
    lines = [line for line in lines if not boilerplate.is_caption(line.text)]
    credit, credit_how = "", ""
    for line in lines[-CREDIT_TAIL_LINES:][::-1]:
        found = _credit_of(line.text)
        if found:
            credit, credit_how = found, f"closing credit line {line.text!r}"
            lines = [other for other in lines if other is not line]
            break
    dateline = ""
    if lines:
        match = _DATELINE.match(lines[0].text)
        place = match.group("place").rstrip(" .") if match else ""
        if sum(c.isalpha() for c in place) >= 3 and place not in NOT_DATELINES:
            dateline = place  # and the lede keeps it: the body stays as the outlet printed it
    return _Body(tuple(_join_paragraphs(lines)), credit, credit_how, dateline)


def _credit_of(line: str) -> str:
    """The credit a closing line gives ("* Reuters and Agence France-Presse"), or ""."""
    labelled = _CREDIT_LABEL.match(line)
    marked = line[:1] in "*—–-·•" or bool(_BYLINE.match(line)) or bool(labelled)
    text = (line[labelled.end() :] if labelled else line).lstrip("*—–-·• ").strip()
    byline = _BYLINE.match(text)
    if byline:
        text = _byline_name(byline)
    if not text or len(text.split()) > CREDIT_MAX_WORDS or text.endswith(".") and not marked:
        return ""
    if marked or _CREDIT_AGENCY.search(text):
        return text.rstrip(".")
    return ""


def _join_paragraphs(lines: Sequence[PageLine]) -> list[str]:
    """Lines to paragraphs: lines of one block are one paragraph when wrapped mid-sentence, and a
    paragraph broken by a blank line mid-sentence ("has proposed" / "an action plan") is mended."""
    paragraphs: list[str] = []
    last_block = None
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if paragraphs:
            unfinished = not looks_finished(paragraphs[-1])
            same_block = line.block == last_block
            if unfinished and (same_block or text[:1].islower()):
                paragraphs[-1] = f"{paragraphs[-1]} {text}"
                last_block = line.block
                continue
        paragraphs.append(text)
        last_block = line.block
    return paragraphs


def _repeats_body(description: str, title: str, lines: Sequence[PageLine]) -> bool:
    """A meta description that is the title or the lede again is not a subtitle."""
    key = fold_punctuation(description)[:60].rstrip(".…")
    return (
        not key
        or key == fold_punctuation(title)
        or any(key in fold_punctuation(line.text) for line in lines[:3])
    )


def _reject_tables(text: str) -> None:
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 3:
        return
    rows = sum(
        1
        for line in lines
        if any(
            len(fields := line.split(sep)) >= 3
            and all(len(f.strip()) <= TABLE_FIELD_MAX_CHARS for f in fields)
            for sep in (",", ";", "\t", "|")
        )
    )
    if rows >= TABLE_LINE_SHARE * len(lines):
        raise NotAnArticleError("The file looks like a table (CSV or similar), not an article.")

"""Turn an uploaded file's bytes into a ParsedArticle, reading it the way a careful editor would.

A plain-text page dump is read top to bottom:

1. decode and normalise whitespace (archive.ingest.text);
2. take out URL lines ("Original url:" + "<https://...>") into the `url` field
   (archive.ingest.attribution);
3. drop generic page noise: lines the page repeats (photo captions), navigation words, and
   donation / subscription appeals (archive.ingest.boilerplate);
4. the title is the first headline-like line (short, not a sentence, not a masthead with a date;
   under a banner or section label when the page opens with one: archive.ingest.headlines);
5. the lines between the title and the running text are the header: a date line, an outlet line,
   a byline, a caption; a standfirst (subtitle) is a paragraph between the title and a lede that
   opens with a dateline ("PARIS // ...");
6. the body runs from there, minus a closing appeal section, the closing credit line
   ("* Reuters and Agence France-Presse", "TBP and Agencies"), captions and the outlet's learned
   noise; its first paragraph's dateline ("MONTREUX —") is read into the `dateline` field (the lede
   keeps it, as printed; bylines, credits and datelines: archive.ingest.attribution); paragraphs
   broken mid-sentence by a blank line are joined.

HTML pages go through trafilatura for the main text and metadata (archive.ingest.html), then
through the same body cleaning. Dates come only from where a page states them (archive.ingest.dates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from archive.ingest import boilerplate, dates, languages, prose
from archive.ingest import sources as outlets
from archive.ingest.article import NotAnArticleError, ParsedArticle, SourceRef
from archive.ingest.attribution import (
    CREDIT_MAX_WORDS,
    CREDIT_TAIL_LINES,
    byline_name,
    credit_of,
    dateline_place,
    is_byline,
    is_placeholder_author,
    opens_with_dateline,
    take_url,
)
from archive.ingest.boilerplate import PageLine
from archive.ingest.domains import host_in_path
from archive.ingest.headlines import find_title, guess_title, is_repeatable_headline
from archive.ingest.html import read_html
from archive.ingest.text import decode_bytes, looks_like_html, looks_like_table, normalise_whitespace
from archive.ingest.textrules import fold_punctuation, looks_finished

# Lines between the headline and the running text that may be header (date, outlet, byline,
# kicker, caption) before the body is assumed to have started.
HEADER_WINDOW = 6
# A page that states its date only in the body's first lines states it within this many lines.
BODY_DATE_LINES = 3
# A standfirst is one or two sentences.
SUBTITLE_MAX_CHARS = 400


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
    for a fragment of HTML too small to be recognised by its tags alone; its folders may name the
    page's host (a crawler's mirror), which stands in for an address the page does not state."""
    decoded = decode_bytes(data)
    named_html = filename.lower().endswith((".html", ".htm", ".xhtml")) and "<" in decoded
    options = {"source_hint": source_hint, "registry": sources, "noise_for": noise_for}
    if looks_like_html(decoded) or named_html:
        return _parse_html(decoded, folder_host=host_in_path(filename), **options)
    return _parse_text(decoded, folder_host=host_in_path(filename), **options)


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
    home: str = ""  # the address of the page's own site when `url` is not on it (or there is none)


def _parse_text(
    decoded: str,
    *,
    source_hint: str | None,
    registry: Sequence[SourceRef],
    noise_for: Callable[[str], frozenset[str]] | None,
    learned: frozenset[str] | None = None,
    folder_host: str = "",
) -> ParsedArticle:
    """Read a plain-text page. With `noise_for`, a first reading finds the outlet; when it has
    learned noise the page is read again without those lines, so a recurring slogan above the
    headline cannot pass for the title (date lines are never dropped as learned noise)."""
    text = normalise_whitespace(decoded)
    if looks_like_table(text):
        raise NotAnArticleError("The file looks like a table (CSV or similar), not an article.")
    all_lines = _page_lines(text)
    url, url_how, lines = take_url(all_lines)
    lines = boilerplate.drop_noise_blocks(boilerplate.drop_repeated(lines, keep_first=is_repeatable_headline))
    if learned:
        lines = [
            line
            for line in lines
            if not boilerplate.is_learned(line.text, learned) or dates.parse_date_line(line.text)
        ]
    if not lines:
        raise NotAnArticleError("The file holds only page furniture (menus, appeals), no article.")
    title_i, title_how = find_title(lines)
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
    if found is None:
        # A date line among the body's first lines (under a standfirst the header stopped at): it is
        # the page's date, and furniture, not a paragraph of the story.
        for i in range(body_start, min(body_start + BODY_DATE_LINES, len(lines))):
            found = dates.parse_date_line(lines[i].text)
            if found:
                where = "date line in the body's first lines"
                lines = lines[:i] + lines[i + 1 :]
                break
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
        home="" if url or not folder_host else f"https://{folder_host}/",
    )
    article = _finish(draft, lines[body_start:], source_hint=source_hint, registry=registry, noise_for=None)
    if noise_for and learned is None and article.source_name:
        learned = noise_for(article.source_name)
        if learned:
            options = {"source_hint": source_hint, "registry": registry, "noise_for": noise_for}
            return _parse_text(decoded, learned=learned, folder_host=folder_host, **options)
    return article


def _parse_html(decoded: str, *, folder_host: str = "", **options) -> ParsedArticle:
    page = read_html(decoded, folder_host=folder_host)
    paragraphs = [normalise_whitespace(p) for p in page.paragraphs]
    url, url_how, lines = take_url([PageLine(p, i) for i, p in enumerate(paragraphs) if p], lone=False)
    if page.url:
        url, url_how = (
            page.url,
            "HTML metadata (canonical link or og:url, else the address it was saved from)",
        )
    lines = boilerplate.drop_noise_blocks(boilerplate.drop_repeated(lines))
    title = normalise_whitespace(page.title)
    credit, credit_how = normalise_whitespace(page.author), "HTML author metadata"
    if is_placeholder_author(credit):
        credit, credit_how = "", ""
    # The article's own header (byline, visible date, caption) often opens the main text. Its
    # date is not used: for HTML only the page's metadata states a publication date.
    while lines and (_is_header_line(lines[0].text) or is_byline(lines[0].text)):
        text = lines.pop(0).text
        if is_byline(text) and not credit:
            credit, credit_how = byline_name(text), "byline under the title"
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
        home=page.home,
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
        url=draft.home or draft.url,
        credits=[c for c in (draft.credit, body.credit) if c],
        site_name=draft.site_name,
        sources=registry,
        source_hint=source_hint,
    )
    if found_source and noise_for:
        body = _clean_body(body_lines, noise=noise_for(found_source.name))
    body_text = "\n\n".join(body.paragraphs)
    plain = draft.raw_text if draft.raw_format == "text" else ""
    stats = prose.check_article(body_text, headed=bool(draft.title), plain_text=plain)
    title = draft.title or guess_title(body.paragraphs)
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
        site_url=draft.home,
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


def _read_header(lines: list[PageLine], title_i: int) -> tuple[list[str], int, str, str]:
    """The header lines under the title, where the body starts, and a byline if there is one."""
    header, credit, credit_how = [], "", ""
    i = title_i + 1
    while i < len(lines) and i - title_i <= HEADER_WINDOW:
        text = lines[i].text
        if is_byline(text) and len(text.split()) <= CREDIT_MAX_WORDS:
            credit, credit_how = byline_name(text), "byline under the title"
        elif not _is_header_line(text) and prose.is_running_text(text):
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


def _is_standfirst(lines: list[PageLine], i: int) -> bool:
    """A paragraph before a lede that opens with a dateline is the standfirst, not the story."""
    return (
        i + 1 < len(lines)
        and len(lines[i].text) <= SUBTITLE_MAX_CHARS
        and lines[i].block != lines[i + 1].block
        and not opens_with_dateline(lines[i].text)
        and opens_with_dateline(lines[i + 1].text)
    )


def _clean_body(lines: Sequence[PageLine], *, noise: frozenset[str]) -> _Body:
    lines = boilerplate.drop_learned(boilerplate.cut_tail(lines), noise)
    lines = [line for line in lines if not boilerplate.is_caption(line.text)]
    credit, credit_how = "", ""
    for line in lines[-CREDIT_TAIL_LINES:][::-1]:
        found = credit_of(line.text)
        if found:
            credit, credit_how = found, f"closing credit line {line.text!r}"
            lines = [other for other in lines if other is not line]
            break
    # The lede keeps its dateline: the body stays as the outlet printed it.
    dateline = dateline_place(lines[0].text) if lines else ""
    return _Body(tuple(_join_paragraphs(lines)), credit, credit_how, dateline)


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

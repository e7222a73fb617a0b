"""Bytes to clean text: encoding detection and whitespace normalisation.

Pages arrive saved by browsers, scrapers and editors in every encoding a real page may come in.
`decode_bytes` tries, in order: a byte-order mark, UTF-16/32 without a BOM (told apart by the
pattern of NUL bytes), strict UTF-8, UTF-8 with a few broken bytes, the charset an HTML page
declares, then charset-normalizer.
Single-byte text that reads as plain Western prose in windows-1252 (the web's legacy default,
WHATWG Encoding Standard) is taken as such before asking charset-normalizer, which often mistakes
short cp1252 news text for a Baltic code page; Cyrillic, Greek, Polish, ... single-byte pages keep
the code page charset-normalizer detects.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from archive.ingest.article import EmptyFileError, UnreadableFileError

# Share of control characters (other than tab/newline) above which decoded "text" is binary data.
# Real pages have none; 1% leaves room for a stray form feed or two in a long dump.
MAX_CONTROL_CHAR_SHARE = 0.01
# Share of letters that may be accented in text read as windows-1252 without asking
# charset-normalizer: French runs ~4%, German ~2%; Cyrillic cp1251 read as cp1252 is ~100%.
MAX_ACCENTED_SHARE = 0.15
# UTF-8 with some broken bytes is still UTF-8 when it has at least this many valid multi-byte
# characters and at least UTF8_VALID_PER_BROKEN of them per broken byte. cp1252 text read as
# UTF-8 has next to no valid multi-byte characters (it would take "Ã" before a byte 0x80-0xBF).
UTF8_MIN_VALID = 3
UTF8_VALID_PER_BROKEN = 4
# A file is a table when this share of its lines split into 3+ short fields on one delimiter.
TABLE_LINE_SHARE = 0.6
TABLE_FIELD_MAX_CHARS = 60
# Bytes looked at to spot UTF-16/32 without a BOM and to find an HTML charset declaration.
SNIFF_BYTES = 4096

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Magic numbers of formats people upload by mistake, so the message can say what the file is.
_BINARY_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a zip-based file (e.g. a Word document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "a program"),
)
# Non-letters that Western news text in windows-1252 plausibly holds.
_WESTERN_EXTRAS = frozenset("‘’‚“”„–—…•€£¥©®™°«»·§¶†‡‰½¼¾×÷¢\u00a0\u00ad")
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Zero-width and invisible characters that split words in copied text without being seen: zero-width
# spaces and joiners, the word joiner, the BOM, soft hyphens, direction marks, embeddings and
# isolates, invisible operators and the Mongolian vowel separator.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u202a-\u202e\u2066-\u2069\u180e]")
# C0/C1 control characters other than tab and line breaks, and the replacement character.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffd]")
# Every Unicode space (NBSP, thin, em, ideographic ...) becomes a plain space.
_SPACES = re.compile(r"[^\S\n]+")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def decode_bytes(data: bytes) -> str:
    """Decode an uploaded file to str, raising EmptyFileError / UnreadableFileError."""
    if not data.strip():
        raise EmptyFileError()
    for kind_magic, what in _BINARY_SIGNATURES:
        if data.startswith(kind_magic):
            raise UnreadableFileError(f"The file is {what}, not a text or HTML page.")
    text = _decode(data)
    if text is None or _looks_binary(text):
        raise UnreadableFileError()
    if not strip_invisible(text).strip():
        raise EmptyFileError()  # only spaces, NBSPs, BOMs or zero-width characters
    return text


def _decode(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    wide = _sniff_wide_encoding(data[:SNIFF_BYTES])
    if wide:
        return data.decode(wide, errors="replace")
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    declared = _declared_charset(data[:SNIFF_BYTES])
    if declared:
        return data.decode(declared, errors="replace")
    western = _plain_western(data)
    if western is not None:
        return western
    best = from_bytes(data).best()
    return str(best) if best is not None else None


def _plain_western(data: bytes) -> str | None:
    """Text that reads as ordinary Western European prose in windows-1252, the web's legacy
    default: its non-ASCII characters are only curly quotes, dashes, currency signs and accented
    Latin letters, and the letters are mostly plain ASCII (English, French, German news). Cyrillic
    in cp1251 or Greek read this way turns nearly every letter into an accented one, and Polish in
    cp1250 shows symbols such as ³ ¹ ¿ œ; those go to charset-normalizer instead."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = sum(1 for c in text if c.isalpha())
    accented = 0
    for c in text:
        if ord(c) > 127:
            if c not in _WESTERN_EXTRAS and not (c.isalpha() and "LATIN" in unicodedata.name(c, "")):
                return None
            accented += c.isalpha()
    return text if accented <= MAX_ACCENTED_SHARE * max(letters, 1) else None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a page pasted together from two sources) stays UTF-8: many
    valid multi-byte characters and next to no invalid ones. Read as cp1252 it would turn every
    curly quote into mojibake ("â€™")."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    valid = sum(1 for c in text if ord(c) > 127) - broken
    return text if valid >= UTF8_MIN_VALID and broken * UTF8_VALID_PER_BROKEN <= valid else None


def _sniff_wide_encoding(head: bytes) -> str | None:
    """UTF-16/32 without a BOM: ASCII-range text has a NUL in every other (or 3 of 4) bytes."""
    if len(head) < 4 or b"\x00" not in head:
        return None
    n = len(head) - len(head) % 4
    even_nuls = head[0:n:2].count(0) / (n / 2)
    odd_nuls = head[1:n:2].count(0) / (n / 2)
    quad = [head[i:n:4].count(0) / (n / 4) for i in range(4)]
    if quad[1] > 0.9 and quad[2] > 0.9 and quad[3] > 0.7:
        return "utf-32-le"
    if quad[0] > 0.9 and quad[1] > 0.9 and quad[2] > 0.7:
        return "utf-32-be"
    if odd_nuls > 0.7 and even_nuls < 0.1:
        return "utf-16-le"
    if even_nuls > 0.7 and odd_nuls < 0.1:
        return "utf-16-be"
    return None


def _declared_charset(head: bytes) -> str | None:
    match = _HTML_CHARSET.search(head)
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    return len(_CONTROLS.findall(sample)) > MAX_CONTROL_CHAR_SHARE * max(len(sample), 1)


def strip_invisible(text: str) -> str:
    """The text without the characters no reader sees (soft hyphens, zero-width spaces, direction
    marks): "Deutsch&shy;land" as a page writes it is "Deutschland"."""
    return _INVISIBLE.sub("", text)


def normalise_whitespace(text: str) -> str:
    """One kind of line break and space: NBSP and other Unicode spaces become spaces, zero-width
    characters and soft hyphens go, runs of spaces collapse, lines are stripped, and no more than
    one blank line separates paragraphs."""
    text = unicodedata.normalize("NFC", text)
    text = strip_invisible(_LINE_BREAKS.sub("\n", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _MANY_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def looks_like_html(text: str) -> bool:
    """Whether decoded text is an HTML page, judged by its content, not its file name."""
    head = text[:SNIFF_BYTES].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[: SNIFF_BYTES * 4].lower():
        return True
    tags = re.findall(r"<(?:html|head|body|p|div|article|meta|title|span|a)\b[^>]*>", text[:50000], re.I)
    return len(tags) >= 5


def looks_like_table(text: str) -> bool:
    """Whether decoded text is a table (CSV, TSV or pipe-separated rows), not prose."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 3:
        return False
    rows = sum(
        1
        for line in lines
        if any(
            len(fields := line.split(sep)) >= 3
            and all(len(f.strip()) <= TABLE_FIELD_MAX_CHARS for f in fields)
            for sep in (",", ";", "\t", "|")
        )
    )
    return rows >= TABLE_LINE_SHARE * len(lines)

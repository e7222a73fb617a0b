"""Bad input never crashes the parser: whatever the bytes, it returns an article or an IngestError."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from archive.ingest.article import IngestError
from archive.ingest.files import RefusedMember, expand_upload
from archive.ingest.parsing import parse_document
from tests.fixtures_ingest import TEXT_FIXTURES

PAGES = [path.read_text(encoding="utf-8") for path in sorted(TEXT_FIXTURES.iterdir())]


def _mangle(page: str, how: str, seed: int, blob: bytes, text: str) -> bytes:
    rng = random.Random(seed)
    at = rng.randrange(len(page))
    if how == "cut":
        return page[at : at + rng.randrange(1, 2000)].encode()
    if how == "shuffle":
        lines = page.split("\n")
        rng.shuffle(lines)
        return "\n".join(lines).encode()
    if how == "inject-text":
        return (page[:at] + text + page[at:]).encode("utf-8", "surrogatepass")
    if how == "encode":
        return page.encode(rng.choice(["utf-16", "utf-32", "cp1252", "latin-1"]), errors="replace")
    return page[:at].encode() + blob + page[at:].encode()


@settings(max_examples=60, deadline=None)
@given(
    page=st.sampled_from(PAGES),
    how=st.sampled_from(["cut", "shuffle", "inject-text", "encode", "inject-bytes"]),
    seed=st.integers(0, 2**32),
    blob=st.binary(max_size=100),
    text=st.text(max_size=100),
    name=st.sampled_from(["page.txt", "page.html", "upload.zip"]),
)
def test_mangled_pages_give_an_article_or_a_reason(page, how, seed, blob, text, name):
    data = _mangle(page, how, seed, blob, text)
    try:
        for member, content in expand_upload(name, data):
            if isinstance(content, RefusedMember):
                assert content.reason
                continue
            article = parse_document(content, filename=member)
            assert article.title and article.body
    except IngestError as error:
        assert str(error)

"""Outlet identity from what else a page states: credits for partners' content, a web archive's copy,
a page with no address of its own, a site-name field that repeats the headline (issue 15, part 1)."""

from __future__ import annotations

import pytest

from archive.ingest.domains import is_archived_copy
from archive.ingest.html import read_html
from archive.ingest.parsing import parse_document
from tests.test_outlet_identity import BODY, page, site


def test_a_provided_by_credit_never_names_the_outlet():
    caption = '<p class="caption"><span class="attribution">© Provided by Harbour Gazette</span></p>'
    data = page(
        title="Council votes to reopen the old mill",
        url="https://harbourgazette.example/mill",
        around=caption,
    )
    assert site(data) == "harbourgazette.example"  # the page states no name of its own: its host, flagged


def test_a_partners_logo_credited_beside_its_video_is_not_the_sites_name():
    teaser = (
        '<ul><li><img title="Storm hits the coast - Provided by Coast TV" src="/t.jpg">'
        '<div class="vidplogo"><img alt="Coast TV Logo" src="/l.png"></div></li></ul>'
    )
    data = page(
        title="Council votes to reopen the old mill", url="https://news.example.org/mill", around=teaser
    )
    assert site(data) == "news.example.org"  # a bare host, flagged, rather than the partner's name


def test_a_hidden_archive_toolbar_is_not_the_masthead_and_its_links_give_the_original_site():
    toolbar = (
        '<div id="toolbar" style="display: none"><div class="logo"><a href="/web/">'
        '<img alt="Example Archive"></a></div></div>'
    )
    links = "".join(
        f'<a href="/web/20070228213001/http://www.valley-courier.example.fr/{p}.html">{p}</a>'
        for p in ("index", "sommaire", "abo", "agenda", "lectures", "asso")
    )
    data = page(title="Council votes to reopen the old mill", around=toolbar + links)
    assert site(data) == "valley-courier.example.fr"


def test_an_archived_copys_link_is_recognised_relative_or_absolute():
    assert is_archived_copy("/web/20160218174457/http://site.example/page")
    assert is_archived_copy("https://archive.example/web/2016/http:/site.example/")
    assert not is_archived_copy("/politics/2016/05/the-page.html")


def test_a_page_with_no_address_is_named_by_the_host_of_its_own_contact_page():
    footer = (
        '<p>Write to me via the <a href="http://www.quiet-notes.example.us/contact.php">contact</a> page.</p>'
    )
    parsed = parse_document(page(title="Rsync over a tunnel", around=footer), filename="a.html")
    assert parsed.source_name == "quiet-notes.example.us"
    assert "source" in parsed.review_fields  # a bare host is flagged


def test_links_to_two_sites_legal_pages_name_no_host():
    footer = '<a href="https://one.example.de/impressum">Impressum</a><a href="https://two.example.de/privacy">P</a>'
    assert site(page(title="Council votes to reopen the old mill", around=footer)) == ""


def test_the_address_a_browser_saved_the_page_from_is_its_address():
    data = b"<!-- saved from url=(0037)https://docs.example.io/demo/page.html -->\n" + page(
        title="Council votes to reopen the old mill"
    )
    assert read_html(data.decode()).url == "https://docs.example.io/demo/page.html"


# (what the page states, the name it gives its site)
STATED = {
    "a site-name field that repeats the headline gives way to the title's site part": (
        {
            "title": "Council votes to reopen mill | Examplewerk",
            "meta": '<meta property="og:site_name" content="Council votes to reopen mill">',
            "url": "https://www.examplewerk.de/presse/mill.html",
        },
        "Examplewerk",
    ),
    "a site-name field beside a host in the title stays": (
        {
            "title": "Council votes to reopen mill | Valley Uutiset | valley.example.fi",
            "meta": '<meta property="og:site_name" content="Valley Uutiset">',
            "url": "https://valley.example.fi/uutiset/3-1152",
        },
        "Valley Uutiset",
    ),
    "the name before a section path at the end of the title": (
        {"title": "Council votes to reopen the old mill - 하버신문 - 지역 > 지역 포토"},
        "하버신문",
    ),
    "the title of the link to the site's top names it": (
        {
            "title": "Rebase: Shared History — rebase extension for Example VCS",
            "h1": "Rebase: Shared History",
            "meta": '<link rel="top" title="rebase extension for Example VCS" href="index.html">',
        },
        "rebase extension for Example VCS",
    ),
    "the document's own title in its metadata is not the site's name": (
        {
            "title": "draft-roe-mill-protocol-04 - Millwheel",
            "h1": "draft-roe-mill-protocol-04",
            "meta": '<meta name="DC.Title" content="Millwheel">',
        },
        "",
    ),
    "of two web addresses the page's own host names it": (
        {
            "title": "Council votes to reopen the old mill",
            "url": "http://mill-notes123.blogs.example.com/2028/mill",
            "meta": '<meta property="og:site_name" content="blogs.example.com">',
            "around": '<div class="logo">mill-notes123.blogs.example.com</div>',
        },
        "mill-notes123.blogs.example.com",
    ),
}


@pytest.mark.parametrize("stated, name", STATED.values(), ids=STATED.keys())
def test_the_site_is_named_as_the_page_states_it(stated, name):
    assert site(page(**stated)) == name


def test_a_web_pages_reference_line_holding_only_a_url_is_not_its_address():
    references = '<p>[3] Example, "Mill records", retrieved May 2014.</p><p>https://wiki.example.org/Mill</p>'
    parsed = parse_document(page(title="Council votes", body=BODY + references), filename="a.html")
    assert parsed.url == "" and parsed.source_name is None
    assert "wiki.example.org/Mill" in parsed.body  # a reference stays in the text


def draft(*, links: int, domain: str = "examplestandards.org", url: str = "") -> bytes:
    """A standard's draft rendered as preformatted text, with no name and (unless `url`) no address."""
    text = (
        "<pre>Network Working Group\n\n   Status of This Memo\n\n"
        "   Drafts are working documents of the Example Standards Body.\n\n"
        "Copyright Notice\n\n"
        "   Copyright (c) 2020 Example Standards Trust and the persons identified as the\n"
        "   document authors. All rights reserved.\n</pre>"
    )
    refs = "".join(f'<a href="https://tools.{domain}/html/ref{i}">ref{i}</a> ' for i in range(links))
    meta = (
        '<meta name="DC.Title" content="Mill Protocol">'  # the document's title, as draft renderers write it
    )
    return page(title="draft-roe-mill-protocol-02 - Mill Protocol", url=url, meta=meta, around=text + refs)


def test_a_page_with_no_address_or_name_is_its_copyright_holders_as_the_address_it_links_to_spells():
    assert site(draft(links=3)) == "Example Standards"


def test_a_copyright_holder_is_not_named_by_a_citation_or_an_address_that_does_not_spell_it():
    assert site(draft(links=2)) == ""  # two links are citations, not a site's links to itself
    assert site(draft(links=5, domain="otherbody.org")) == ""


def test_a_page_with_an_address_is_named_by_it_not_by_its_copyright_holder():
    assert site(draft(links=5, url="https://mill-notes.example.net/mill")) == "mill-notes.example.net"


def test_a_copyright_meta_escaped_once_too_often_is_read_as_a_copyright_line():
    meta = '<meta name="copyright" content="&amp;amp;amp;copy; 2016 hgz-news.de">'
    data = page(title="Mill reopens | Harbour Gazette", url="https://www.hgz-news.de/mill", meta=meta)
    assert site(data) == "Harbour Gazette"  # not "&amp;copy; 2016 hgz-news.de"

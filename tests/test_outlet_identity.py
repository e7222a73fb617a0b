"""Outlet identity: one outlet per publisher, named as the page names it (issue 15, part 1)."""

from __future__ import annotations

import pytest

from archive.importing.importer import import_files
from archive.ingest.domains import registered_domain
from archive.ingest.html import read_html
from archive.models import Article, Source

BODY = (
    "<p>The council voted on Tuesday to reopen the old mill on the river as a workshop for the town's "
    "carpenters, after two years in which the building stood empty and its roof let in the rain.</p>"
    "<p>Members said the repairs would cost less than a new hall, and that the carpenters' guild had "
    "promised to pay a fair rent for the space once the work was done by the end of the summer.</p>"
    "<p>The mayor told the meeting that the town had waited long enough, and the vote passed with "
    "only two members against it; the first benches should be in place by the autumn fair.</p>"
)
FERRY = (
    "<p>The harbour board approved the ferry's winter timetable on Monday, keeping the early crossing "
    "that fishermen and nurses on the night shift had asked the board to save from the cuts.</p>"
    "<p>The last boat will leave the island half an hour earlier than in summer, and the board said "
    "the savings would pay for a new ramp at the mainland pier before the spring storms arrive.</p>"
    "<p>Passengers who wrote to the board thanked it for listening, though several asked for a "
    "later boat on Saturdays, which the board promised to look at again in the new year.</p>"
)


def page(
    *,
    title: str,
    url: str = "",
    meta: str = "",
    h1: str = "Council votes to reopen the old mill",
    body: str = BODY,
    around: str = "",
) -> bytes:
    """A page; `around` is the page's furniture (navigation, footer) outside the article."""
    canonical = f'<link rel="canonical" href="{url}">' if url else ""
    return (
        f"<html><head><title>{title}</title>{canonical}{meta}</head>"
        f"<body><article><h1>{h1}</h1>{body}</article>{around}</body></html>"
    ).encode()


def site(data: bytes) -> str:
    return read_html(data.decode()).site_name


def test_og_site_name_beats_the_title():
    data = page(
        title="Council votes to reopen the old mill | Valley News Online",
        meta='<meta property="og:site_name" content="Valley Courier">',
    )
    assert site(data) == "Valley Courier"


def test_a_legal_suffix_and_its_country_tail_are_dropped():
    data = page(
        title="Council votes to reopen the old mill",
        url="https://www.harbourgazette.example/news/mill",
        meta='<script type="application/ld+json">{"@type": "NewsArticle", "publisher": '
        '{"@type": "Organization", "name": "Harbour Gazette AG, Schweiz"}}</script>',
    )
    assert site(data) == "Harbour Gazette"


def test_a_cyrillic_site_name_stays_in_its_script():
    data = page(
        title="Совет решил открыть старую мельницу - Речной вестник", h1="Совет решил открыть старую мельницу"
    )
    assert site(data) == "Речной вестник"


def test_a_section_path_in_the_title_is_not_the_outlet():
    data = page(
        title="Совет решил открыть мельницу | В мире | Политика | Речной вестник",
        h1="Совет решил открыть мельницу",
    )
    assert site(data) == "Речной вестник"
    assert "|" not in site(page(title="Council votes | World | Politics", h1="Council votes"))


def test_a_profile_is_not_a_name():
    data = page(
        title="Council votes to reopen the old mill - Valley Courier",
        meta='<meta property="og:site_name" content="https://www.facebook.com/valleycourier">',
    )
    assert site(data) == "Valley Courier"


def test_the_registered_domain_comes_from_the_public_suffix_list():
    assert registered_domain("https://rzn.example.ru/a") == registered_domain("https://www.example.ru/b")
    assert registered_domain("https://amp.example.co.uk/x") == "example.co.uk"
    # A blog host is a domain of its own in the list's private section.
    assert registered_domain("https://one.blogspot.com/") != registered_domain("https://two.blogspot.com/")
    # A web archive's copy is the page it copies (written with one slash at times).
    assert registered_domain("https://web.archive.org/web/2016/http://m.example.de/p") == "example.de"
    assert registered_domain("https://web.archive.org/web/2016/http:/m.example.de/p") == "example.de"


@pytest.mark.django_db
def test_two_hosts_of_one_registered_domain_give_one_outlet():
    first = page(title="Council votes to reopen the old mill", url="https://www.rivernews.example.ru/mill")
    second = page(
        title="Ferry timetable approved",
        url="https://rzn.rivernews.example.ru/ferry",
        h1="Ferry timetable approved",
        body=FERRY,
    )
    results = import_files([("a.html", first), ("b.html", second)])
    assert [r.status for r in results] == ["created", "created"]
    sources = {Article.objects.get(pk=r.article).source_id for r in results}
    assert len(sources) == 1
    assert Source.objects.count() == 1


def import_two(first: tuple[str, str], second: tuple[str, str]) -> None:
    """Import, one upload after the other, a page about the mill and one about the ferry, each given as
    (url, og:site_name)."""
    for (url, name), (title, body), file in zip(
        (first, second),
        (("Council votes to reopen the old mill", BODY), ("Ferry timetable approved", FERRY)),
        ("a.html", "b.html"),
        strict=True,
    ):
        meta = f'<meta property="og:site_name" content="{name}">'
        import_files([(file, page(title=f"{title} - {name}", url=url, meta=meta, h1=title, body=body))])


@pytest.mark.django_db
def test_stations_on_one_domain_that_name_themselves_apart_stay_apart():
    import_two(
        ("https://detroit.stations.example.com/mill", "CBS Detroit"),
        ("https://sanfrancisco.stations.example.com/ferry", "CBS San Francisco"),
    )
    assert set(Source.objects.values_list("name", flat=True)) == {"CBS Detroit", "CBS San Francisco"}


@pytest.mark.django_db
def test_a_bare_host_names_the_outlet_only_when_the_page_states_none_and_is_flagged():
    data = page(title="Council votes to reopen the old mill", url="https://www.quietvalley.example/mill")
    [result] = import_files([("a.html", data)])
    article = Article.objects.get(pk=result.article)
    assert article.source.name == "quietvalley.example"
    assert "source" in article.review_fields


def test_a_section_of_the_site_at_the_end_of_the_title_is_not_its_name():
    nav = '<nav><a href="/">Home</a> <a href="/politik/">Politik</a> <a href="/sport/">Sport</a></nav>'
    data = page(title="Council votes to reopen the old mill - Valley Courier - Politik", around=nav)
    assert site(data) == "Valley Courier"
    # A section named in the page's web address, or a section every site has, the same.
    data = page(
        title="Council votes to reopen the old mill - Valley Courier - Lokalt",
        url="https://www.valleycourier.example/Lokalt/mill",
    )
    assert site(data) == "Valley Courier"
    assert site(page(title="News - Council votes to reopen the old mill")) != "News"


def test_a_name_the_web_address_spells_beats_a_tagline_and_keeps_its_script():
    data = page(
        title="Council votes to reopen the old mill | Kaffee und Kuchen",
        url="https://www.valley-courier.example/mill",
        around='<div class="logo">Valley-Courier</div>',
    )
    assert site(data) == "Valley-Courier"
    # The web address may spell a name in another script by its Latin transliteration.
    data = page(
        title="议会决定重开旧磨坊-河声", h1="议会决定重开旧磨坊", url="https://www.hesheng.example/a/1"
    )
    assert site(data) == "河声"


def test_the_copyright_line_names_the_site_when_the_web_address_agrees():
    footer = "<footer><p>© 2024 Harbour Gazette Media Ltd. All rights reserved.</p>"
    footer += "<p>© Photo: J. Smith</p></footer>"
    data = page(
        title="Council votes to reopen the old mill",
        url="https://www.harbourgazette.example/mill",
        around=footer,
    )
    assert site(data) == "Harbour Gazette Media"
    # A copyright line nothing else agrees with (a photographer, a printer) names nothing.
    assert site(page(title="Council votes to reopen the old mill", around=footer)) == ""


def test_a_web_address_stated_as_the_name_gives_way_to_a_name_the_page_also_states():
    data = page(
        title="Council votes to reopen the old mill - Valley Courier",
        url="https://www.valleycourier.example/mill",
        meta='<meta property="og:site_name" content="valleycourier.example">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "publisher": '
        '{"@type": "Organization", "name": "Valley Courier"}}</script>',
    )
    assert site(data) == "Valley Courier"


def test_a_name_written_with_a_dot_is_a_name_not_a_web_address():
    page_ = read_html(
        page(title="Council votes", meta='<meta property="og:site_name" content="J.Roe">').decode()
    )
    assert (page_.site_name, page_.site_name_is_host) == ("J.Roe", False)


@pytest.mark.django_db
def test_an_outlet_known_by_its_edition_takes_the_parent_name_when_the_parent_names_itself():
    import_two(
        ("https://rzn.rivernews.example.ru/mill", "River News Ryazan"),
        ("https://www.rivernews.example.ru/ferry", "River News"),
    )
    [outlet] = Source.objects.all()
    assert (outlet.name, outlet.aliases) == ("River News", ["River News Ryazan"])
    assert Article.objects.filter(source=outlet).count() == 2

"""The people list and a person's page."""

from __future__ import annotations

import pytest

from archive.models import Person
from tests.browse_data import build_sample_archive, text_of


@pytest.fixture
def sample(db):
    return build_sample_archive()


def names_in_order(html: str, names: list[str]) -> list[str]:
    return sorted(names, key=html.index)


def test_the_people_list_ranks_by_articles_with_mention_and_outlet_counts(client, sample):
    html = client.get("/people/").content.decode()
    assert names_in_order(html, ["Anna Petrova", "Omar Haddad", "Eva Lindqvist"]) == [
        "Anna Petrova",
        "Omar Haddad",
        "Eva Lindqvist",
    ]
    row = html[html.index("/people/anna-petrova/") :]
    row = row[: row.index("</tr>")]
    assert row.split('<td class="num">')[1:] == ["4</td>", "5</td>", "2</td>"]


def test_one_page_repeating_a_name_does_not_outrank_people_many_articles_name(client, make_article):
    from archive.models import Mention

    listing = make_article(people=["Tama Whiri"])  # a page that lists one name sixty times
    Mention.objects.filter(article=listing).update(count=60)
    for _ in range(3):
        make_article(people=["Ines Valdeira"])
    for page in ("/people/", "/"):
        html = client.get(page).content.decode()
        assert names_in_order(html, ["Tama Whiri", "Ines Valdeira"]) == ["Ines Valdeira", "Tama Whiri"], page


def test_the_people_list_sorts_a_to_z_and_filters_by_initial(client, sample):
    html = client.get("/people/?sort=name").content.decode()
    table = html[html.index("<tbody>") :]
    assert names_in_order(table, ["Anna Petrova", "Omar Haddad", "Eva Lindqvist"]) == [
        "Anna Petrova",
        "Eva Lindqvist",
        "Omar Haddad",
    ]
    html = client.get("/people/?sort=name&letter=e").content.decode()
    table = html[html.index("<tbody>") :]
    assert "Eva Lindqvist" in table and "Anna Petrova" not in table


def test_the_people_list_hides_names_marked_not_a_person(client, sample):
    Person.objects.filter(pk=sample.lindqvist.pk).update(not_a_person=True)
    assert "Eva Lindqvist" not in client.get("/people/").content.decode()
    assert client.get("/people/eva-lindqvist/").status_code == 404


def test_bad_list_parameters_fall_back_instead_of_failing(client, sample):
    response = client.get("/people/?sort=nonsense&letter=%3Cscript%3E")
    assert response.status_code == 200
    assert "Anna Petrova" in response.content.decode()
    assert client.get("/people/?page=9").status_code == 404


def test_a_person_page_shows_time_outlets_co_mentions_quotes_and_spellings(client, sample):
    response = client.get("/people/omar-haddad/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Omar Haddad</h1>" in html
    assert "4 mentions in 3 articles from 2 outlets" in text_of(html)
    assert 'aria-label="Articles naming this person over time"' in html
    outlets = html[html.index('aria-label="Outlets naming this person"') :]
    assert "Harbour Times" in outlets and "Evening Ledger" in outlets
    together = text_of(html[html.index("Mentioned together with") :])
    assert "Anna Petrova 3 shared articles" in together and "Eva Lindqvist 1 shared article" in together
    assert "Omar al-Haddad" in html[html.index("Spellings seen") :]


def test_a_person_page_lists_their_quotes_from_every_outlet(client, sample):
    html = client.get("/people/anna-petrova/").content.decode()
    quotes = html[html.index('id="quotes-title"') : html.index('id="articles-title"')]
    assert "a first step" in quotes and "the first step of many" in quotes
    assert "Harbour Times" in quotes and "Evening Ledger" in quotes


def test_a_person_no_article_names_yet_still_has_a_page(client, make_person):
    person = make_person("Nadia Quist")
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    assert "0 mentions in 0 articles from 0 outlets" in text_of(response.content.decode())


def test_the_a_to_z_index_links_only_letters_that_have_people(client, sample):
    html = client.get("/people/").content.decode()
    assert 'letter=E"' in html and 'letter=O"' in html
    assert 'letter=Q"' not in html and '<span class="letter-empty" title="Nobody under Q">Q</span>' in html


def test_the_ranked_people_list_continues_on_its_next_page(client, sample, monkeypatch):
    monkeypatch.setattr("archive.views.browse.PEOPLE_PER_PAGE", 2)
    first = client.get("/people/").content.decode()
    second = client.get("/people/?page=2").content.decode()
    first, second = first[first.index("<tbody>") :], second[second.index("<tbody>") :]
    assert "Anna Petrova" in first and "Omar Haddad" in first and "Eva Lindqvist" not in first
    assert "Eva Lindqvist" in second and "Anna Petrova" not in second
    assert client.get("/people/?page=3").status_code == 404


def test_a_person_page_counts_the_articles_no_outlet_is_known_for(client, make_article, make_source):
    from archive.models import Article, Mention

    harbour = make_source("Harbour Times")
    make_article(source=harbour, people=["Lena Moss"])
    make_article(source=harbour, people=["Lena Moss"])
    unsourced = make_article(people=["Lena Moss"])
    Article.objects.filter(pk=unsourced.pk).update(source=None)
    Mention.objects.filter(article=unsourced).update(source=None)
    html = client.get(Person.objects.get(name="Lena Moss").get_absolute_url()).content.decode()
    outlets = text_of(html[html.index('id="outlets-title"') : html.index('id="quotes-title"')])
    # By outlet adds up to the person's 3 articles: 2 from the outlet, 1 from no known outlet.
    assert "Harbour Times 2 articles" in outlets
    assert "and 1 article from an unknown outlet" in outlets
    assert "person=Lena%20Moss&amp;source=~unknown" in html


def test_a_person_page_says_nothing_of_unknown_outlets_when_every_outlet_is_known(client, sample):
    html = client.get("/people/omar-haddad/").content.decode()
    assert "unknown outlet" not in html

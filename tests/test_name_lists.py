"""Pages that list people rather than report on them (archive.ingest.name_lists): a table of members
and their constituencies does not flood the people pages; the page is flagged and the people its
prose names are kept. Texts written for these tests."""

from __future__ import annotations

from archive.importing.importer import import_files
from archive.importing.reextraction import refresh_edited
from archive.ingest.article import PersonMention
from archive.ingest.name_lists import LISTED_PEOPLE_MAX, is_list_line, listed_people
from archive.models import Article

GIVEN = ["Alice", "Bernard", "Clara", "Dominic", "Elena", "Felix", "Grace", "Hugo", "Irene", "Jonas"]
FAMILY = ["Ashworth", "Brennan", "Calloway", "Dunmore", "Everton", "Fairley", "Garside"]
MEMBERS = [f"{g} {f}" for f in FAMILY for g in GIVEN][: LISTED_PEOPLE_MAX + 10]
TOWNS = ["Northby", "Eastwick", "Southmere", "Westholm", "Midford"]

PROSE = (
    "Council members will vote next month on the harbour levy.\n\n"
    "Council leader Miriam Okonjo said the levy would pay for the new sea wall. The opposition said "
    "it would drive away the fishing fleet.\n\n"
    "Below is a list of members you can write to before the vote.\n\n"
)


CLOSING = "The council will publish the result of the vote on its website the following morning."


def table_page() -> str:
    """An HTML page: three paragraphs of report, then a table of members, their wards and addresses."""
    rows = "".join(
        f"<tr><td>{TOWNS[i % len(TOWNS)]} {i}</td><td>{name}</td>"
        f"<td>{name.lower().replace(' ', '.')}@council.example</td></tr>"
        for i, name in enumerate(MEMBERS)
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in PROSE.split("\n\n") if p)
    table = f"<table><tr><th>Ward</th><th>Member</th><th>Email</th></tr>{rows}</table>"
    return (
        "<html><head><title>Harbour levy vote: write to your member</title></head><body><article>"
        f"<h1>Harbour levy vote: write to your member</h1>{paragraphs}{table}<p>{CLOSING}</p>"
        "</article></body></html>"
    )


def test_table_rows_and_lines_without_a_sentence_end_are_list_lines():
    assert is_list_line("| Northby | Alice Ashworth | alice@council.example |")
    assert is_list_line("Alice Ashworth")
    assert not is_list_line("Council leader Miriam Okonjo said the levy would pay for the wall.")


def test_a_person_named_once_in_prose_is_not_listed_even_when_a_table_names_them_too():
    rows = "| Northby | Alice Ashworth |\n\n| Eastwick | Hugo Brennan |"
    text = f"Alice Ashworth said the vote was close.\n\n{rows}"
    people = [
        PersonMention("Alice Ashworth", ("Alice Ashworth",), 2, "alice ashworth"),
        PersonMention("Hugo Brennan", ("Hugo Brennan",), 1, "hugo brennan"),
    ]
    assert [p.name for p in listed_people(text, people)] == ["Hugo Brennan"]


def test_a_table_of_members_is_left_out_and_the_page_flagged_but_its_prose_people_are_kept(db, settings):
    settings.PARALLAX_NER = True
    [result] = import_files([("levy.html", table_page().encode())])
    article = Article.objects.get(pk=result.article)
    assert "Miriam Okonjo" in result.people
    assert len(result.people) < LISTED_PEOPLE_MAX
    assert "people" in article.review_fields and article.needs_review
    assert "tables or lists" in article.provenance["people"]


def test_a_report_naming_a_few_people_is_not_flagged(db, settings):
    settings.PARALLAX_NER = True
    text = "Harbour levy vote set for next month\n\n" + PROSE.replace("Below is a list", "There is a list")
    [result] = import_files([("levy.txt", text.encode())])
    article = Article.objects.get(pk=result.article)
    assert "Miriam Okonjo" in result.people
    assert "people" not in article.review_fields


def test_a_body_an_editor_replaces_with_a_table_is_flagged_the_same_way(db, settings):
    settings.PARALLAX_NER = True
    text = "Harbour levy vote set for next month\n\n" + PROSE.replace("Below is a list", "There is a list")
    [result] = import_files([("levy.txt", text.encode())])
    listing = Article.objects.get(pk=import_files([("table.html", table_page().encode())])[0].article).body
    article = Article.objects.get(pk=result.article)
    article.body = listing
    article.save()
    refresh_edited(article, {"body"})
    article.refresh_from_db()
    assert "people" in article.review_fields and article.needs_review
    named = set(article.mentions.values_list("person__name", flat=True))
    assert "Miriam Okonjo" in named and len(named) < LISTED_PEOPLE_MAX

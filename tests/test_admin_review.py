"""Reviewing in the admin: filters, editing metadata, re-extraction, the search box, sources'
list fields, and people (not a person, merge)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.urls import reverse

from archive import searching
from archive.importing.importer import import_files
from archive.ingest import dedup
from archive.models import Article, Mention, Person, PersonAlias, ShingleKey, Source

FIXTURES = Path(__file__).parent / "fixtures" / "importer"
CHANGELIST = "/admin/archive/article/"


def imported(*names: str, **kwargs) -> list[Article]:
    results = import_files([(n, (FIXTURES / n).read_bytes()) for n in names], **kwargs)
    return [Article.objects.get(pk=r.article) for r in results]


def listed(admin_client, query: str = "") -> set[int]:
    response = admin_client.get(CHANGELIST + query)
    assert response.status_code == 200
    return {a.pk for a in response.context["cl"].result_list}


def test_the_needs_review_filter_lists_only_flagged_articles(admin_client, make_article):
    flagged = make_article(title="Undated story", published_date=None, review_fields=["published"])
    fine = make_article(title="Dated story")
    assert listed(admin_client, "?review=yes") == {flagged.pk}
    assert listed(admin_client, "?review=no") == {fine.pk}


def test_duplicates_are_listed_with_a_link_to_the_first_and_can_be_filtered(admin_client):
    original, duplicate = imported("wire_harbour.txt", "wire_bayside.txt")
    assert listed(admin_client, "?duplicates=only") == {duplicate.pk}
    assert listed(admin_client, "?duplicates=hide") == {original.pk}
    page = admin_client.get(CHANGELIST).content.decode()
    assert reverse("admin:archive_article_change", args=[original.pk]) in page
    change = admin_client.get(reverse("admin:archive_article_change", args=[original.pk])).content.decode()
    assert (
        reverse("admin:archive_article_change", args=[duplicate.pk]) in change
    )  # "Duplicates of this article"


def _change_form_data(article: Article, **changes) -> dict:
    data = {
        "title": article.title,
        "subtitle": article.subtitle,
        "source": article.source_id or "",
        "published_date": article.published_date.isoformat() if article.published_date else "",
        "published_time": article.published_time.strftime("%H:%M") if article.published_time else "",
        "url": article.url,
        "credit": article.credit,
        "dateline": article.dateline,
        "body": article.body,
        "duplicate_of": article.duplicate_of_id or "",
        "story": article.story_id or "",
    }
    data.update(changes)
    return data


def test_an_editor_setting_a_flagged_field_clears_the_flag_and_is_recorded(admin_client):
    [article] = imported("wire_truncated.txt", source_name="Harbour Gazette")
    assert "published" in article.review_fields
    url = reverse("admin:archive_article_change", args=[article.pk])

    response = admin_client.post(url, _change_form_data(article, published_date="2021-03-06"))

    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.published_date == dt.date(2021, 3, 6)
    assert "published" not in article.review_fields
    assert article.provenance["published"] == "editor"
    assert article.provenance["title"] != "editor"  # untouched values keep their provenance


def test_the_raw_text_and_provenance_are_shown_read_only(admin_client):
    [article] = imported("library_vote.txt")
    page = admin_client.get(reverse("admin:archive_article_change", args=[article.pk])).content.decode()
    assert 'name="raw_text"' not in page
    assert "Councillor Priya Natarajan" in page
    for how in article.provenance.values():
        assert how.replace("'", "&#x27;") in page


def test_the_re_run_extraction_action_refreshes_the_chosen_articles(admin_client):
    [article] = imported("library_vote.txt")
    Article.objects.filter(pk=article.pk).update(body="damaged", title="damaged")
    response = admin_client.post(CHANGELIST, {"action": "reextract_action", "_selected_action": [article.pk]})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Town council votes to keep the old library open"
    assert article.body.startswith("The town council of Eastmere")


def test_the_search_box_asks_the_search_index(admin_client, make_article, monkeypatch):
    wanted, _other = make_article(title="Ferry timetable"), make_article(title="Bridge repairs")
    monkeypatch.setattr(searching, "search_article_ids", lambda text, limit=1000: [wanted.pk])
    assert listed(admin_client, "?q=anything") == {wanted.pk}


def test_the_search_box_falls_back_to_the_database_when_search_is_unavailable(
    admin_client, make_article, monkeypatch
):
    wanted, _other = make_article(title="Ferry timetable"), make_article(title="Bridge repairs")
    monkeypatch.setattr(searching, "search_article_ids", lambda text, limit=1000: None)
    assert listed(admin_client, "?q=ferry") == {wanted.pk}


def test_a_sources_aliases_domains_and_patterns_are_edited_as_plain_text(admin_client):
    response = admin_client.post(
        reverse("admin:archive_source_add"),
        {
            "name": "The BRICS Post",
            "slug": "",
            "aliases": "TBP, BRICS Post",
            "domains": "thebricspost.com",
            "patterns": r"TBP and Agencies\s*$" + "\n" + r"\bBRICS Post\b",
        },
    )
    assert response.status_code == 302
    source = Source.objects.get()
    assert source.aliases == ["TBP", "BRICS Post"]
    assert source.domains == ["thebricspost.com"]
    assert source.patterns == [r"TBP and Agencies\s*$", r"\bBRICS Post\b"]
    assert source.slug == "the-brics-post"
    form = admin_client.get(reverse("admin:archive_source_change", args=[source.pk])).content.decode()
    assert "TBP, BRICS Post" in form


def test_a_bad_source_pattern_is_refused_with_the_reason(admin_client):
    response = admin_client.post(
        reverse("admin:archive_source_add"),
        {"name": "Broken", "aliases": "", "domains": "", "patterns": "(unclosed"},
    )
    assert response.status_code == 200
    assert "not a valid regular expression" in response.content.decode()


def test_marking_a_name_as_not_a_person(admin_client, make_person):
    aleppo = make_person("Aleppo")
    admin_client.post(
        "/admin/archive/person/", {"action": "mark_not_a_person", "_selected_action": [aleppo.pk]}
    )
    aleppo.refresh_from_db()
    assert aleppo.not_a_person


def test_a_name_marked_not_a_person_leaves_the_search_facets_at_once(admin_client, make_article, indexed):
    from archive.search import get_backend
    from archive.search.backend import SearchRequest
    from archive.search.query import parse_query

    with indexed():
        make_article(title="Shelling near the old citadel", people=["Aleppo", "Hana Sokolova"])

    def people_facet():
        page = get_backend().search(SearchRequest(parse_query("")))
        return {f.value for f in page.facets["person"]}

    assert people_facet() == {"Aleppo", "Hana Sokolova"}
    aleppo = Person.objects.get(name="Aleppo")
    with indexed():
        admin_client.post(
            "/admin/archive/person/", {"action": "mark_not_a_person", "_selected_action": [aleppo.pk]}
        )
    assert people_facet() == {"Hana Sokolova"}


def test_merging_people_asks_which_to_keep_then_moves_aliases_and_mentions(admin_client, make_article):
    jarba = Person.objects.create(name="Ahmad al-Jarba")
    PersonAlias.objects.create(person=jarba, name="Ahmad al-Jarba", key="ahmad jarba")
    other = Person.objects.create(name="Ahmed Jarba")
    PersonAlias.objects.create(person=other, name="Ahmed Jarba", key="ahmed jarba")
    article = make_article(people=[other])
    chosen = {"action": "merge_people", "_selected_action": [jarba.pk, other.pk]}

    page = admin_client.post("/admin/archive/person/", chosen)
    assert page.status_code == 200
    assert "Keep this person" in page.content.decode()
    assert Person.objects.count() == 2  # nothing merged before the choice

    done = admin_client.post("/admin/archive/person/", {**chosen, "target": jarba.pk})

    assert done.status_code == 302
    assert list(Person.objects.all()) == [jarba]
    assert set(jarba.aliases.values_list("name", flat=True)) >= {"Ahmad al-Jarba", "Ahmed Jarba"}
    assert Mention.objects.get(article=article).person == jarba


def test_the_people_list_shows_mention_counts(admin_client, make_article):
    make_article(people=["Marta Ellingsen"])
    make_article(people=["Marta Ellingsen"])
    response = admin_client.get("/admin/archive/person/")
    [person] = response.context["cl"].result_list
    assert response.context["cl"].model_admin.article_count(person) == 2


def test_an_article_typed_in_the_admin_gets_its_fingerprint_and_duplicate_keys(admin_client):
    [uploaded] = imported("library_vote.txt")
    body = uploaded.body
    uploaded.delete()
    data = _change_form_data(Article(title="Eastmere library saved", body=body))
    assert admin_client.post(reverse("admin:archive_article_add"), data).status_code == 302
    typed = Article.objects.get()
    assert typed.fingerprint == dedup.fingerprint(body)
    assert set(typed.shingles) == set(ShingleKey.objects.filter(article=typed).values_list("key", flat=True))

    [again] = import_files([("library_vote.txt", (FIXTURES / "library_vote.txt").read_bytes())])
    assert again.status == "duplicate" and again.article == typed.pk


def test_the_article_list_names_the_fields_each_article_needs_reviewed(admin_client, make_article):
    make_article(title="Undated dispatch", review_fields=["published", "source"])
    response = admin_client.get("/admin/archive/article/")
    assert "published, source" in response.content.decode()


def _form_values(html: str) -> dict[str, str]:
    """The change form's fields as the browser would send them untouched (inputs, ticked boxes,
    selected options, text areas)."""
    import lxml.html

    form = lxml.html.fromstring(html).get_element_by_id("person_form")
    return dict(form.form_values())


def test_a_name_an_editor_types_is_kept_by_later_imports(admin_client, make_person):
    from archive.importing.resolution import resolve_mentions
    from archive.ingest.article import PersonMention
    from archive.ingest.namekeys import name_key

    person = make_person("Bashir al-Hadid")
    person.aliases.create(name="Bashir al-Hadid", key=name_key("Bashir al-Hadid"), surname_key="hadid")
    url = f"/admin/archive/person/{person.pk}/change/"
    data = {**_form_values(admin_client.get(url).content.decode()), "name": "Bashir Al Hadid"}
    assert admin_client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert (person.name, person.name_is_custom) == ("Bashir Al Hadid", True)
    spelling = "Bashir al-Hadid"
    resolve_mentions([PersonMention(name=spelling, forms=(spelling,), count=1, key=name_key(spelling))])
    person.refresh_from_db()
    assert person.name == "Bashir Al Hadid"

"""archive.importing.importer: duplicates, updates, learned page noise, failures, re-extraction."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.importing.base import EDITOR
from archive.importing.importer import import_files
from archive.importing.reextraction import reextract
from archive.models import Article, BoilerplateLine, Mention, ShingleKey
from archive.stories import clustering

FIXTURES = Path(__file__).parent / "fixtures" / "importer"
COURIER = ["courier_ferry.txt", "courier_school.txt", "courier_market.txt", "courier_bridge.txt"]
FOOTER = "Send your news tips to the Courier newsdesk"


def fixture(name: str) -> tuple[str, bytes]:
    return name, (FIXTURES / name).read_bytes()


def with_url(name: str, url: str, *, replace: tuple[str, str] = ("", "")) -> tuple[str, bytes]:
    """A fixture as a page that states its URL (optionally with some text changed)."""
    text = (FIXTURES / name).read_text(encoding="utf-8").replace(*replace)
    return name, f"{text}\nOriginal url:\n\n<{url}>\n".encode()


def test_the_same_text_again_is_a_duplicate_of_the_first_and_adds_no_row(db):
    [first] = import_files([fixture("library_vote.txt")])
    [again] = import_files([("copy-of-library_vote.txt", (FIXTURES / "library_vote.txt").read_bytes())])

    assert first.status == "created"
    assert again.status == "duplicate"
    assert again.duplicate_of == first.article
    assert Article.objects.count() == 1


def test_the_same_url_with_changed_text_updates_the_article(db):
    url = "https://gazette.example/2021/03/port-strike"
    [first] = import_files([with_url("wire_harbour.txt", url)])
    changed = with_url("wire_harbour.txt", url, replace=("two weeks", "ten days"))
    [update] = import_files([changed])

    assert (first.status, update.status) == ("created", "updated")
    assert update.article == first.article
    article = Article.objects.get()
    assert "cleared within ten days" in article.body
    assert article.url == url


def test_the_same_wire_story_on_another_site_is_stored_as_a_duplicate_of_the_first(db):
    first, second = import_files([fixture("wire_harbour.txt"), fixture("wire_bayside.txt")])

    assert (first.status, second.status) == ("created", "duplicate")
    assert second.article != first.article
    assert second.duplicate_of == first.article
    assert Article.objects.get(pk=second.article).duplicate_of_id == first.article


def test_a_truncated_copy_is_stored_as_a_duplicate_of_the_full_article(db):
    [full] = import_files([fixture("wire_harbour.txt")])
    [short] = import_files([fixture("wire_truncated.txt")])
    assert short.status == "duplicate"
    assert short.duplicate_of == full.article


def test_a_duplicate_of_a_duplicate_points_at_the_original(db):
    original, copy = import_files([fixture("wire_harbour.txt"), fixture("wire_bayside.txt")])
    [truncated] = import_files([fixture("wire_truncated.txt")])
    assert truncated.duplicate_of == original.article


def test_different_stories_are_not_duplicates(db):
    results = import_files(
        [fixture("wire_harbour.txt"), fixture("library_vote.txt"), fixture("courier_ferry.txt")]
    )
    assert [r.status for r in results] == ["created", "created", "created"]


def test_sketch_keys_are_stored_for_the_candidate_lookup(db):
    [result] = import_files([fixture("wire_harbour.txt")])
    article = Article.objects.get(pk=result.article)
    keys = set(ShingleKey.objects.filter(article=article).values_list("key", flat=True))
    assert keys and keys == set(article.shingles)


def test_the_uploaders_source_wins_over_the_page(db):
    [result] = import_files([fixture("wire_harbour.txt")], source_name="Valmora Evening Post")
    article = Article.objects.get(pk=result.article)
    assert article.source.name == "Valmora Evening Post"
    assert article.provenance["source"] == "uploader"
    assert "source" not in article.review_fields


def test_a_footer_line_recurring_on_one_outlets_pages_is_learned_as_noise(db):
    for name in COURIER[:2]:
        import_files([fixture(name)], source_name="The Lakeside Courier")
    assert all(FOOTER in a.body for a in Article.objects.all())  # two pages prove nothing yet

    import_files([fixture(COURIER[2])], source_name="The Lakeside Courier")
    # the third page makes it noise: it goes from every stored article of that outlet
    assert Article.objects.count() == 3
    assert not any(FOOTER in a.body for a in Article.objects.all())
    assert all("lake" in a.body for a in Article.objects.all())

    [later] = import_files([fixture(COURIER[3])], source_name="The Lakeside Courier")
    assert FOOTER not in Article.objects.get(pk=later.article).body
    line = BoilerplateLine.objects.get(text__startswith=FOOTER)
    assert line.article_count == 4 and line.source.name == "The Lakeside Courier"


def test_noise_learned_for_one_outlet_is_not_applied_to_another(db):
    for name in COURIER[:3]:
        import_files([fixture(name)], source_name="The Lakeside Courier")
    [other] = import_files([fixture(COURIER[3])], source_name="The Hillside Courier")
    assert FOOTER in Article.objects.get(pk=other.article).body


def test_an_unexpected_error_fails_one_file_and_leaves_no_trace(db, monkeypatch):
    def on_article_ingested(article, **kwargs):
        if "library" in article.title:
            raise RuntimeError("clustering exploded")

    monkeypatch.setattr(clustering, "on_article_ingested", on_article_ingested)
    bad, good = import_files([fixture("library_vote.txt"), fixture("courier_ferry.txt")])

    assert bad.status == "failed"
    assert bad.error == "internal error: RuntimeError: clustering exploded"
    assert good.status == "created"
    assert list(Article.objects.values_list("pk", flat=True)) == [good.article]
    assert not ShingleKey.objects.exclude(article_id=good.article).exists()
    assert not Mention.objects.exclude(article_id=good.article).exists()


def test_reextraction_keeps_what_an_editor_set_and_refreshes_the_rest(db):
    [result] = import_files([fixture("library_vote.txt")])
    article = Article.objects.get(pk=result.article)
    article.title = "Eastmere keeps its library"
    article.provenance = {**article.provenance, "title": EDITOR}
    article.body = "damaged"
    article.save()

    [again] = reextract(Article.objects.filter(pk=article.pk))

    article.refresh_from_db()
    assert again.status == "updated"
    assert article.title == "Eastmere keeps its library"
    assert article.body.startswith("The town council of Eastmere voted")


@pytest.mark.parametrize("ner", [True, False])
def test_people_are_found_only_when_ner_is_on(db, settings, ner):
    settings.PARALLAX_NER = ner
    [result] = import_files([fixture("library_vote.txt")])
    assert ("Priya Natarajan" in result.people) is ner

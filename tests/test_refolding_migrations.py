"""Migrations 0018 and 0019: what was stored with the old folding (Unidecode's apostrophe for the
Cyrillic soft sign cut "Ольга" into "ol ga") is computed again: alias keys, so the new spelling's exact
look-up finds its person, and duplicate detection's fingerprints and sketch keys, so a re-upload of a
Russian article is still found as the same text."""

from __future__ import annotations

import pytest

from archive.ingest.dedup import sketch_body
from archive.ingest.namekeys import name_key
from tests.migration_steps import latest_schema_after, migrate  # noqa: F401 (a fixture)

BEFORE = [("archive", "0017_person_name_is_custom")]
AFTER = [("archive", "0018_person_alias_keys_refolded")]
SKETCHED = [("archive", "0019_article_sketches_refolded")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_old_keys_are_spelt_again_and_no_spelling_is_lost():
    apps = migrate(BEFORE)
    Person, PersonAlias = apps.get_model("archive", "Person"), apps.get_model("archive", "PersonAlias")
    olga, other = (
        Person.objects.create(name="Olga Vetrova", slug="olga"),
        Person.objects.create(name="Igor Vetrov", slug="igor"),
    )
    latin = PersonAlias.objects.create(person=olga, name="Olga Vetrova", key=name_key("Olga Vetrova"))
    old = PersonAlias.objects.create(person=olga, name="Ольга Ветрова", key="ol ga vetrova")
    lone = PersonAlias.objects.create(person=other, name="Дарья Ильина", key="dar ia il ina")
    # another person's spelling that now folds to Olga's key: it stays apart, under its old key
    apart = PersonAlias.objects.create(person=other, name="Ольга Ветрова", key="ol'ga vetrova")

    apps = migrate(AFTER)
    PersonAlias = apps.get_model("archive", "PersonAlias")
    keys = dict(PersonAlias.objects.values_list("id", "key"))
    assert name_key("Ольга Ветрова") == keys[latin.id]  # the same key as the Latin spelling
    assert keys[old.id] == "ol ga vetrova"  # a second spelling of one person's key is kept, as it was
    assert keys[lone.id] == name_key("Дарья Ильина") != "dar ia il ina"
    assert keys[apart.id] == "ol'ga vetrova"
    assert PersonAlias.objects.get(id=lone.id).sound_key  # sound keys recomputed too


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_articles_in_a_refolded_script_get_their_fingerprint_and_sketch_again():
    apps = migrate(AFTER)
    Article, ShingleKey = apps.get_model("archive", "Article"), apps.get_model("archive", "ShingleKey")
    body = " ".join(["Ольга Ветрова сказала, что переговоры в столице продолжатся в пятницу."] * 12)
    russian = Article.objects.create(title="Переговоры", body=body, fingerprint="old", shingles=[1])
    ShingleKey.objects.create(article=russian, key=1)
    english = Article.objects.create(title="Talks", body="Talks go on.", fingerprint="kept", shingles=[])

    apps = migrate(SKETCHED)
    Article, ShingleKey = apps.get_model("archive", "Article"), apps.get_model("archive", "ShingleKey")
    sketch = sketch_body(body)
    stored = Article.objects.get(id=russian.id)
    assert stored.fingerprint == sketch.fingerprint and stored.shingles == list(sketch.keys)
    assert sorted(ShingleKey.objects.filter(article_id=russian.id).values_list("key", flat=True)) == list(
        sketch.keys
    )
    assert Article.objects.get(id=english.id).fingerprint == "kept"  # no script of those: not read again


@pytest.mark.django_db
def test_story_terms_stored_with_the_old_folding_are_computed_again(make_article):
    from archive.models import Article
    from archive.stories.synced_index import signatures

    article = make_article(
        title="Переговоры", body="Министр объявил в понедельник, что переговоры продолжатся."
    )
    # As stored before the refolding: Unidecode's apostrophe for the soft and hard signs kept in.
    stale = {"ob'iavil": 1.0, "ponedel'nik": 1.0, "!version": 4.0}
    Article.objects.filter(pk=article.pk).update(cluster_terms=stale)
    [signature] = signatures(Article.objects.filter(pk=article.pk))
    assert "obiavil" in signature.terms and "ob'iavil" not in signature.terms
    assert "obiavil" in Article.objects.get(pk=article.pk).cluster_terms  # and stored

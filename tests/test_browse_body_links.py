"""Linking people inside an article body (archive_tags.linked_body)."""

from __future__ import annotations

from archive.models import Mention
from archive.templatetags.archive_tags import linked_body


def test_the_longest_spelling_wins_and_each_person_is_linked_once(make_article, make_person):
    assad = make_person("Bashar al-Assad")
    article = make_article(
        body="President Bashar Al Assad spoke.\nAl Assad's ministers listened. Assad left."
    )
    Mention.objects.create(
        article=article, person=assad, count=3, forms=["Al Assad", "Bashar Al Assad", "Assad"]
    )
    html = str(linked_body(article))
    assert f'<a class="person-link" href="/people/{assad.slug}/">Bashar Al Assad</a> spoke.' in html
    assert html.count("person-link") == 1
    assert "<p>Al Assad&#x27;s ministers listened. Assad left.</p>" in html


def test_a_name_inside_a_longer_word_is_not_linked(make_article, make_person):
    kerry = make_person("John Kerry")
    article = make_article(body="The Kerrygold talks ended. Kerry arrived later.")
    Mention.objects.create(article=article, person=kerry, count=1, forms=["Kerry"])
    html = str(linked_body(article))
    assert "Kerrygold talks" in html
    assert '<a class="person-link" href="/people/john-kerry/">Kerry</a> arrived' in html


def test_people_marked_not_a_person_are_never_linked(make_article, make_person):
    geneva = make_person("Geneva", not_a_person=True)
    article = make_article(body="Talks in Geneva resumed.")
    Mention.objects.create(article=article, person=geneva, count=1, forms=["Geneva"])
    assert "person-link" not in str(linked_body(article))

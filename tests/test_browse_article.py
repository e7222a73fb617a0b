"""An article's page: metadata with provenance and review flags, linked body, related coverage."""

from __future__ import annotations

import pytest

from archive.models import Article
from tests.browse_data import build_sample_archive, text_of


@pytest.fixture
def sample(db):
    return build_sample_archive()


def test_the_article_page_shows_metadata_with_where_each_value_came_from(client, sample):
    response = client.get(sample.talks.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert ">Harbour talks open in Lisbon</h1>" in html
    table = text_of(html[html.index('class="metadata-table"') :])
    assert "Published 13 January 2014 date line under the title" in table
    assert "Source Harbour Times uploader" in table
    assert "Dateline LISBON" in table
    assert 'href="https://harbourtimes.example/2014/01/talks"' in html


def test_fields_to_review_are_flagged_visibly(client, sample):
    html = client.get(sample.talks.get_absolute_url()).content.decode()
    assert "Needs review:" in html and "<em>credit</em>" in html
    assert '<tr class="needs-review">' in html
    row = html[html.index('<tr class="needs-review">') :]
    assert "Credit" in row[: row.index("</tr>")]


def test_an_undated_article_says_date_unknown(client, sample):
    html = client.get(sample.undated.get_absolute_url()).content.decode()
    assert "date unknown" in html
    assert "<em>published</em>" in html


def test_the_body_links_each_person_once_in_the_spelling_used(client, sample):
    html = client.get(sample.talks.get_absolute_url()).content.decode()
    body = html[html.index('class="article-body"') : html.index('class="article-aside"')]
    assert '<a class="person-link" href="/people/omar-haddad/">Omar al-Haddad</a>' in body
    assert body.count('href="/people/anna-petrova/"') == 1
    assert "Haddad agreed." in body  # the second mention stays plain text


def test_the_page_shows_other_coverage_of_the_story_duplicates_and_similar_articles(client, sample):
    html = client.get(sample.talks.get_absolute_url()).content.decode()
    story = html[html.index("Other coverage of this story") :]
    assert f'href="/stories/{sample.story.pk}/"' in story
    assert "Ministers sit down in Lisbon" in story
    assert "Harbour talks open in Lisbon (wire copy)" in html[html.index("Near-copies of this article") :]
    similar = text_of(html[html.index('id="similar-title"') :])
    assert "Second round of harbour talks" in similar and "2 people in common" in similar
    assert "Ministers sit down" not in similar  # already listed as the same story


def test_a_similar_article_with_no_outlet_says_so(client, sample):
    from archive.models import Article

    Article.objects.filter(title="Second round of harbour talks").update(source=None)
    html = client.get(sample.talks.get_absolute_url()).content.decode()
    similar = text_of(html[html.index('id="similar-title"') :])
    assert "Unknown outlet ·" in similar


def test_a_duplicate_points_to_its_original(client, sample):
    html = client.get(sample.duplicate.get_absolute_url()).content.decode()
    assert "This is a near-copy of" in html
    assert f'href="{sample.talks.get_absolute_url()}"' in html


def test_markup_and_script_urls_in_an_article_are_never_rendered_as_html(client, make_article):
    article = make_article(
        title="<script>alert(1)</script> headline",
        body="A <b>bold</b> claim & more.\nSecond paragraph.",
        url="javascript:alert(1)",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "A &lt;b&gt;bold&lt;/b&gt; claim &amp; more." in html
    assert 'href="javascript:' not in html
    assert "<p>Second paragraph.</p>" in html


def test_an_unknown_article_is_not_found(client, db):
    assert client.get("/articles/999/").status_code == 404
    assert not Article.objects.exists()


def test_similar_articles_rank_shared_people_first_then_closeness_in_time(make_article, make_person):
    from archive.browsing import similar_articles

    a, b, c = make_person("Ana Ruiz"), make_person("Ben Ode"), make_person("Cy Tan")
    article = make_article(published_date="2015-06-10", people=[a, b, c])
    far = make_article(title="Far", published_date="2011-01-01", people=[a, b])
    near = make_article(title="Near", published_date="2015-06-12", people=[a, b])
    most = make_article(title="Most", published_date="2009-01-01", people=[a, b, c])
    make_article(title="One only", published_date="2015-06-10", people=[a])
    assert [(x.title, x.shared_count) for x in similar_articles(article)] == [
        ("Most", 3),
        ("Near", 2),
        ("Far", 2),
    ]
    assert {far.pk, near.pk, most.pk} == {x.pk for x in similar_articles(article)}


def test_a_right_to_left_article_reads_right_to_left(client, make_article):
    # Written for this test: Persian words of our own, not a real article.
    article = make_article(
        title="گفتگوی صلح در ژنو",
        subtitle="وزیران امروز دیدار کردند",
        body="وزیران امروز در ژنو دیدار کردند.\nگفتگو فردا ادامه دارد.",
        language="fa",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    # Title, subtitle and body carry the article's language and take their direction from the text,
    # so Persian or Arabic punctuation and numbers sit where the reader expects them.
    assert '<h1 id="article-title" lang="fa" dir="auto">' in html
    assert '<p class="subtitle" lang="fa" dir="auto">' in html
    assert '<div class="article-body" lang="fa" dir="auto">' in html
    # An article whose language is not known still gets its direction from its text.
    unknown = make_article(title="Talks in Geneva", language="")
    html = client.get(unknown.get_absolute_url()).content.decode()
    assert '<h1 id="article-title" dir="auto">' in html


def test_a_people_flag_shows_the_people_found_not_none(client, sample):
    # the People row read 'none (needs review)' beside the three people the page listed
    Article.objects.filter(pk=sample.talks.pk).update(review_fields=["people", "body"])
    html = client.get(sample.talks.get_absolute_url()).content.decode()
    rows = text_of(html[html.index('class="metadata-table"') :])
    assert "People Anna Petrova, Omar Haddad, Eva Lindqvist needs review" in rows
    assert f"Body {len(sample.talks.body.split())} words needs review" in rows


def test_a_near_copy_and_its_original_are_not_each_others_similar_articles(make_article):
    """Each page lists the other already (as its near-copy, or as the article it copies)."""
    from archive.browsing import similar_articles

    people = ["Ines Almeida", "Tomas Varga"]
    original = make_article(title="Dock strike ends", body="Almeida and Varga agreed.", people=people)
    copy = make_article(title="Dock strike ends (copy)", body="Almeida and Varga agreed.", people=people)
    copy.duplicate_of = original
    copy.save()
    other = make_article(title="Dock talks resume", body="Almeida and Varga met.", people=people)
    assert [a.pk for a in similar_articles(original)] == [other.pk]
    assert [a.pk for a in similar_articles(copy)] == [other.pk]

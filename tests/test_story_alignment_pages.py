"""The story page's "Aligned across outlets" and the same rows in /api/stories/ID/: one invented
meeting reported in English, Russian and German (tests/test_alignment.py's texts), the people
resolved to one person each with every article's own spelling, one speaker quoted in two languages."""

from __future__ import annotations

import json

from archive.compare.alignment import AlignedColumn, AlignedRow, Alignment
from archive.models import Article
from archive.views.api_stories import aligned_payload
from tests.fixtures_compare import LUND_ENGLISH


def test_the_story_page_aligns_people_quotes_figures_and_days(client, lund_story):
    page = client.get(lund_story.get_absolute_url()).content.decode()
    section = page[page.index("Aligned across outlets") :]
    for wording in ("Ирина Волкова", "Irina Wolkowa", "Йонасом Брандтом", "2,5 млн", "1.500", "14 марта"):
        assert wording in section
    assert "Мы не оставим приграничные сёла одних" in section
    assert "not quoted" in section  # the German report names her without quoting her
    assert 'lang="ru"' in section


def test_the_story_api_carries_the_alignment(client, lund_story):
    aligned = client.get(f"/api/stories/{lund_story.pk}/").json()["aligned"]
    assert [(c["source"], c["language"]) for c in aligned["columns"]] == [
        ("London Ledger", "en"),
        ("Moscow Daily", "ru"),
        ("Berliner Blatt", "de"),
    ]
    people = {row["label"]: row["cells"] for row in aligned["people"]}
    assert people["Irina Volkova"] == [
        ["Irina Volkova", "Volkova"],
        ["Ирина Волкова", "Волкова"],
        ["Irina Wolkowa"],
    ]
    (speaker,) = aligned["speakers"]
    assert speaker["cells"][2] == [] and speaker["cells"][1] == ["Мы не оставим приграничные сёла одних"]
    figures = {row["label"]: row["cells"] for row in aligned["numbers"]}
    assert figures["1,500"] == [["1,500"], ["1 500"], ["1.500"]]
    assert [row["label"] for row in aligned["dates"]] == ["14 March 2025"]


def test_an_article_of_no_known_outlet_has_source_null(client, lund_story, make_article):
    make_article(
        title="Unsigned",
        body=LUND_ENGLISH,
        story=lund_story,
        source=None,
        language="en",
        published_date="2025-03-17",
    )

    Article.objects.filter(title="Unsigned").update(source=None)
    data = client.get(f"/api/stories/{lund_story.pk}/").json()
    assert [a["source"] for a in data["articles"]][-1] is None
    assert data["aligned"]["columns"][-1]["source"] is None


def test_the_aligned_payload_lists_every_kind_in_order_even_when_empty():
    alignment = Alignment(
        (AlignedColumn(7, "Harbour Herald", "en", source_id=3), AlignedColumn(9, "Unknown outlet", "fr")),
        people=(AlignedRow("Ana Pell", (("Ana Pell",), ("Mme Pell", "Pell")), person_id=4),),
        dates=(AlignedRow("2 May 2025", (("2 May",), ())),),
    )
    assert json.dumps(aligned_payload(alignment)) == (
        '{"columns": [{"article": 7, "source": "Harbour Herald", "language": "en"}, '
        '{"article": 9, "source": null, "language": "fr"}], '
        '"people": [{"label": "Ana Pell", "person": 4, "cells": [["Ana Pell"], ["Mme Pell", "Pell"]]}], '
        '"speakers": [], "numbers": [], '
        '"dates": [{"label": "2 May 2025", "person": null, "cells": [["2 May"], []]}]}'
    )

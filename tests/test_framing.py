"""Per-story framing: the words each outlet uses for one event that the others do not, weighted
log-odds with the archive as prior, its names for the actors, and whom it quotes or leaves out."""

from __future__ import annotations

from archive.compare.framing import OutletCoverage, frame_story, prior_counts

# A small archive: everyday coverage that uses both vocabularies now and then.
ARCHIVE = [
    "The government announced a budget. The opposition criticised the budget in parliament.",
    "Rebels attacked a convoy near the border, the army said. The regime denied losses.",
    "The government and the opposition met for talks on the constitution in the capital.",
    "Ministers discussed the budget, taxes and schools with the opposition leaders on Monday.",
] * 5

WIRE = OutletCoverage(
    "Wire",
    (
        "The regime shelled rebel districts on Tuesday as rebels held the northern road. "
        "Regime forces said the rebels had lost ground. The rebels denied it, and the regime "
        "promised more strikes. Talks were planned in Geneva.",
        "Rebels said regime shelling went on overnight.",
    ),
    names={"assad": ("Assad", "Assad"), "kerry": ("Kerry",)},
    quoted=frozenset({"kerry"}),
)
DAILY = OutletCoverage(
    "Daily",
    (
        "The government fought the opposition on Tuesday in the northern districts. Government "
        "forces said the opposition had lost ground; the opposition denied it, and the government "
        "promised to restore order. Talks were planned in Geneva.",
        "The opposition said government shelling went on overnight.",
    ),
    names={"assad": ("President Bashar al-Assad", "President Bashar al-Assad"), "kerry": ("Kerry",)},
    quoted=frozenset({"assad", "kerry"}),
)


def test_each_outlet_gets_the_words_it_alone_uses_for_the_event():
    wire, daily = frame_story([WIRE, DAILY], prior_counts(ARCHIVE))
    wire_terms = [t.term for t in wire.terms]
    daily_terms = [t.term for t in daily.terms]
    assert {"regime", "rebel"} <= set(wire_terms)
    assert {"government", "opposition"} <= set(daily_terms)
    assert not {"talk", "geneva", "tuesday"} & set(wire_terms + daily_terms)  # both wrote those
    assert wire.terms[0].shown in {"regime", "rebels"}


def test_each_outlet_says_how_much_the_others_wrote_beside_it():
    """Counts are compared as shares of what each wrote: the page says how much that was, so "9 here,
    10 in the others" does not read as a contradiction."""
    short, longer = frame_story([WIRE, OutletCoverage("Long", WIRE.texts * 3)], prior_counts(ARCHIVE))
    assert short.lengths == "The other outlets wrote 3.0 times as much as it did."
    assert longer.lengths == "It wrote 3.0 times as much as the other outlets."
    even = frame_story([WIRE, OutletCoverage("Same", WIRE.texts)], prior_counts(ARCHIVE))[0]
    assert even.lengths == "It wrote about as much as the other outlets."


def test_a_word_used_once_does_not_set_an_outlet_apart():
    wire, _ = frame_story([WIRE, DAILY], prior_counts(ARCHIVE))
    assert "strike" not in {t.term for t in wire.terms}


def test_the_names_outlets_give_one_actor_differently_are_shown():
    wire, daily = frame_story([WIRE, DAILY], prior_counts(ARCHIVE))
    assert wire.names == (("assad", "Assad"),)
    assert daily.names == (("assad", "President Bashar al-Assad"),)  # both call Kerry "Kerry"


def test_who_each_outlet_quotes_and_leaves_out():
    wire, daily = frame_story([WIRE, DAILY], prior_counts(ARCHIVE))
    assert wire.quoted == ("kerry",) and wire.leaves_out == ("assad",)
    assert daily.quoted == ("assad", "kerry") and daily.leaves_out == ()


def test_one_outlet_alone_has_no_distinctive_words():
    (wire,) = frame_story([WIRE], prior_counts(ARCHIVE))
    assert wire.terms == ()


def test_the_prior_counts_what_term_counts_counts_for_each_text():
    from collections import Counter

    from archive.compare.framing import prior_counts, term_counts

    texts = [
        "The rebels shelled the regime's positions near the old citadel on Tuesday.",
        "Government forces and the opposition traded fire near the citadel; the opposition denied it.",
    ]
    expected: Counter[str] = Counter()
    for text in texts:
        expected.update(term_counts(text)[0])
    assert prior_counts(texts) == expected


def test_the_page_gives_the_archive_s_name_beside_an_outlet_s_only_where_they_differ():
    from django.template.loader import render_to_string

    from archive.compare.framing import OutletFraming

    framing = [
        OutletFraming("Wire", (), (("Bashar al-Assad", "Assad"),), (), ()),
        OutletFraming("Daily", (), (("Bashar al-Assad", "Bashar al-Assad"),), (), ()),
    ]
    html = render_to_string("archive/includes/compare_framing.html", {"framing": framing})
    assert '<li>Assad <span class="muted">(Bashar al-Assad)</span></li>' in html
    assert "<li>Bashar al-Assad</li>" in html

"""The text rules ingest and compare share (archive.ingest.textrules): one test per rule."""

from __future__ import annotations

from archive.ingest.textrules import (
    arabic_unprefixed,
    count_sentences,
    ends_sentence,
    ends_with_abbreviation,
    first_sentence,
    fold,
    fold_punctuation,
    has_inner_sentence_end,
    looks_finished,
    sentence_stops,
    split_sentences,
    transliterate,
)


def test_sentences_end_in_every_script_but_not_after_an_initial():
    assert count_sentences("The mill reopened. Workers returned!") == 2
    assert count_sentences("Talks with J. Smith and the U.S. envoy went on") == 0
    assert count_sentences("工厂重新开放。工人回来了。") == 2
    assert count_sentences("कारखाना फिर खुला। मज़दूर लौटे।") == 2
    assert count_sentences("«Ça suffit.» Il est parti.") == 2
    assert count_sentences("Цех открыл М. Кудайбергенов") == 0  # a Cyrillic initial too


def test_a_stop_after_an_initial_in_any_cased_script_is_no_sentence_stop():
    text = ", — заявил М. Кудайбергенов. Потом"
    assert list(sentence_stops(text)) == [text.index(". Потом") + 1]
    assert ends_with_abbreviation("заявил Р.") and not ends_with_abbreviation("заявил он.")


def test_a_line_ends_a_sentence_only_when_its_last_word_does():
    assert ends_sentence('He said it was over."')
    assert not ends_sentence("It was over. And then")
    assert not ends_sentence("")


def test_abbreviations_are_titles_initials_months_and_dotted_initials():
    for text in ("Mr.", "said Gen.", "John F.", "on Jan.", "the U.S.", "bread, milk etc."):
        assert ends_with_abbreviation(text)
    assert not ends_with_abbreviation("the end.")
    assert ends_with_abbreviation("Mr.", titles_only=True)
    assert ends_with_abbreviation("John F.", titles_only=True)
    assert not ends_with_abbreviation("on Jan.", titles_only=True)


def test_prose_splits_before_a_capital_and_not_after_an_abbreviation():
    text = 'Talks resumed on Jan. 5 in Geneva. "We are hopeful," Mr. Haddad said.\nA second line'
    assert split_sentences(text) == [
        "Talks resumed on Jan. 5 in Geneva.",
        '"We are hopeful," Mr. Haddad said.',
        "A second line",
    ]
    assert split_sentences("prices rose. then fell") == ["prices rose. then fell"]


def test_stops_before_a_quotation_skip_titles_and_initials():
    head = "It ended. Later Mr. Smith and John F. Kerry spoke. He said "
    assert [head[:end][-6:] for end in sentence_stops(head)] == ["ended.", "spoke."]


def test_a_sentence_ending_inside_a_line_marks_a_caption_not_a_headline():
    assert has_inner_sentence_end("Fighters walk in the neighborhood. Hosam Katan")
    assert not has_inner_sentence_end("U.S. and Russia agree on talks")


def test_the_first_sentence_runs_to_the_first_stop_before_a_space():
    assert first_sentence("The mill reopened. Workers returned.") == "The mill reopened."
    assert first_sentence("No stop here") == "No stop here"


def test_a_finished_line_ends_with_a_stop_colon_or_closing_mark():
    for line in ("It ended.", "He said:", "“It ended”", "它结束了。", "(AP)"):
        assert looks_finished(line)
    assert not looks_finished("has proposed")


def test_folding_gives_lower_case_ascii_with_straight_quotes():
    assert fold("Łódź «Café» ‘Été’") == "lodz \"cafe\" 'ete'"
    assert fold("Сергей") == "sergei"
    assert transliterate("Żółć") == "Zolc"


def test_punctuation_folding_keeps_every_script_and_joins_compatibility_forms():
    assert fold_punctuation("Mill  re-opens: ﬁnally!") == "mill re opens finally"
    assert fold_punctuation("Путин — ТАСС") == "путин тасс"


def test_arabic_unprefixed_drops_each_prefix_run_leaving_enough_letters():
    # "and Paris", "the Riyadh", "for the meeting": the bare word is among the forms
    assert "باريس" in arabic_unprefixed("وباريس")
    assert "رياض" in arabic_unprefixed("الرياض")
    assert "قاء" in arabic_unprefixed("للقاء")
    # a word that merely starts with a prefix letter keeps too few letters at a higher minimum
    assert arabic_unprefixed("وزن", min_rest=3) == []
    assert arabic_unprefixed("Paris") == []

"""Russian quotes (archive.compare.quotes): the speech verbs of archive.ingest.names.SPEECH_VERBS in
either word order, an initial before the surname, a pronoun, a described source, and a quote inside a
quote of the same marks."""

from __future__ import annotations

from archive.compare.quotes import extract_quotes


def _quotes(body: str, known=()) -> list[tuple[str, str]]:
    return [(q.text, q.speaker) for q in extract_quotes(body, known, "ru")]


def test_a_speech_verb_after_the_dash_names_the_speaker_with_an_initial():
    body = "«Посевная в районе закончится к пятнице», — сообщил Р. Кудайбергенов журналистам."
    assert _quotes(body) == [("Посевная в районе закончится к пятнице", "Р. Кудайбергенов")]


def test_a_feminine_verb_and_a_hyphen_for_a_dash_are_read_too():
    body = "«Школу в посёлке откроют первого сентября», - подчеркнула Анна Лисицына."
    assert _quotes(body) == [("Школу в посёлке откроют первого сентября", "Анна Лисицына")]


def test_the_speaker_before_the_quote_in_either_word_order():
    assert _quotes("Лисицына заявила: «Школу в посёлке откроют осенью».") == [
        ("Школу в посёлке откроют осенью", "Лисицына")
    ]
    body = "Как отметил Кудайбергенов, до осени «все дороги района будут отремонтированы»."
    assert _quotes(body) == [("все дороги района будут отремонтированы", "Кудайбергенов")]


def test_a_pronoun_points_back_to_the_person_named_before():
    body = "Глава района Анна Лисицына осмотрела стройку.\n\n«Школу в посёлке откроют осенью», — сказала она."
    assert _quotes(body, ["Анна Лисицына", "Лисицына"]) == [
        ("Школу в посёлке откроют осенью", "Анна Лисицына")
    ]


def test_a_described_speaker_is_kept_as_the_text_describes_it():
    body = "«Школу в посёлке откроют осенью», — рассказал источник в администрации. Лисицына промолчала."
    assert _quotes(body, ["Лисицына"]) == [("Школу в посёлке откроют осенью", "источник в администрации")]


def test_a_quote_inside_a_quote_of_the_same_marks_is_part_of_it():
    body = "«Цех ТОО «Северная нива» начнёт работу весной», — заявил Р. Кудайбергенов."
    assert _quotes(body) == [("Цех ТОО «Северная нива» начнёт работу весной", "Р. Кудайбергенов")]


def test_one_closing_mark_for_both_quotes_ends_the_outer_one_where_the_inner_did():
    body = "Он сказал: «Цех ТОО «Северная нива» начнёт работу весной. Кудайбергенов уехал."
    assert [text for text, _ in _quotes(body)] == ["Цех ТОО «Северная нива"]


def test_a_sentence_opening_word_is_no_speaker():
    body = "Как сказано в отчёте, «все дороги района будут отремонтированы»."
    assert _quotes(body) == [("все дороги района будут отремонтированы", "")]


def test_an_initial_before_a_surname_is_read_in_english_too():
    body = '"The bridge will open in May," said J. Whitfield.'
    assert [(q.text, q.speaker) for q in extract_quotes(body)] == [
        ("The bridge will open in May", "J. Whitfield")
    ]

"""The PostgreSQL backend's snippet marks, without a database (archive/search/backends/postgres/highlight.py):
where a query's words and phrases stand in a body, as PostgreSQL's parser splits it into words, and
the body words' lexemes remembered by the process."""

from __future__ import annotations

from archive.search.backends.postgres import highlight
from archive.search.backends.postgres.highlight import Term, _phrase_spans, _word_finder, _words_starting


def _marked(body: str, spans) -> list[str]:
    return [body[a:b] for a, b in spans]


def test_a_word_is_marked_whole_and_beside_an_unspaced_character():
    body = "Ferry ferries, the ferry_boat and 渡轮Ferry: a ferryman."
    spans = [m.span() for m in _word_finder({"Ferry", "ferry", "ferries"})(body)]
    # "ferryman" is another word; an underscore parts words, as does each character of 渡轮
    assert _marked(body, spans) == ["Ferry", "ferries", "ferry", "Ferry"]


def test_a_phrase_is_marked_only_where_its_words_stand_in_order():
    body = "The bank of England. A bank, of course. England's bank of Scotland; bank of England again."
    phrase = (Term("bank", False, 0), Term("of", False, 1), Term("england", False, 1))
    spans = _phrase_spans(body, phrase, [{"bank"}, {"of"}, {"England"}])
    assert _marked(body, spans) == ["bank", "of", "England"] * 2
    gapped = (Term("bank", False, 0), Term("england", False, 2))  # 'bank' <2> 'england'
    assert _marked(body, _phrase_spans(body, gapped, [{"bank"}, {"England"}])) == ["bank", "England"] * 2


def test_a_body_is_split_into_words_as_the_parser_does_and_kept_by_first_letter():
    """Words are runs of letters and digits (an underscore parts them; each character of an unspaced
    script is a word); a word is kept when its first letter, case and accents dropped, is wanted."""
    assert _words_starting(["Port talks, day 2_b; 東京タワー"], frozenset("pt2b東タ")) == {
        "Port",
        "talks",
        "2",
        "b",
        "東",
        "タ",
    }
    body = "Ñandú and nandu, anand, Ångström, ångström, UNO ²nd"
    assert _words_starting([body], frozenset("na")) == {
        "Ñandú",
        "nandu",
        "and",
        "anand",
        "Ångström",
        "ångström",
    }
    assert _words_starting([body], frozenset("2u")) == {"UNO", "²nd"}
    # A letter past the Basic Multilingual Plane (mathematical bold n) starts a word too.
    assert _words_starting(["\U0001d427ews and news"], frozenset("n")) == {"\U0001d427ews", "news"}
    # ASCII text (which skips the look for unspaced and astral characters) splits the same way.
    assert _words_starting(["Nine nets, an anchor; nine-tenths"], frozenset("n")) == {"Nine", "nets", "nine"}


class _Cursor:
    def __init__(self, answers: dict[str, list[str]]):
        self.answers, self.asked, self.rows = answers, [], []

    def execute(self, sql, params):
        self.asked.append(list(params[2]))
        self.rows = [(w, self.answers.get(w)) for w in params[2]]

    def fetchall(self):
        return self.rows


def test_the_lexemes_of_body_words_are_asked_for_once_per_process(monkeypatch):
    monkeypatch.setattr(highlight, "_LEXEMES", {})
    cursor = _Cursor({"Ferries": ["ferries", "ferri"], "ferry": ["ferry", "ferri"]})
    assert highlight._normalised(cursor, ["Ferries", "ferry", "of"]) == {
        "Ferries": ("ferries", "ferri"),
        "ferry": ("ferry", "ferri"),
        "of": (),
    }
    assert highlight._normalised(cursor, ["ferry", "harbour"])["ferry"] == ("ferry", "ferri")
    assert cursor.asked == [["Ferries", "ferry", "of"], ["harbour"]]  # "ferry" was remembered
    monkeypatch.setattr(highlight, "LEXEMES_KEPT", 4)
    highlight._normalised(cursor, ["quay", "dock"])  # past the bound: forgotten, then these kept
    assert set(highlight._LEXEMES) == {"quay", "dock"}

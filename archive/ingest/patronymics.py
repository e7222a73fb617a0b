"""Russian names by given name and patronymic ("Александр Григорьевич"): the polite form that names a
person without the surname. Plain Python, no Django.

A patronymic is what the Russian dictionary Natasha ships calls one, else a patronymic ending
(-ович, -евич, -ич; -овна, -евна, -ична, -инична) after a given name: never a list. Such a pair is
the person of the same article whose full name holds both words ("Александр Григорьевич
Лукашенко"), else the one person there with that given name ("Александр Лукашенко"); with
none or several it stays as written, in the nominative, and the article is flagged for an editor
(`flag_unsure_names`): a surname in -ович ("Роман Абрамович") looks the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from archive.ingest.article import ParsedArticle
from archive.ingest.givennames import given_word_match, is_given_name
from archive.ingest.name_finders import dictionary_reads
from archive.ingest.namekeys import key_words
from archive.ingest.transliteration import script_of, sound_key, to_latin

# Patronymic endings in the nominative (the name finder gives the nominative), a son's and a
# daughter's, longest first; what is left is the father's given name less its own ending.
_PATRONYMIC_ENDINGS = ("инична", "ович", "евич", "овна", "евна", "ична", "ьич", "ич")
# The endings a father's given name may have lost ("Григорий" -> "Григорьевич", "Илья" -> "Ильинична").
_GIVEN_ENDINGS = ("", "й", "ий", "а", "я")
# pymorphy2's grammemes for a patronymic and a given name.
_PATRONYMIC_TAG, _GIVEN_TAG = "Patr", "Name"


def is_patronymic(word: str) -> bool:
    """Whether a Cyrillic word in the nominative is a patronymic, as the Russian dictionary reads it
    (archive.ingest.name_finders) or, without it, a patronymic ending after a given name the census
    lists ("Ивановна" of Иван; not "Вучич")."""
    if script_of(word) != "CYRILLIC":
        return False
    said = dictionary_reads(word, _PATRONYMIC_TAG)
    if said is not None:
        return said
    lower = word.lower()
    ending = next((e for e in _PATRONYMIC_ENDINGS if lower.endswith(e)), "")
    stem = word[: len(word) - len(ending)].removesuffix("ь")
    return bool(ending) and len(stem) >= 3 and any(is_given_name(to_latin(stem + e)) for e in _GIVEN_ENDINGS)


def is_given_and_patronymic(name: str) -> bool:
    """A given name and a patronymic with no surname: "Александр Григорьевич", "Анна Ивановна"."""
    words = name.split()
    return len(words) == 2 and is_patronymic(words[1]) and _is_given(words[0])


def _is_given(word: str) -> bool:
    return is_given_name(to_latin(word)) or bool(dictionary_reads(word, _GIVEN_TAG))


def _same_word(a: str, b: str) -> bool:
    """One name word in any two scripts ("Александр", "Alexander")."""
    if sound_key(a) == sound_key(b):
        return True
    ka, kb = key_words(to_latin(a)), key_words(to_latin(b))
    return len(ka) == len(kb) == 1 and given_word_match(ka[0], kb[0])


def patronymic_owner(pair: str, names: Iterable[str]) -> str:
    """The name among `names` (an article's other people) that a given name and patronymic stand for:
    the full name holding both, else the one whose given name it is; "" when none or several."""
    given, patronymic = pair.split()
    full = [n.split() for n in names if len(n.split()) >= 2 and not is_given_and_patronymic(n)]
    both = {
        " ".join(w) for w in full if len(w) >= 3 and _same_word(w[0], given) and _same_word(w[1], patronymic)
    }
    if both:
        return both.pop() if len(both) == 1 else ""
    by_given = {" ".join(w) for w in full if _same_word(w[0], given) and not is_patronymic(w[-1])}
    return by_given.pop() if len(by_given) == 1 else ""


def flag_unsure_names(article: ParsedArticle) -> ParsedArticle:
    """The article flagged for an editor ("people" in `review_fields`, and a note) when one of its
    people is a given name and patronymic that no full name of the article resolved."""
    unsure = [p.name for p in article.people if is_given_and_patronymic(p.name)]
    if not unsure:
        return article
    note = f"named only by given name and patronymic, surname unknown: {', '.join(unsure)}"
    earlier = article.provenance.get("people", "")
    return replace(
        article,
        provenance={**article.provenance, "people": f"{earlier}; {note}" if earlier else note},
        review_fields=tuple(dict.fromkeys([*article.review_fields, "people"])),
    )

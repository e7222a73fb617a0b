"""Names in any script as Latin letters, and the keys that match one name across scripts.

Three things, all plain Python over Unidecode (a maintained offline table for every script):

- `to_latin(text)`: the Latin spelling English-language news uses for a name. Unidecode alone
  gives "Sergei Lavrov" for "Сергей Лавров" (so its `name_key` equals the English spelling's), but
  "Iurii", "Mariia", "Labroph" where news writes "Yuri", "Maria", "Lavrov": a few letters of Cyrillic
  and Greek are spelt first as English news spells them (BGN/PCGN-like), the rest goes to Unidecode.
  (cyrtranslit 1.2.0 was tried: its scholarly "Sergej", "Yurij" match English news spellings less
  often, and it reads Cyrillic only.)
- `sound_key(word)`: one key for the spellings a name takes in different alphabets: "Джон" and
  "John" are "jon"; "Керри" and "Kerry" "keri"; "Sergey", "Sergei", "Сергей", "Sergej" "sergi".
  Letters whose spelling varies by language are folded (dzh/zh/j, kh/h, w/v, ph/f, ou/u, doubled
  letters, -ei/-ey/-ij endings). In scripts that write few vowels (Arabic, Persian, Hebrew) only the
  consonants are compared (`consonant_key`).
- `base_forms(word)`: a Russian, Ukrainian or Belarusian name in the nominative from any case
  form, by a general rule on endings ("Лаврова", "Лаврову", "Лавровым" -> "Лавров"; "Сергея" ->
  "Сергей"; "Захаровой" -> "Захарова"), as candidates: the caller keeps the one its evidence
  supports (a known person, or the article's other spellings).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from archive.ingest.textrules import transliterate

# Shortest stem a case ending may be cut from: "Ли" (Li) and "Ан" are not case forms of anything.
MIN_STEM = 3

# Cyrillic letters English-language news spells differently from Unidecode (which gives "Iu", "Ia",
# "i" for "Ю", "Я", "Й" and "'" for soft signs). Lower case; the capital follows its letter.
_CYRILLIC = {
    "я": "ya", "ю": "yu", "ё": "yo", "й": "i", "ь": "", "ъ": "", "ы": "y", "э": "e", "х": "kh",
    "ц": "ts", "щ": "shch", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}  # fmt: skip
# "-ий" ends a name as "-y" ("Дмитрий" -> "Dmitry", "Юрий" -> "Yury"); elsewhere "й" is "i" ("Sergei").
_CYRILLIC_IY = re.compile(r"(?<=[а-яё])ий\b|(?<=[а-яё])ИЙ\b|(?<=[а-яё])ый\b")
# Greek as Modern Greek is read ("Λαβρόφ" is Lavrof, not Unidecode's classical "Labroph").
_GREEK = {"β": "v", "η": "i", "υ": "i", "φ": "f", "χ": "kh", "ω": "o", "ψ": "ps", "θ": "th"}
_GREEK_PAIRS = (
    ("ου", "u"),
    ("ει", "i"),
    ("οι", "i"),
    ("αι", "e"),
    ("τζ", "j"),
    ("γκ", "g"),
    ("μπ", "b"),
    ("ντ", "d"),
)
# Transliteration folds for sound_key, in order, on lower-case ASCII.
_SOUND_FOLDS = (
    (re.compile(r"dsch|dzh|dz|dj|zh|tz(?=[aeiou])"), "j"),  # Джон Dzhon / John, Τζον Tzon
    (re.compile(r"kh|ch(?=[rl])"), "h"),  # Khassan / Hassan, Mikhail / Michail
    (re.compile(r"ph"), "f"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"ck|q|c(?![eihz])"), "k"),  # Kerry / Cerry never, Marc / Mark
    (re.compile(r"w"), "v"),  # Lawrow (German) / Lavrov
    (re.compile(r"ou"), "u"),  # Poutine / Putin
    (re.compile(r"g[hk]|gu(?=[ei])"), "g"),  # Sergkei (Greek), Sergueï (French)
    (re.compile(r"(?<=[aeiou])h(?![aeiou])"), ""),  # John / Jon, Abdullah / Abdulla
    (re.compile(r"(?<=[a-z])(?:ei|ey|ej|ii|ij|iy|yi|y)$"), "i"),  # Sergey / Sergei / Sergij, Kerry
    (re.compile(r"(?<=[a-z]{3}[^aeiou])e$"), ""),  # French mute e: Poutine / Putin
    (re.compile(r"y(?=[aeiou])"), "i"),  # Mariya / Maria
    (re.compile(r"(.)\1+"), r"\1"),  # Kerri / Keri, Assad / Asad
)
_VOWELS = re.compile(r"[aeiouy]+")
# For consonant skeletons: the letters abjads write as vowels (w, y, the alif Unidecode leaves as
# "'") and h (Arabic writes several; Latin spellings drop them), and the sounds Arabic lacks.
_WEAK = re.compile(r"[aeiouyhw'`]+")
_ABJAD_MERGE = str.maketrans({"p": "b", "v": "f", "g": "j", "q": "k", "c": "k"})
_NON_LETTERS = re.compile(r"[^a-z]+")

# Scripts whose letters come in upper and lower case, where a capitalised word can mark a name.
CASED_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "GEORGIAN"})
# Scripts that leave short vowels unwritten: names are compared by their consonants.
ABJAD_SCRIPTS = frozenset({"ARABIC", "HEBREW", "SYRIAC", "THAANA"})

# Russian/Ukrainian case endings of names, longest first, with what the nominative ends in instead.
# Masculine surnames in -ов/-ев/-ин decline like nouns ("Лаврова", "Лаврову", "Лавровым", "Лаврове"),
# feminine ones in -ова/-ина like adjectives ("Захаровой", "Захарову"); names in -ский like
# adjectives ("Достоевского"); given names like nouns ("Сергея", "Джона", "Марии", "Игорю").
_CYRILLIC_VOWELS = frozenset("аеёиоуыэюяіїє")
_CASE_ENDINGS = (
    ("ского", ("ский",)), ("скому", ("ский",)), ("ским", ("ский",)), ("ском", ("ский",)),
    ("ской", ("ская",)), ("скую", ("ская",)),
    ("ым", ("",)), ("ом", ("",)), ("ем", ("", "й", "ь")), ("ой", ("а",)), ("ей", ("а", "я", "ь")),
    ("ою", ("а",)), ("ую", ("ая",)),
    ("ии", ("ия",)), ("ию", ("ия",)), ("ия", ("ия",)),
    ("а", ("",)), ("у", ("", "а")), ("е", ("", "а", "я")), ("ы", ("а",)), ("и", ("а", "я", "ь")),
    ("я", ("й", "ь", "я")), ("ю", ("й", "ь", "я")),
)  # fmt: skip


def script_of(text: str) -> str:
    """The script of the first letter of `text` ("LATIN", "CYRILLIC", "ARABIC"...), "" when none."""
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            return name.split(" ", 1)[0] if name else ""
    return ""


@lru_cache(maxsize=50_000)
def to_latin(text: str) -> str:
    """`text` in Latin letters as English-language news spells names: "Юрий Ушаков" -> "Yuriy
    Ushakov", "Мария Захарова" -> "Mariya Zakharova", "Λαβρόφ" -> "Lavrof"; Latin text unchanged
    (accents kept)."""
    if text.isascii():
        return text
    text = _CYRILLIC_IY.sub("ы", text)
    out = []
    lowered = text.lower()
    i = 0
    while i < len(text):
        char, low = text[i], lowered[i]
        pair = lowered[i : i + 2]
        latin = next((latin for greek, latin in _GREEK_PAIRS if pair == greek), None)
        if latin is not None:
            out.append(latin.capitalize() if char.isupper() else latin)
            i += 2
            continue
        plain = _plain_letter(low)
        latin = _CYRILLIC.get(low, _GREEK.get(plain))
        if latin is None:
            out.append(char if char.isascii() or script_of(char) == "LATIN" else transliterate(char))
        else:
            out.append(latin.capitalize() if char.isupper() else latin)
        i += 1
    return "".join(out)


def _plain_letter(char: str) -> str:
    """A letter without its accent ("έ" -> "ε")."""
    return unicodedata.normalize("NFD", char)[0]


@lru_cache(maxsize=100_000)
def sound_key(word: str) -> str:
    """The key one name word has in every alphabet: "Джон"/"John" -> "jon", "Керри"/"Kerry" ->
    "keri", "Сергей"/"Sergey"/"Sergei" -> "sergi", "Лавров"/"Lawrow"/"Λαβρόφ" -> "lavrof" ... the
    same key for each. In an abjad (Arabic, Hebrew) the key is `consonant_key`."""
    if script_of(word) in ABJAD_SCRIPTS:
        return consonant_key(word)
    folded = _NON_LETTERS.sub("", transliterate(to_latin(word)).lower())
    for pattern, replacement in _SOUND_FOLDS:
        folded = pattern.sub(replacement, folded)
    # A final v/f is one sound in Russian (Лавров is said Lavrof): the Greek and Arabic spell it f.
    return re.sub(r"v$", "f", folded)


@lru_cache(maxsize=100_000)
def consonant_key(word: str) -> str:
    """The consonants of a name word, in the spelling an abjad gives them: "Lavrov" and "لافروف"
    -> "lfrf"; "Putin" and "بوتين" -> "btn"; "John" and "جون" -> "jn"."""
    folded = _NON_LETTERS.sub("", transliterate(to_latin(word)).lower().replace("'", ""))
    folded = re.sub(r"[wy]", "", folded)  # vowel letters in an abjad (and Latin y is a vowel)
    for pattern, replacement in _SOUND_FOLDS[:-1]:  # doubled letters are folded after the vowels go
        folded = pattern.sub(replacement, folded)
    folded = _WEAK.sub("", folded).translate(_ABJAD_MERGE)
    return re.sub(r"(.)\1+", r"\1", folded)


def name_word_key(word: str, script: str) -> str:
    """The key a known name word is compared in when the text is in `script`."""
    return consonant_key(word) if script in ABJAD_SCRIPTS else sound_key(word)


def base_forms(word: str) -> tuple[str, ...]:
    """The word itself and, for a Cyrillic word, the nominatives it may be a case form of, most
    likely first: "Лаврова" -> ("Лаврова", "Лавров", "Лавровo"...), "Керри" -> ("Керри", ...).
    Other scripts: the word alone (Greek and Arabic news leave foreign names undeclined)."""
    if script_of(word) != "CYRILLIC":
        return (word,)
    lower = word.lower()
    forms = [word]
    for ending, replacements in _CASE_ENDINGS:
        if lower.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            stem = word[: -len(ending)]
            after_vowel = stem[-1].lower() in _CYRILLIC_VOWELS
            for r in replacements:
                # "й" follows only a vowel ("Сергея" -> "Сергей"), "ь" and a bare stem only a
                # consonant ("Игоря" -> "Игорь", "Лаврова" -> "Лавров")
                if (r in ("", "ь") and after_vowel) or (r == "й" and not after_vowel):
                    continue
                forms.append(stem + r)
            break
    return tuple(dict.fromkeys(forms))


def nominative(word: str, feminine: bool = False) -> str:
    """The most likely nominative of one Cyrillic name word, by its ending alone: "Лаврова" ->
    "Лавров" (or "Лаврова" when `feminine`), "Сергея" -> "Сергей", "Захаровой" -> "Захарова",
    "Керри" -> "Керри". A word that is no case form comes back unchanged."""
    lower = word.lower()
    if feminine and lower.endswith(("ова", "ева", "ина", "ына", "ская", "цкая")):
        return word
    if lower.endswith(("ов", "ев", "ёв", "ин", "ын", "ий", "ей", "ский")):
        return word
    if lower.endswith("ой") and not lower.endswith(("овой", "евой", "иной", "ыной", "ской", "цкой")):
        return word  # "Толстой" is a nominative
    if lower.endswith("и") and not lower.endswith(("ии", "ьи")):
        return word  # foreign names in -и do not decline: "Керри", "Роухани"
    forms = base_forms(word)
    if len(forms) == 1:
        return word
    candidates = forms[1:]
    if feminine:
        female = [f for f in candidates if f.lower().endswith(("а", "я"))]
        return female[0] if female else candidates[0]
    return candidates[0]

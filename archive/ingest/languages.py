"""Which language an article is written in, and how Parallax finds people in it.

Articles come in any language: all are stored and searched. The name finder (spaCy's
en_core_web_sm) reads English only, so it reads English articles and those whose language cannot
be told; in the rest people are found by archive.ingest.multilingual_people (the archive's known
people in any script, and the names a package's finder reads (archive.ingest.name_finders: Russian)
or else capitalised names where the script has capitals), and the article says which.
Detection is py3langid (a maintained fork of langid.py, its model shipped in the package).
"""

from __future__ import annotations

from archive.ingest.name_finders import finder_name

# Languages the name finder reads (ISO 639-1).
PEOPLE_LANGUAGES = frozenset({"en"})
# Characters of body text read for detection: the first few paragraphs are plenty and keep it fast.
DETECT_CHARS = 2000
# Below this many letters a guess is unreliable ("" = unknown).
MIN_LETTERS = 40

# The languages a reader is most likely to meet, by name; others show their code.
NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan", "cs": "Czech", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian",
    "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean", "lt": "Lithuanian",
    "lv": "Latvian", "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian",
    "sv": "Swedish", "th": "Thai", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
    "zh": "Chinese",
}  # fmt: skip


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language, or "" when there is too little text to tell."""
    sample = text[:DETECT_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return ""
    import py3langid  # loads its model on first use (about a second), once per process

    code, _score = py3langid.classify(sample)
    return code


def language_name(code: str) -> str:
    return NAMES.get(code, code) if code else "unknown"


def people_are_found_in(code: str) -> bool:
    """Whether the name finder reads this language ("" = unknown: it is tried)."""
    return not code or code in PEOPLE_LANGUAGES


def people_note(code: str) -> str:
    """What the article page says about its people when the English name finder cannot read its
    language: the package that reads it (archive.ingest.name_finders), or the rules."""
    finder = finder_name(code)
    if finder:
        return (
            f"found by {finder} (the article is in {language_name(code)}) and among the archive's "
            "known people (in any spelling or script)"
        )
    return (
        f"found without a name finder: the article is in {language_name(code)}, so people are the "
        "archive's known people (in any spelling or script) and capitalised names"
    )

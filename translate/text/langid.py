"""Language identification: script evidence first, langdetect only on long text.

langdetect is unreliable on short text and has no Armenian or Azerbaijani profile (it calls
Azerbaijani Turkish), so the script of the letters decides where it can, then the letters that
tell a target language from the others of its script (each profile's ``clues``, in
``translate.lang``: the Azerbaijani ə, the Persian پ چ ژ گ), and langdetect is asked only about
text long enough for it to be right.

The one identifier of the tool answers three questions, on the same script tables, English
word lists and langdetect gate: what language a text is in (:func:`identify_language`: a
translation, in QA), whether an article is in English (:func:`identify_article_language`), and
whether one unit of an article is in another language (:func:`identify_unit_language`). How
sure each must be is a named parameter: a unit is taken for another language only on stronger
evidence (:data:`MIN_UNIT_LETTERS_FOR_LANGDETECT`, :data:`MIN_UNIT_LANGDETECT_PROB`) than a
whole text, since a unit so marked is left untranslated.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from typing import Any

from translate.core.interrupts import deferred_interrupt
from translate.lang import PROFILES, SOURCE_LANGUAGE, profile, profiles_in
from translate.lang.cldr import language_name

#: Below this many letters langdetect's answer about a whole text is not trusted...
MIN_LETTERS_FOR_LANGDETECT = 60
#: ... nor below this probability.
MIN_LANGDETECT_PROB = 0.9
#: A unit of an article is taken for another language on stronger evidence than a whole text
#: (a unit so marked is not translated): langdetect is asked from this many letters on...
MIN_UNIT_LETTERS_FOR_LANGDETECT = 80
#: ... and believed only when this sure.
MIN_UNIT_LANGDETECT_PROB = 0.99

SCRIPTS = ("Latin", "Cyrillic", "Armenian", "Hebrew", "Arabic", "Greek", "Georgian", "CJK")


@functools.lru_cache(maxsize=4096)
def script_of_char(char: str) -> str | None:
    """The script of one letter ("Latin", "Cyrillic", "Armenian", ...), None if not a letter."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    for script in SCRIPTS:
        if name.startswith(script.upper()):
            return script
    if name.startswith("CJK") or name.startswith(("HIRAGANA", "KATAKANA", "HANGUL")):
        return "CJK"
    return "Other"


#: A letter outside ASCII: text without one has only Latin letters, counted by ASCII_LETTER.
NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")
ASCII_LETTER = re.compile(r"[A-Za-z]")


def script_counts(text: str) -> Counter[str]:
    """How many letters of each script ``text`` has."""
    if not NON_ASCII_LETTER.search(text):  # the common case in English articles, done fast
        letters = len(ASCII_LETTER.findall(text))
        return Counter({"Latin": letters}) if letters else Counter()
    return Counter(s for s in map(script_of_char, text) if s is not None)


def dominant_script(text: str) -> str | None:
    """The script most of the letters of ``text`` are written in, None if it has no letters."""
    counts = script_counts(text)
    return counts.most_common(1)[0][0] if counts else None


@functools.cache
def langdetect_factory() -> Any:  # a langdetect DetectorFactory (langdetect has no types)
    """langdetect's 55 profiles, loaded once, completely or not at all, with seed 0.

    langdetect's own loader (``detect_langs``) keeps its global factory from before the
    profiles are loaded, and the loop that loads them has a bare ``except:`` that turns a
    KeyboardInterrupt into LangDetectException: a Ctrl-C there was swallowed and left a factory
    with a few profiles, for which every English sentence was Polish with probability 1.0. So
    the profiles are loaded into a factory of our own with Ctrl-C held back until the load is
    over (a fraction of a second); an interrupt then raises before the factory is cached.
    """
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    with deferred_interrupt():
        factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    return factory


def detect_langdetect(text: str) -> tuple[str, float] | None:
    """langdetect's best guess and its probability, deterministic; None when it has none."""
    from langdetect.lang_detect_exception import LangDetectException  # lazy: 15 ms

    detector = langdetect_factory().create()
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except LangDetectException:
        return None
    return best.lang, best.prob


def langdetect_language(text: str, min_prob: float) -> str | None:
    """langdetect's answer when it is at least ``min_prob`` sure, else None.

    Callers ask only about text with enough letters (:data:`MIN_LETTERS_FOR_LANGDETECT`, or
    :data:`MIN_UNIT_LETTERS_FOR_LANGDETECT` for a unit of an article).
    """
    guess = detect_langdetect(text)
    return guess[0] if guess is not None and guess[1] >= min_prob else None


#: Languages that a script names on its own, without langdetect: the profiles that say so
#: (Armenian, Hebrew), and Georgian and Greek.
SCRIPT_LANGUAGE = {
    **{language.script: code for code, language in PROFILES.items()
       if language.names_script and language.script},
    "Georgian": "ka", "Greek": "el",
}
#: The language text in a script most likely is when nothing else tells: Cyrillic without the
#: letters of another Cyrillic language is Russian, Arabic script (Persian, Urdu...) without
#: Persian letters Arabic.
LIKELIEST_LANGUAGE = {
    **SCRIPT_LANGUAGE,
    **{language.script: code for code, language in PROFILES.items()
       if language.likeliest_in_script and language.script},
    "Arabic": "ar",
}
#: Letters of other Cyrillic languages that Russian lacks, and the language they point to.
CYRILLIC_MARKERS = (
    (frozenset("іїєґІЇЄҐ"), "uk"),
    (frozenset("ўЎ"), "be"),
    (frozenset("ђјљњћџЂЈЉЊЋЏ"), "sr"),
    (frozenset("әғқңөұүһӘҒҚҢӨҰҮҺ"), "kk"),
)

#: English function words no other language of this project writes; short text with several of
#: them is English even where langdetect is not asked.
ENGLISH_ONLY_WORDS = frozenset((
    "the", "of", "and", "to", "is", "for", "from", "with", "that", "said", "has", "have", "by",
    "its", "this", "were", "are", "after", "which", "would", "will", "been", "their",
))
#: ENGLISH_ONLY_WORDS and common English words some other language also writes ("it" is
#: Azerbaijani and Turkish for dog): evidence only where English is expected, in the text of an
#: English article and its units, never in a translation.
COMMON_ENGLISH_WORDS = ENGLISH_ONLY_WORDS | frozenset((
    "was", "says", "it", "he", "she", "they", "had", "who", "not",
))
#: An article whose words are at least this many percent COMMON_ENGLISH_WORDS is English.
ENGLISH_SHARE_PERCENT = 8
#: The article's language is decided on its first this many characters.
LANGUAGE_SAMPLE = 20_000
WORD = re.compile(r"[^\W\d_]+")


def looks_english(text: str) -> bool:
    """Strong English evidence in short text: 2+ distinct function words, a quarter of the words."""
    words = [w.lower() for w in WORD.findall(text)]
    hits = [w for w in words if w in ENGLISH_ONLY_WORDS]
    return len(words) >= 4 and len(set(hits)) >= 2 and len(hits) * 4 >= len(words)


def english_words(text: str) -> set[str]:
    """The distinct :data:`COMMON_ENGLISH_WORDS` of ``text`` (for text expected to be English)."""
    return {word.lower() for word in WORD.findall(text)} & COMMON_ENGLISH_WORDS


def reads_as_english(text: str) -> bool:
    """Whether ``text`` is English with a few names in another language put in.

    English function words throughout decide; otherwise langdetect is asked about the words
    written in plain ASCII letters only (the inserted names carry the ə, ı, ş ... that make
    the whole look Azerbaijani), when they are long enough for it to be right.
    """
    if looks_english(text):
        return True
    ascii_words = [word for word in WORD.findall(text) if word.isascii()]
    if sum(len(word) for word in ascii_words) < MIN_LETTERS_FOR_LANGDETECT:
        return False
    return langdetect_language(" ".join(ascii_words), MIN_LANGDETECT_PROB) == SOURCE_LANGUAGE


def identify_by_letters(text: str, script: str, letters: int) -> str | None:
    """The language whose letters ``text`` shows (the first profile of ``script`` one of whose
    clues holds), else None: the Azerbaijani schwa (ə) decides alone, Turkic letters (ğ ı ş ç
    ö ü) with q or x point to Azerbaijani, Turkic letters alone in text long enough to expect a
    schwa to Turkish, پ چ ژ گ to Persian."""
    chars = set(text)
    for language in profiles_in(script):
        if any(clue.holds(chars, letters) for clue in language.clues):
            return language.code
    return None


def decisive_language(text: str, script: str) -> str | None:
    """The language letters of ``text`` name alone, whatever its length (ə: Azerbaijani)."""
    chars = set(text)
    for language in profiles_in(script):
        if any(clue.decisive and clue.holds(chars, 0) for clue in language.clues):
            return language.code
    return None


def identify_cyrillic(text: str) -> str:
    """The language of Cyrillic text: the one whose own letters show, else Russian."""
    chars = set(text)
    for markers, lang in CYRILLIC_MARKERS:
        if chars & markers:
            return lang
    return LIKELIEST_LANGUAGE["Cyrillic"]


def identify_language(text: str) -> str | None:
    """The language of ``text`` (ISO 639-1 code), or None when the evidence is too weak.

    Script first: Armenian letters are "hy", Hebrew "he", Cyrillic "ru" unless letters of another
    Cyrillic language show. Then the letters of a language (:func:`identify_by_letters`: "az"
    on Azerbaijani letter evidence, "fa" on Persian), and otherwise langdetect decides only
    with at least :data:`MIN_LETTERS_FOR_LANGDETECT` letters and a probability of
    :data:`MIN_LANGDETECT_PROB`: a short headline gets None (or "en" when several English
    function words show), never a guess such as Catalan; a language whose profile names the
    letters it is identified by (Turkish: ğ ı ş ç ö ü) only on text holding one.
    """
    counts = script_counts(text)
    if not counts:
        return None
    script, _ = counts.most_common(1)[0]
    letters = sum(counts.values())
    if script in SCRIPT_LANGUAGE:
        return SCRIPT_LANGUAGE[script]
    if script == "Cyrillic":
        return identify_cyrillic(text)
    by_letters = identify_by_letters(text, script, letters)
    if by_letters is not None:
        return by_letters
    if letters < MIN_LETTERS_FOR_LANGDETECT:
        return SOURCE_LANGUAGE if script == "Latin" and looks_english(text) else None
    lang = langdetect_language(text, MIN_LANGDETECT_PROB)
    # langdetect has no Azerbaijani profile: without Turkic letters its Turkish is no Turkish.
    needed = profile(lang).identified_by if lang is not None else frozenset()
    return None if needed and not set(text) & needed else lang


def identify_article_language(text: str) -> str:
    """ "en" for an article in English, else the language it is in ("en" when none is found).

    Decided on the whole text (its first :data:`LANGUAGE_SAMPLE` characters): Latin-script text
    with English function words throughout is English even when it quotes another language.
    """
    sample = text[:LANGUAGE_SAMPLE]
    script = dominant_script(sample)
    if script is None:
        return "en"
    words = [word.lower() for word in WORD.findall(sample)]
    english = sum(word in COMMON_ENGLISH_WORDS for word in words)
    if script == "Latin" and english * 100 >= len(words) * ENGLISH_SHARE_PERCENT:
        return "en"
    return identify_language(sample) or "en"


def identify_unit_language(text: str, article_lang: str) -> str | None:
    """The language of one unit of an article in ``article_lang``, when clearly another; else None.

    A script other than Latin decides when most letters are in it (the language
    :func:`identify_language` finds, else :data:`LIKELIEST_LANGUAGE`); Latin text is judged by
    :func:`identify_latin_unit`, more strictly than a whole text.
    """
    counts = script_counts(text)
    if not counts:
        return None
    script, count = counts.most_common(1)[0]
    letters = sum(counts.values())
    if script == "Latin":
        lang = identify_latin_unit(text, letters, article_lang)
    elif script in LIKELIEST_LANGUAGE and count * 2 >= letters:
        lang = identify_language(text) or LIKELIEST_LANGUAGE[script]
    else:
        return None
    return None if lang == article_lang else lang


def identify_latin_unit(text: str, letters: int, article_lang: str) -> str | None:
    """The language of a Latin-script unit of an article in ``article_lang``, or None.

    In an English article a unit with two English function words is English. Azerbaijani
    letters (ə) make a unit "az" only without any English word: a quoted slogan in an English
    sentence ("Aliyev said: “Qarabağ Azərbaycandır!”") stays English. Otherwise langdetect
    decides, on :data:`MIN_UNIT_LETTERS_FOR_LANGDETECT` letters and
    :data:`MIN_UNIT_LANGDETECT_PROB`. Turkic letters without ə do not count here (names such as
    "Dağlıq Qarabağ" fill English sentences).
    """
    if article_lang == SOURCE_LANGUAGE and len(english_words(text)) >= 2:
        return None
    decisive = decisive_language(text, "Latin")
    if decisive is not None:
        return SOURCE_LANGUAGE if english_words(text) else decisive
    if letters >= MIN_UNIT_LETTERS_FOR_LANGDETECT:
        return langdetect_language(text, MIN_UNIT_LANGDETECT_PROB)
    return None


def looks_like(text: str, lang: str) -> tuple[bool, str]:
    """Whether ``text`` is plausibly written in ``lang``, and why (a short reason for a message).

    Text with too little evidence is given the benefit of the doubt (True). Letters in the wrong
    script, or a confident identification as another language, make it False.
    """
    counts = script_counts(text)
    letters = sum(counts.values())
    if letters == 0:
        return True, "no letters"
    script = counts.most_common(1)[0][0]
    expected = profile(lang).script
    if expected is not None and script != expected:
        return False, f"written in {script} letters, not {expected}"
    found = identify_language(text)
    if found is None:
        return True, "too little evidence to tell"
    if found == lang:
        return True, f"reads as {language_name(lang)}"
    why = profile(lang).misread.get(found)
    if why is not None:
        return False, f"reads as {language_name(found)} ({why})"
    return False, f"reads as {language_name(found)}, not {language_name(lang)}"

"""Language identification: script evidence first, langdetect only on long text.

langdetect is unreliable on short text and has no Armenian or Azerbaijani profile (it calls
Azerbaijani Turkish), so the script of the letters decides where it can, and langdetect is
asked only about Latin or Cyrillic text long enough for it to be right.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

#: Below this many letters langdetect's answer is not trusted.
MIN_LETTERS_FOR_LANGDETECT = 60

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


def script_counts(text: str) -> Counter[str]:
    """How many letters of each script ``text`` has."""
    return Counter(s for s in map(script_of_char, text) if s is not None)


def dominant_script(text: str) -> str | None:
    """The script most of the letters of ``text`` are written in, None if it has no letters."""
    counts = script_counts(text)
    return counts.most_common(1)[0][0] if counts else None


def detect_langdetect(text: str) -> tuple[str, float] | None:
    """langdetect's best guess and its probability, deterministic; None when it has none."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return None
    return best.lang, best.prob


#: The script each target language is written in.
EXPECTED_SCRIPT = {
    "hy": "Armenian",
    "he": "Hebrew",
    "ru": "Cyrillic",
    "az": "Latin",
    "en": "Latin",
    "tr": "Latin",
}

#: Languages that a script names on its own, without langdetect.
SCRIPT_LANGUAGE = {"Armenian": "hy", "Hebrew": "he", "Georgian": "ka", "Greek": "el"}

#: The strong Azerbaijani marker: schwa is in the Azerbaijani alphabet and not in Turkish.
AZ_SCHWA = frozenset("əƏ")
#: Latin letters of Azerbaijani that Turkish does not use (q and x are native Azerbaijani letters).
AZ_NOT_TURKISH = frozenset("əƏqQxX")
#: Letters Azerbaijani shares with Turkish but English and most other Latin languages lack.
AZ_TURKIC = frozenset("ğĞıİşŞçÇöÖüÜ")
#: Letters of other Cyrillic languages that Russian lacks, and the language they point to.
CYRILLIC_MARKERS = (
    (frozenset("іїєґІЇЄҐ"), "uk"),
    (frozenset("ўЎ"), "be"),
    (frozenset("ђјљњћџЂЈЉЊЋЏ"), "sr"),
    (frozenset("әғқңөұүһӘҒҚҢӨҰҮҺ"), "kk"),
)
#: langdetect must be at least this sure before its answer is used.
MIN_LANGDETECT_PROB = 0.9
#: English function words no other language of this project writes; short text with several of
#: them is English even where langdetect is not asked.
ENGLISH_WORDS = frozenset((
    "the", "of", "and", "to", "is", "for", "from", "with", "that", "said", "has", "have", "by",
    "its", "this", "were", "are", "after", "which", "would", "will", "been", "their",
))
WORD = re.compile(r"[^\W\d_]+")


def looks_english(text: str) -> bool:
    """Strong English evidence in short text: 2+ distinct function words, a quarter of the words."""
    words = [w.lower() for w in WORD.findall(text)]
    hits = [w for w in words if w in ENGLISH_WORDS]
    return len(words) >= 4 and len(set(hits)) >= 2 and len(hits) * 4 >= len(words)


def count_letters(text: str) -> int:
    """How many letters ``text`` has."""
    return sum(1 for char in text if char.isalpha())


def identify_azerbaijani(text: str, letters: int) -> str | None:
    """"az" on strong Azerbaijani letter evidence, "tr" on Turkish evidence, else None.

    Schwa (ə) decides alone. Without it, Turkic letters (ğ ı ş ç ö ü) together with q or x point
    to Azerbaijani; Turkic letters alone in text long enough to expect a schwa point to Turkish.
    """
    chars = set(text)
    if chars & AZ_SCHWA:
        return "az"
    if chars & AZ_TURKIC:
        if chars & AZ_NOT_TURKISH:
            return "az"
        if letters >= MIN_LETTERS_FOR_LANGDETECT:
            return "tr"
    return None


def identify_language(text: str) -> str | None:
    """The language of ``text`` (ISO 639-1 code), or None when the evidence is too weak.

    Script first: Armenian letters are "hy", Hebrew "he", Cyrillic "ru" unless letters of another
    Cyrillic language show. Latin text is "az" on Azerbaijani letter evidence, and otherwise
    langdetect decides only with at least :data:`MIN_LETTERS_FOR_LANGDETECT` letters and a
    probability of :data:`MIN_LANGDETECT_PROB`: a short headline gets None (or "en" when several
    English function words show), never a guess such as Catalan.
    """
    counts = script_counts(text)
    if not counts:
        return None
    script, _ = counts.most_common(1)[0]
    letters = sum(counts.values())
    if script in SCRIPT_LANGUAGE:
        return SCRIPT_LANGUAGE[script]
    if script == "Cyrillic":
        chars = set(text)
        for markers, lang in CYRILLIC_MARKERS:
            if chars & markers:
                return lang
        return "ru"
    if script == "Latin":
        turkic = identify_azerbaijani(text, letters)
        if turkic is not None:
            return turkic
    if letters < MIN_LETTERS_FOR_LANGDETECT:
        return "en" if script == "Latin" and looks_english(text) else None
    guess = detect_langdetect(text)
    if guess is None or guess[1] < MIN_LANGDETECT_PROB:
        return None
    lang = guess[0]
    if lang == "tr":
        # langdetect has no Azerbaijani profile; without Turkic letters this is no Turkish either.
        return "tr" if set(text) & AZ_TURKIC else None
    return lang


def describe_language(lang: str) -> str:
    """A language's English name for messages ("Russian"), or the code itself."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang).get_display_name("en") or lang
    except (ValueError, UnknownLocaleError):
        return lang


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
    expected = EXPECTED_SCRIPT.get(lang)
    if expected is not None and script != expected:
        return False, f"written in {script} letters, not {expected}"
    found = identify_language(text)
    if found is None:
        return True, "too little evidence to tell"
    if found == lang:
        return True, f"reads as {describe_language(lang)}"
    if lang == "az" and found == "tr":
        return False, "reads as Turkish (Turkic letters but no ə, q or x)"
    return False, f"reads as {describe_language(found)}, not {describe_language(lang)}"

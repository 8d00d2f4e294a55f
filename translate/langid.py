"""Language identification: script evidence first, langdetect only on long text.

langdetect is unreliable on short text and has no Armenian or Azerbaijani profile (it calls
Azerbaijani Turkish), so the script of the letters decides where it can, and langdetect is
asked only about Latin or Cyrillic text long enough for it to be right.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

#: Below this many letters langdetect's answer is not trusted.
MIN_LETTERS_FOR_LANGDETECT = 60

SCRIPTS = ("Latin", "Cyrillic", "Armenian", "Hebrew", "Arabic", "Greek", "Georgian", "CJK")


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

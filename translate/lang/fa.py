"""Persian: Arabic script, right to left, with letters Arabic lacks (پ چ ژ گ) and its own forms
of yeh and kaf (ی ک, not ي ك); the zero-width non-joiner inside words (می‌خواهد, قره‌باغ);
its own digits (۰-۹) with ٬ and ٫ (and a slash for the decimal: ۲/۵); «» quotes and the
marks ؟ ، ؛. Names take no cases: prepositions are words of their own (در ایران, از ایران); a
name ending in a vowel letter may carry the ezafe ی (باکوی, روسیه‌ی)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from translate.lang.language import Clue, Grammar, Language, frozen

#: Same-length normalisation for matching: Arabic yeh, alef maksura and kaf as Persian ی ک,
#: alef with hamza as alef, heh with yeh above as heh (the ezafe, not the name).
NORMALISE = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "أ": "ا", "إ": "ا", "ٱ": "ا",
                           "ۀ": "ه"})
#: Letters a name may end in that the ezafe ی follows in the same word (باکوی, روسیه‌ی).
VOWEL_LETTERS = "اوهی"
EZAFE = frozenset({"ی"})


class PersianGrammar(Grammar):
    """Persian names: no cases; the ezafe after a final vowel letter."""

    no_cases = ("Persian names have no cases (prepositions are words of their own: "
                "در ایران, از ایران)")

    def normalise(self, text: str) -> str:
        return text.translate(NORMALISE)

    def tails(self, form: str, case: str) -> frozenset[str]:
        return EZAFE if form and form[-1] in VOWEL_LETTERS else frozenset()


#: A letter of the Arabic script (not a digit, a mark or punctuation).
ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]")
#: ASCII marks typed for Persian ones: mark → (its name, the Persian mark).
ASCII_MARKS = {",": ("comma", "،"), ";": ("semicolon", "؛"), "?": ("question mark", "؟")}
#: Arabic letters Persian writes otherwise (ي ى ك for ی ک), and Persian's own letters.
ARABIC_ONLY = frozenset("يىك")
PERSIAN_LETTERS = frozenset("پچژگیک")


def mostly_persian(text: str) -> bool:
    """Whether at least half the letters of ``text`` are in the Arabic script."""
    letters = [char for char in text if char.isalpha()]
    return sum(1 for char in letters if ARABIC_LETTER.match(char)) * 2 >= len(letters) > 0


def punctuation(source: str, target: str) -> Iterator[str]:
    """ASCII , ; ? after a Persian word inside the text (the end is the ``end_punctuation``
    check's), in text that is mostly Persian; the Arabic yeh and kaf beside Persian letters (in
    text with none, Arabic text, the ``language`` check speaks)."""
    if not mostly_persian(target):
        return
    for mark, (name, own) in ASCII_MARKS.items():
        if re.search(ARABIC_LETTER.pattern + re.escape(mark) + r"(?=\s*\S)", target):
            yield f"Persian writes the {name} {own}, not '{mark}'"
    arabic = sorted(ARABIC_ONLY & set(target))
    if arabic and PERSIAN_LETTERS & set(target):
        yield (f"Persian writes ی and ک, not the Arabic {' '.join(arabic)} (a keyboard or "
               "a model trained on Arabic text)")


PERSIAN = Language(
    "fa",
    script="Arabic",
    # پ چ ژ گ: letters Arabic lacks; Urdu writes them too, with letters Persian lacks.
    clues=(Clue(frozenset("پچژگ"), unless=frozenset("ٹڈڑںے")),),
    own_marks=frozen({"question": "؟", "semicolon": "؛", "comma": "،"}),
    quotes="«»",
    punctuation=punctuation,
    length_ratio=0.9,
    doubled_words=frozenset({"کم", "آرام", "یواش", "تک", "ذره", "قطره", "دسته", "گروه",
                             "لحظه", "روز", "جا", "گاه"}),
    numbering_systems=("arabext", "arab"),
    number_conventions=(("٬", "/"),),
    pseudo_letters="ابکدهفگحیجکلمنوپقرستوووخیز",
    grammar=PersianGrammar(),
)

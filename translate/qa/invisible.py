"""Characters nobody sees: bidirectional controls, invisible format characters and control
characters.

Text pasted from web pages, word processors and chat apps brings characters that show nothing
yet change what readers, search engines and word counts get:

* Bidi overrides (U+202D, U+202E) display the letters after them in reverse order: a
  translation that reads one way and is another (the "Trojan Source" trick). Always reported.
* Bidi embeddings and isolates (U+202A-202C, U+2066-2069) set the direction of a run. Left
  unclosed they change the direction of everything after them in the paragraph (reported in
  every language); closed, they are a legitimate way to set a Latin run into right-to-left text
  (Unicode's UAX #9 recommends isolates), so they are accepted in right-to-left languages and
  reported in left-to-right ones, where they have no use.
* Direction marks LRM, RLM and ALM (U+200E, U+200F, U+061C) are what Hebrew translators
  type to make a neutral character (a parenthesis, a full stop, a percent sign) next to a Latin
  run or a number show on the right side. Whether one is needed depends on the renderer, so in
  right-to-left languages they are accepted anywhere; in left-to-right text they do nothing and
  are reported.
* Zero-width space, word joiner, soft hyphen, a byte-order mark inside the text, invisible
  operators, Hangul fillers and tag characters: reported, unless the source has as many. ZWNJ
  and ZWJ are letters' business in the scripts that join (Arabic, Syriac, the Indic scripts,
  Sinhala, Khmer, Myanmar, Mongolian): accepted between two letters of such a script, and ZWJ
  between emoji of an emoji sequence; elsewhere (Cyrillic, Armenian, Latin, Hebrew) reported.
* Control characters (C0 but tab and newline, DEL, C1) are no text at all: a terminal takes
  ESC ] ... BEL for a new window title and CSI (ESC [ or the one byte 0x9B) for cursor moves,
  a carriage return lets what follows overwrite the line. Always reported, as errors.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter

from babel import Locale, UnknownLocaleError

OVERRIDES = frozenset("\u202d\u202e")
EMBEDDINGS = frozenset("\u202a\u202b")
POP_EMBEDDING = "\u202c"
ISOLATES = frozenset("\u2066\u2067\u2068")
POP_ISOLATE = "\u2069"
DIRECTION_MARKS = frozenset("\u200e\u200f\u061c")
BIDI = OVERRIDES | EMBEDDINGS | ISOLATES | DIRECTION_MARKS | {POP_EMBEDDING, POP_ISOLATE}
#: Invisible characters that are not bidi controls.
INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\u00ad\ufeff\u180e\u034f"
    "\u115f\u1160\u3164\uffa0\ufff9\ufffa\ufffb\u206a\u206b\u206c\u206d\u206e\u206f"
    "\u17b4\u17b5\U000e0001"
) | frozenset(map(chr, range(0xE0020, 0xE0080)))
#: Control characters: C0 but tab and newline, DEL and C1 (the set tables.terminal_safe
#: escapes, less the bidi controls reported above).
CONTROLS = frozenset(chr(c) for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) not in "\t\n")
CONTROL_NAMES = {
    "\x00": "null", "\x07": "bell", "\x08": "backspace", "\x0b": "vertical tab",
    "\x0c": "form feed", "\r": "carriage return", "\x1b": "escape", "\x7f": "delete",
    "\x85": "next line", "\x9b": "control sequence introducer",
}  # fmt: skip
#: Characters a message never quotes (``place``).
UNSEEN = INVISIBLE | BIDI | CONTROLS
JOINERS = frozenset("\u200c\u200d")
#: Scripts whose letters take ZWNJ and ZWJ (by the first word of the characters' names).
JOINING_SCRIPTS = frozenset({
    "ARABIC", "SYRIAC", "NKO", "MANDAIC", "MONGOLIAN", "DEVANAGARI", "BENGALI", "GURMUKHI",
    "GUJARATI", "ORIYA", "TAMIL", "TELUGU", "KANNADA", "MALAYALAM", "SINHALA", "KHMER",
    "MYANMAR", "TIBETAN", "PHAGS-PA",
})  # fmt: skip
BLACK_FLAG = "\U0001f3f4"
NAMES = {
    "\u202a": "left-to-right embedding", "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting", "\u202d": "left-to-right override",
    "\u202e": "right-to-left override", "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate", "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate", "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark", "\u061c": "Arabic letter mark",
    "\u200b": "zero-width space", "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner", "\u2060": "word joiner", "\u00ad": "soft hyphen",
    "\ufeff": "byte-order mark",
}  # fmt: skip


def describe(char: str) -> str:
    """A character for a message: "zero-width space (U+200B)"."""
    name = NAMES.get(char) or unicodedata.name(char, "character").lower()
    return f"{name} (U+{ord(char):04X})"


@functools.lru_cache(maxsize=64)
def is_right_to_left(lang: str) -> bool:
    """Whether ``lang`` is written right to left (Babel's CLDR data; False when unknown)."""
    try:
        return Locale.parse(lang.replace("-", "_")).character_order == "right-to-left"
    except (UnknownLocaleError, ValueError):
        return False


def place(text: str, index: int) -> str:
    """Where ``text[index]`` is, for a message: "after 'Армения'" or "at the start"."""
    before = "".join(c for c in text[:index] if c not in UNSEEN)
    words = before.split()
    return f"after '{words[-1][-20:]}'" if words else "at the start"


def unclosed_bidi(text: str) -> tuple[int, str] | None:
    """(index, problem) of the first embedding, override or isolate ``text`` leaves unclosed,
    or of a closing control with nothing to close; None when every one is closed."""
    stack: list[int] = []
    for index, char in enumerate(text):
        if char in EMBEDDINGS or char in OVERRIDES or char in ISOLATES:
            stack.append(index)
        elif char in (POP_EMBEDDING, POP_ISOLATE):
            opener = text[stack[-1]] if stack else ""
            if (char == POP_ISOLATE) != (opener in ISOLATES) or not opener:
                return index, f"a {describe(char)} with nothing to close"
            stack.pop()
    if stack:
        index = stack[-1]
        return index, f"an unclosed {describe(text[index])}: it turns the direction of the rest"
    return None


def bidi_problems(source: str, target: str, lang: str) -> list[tuple[str, bool]]:
    """(message, is an error) for each bidi problem of ``target`` in language ``lang``."""
    problems: list[tuple[str, bool]] = []
    for index, char in enumerate(target):
        if char in OVERRIDES:
            problems.append((
                f"a {describe(char)} {place(target, index)} shows the text after it in "
                "reverse order: remove it", True))
    for char in sorted(OVERRIDES & set(source) - set(target)):
        problems.append((f"the source has a {describe(char)}: the article needs fixing", True))
    unclosed = unclosed_bidi(target)
    if unclosed is not None:
        index, problem = unclosed
        problems.append((f"{problem} ({place(target, index)})", True))
    if problems or is_right_to_left(lang):
        return problems
    controls = EMBEDDINGS | ISOLATES | DIRECTION_MARKS
    for char, index in extra_characters(source, target, controls):
        problems.append((
            f"a {describe(char)} {place(target, index)} has no use in left-to-right text", False))
    return problems


def allowed_here(text: str, index: int) -> bool:
    """Whether the invisible character ``text[index]`` does a job where it stands: a joiner
    between letters of a joining script or in an emoji sequence, a tag in a flag emoji."""
    char = text[index]
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if char in JOINERS and script_name(before) in JOINING_SCRIPTS and (
        script_name(after) in JOINING_SCRIPTS
    ):
        return True
    if char == "\u200d" and (is_emoji(before) or is_emoji(after)):
        return True
    return ord(char) >= 0xE0001 and (before == BLACK_FLAG or ord(before or "\0") >= 0xE0020)


def script_name(char: str) -> str:
    """The first word of the Unicode name of a letter or mark ("ARABIC"), "" otherwise."""
    if not char or unicodedata.category(char)[0] not in "LM":
        return ""
    return unicodedata.name(char, "").split(" ")[0]


def is_emoji(char: str) -> bool:
    """Whether ``char`` is an emoji (a pictographic symbol or a variation selector-16)."""
    return bool(char) and (
        char == "\ufe0f" or 0x1F000 <= ord(char) <= 0x1FAFF or 0x2600 <= ord(char) <= 0x27BF)


def extra_characters(
    source: str, target: str, chars: frozenset[str]
) -> list[tuple[str, int]]:
    """(character, index of its first use) for each of ``chars`` that ``target`` has more
    often than ``source``, not counting those that do a job where they stand."""
    in_source = Counter(
        char for i, char in enumerate(source) if char in chars and not allowed_here(source, i))
    seen: Counter[str] = Counter()
    first: dict[str, int] = {}
    for index, char in enumerate(target):
        if char in chars and not allowed_here(target, index):
            seen[char] += 1
            first.setdefault(char, index)
    return [(char, first[char]) for char in first if seen[char] > in_source[char]]


def control_problems(target: str) -> list[str]:
    """A message for each control character ``target`` holds (CONTROLS), in order."""
    problems = []
    for char in dict.fromkeys(c for c in target if c in CONTROLS):
        name = CONTROL_NAMES.get(char)
        code = f", {name} (U+{ord(char):04X})," if name else f" (U+{ord(char):04X})"
        count = target.count(char)
        more = f" ({count} in all)" if count > 1 else ""
        problems.append(f"a control character{code} {place(target, target.index(char))}{more}: "
                        "a terminal or a page may take it for a command; remove it")
    return problems


def invisible_problems(source: str, target: str) -> list[str]:
    """A message for each kind of invisible character ``target`` has and should not."""
    problems = []
    for char, index in extra_characters(source, target, INVISIBLE):
        count = target.count(char)
        more = f" ({count} in all)" if count > 1 else ""
        problems.append(f"an invisible {describe(char)} {place(target, index)}{more}")
    return problems

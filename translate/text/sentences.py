"""Sentence and clause boundaries of English news prose.

``split_sentences`` is a linear, rule-based splitter tuned for news: it splits multi-sentence
quotations, keeps abbreviations, initials, decimals, times, ellipses, URLs, e-mails, handles and
hashtags inside their sentence, and decides at an abbreviation by the word that follows ("in
Washington D.C. The team" is two sentences, "the U.S. Government" one). ``sentence_spans`` gives
the exact character spans, so the whitespace between sentences can stay a literal part of the
article. ``split_clauses`` cuts a unit too long for machine translation at clause boundaries.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator, Sequence

#: A sentence-final mark: a spaced ellipsis (". . ."), or a run of . ! ? …, then closing quotes
#: and brackets, then whitespace or the end of the text.
CANDIDATE = re.compile(r"(\.(?: \.){2,}|[.!?…]+)([\"'”’»)\]]*)(?=\s|$)")
OPENERS = "\"'“‘«([{¿¡"


def word_set(words: str) -> frozenset[str]:
    """The whitespace-separated words of ``words``, as a set."""
    return frozenset(words.split())


#: Titles before a name: a period after them never ends a sentence.
TITLES = word_set(
    "mr mrs ms messrs mmes dr prof sen sens rep reps gov gen gens col lt sgt capt maj adm cmdr "
    "rev hon pres amb brig cpl pvt supt insp det atty msgr fr gov't lt-gen maj-gen"
)
#: Abbreviations that never end a sentence.
NEVER_FINAL = word_set("e.g i.e vs cf viz approx")
#: Abbreviations that do not end a sentence before a number ("p. 55", "No. 2", "Oct. 1").
BEFORE_NUMBER = word_set(
    "p pp no nos vol vols fig figs art sec secs ch chap para n° op ed eds nr tel ext"
)
#: Abbreviations that may end a sentence: they end one only before a sentence-opening word.
ABBREVIATIONS = word_set(
    "co corp inc ltd llc plc jr sr st mt ft etc al bros dept univ assn ave blvd rd hwy est "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun "
    "a.m p.m u.s u.k u.n e.u d.c no ph.d"
)
#: Words that open sentences: after an abbreviation, one of these starts a new sentence.
STARTERS = word_set(
    """A An The This That These Those There Here It Its He His She Her They Their Them We Our I
    You Your My Me But And Or So Yet Nor For In On At By To From With Without Within If When
    While After Before As Since Until Although Though Because Despite However Meanwhile Still
    Then Also Now Last Earlier Later Both Each Every All Some Many Most Several Such No None One
    Two Three Did Do Does Is Are Was Were Will Would Can Could Should Shall May Might Must Has
    Have Had Not What Who Whom Whose Why How Where Which Whether Instead Indeed Yes Thus Hence
    Among Under Over Amid During Following According Asked"""
)
SPEECH_VERBS = (
    r"said|says|asked|asks|told|added|adds|shouted|shouts|wrote|writes|tweeted|replied|"
    r"exclaimed|continued|insisted|wondered|cried|yelled|chanted|declared|posted"
)
#: After "?" or "!" and a closing quote: a speaker and a verb of saying, same sentence.
SPEAKER_FOLLOWS = re.compile(
    r"(?:[A-Z][\w'’.-]*\s+){1,3}(?:" + SPEECH_VERBS + r")\b|(?:" + SPEECH_VERBS + r")\b"
)
INITIALS = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
NUMBER_TOKEN = re.compile(r"^\d{1,3}$")
#: Inline list markers: "1.)", "1)", "1.", "a.", and bullets, at the start of a paragraph.
NUMBERED_ITEM = re.compile(r"(\d{1,3})(\.\)|\)|\.)\s")
LETTERED_ITEM = re.compile(r"([a-z])([.)])\s")
BULLET_CHARS = "•⁃▪‣◦"
LAST_TOKEN = re.compile(r"\S+\Z")
NON_SPACE = re.compile(r"\S")
#: Longest stretch the rules look back over for the previous word (guards pathological input).
MAX_TOKEN = 200


def sentence_spans(text: str, keep: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of the sentences of ``text``, stripped of whitespace.

    Only whitespace lies between two spans and around them, so the spans and the gaps cover
    ``text`` exactly. No boundary falls inside a span of ``keep`` (an inline element: a link,
    emphasis; the text between two sentences may hold a whole one, a line break). Runs in
    time linear in ``len(text)``, times ``len(keep)`` at each boundary.
    """
    spans = plain_sentence_spans(text)
    if not keep or len(spans) < 2:
        return spans
    merged = [spans[0]]
    for start, end in spans[1:]:
        gap = (merged[-1][1], start)
        if any(a < gap[1] and b > gap[0] and not (gap[0] <= a and b <= gap[1])
               for a, b in keep):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def plain_sentence_spans(text: str) -> list[tuple[int, int]]:
    """``sentence_spans`` of text without inline markup."""
    items = list(list_item_starts(text))
    starts = sorted(set(items) | set(boundary_starts(text, items)))
    spans = []
    bounds = [0, *starts, len(text)]
    for begin, end in itertools.pairwise(bounds):
        piece = text[begin:end]
        stripped = piece.strip()
        if stripped:
            left = begin + len(piece) - len(piece.lstrip())
            spans.append((left, left + len(stripped)))
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of one English paragraph, stripped of the whitespace around them."""
    return [text[start:end] for start, end in sentence_spans(text)]


def boundary_starts(text: str, items: list[int]) -> Iterator[int]:
    """Offsets where a new sentence starts after a sentence-final mark (``items``: list items)."""
    sentence_start = len(text) - len(text.lstrip())
    for match in CANDIDATE.finditer(text):
        item = bisect.bisect_right(items, match.start())
        if item:
            sentence_start = max(sentence_start, items[item - 1])
        term, close = match.group(1), match.group(2)
        after = skip_space(text, match.end())
        if after >= len(text):
            return
        if " " in term and not text[match.start() - 1 : match.start()].isspace():
            # "compounds. . . . The": the period ends the sentence, the ellipsis opens the next.
            if term.count(".") >= 4 and opens_sentence(text, after):
                start = skip_space(text, match.start() + 1)
                yield start
                sentence_start = start
            continue
        if is_boundary(text, match.start(), term, close, after, sentence_start):
            yield after
            sentence_start = after


def is_boundary(
    text: str, pos: int, term: str, close: str, after: int, sentence_start: int
) -> bool:
    """Whether the mark ``term`` + ``close`` at ``pos``, followed by ``text[after:]``, ends one."""
    if text[after] in "([":
        return False  # "(Smith 55)", "(AP Photo/...)": a citation or credit of this sentence
    if not opens_sentence(text, after):
        return False
    if " " in term:  # ". . ." after a space: an ellipsis, ". . . ." a period after one
        return term.count(".") >= 4
    if term in ("...", "…"):
        return first_letter(text, after).isupper()
    if "?" in term or "!" in term:
        return not (close and SPEAKER_FOLLOWS.match(text, after))
    token = previous_token(text, pos)
    if term == "." and close in ("", ")") and is_item_label(token, pos, sentence_start):
        return False  # "1. The first item", "1.) The item", "• 9. The item", "a. The item"
    if set(term) != {"."} or close or not token:
        return True
    return period_ends_sentence(text, token, after)


def is_item_label(token: str, pos: int, sentence_start: int) -> bool:
    """Whether ``token``, ending at ``pos`` right after the sentence start, labels a list item."""
    marker = token.lstrip(BULLET_CHARS)
    return pos - len(token) <= sentence_start + 2 and bool(
        NUMBER_TOKEN.match(marker) or (len(marker) == 1 and marker.isalpha())
    )


def period_ends_sentence(text: str, token: str, after: int) -> bool:
    """Whether a period after the word ``token`` ends its sentence, ``text[after:]`` following.

    After a title never; after an abbreviation or initials only before a word that opens
    sentences ("in Washington D.C. The team"); before a number not after "p.", "No.", "Oct.".
    """
    word = token.lower()
    if word in TITLES or word in NEVER_FINAL:
        return False
    nxt = text[after]
    if nxt.isdigit():
        return not (word in BEFORE_NUMBER or word in ABBREVIATIONS or INITIALS.match(token))
    if word in BEFORE_NUMBER and word != "no":
        return True
    if word in ABBREVIATIONS or INITIALS.match(token) or (len(token) == 1 and token.isalpha()):
        return next_word(text, after) in STARTERS or nxt in "\"“‘'«"
    return True


def opens_sentence(text: str, after: int) -> bool:
    """Whether ``text[after:]`` may open a sentence: not a lowercase word."""
    char = first_letter(text, after)
    return not char.islower()


def first_letter(text: str, pos: int) -> str:
    """The first character at ``pos`` that is not an opening quote or bracket."""
    end = min(len(text), pos + 4)
    while pos < end and text[pos] in OPENERS:
        pos += 1
    return text[pos] if pos < len(text) else ""


def next_word(text: str, pos: int) -> str:
    """The word at ``pos`` (letters, apostrophes), without opening quotes."""
    match = re.compile(r"[\"“‘'«]?([\w’'-]+)").match(text, pos)
    return match.group(1) if match else ""


def previous_token(text: str, end: int) -> str:
    """The run of non-space characters before ``end``, without opening quotes and brackets."""
    start = max(0, end - MAX_TOKEN)
    match = LAST_TOKEN.search(text, start, end)
    return match.group().lstrip(OPENERS) if match else ""


def skip_space(text: str, pos: int) -> int:
    """The first offset at or after ``pos`` that is not whitespace."""
    match = NON_SPACE.search(text, pos)
    return match.start() if match else len(text)


def list_item_starts(text: str) -> Iterator[int]:
    """Offsets of the later items of an inline list ("1) a 2) b", "• 9. a • 10. b", "a. x b. y")."""
    lead = len(text) - len(text.lstrip())
    head = text[lead:]
    if head and head[0] in BULLET_CHARS:
        return bullet_item_starts(text, lead, head[0])
    numbered = NUMBERED_ITEM.match(head)
    lettered = LETTERED_ITEM.match(head) if not numbered else None
    match = numbered or lettered
    if match is None:
        return iter(())
    return label_item_starts(text, lead + match.end(), match.group(1), match.group(2))


def bullet_item_starts(text: str, lead: int, bullet: str) -> Iterator[int]:
    """Offsets of the later items of a list whose first item (at ``lead``) starts ``bullet``."""
    for match in re.finditer(r"\s(" + re.escape(bullet) + ")", text):
        if match.start(1) > lead:
            yield match.start(1)


def label_item_starts(text: str, pos: int, label: str, suffix: str) -> Iterator[int]:
    """Offsets of the items after the one labelled ``label`` + ``suffix`` ("1.)", "a."), which
    ends at ``pos``: each next label ("2.)", "b.") after a space."""
    numbered = label.isdigit()
    while True:
        label = str(int(label) + 1) if numbered else chr(ord(label) + 1)
        found = text.find(" " + label + suffix + " ", pos)
        if found < 0 or (not numbered and label > "z"):
            return
        yield found + 1
        pos = found + 1 + len(label)


# --- clauses --------------------------------------------------------------------------------

#: Where a long unit may be cut for MT, best first: after clause punctuation, before a
#: conjunction, at a space; the last resort is any character.
CLAUSE_CUTS = (
    re.compile(r"(?<=[;:])\s+|(?<=[,—–])\s+|\s+(?=[—–]\s)"),
    re.compile(
        r"\s+(?=(?:and|but|or|while|which|who|because|although|though|after|before|as|"
        r"when|whereas|since|so|yet)\s)"
    ),
    re.compile(r"\s+"),
)


def split_clauses(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Cut ``text`` into pieces that each ``fits``, at clause boundaries where possible.

    ``"".join(result) == text`` always; whitespace at a cut stays at the end of the earlier
    piece. Falls back to cuts at spaces, then at characters; a piece that cannot fit even as
    one character is returned as it is.
    """
    if not text or fits(text):
        return [text]
    return cut_pieces(text, fits, 0)


def cut_pieces(text: str, fits: Callable[[str], bool], level: int) -> list[str]:
    """Greedy packing of ``text`` at the cuts of ``CLAUSE_CUTS[level]`` (or characters)."""
    if level < len(CLAUSE_CUTS):
        cuts = sorted({m.end() for m in CLAUSE_CUTS[level].finditer(text)} - {0, len(text)})
        if not cuts:
            return cut_pieces(text, fits, level + 1)
    else:
        cuts = list(range(1, len(text)))
        if not cuts:
            return [text]
    pieces: list[str] = []
    start = 0
    while start < len(text):
        rest = text[start:]
        if fits(rest):
            pieces.append(rest)
            break
        options = cuts[bisect.bisect_right(cuts, start) :]
        best = longest_fitting(text, start, options, fits)
        if best is None:
            end = options[0] if options else len(text)
            piece = text[start:end]
            pieces.extend(
                cut_pieces(piece, fits, level + 1) if level < len(CLAUSE_CUTS) else [piece]
            )
            start = end
        else:
            pieces.append(text[start:best])
            start = best
    return pieces


def longest_fitting(
    text: str, start: int, options: list[int], fits: Callable[[str], bool]
) -> int | None:
    """The furthest cut in ``options`` whose piece from ``start`` fits (binary search)."""
    low, high, best = 0, len(options) - 1, None
    while low <= high:
        mid = (low + high) // 2
        if fits(text[start : options[mid]]):
            best, low = options[mid], mid + 1
        else:
            high = mid - 1
    return best

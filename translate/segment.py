"""Segmentation: article text into units with roles and stable ids, and sentences of news prose.

``split_sentences`` is a linear, rule-based splitter tuned for news: it splits multi-sentence
quotations, keeps abbreviations, initials, decimals, times, ellipses, URLs, e-mails, handles and
hashtags inside their sentence, and decides at an abbreviation by the word that follows ("in
Washington D.C. The team" is two sentences, "the U.S. Government" one). ``sentence_spans`` gives
the exact character spans, so the whitespace between sentences stays a literal part of the
article and ``Article.reassemble({})`` returns the source byte for byte.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from translate.article import Article, Unit, is_valid_article_id
from translate.errors import ArticleIdError, InputError, SourceLanguageError

# --- sentences ------------------------------------------------------------------------------

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


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of the sentences of ``text``, stripped of whitespace.

    Only whitespace lies between two spans and around them, so the spans and the gaps cover
    ``text`` exactly. Runs in time linear in ``len(text)``.
    """
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
    nxt = text[after]
    if nxt in "([":
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
    marker = token.lstrip(BULLET_CHARS)
    if (
        term == "."
        and close in ("", ")")
        and pos - len(token) <= sentence_start + 2
        and (NUMBER_TOKEN.match(marker) or (len(marker) == 1 and marker.isalpha()))
    ):
        return False  # "1. The first item", "1.) The item", "• 9. The item", "a. The item"
    if set(term) != {"."} or close or not token:
        return True
    word = token.lower()
    if word in TITLES or word in NEVER_FINAL:
        return False
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
        bullet = head[0]
        for match in re.finditer(r"\s(" + re.escape(bullet) + ")", text):
            if match.start(1) > lead:
                yield match.start(1)
        return
    numbered = NUMBERED_ITEM.match(head)
    lettered = LETTERED_ITEM.match(head) if not numbered else None
    if not (numbered or lettered):
        return
    match = numbered or lettered
    assert match is not None
    suffix = match.group(2)
    label = match.group(1)
    pos = lead + match.end()
    while True:
        label = str(int(label) + 1) if numbered else chr(ord(label) + 1)
        found = text.find(" " + label + suffix + " ", pos)
        if found < 0 or (lettered and label > "z"):
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


# --- articles -------------------------------------------------------------------------------

LINE_BREAK = re.compile(r"\r\n|\n|\r")
BOM = "\ufeff"
#: A bullet or list number opening a line; it stays a literal part.
BULLET = re.compile(r"[ \t]*(?:[-*•‣▪◦⁃]|\d{1,3}[.)]|[a-z][.)]|[A-Z]\))[ \t]+(?=\S)")
BLOCK_QUOTE = re.compile(r"[ \t]*>[ \t]*(?=\S)")
#: An attribution line under an embedded tweet or quote: "— Barak Ravid (@BarakRavid) Oct. 1".
ATTRIBUTION_DASH = re.compile(r"[ \t]*(?:—|–|--|―)[ \t]*(?=\S)")
HYPHEN_ATTRIBUTION = re.compile(r"[ \t]*-[ \t]*(?=[^\n]*\(@\w+\))")
MAX_ATTRIBUTION = 200
CREDIT = re.compile(
    r"(?:.*\bcontributed(?: reporting)? to this (?:report|story|article)\.?"
    r"|(?:additional |editing and )?(?:reporting|writing|editing|research|compiled|reported|"
    r"written|produced|translated) by\b.*"
    r"|\(?(?:photo|photos|image|images|picture|video|graphic|illustration|file photo)"
    r"(?: credit)?s?\s*[:/].*"
    r"|(?:©|copyright\b).*"
    r"|(?:the )?(?:associated press|ap|reuters|afp|agencies|jta|times of israel staff|toi staff)"
    r"\.?)",
    re.IGNORECASE,
)
CAPTION = re.compile(
    r"(?:(?:caption|photo caption|pictured|illustrative|file|above|top|left|right)\s*:\s*\S.*"
    r"|.+\S\s*\((?:[^()]*\b(?:photo|photos|image|images|handout|pool)\b[^()]*"
    r"|[^()]*\bvia (?:AP|Reuters|AFP|Getty Images)|photo:[^()]*)\))",
    re.IGNORECASE,
)
FINAL_MARK = re.compile(r"[.!?…][\"'”’»)\]]*$")
DATELINE = re.compile(r"[A-Z][A-Z .,'-]{2,}\s*(?:\([^)]*\))?\s*[—–-]")
MAX_STANDFIRST = 300
#: Non-Latin scripts that decide a unit's language on their own.
SCRIPT_LANG = {
    "Cyrillic": "ru",
    "Armenian": "hy",
    "Hebrew": "he",
    "Arabic": "ar",
    "Greek": "el",
    "Georgian": "ka",
}
MIN_UNIT_LETTERS_FOR_LANGDETECT = 80
MIN_UNIT_LANGDETECT_PROB = 0.99
UNIT_ID_HEX = 10
WORD = re.compile(r"[^\W\d_]+")
LETTER = re.compile(r"[^\W\d_]")
NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")
#: An article whose words are at least this many percent English function words is English.
ENGLISH_SHARE_PERCENT = 8
#: Lines longer than this are prose: no credit, caption or attribution pattern is tried.
MAX_SPECIAL_LINE = 1000
#: English words a sentence of another Latin-script language hardly ever contains.
ENGLISH_MARKERS = word_set(
    "the of and to is was were for with that said says has have from by this which would will "
    "been their are its it he she they after had who not"
)
#: The article's language is decided on its first this many characters.
LANGUAGE_SAMPLE = 20_000


@dataclass(frozen=True)
class Line:
    """One physical line: its offsets in the body (without the line break) and 1-based number."""

    start: int
    end: int
    number: int


@dataclass(frozen=True)
class Span:
    """A unit to be: offsets in the body, role, paragraph index and source line."""

    start: int
    end: int
    role: str
    paragraph: int


def read_article(path: Path, *, source_lang: str | None = None) -> Article:
    """Read and segment one article file; InputError (naming the file) for anything unreadable."""
    path = Path(path)
    if not is_valid_article_id(path.stem):
        raise ArticleIdError(
            f"{path}: {path.stem!r} is not a valid article id (use letters, digits, '-' and '_')"
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not an article file") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from None
    nul = data.find(b"\0")
    if nul >= 0:
        raise InputError(f"{path}: binary file (NUL byte at offset {nul}), not a text article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InputError(
            f"{path}:{line}: not UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start})"
        ) from None
    return parse_article(text, path.stem, path, source_lang=source_lang)


def parse_article(
    text: str, article_id: str, source: Path, *, source_lang: str | None = None
) -> Article:
    """Segment an article's text into literal parts and units (see the module docstring).

    Layout: line 1 is the headline, an optional line 2 the standfirst, then one paragraph per
    line ("lines"), or paragraphs separated by blank lines ("blank-lines"). Raises InputError
    for an empty article and SourceLanguageError for one not in English when ``source_lang``
    is None.
    """
    source = Path(source)
    if not is_valid_article_id(article_id):
        raise ArticleIdError(f"{source}: {article_id!r} is not a valid article id")
    bom = BOM if text.startswith(BOM) else ""
    body = text[len(bom) :]
    if not body.strip():
        raise InputError(f"{source}: empty article, nothing to translate")
    lang = source_lang or article_language(body, source)
    lines = split_lines(body)
    layout = detect_layout(body, lines)
    spans = find_spans(body, lines, layout)
    parts: list[str | Unit] = [bom] if bom else []
    starts = [line.start for line in lines]
    seen: dict[str, int] = {}
    pos = 0
    for span in spans:
        if span.start > pos:
            parts.append(body[pos : span.start])
        unit_text = body[span.start : span.end]
        seen[unit_text] = seen.get(unit_text, 0) + 1
        line = lines[bisect.bisect_right(starts, span.start) - 1].number
        parts.append(
            Unit(
                id=unit_id(unit_text, seen[unit_text]),
                role=span.role,
                text=unit_text,
                paragraph=span.paragraph,
                line=line,
                lang=unit_language(unit_text, lang),
            )
        )
        pos = span.end
    if pos < len(body):
        parts.append(body[pos:])
    return Article(id=article_id, source=source, parts=tuple(parts), lang=lang, layout=layout)


def unit_id(text: str, occurrence: int = 1) -> str:
    """A stable id from the unit's text; the n-th repeat of a text in one article gets "-n"."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=UNIT_ID_HEX // 2).hexdigest()
    return f"u{digest}" if occurrence == 1 else f"u{digest}-{occurrence}"


def split_lines(body: str) -> list[Line]:
    """Every physical line of ``body``, line breaks excluded."""
    lines, start = [], 0
    for number, match in enumerate(LINE_BREAK.finditer(body), start=1):
        lines.append(Line(start, match.start(), number))
        start = match.end()
    lines.append(Line(start, len(body), len(lines) + 1))
    return lines


def detect_layout(body: str, lines: list[Line]) -> str:
    """ "blank-lines" when blank lines separate most paragraphs, else "lines"."""
    blank = [not body[line.start : line.end].strip() for line in lines]
    filled = [index for index, is_blank in enumerate(blank) if not is_blank]
    gaps = sum(b - a > 1 for a, b in itertools.pairwise(filled))
    return "blank-lines" if gaps and gaps * 2 >= len(filled) - 1 else "lines"


def find_spans(body: str, lines: list[Line], layout: str) -> list[Span]:
    """The units of the article: headline, standfirst, then each paragraph's units."""
    blocks = group_blocks(body, lines, layout)
    spans: list[Span] = []
    head = blocks[0][0]
    spans.append(whole_line(body, head, "headline", 0))
    rest: list[list[Line]] = [blocks[0][1:], *blocks[1:]] if len(blocks[0]) > 1 else blocks[1:]
    nonempty = sum(len(block) for block in blocks)
    paragraph = 1
    same_block = len(blocks[0]) > 1
    if (
        rest
        and nonempty >= 3
        and (same_block or len(rest[0]) == 1)
        and is_standfirst(body, rest[0][0], head, layout)
    ):
        spans.append(whole_line(body, rest[0][0], "standfirst", paragraph))
        paragraph += 1
        rest = [rest[0][1:], *rest[1:]] if len(rest[0]) > 1 else rest[1:]
    flat = [line for block in rest for line in block]
    roles = line_roles(body, flat)
    for block in rest:
        if is_wrapped(body, block, roles):
            spans.extend(sentence_units(body, block[0].start, block[-1].end, "sentence", paragraph))
            paragraph += 1
            continue
        for line in block:
            spans.extend(line_units(body, line, roles[line.number], paragraph))
            paragraph += 1
    return spans


def is_wrapped(body: str, block: list[Line], roles: dict[int, str]) -> bool:
    """Several prose lines of one paragraph, broken mid-sentence (a hard-wrapped paragraph)."""
    return (
        len(block) > 1
        and all(roles[line.number] == "sentence" for line in block)
        and not any(FINAL_MARK.search(body[line.start : line.end].rstrip()) for line in block[:-1])
    )


def group_blocks(body: str, lines: list[Line], layout: str) -> list[list[Line]]:
    """Non-blank lines grouped: one per line ("lines"), runs between blank lines otherwise."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if not body[line.start : line.end].strip():
            if current:
                blocks.append(current)
            current = []
        elif layout == "lines":
            blocks.append([line])
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def whole_line(body: str, line: Line, role: str, paragraph: int) -> Span:
    """The whole line, stripped, as one unit."""
    start, end = strip_span(body, line.start, line.end)
    return Span(start, end, role, paragraph)


def strip_span(body: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed to exclude whitespace at both ends."""
    piece = body[start:end]
    left = len(piece) - len(piece.lstrip())
    return start + left, start + len(piece.rstrip())


def is_standfirst(body: str, line: Line, head: Line, layout: str) -> bool:
    """A short sentence-like line right after the headline, without a final period."""
    if layout == "lines" and line.number != head.number + 1:
        return False
    text = body[line.start : line.end].strip()
    return (
        len(text) <= MAX_STANDFIRST
        and len(text.split()) >= 3
        and not FINAL_MARK.search(text)
        and special_role(text) is None
        and not BULLET.match(text)
        and not DATELINE.match(text)
        and len(sentence_spans(text)) == 1
    )


def special_role(text: str) -> str | None:
    """ "attribution", "credit" or "caption" for a stripped line that is one, else None."""
    if len(text) > MAX_SPECIAL_LINE:
        return None
    if (ATTRIBUTION_DASH.match(text) or HYPHEN_ATTRIBUTION.match(text)) and len(
        text
    ) <= MAX_ATTRIBUTION:
        return "attribution"
    if len(text) <= MAX_ATTRIBUTION and CREDIT.fullmatch(text):
        return "credit"
    if CAPTION.fullmatch(text):
        return "caption"
    return None


def line_roles(body: str, lines: list[Line]) -> dict[int, str]:
    """The role of each body line; a line right before an attribution is a quote."""
    roles: dict[int, str] = {}
    for line in lines:
        text = body[line.start : line.end].strip()
        role = special_role(text)
        if role is None and BLOCK_QUOTE.match(text):
            role = "quote"
        elif role is None and BULLET.match(text):
            role = "list-item"
        roles[line.number] = role or "sentence"
    for before, line in itertools.pairwise(lines):
        if roles[line.number] == "attribution" and roles[before.number] in ("sentence", "quote"):
            roles[before.number] = "quote"
    return roles


def line_units(body: str, line: Line, role: str, paragraph: int) -> list[Span]:
    """The units of one line of the given role; bullets and dashes stay literal."""
    start, end = strip_span(body, line.start, line.end)
    prefix = None
    if role == "attribution":
        prefix = ATTRIBUTION_DASH.match(body, start, end) or HYPHEN_ATTRIBUTION.match(
            body, start, end
        )
    elif role == "quote":
        prefix = BLOCK_QUOTE.match(body, start, end)
    elif role == "list-item":
        prefix = BULLET.match(body, start, end)
    if prefix:
        start = prefix.end()
    if role in ("attribution", "credit"):
        return [Span(start, end, role, paragraph)] if has_word(body[start:end]) else []
    return sentence_units(body, start, end, role, paragraph)


def sentence_units(body: str, start: int, end: int, role: str, paragraph: int) -> list[Span]:
    """One unit per sentence of ``body[start:end]`` (line breaks inside count as spaces)."""
    text = LINE_BREAK.sub(lambda m: " " * len(m.group()), body[start:end])
    return [
        Span(start + s, start + e, role, paragraph)
        for s, e in sentence_spans(text)
        if has_word(text[s:e])
    ]


def has_word(text: str) -> bool:
    """Whether ``text`` has a letter or digit (a line of "* * *" is no unit)."""
    return any(char.isalnum() for char in text)


# --- language -------------------------------------------------------------------------------


def article_language(body: str, source: Path) -> str:
    """ "en", or SourceLanguageError naming the language the article is in.

    Decided on the whole text (its first :data:`LANGUAGE_SAMPLE` characters): Latin-script text
    with English function words throughout is English even when it quotes another language.
    """
    from translate.langid import describe_language, identify_language, script_counts

    sample = body[:LANGUAGE_SAMPLE]
    counts = script_counts(sample)
    if not counts:
        return "en"
    script = counts.most_common(1)[0][0]
    words = [word.lower() for word in WORD.findall(sample)]
    english = sum(word in ENGLISH_MARKERS for word in words)
    if script == "Latin" and english * 100 >= len(words) * ENGLISH_SHARE_PERCENT:
        return "en"
    lang = identify_language(sample)
    if lang is None or lang == "en":
        return "en"
    raise SourceLanguageError(
        f"{source}: article is in {describe_language(lang)} (detected), not English; "
        f"pass --source-lang {lang} to translate it anyway"
    )


def unit_language(text: str, article_lang: str) -> str | None:
    """The unit's language when it is clearly not ``article_lang``, else None.

    Non-Latin script decides on its own; Latin text needs Azerbaijani letters (ə), or, when it
    does not read as English, enough letters for langdetect to be nearly sure.
    """
    from translate.langid import detect_langdetect, identify_language, script_counts

    if not NON_ASCII_LETTER.search(text):
        letters = len(LETTER.findall(text))
        script, count = "Latin", letters
    else:
        counts = script_counts(text)
        letters = sum(counts.values())
        script, count = counts.most_common(1)[0] if counts else ("", 0)
    if not letters:
        return None
    if script in SCRIPT_LANG and count * 2 >= letters:
        lang = identify_language(text) or SCRIPT_LANG[script]
    elif script != "Latin" or (article_lang == "en" and reads_english(text)):
        return None
    elif "ə" in text or "Ə" in text:
        # No Azerbaijani sentence has an English function word; a quoted slogan in an
        # English sentence ("Aliyev said: “Qarabağ Azərbaycandır!”") stays English.
        lang = "en" if reads_english(text, at_least=1) else "az"
    elif letters >= MIN_UNIT_LETTERS_FOR_LANGDETECT:
        guess = detect_langdetect(text)
        if guess is None or guess[1] < MIN_UNIT_LANGDETECT_PROB:
            return None
        lang = guess[0]
    else:
        return None
    return None if lang == article_lang else lang


def reads_english(text: str, at_least: int = 2) -> bool:
    """``at_least`` distinct English function words that other Latin-script languages lack."""
    words = {word.lower() for word in WORD.findall(text)}
    return len(words & ENGLISH_MARKERS) >= at_least

"""Plain-text articles: text into units with roles, stable ids and, where not English, a language.

``parse_text_article`` finds the layout (one paragraph per line, or blank lines between
paragraphs), the headline and standfirst, each line's role (list item, quote, attribution,
credit, caption: ``translate.formats.units``) and the sentences of its prose
(:mod:`translate.text.sentences`). Everything between units (line breaks, bullets, the spaces
between sentences) stays a literal part, so ``Article.reassemble({})`` returns the source byte for
byte. ``translate.formats.reader`` reads a file and picks this reader or another by extension.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from translate.errors import (
    InputError,
)
from translate.formats.article import Article, Unit
from translate.formats.units import (
    ATTRIBUTION_DASH,
    HYPHEN_ATTRIBUTION,
    has_word,
    source_language,
    special_role,
    unit_id,
)
from translate.text.langid import identify_unit_language
from translate.text.sentences import sentence_spans

LINE_BREAK = re.compile(r"\r\n|\n|\r")
BOM = "\ufeff"
#: A bullet or list number opening a line; it stays a literal part.
BULLET = re.compile(r"[ \t]*(?:[-*•‣▪◦⁃]|\d{1,3}[.)]|[a-z][.)]|[A-Z]\))[ \t]+(?=\S)")
BLOCK_QUOTE = re.compile(r"[ \t]*>[ \t]*(?=\S)")
FINAL_MARK = re.compile(r"[.!?…][\"'”’»)\]]*$")
DATELINE = re.compile(r"[A-Z][A-Z .,'-]{2,}\s*(?:\([^)]*\))?\s*[—–-]")
MAX_STANDFIRST = 300


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
    standfirst = standfirst_lines(body, rest, head, layout, same_block=len(blocks[0]) > 1)
    if standfirst and nonempty >= len(standfirst) + 2:  # a headline, a standfirst, a body
        start, end = strip_span(body, standfirst[0].start, standfirst[-1].end)
        spans.append(Span(start, end, "standfirst", paragraph))
        paragraph += 1
        left = rest[0][len(standfirst) :]
        rest = [left, *rest[1:]] if left else rest[1:]
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


def standfirst_lines(
    body: str, rest: list[list[Line]], head: Line, layout: str, *, same_block: bool
) -> list[Line]:
    """The lines of the standfirst, the paragraph after the headline ([] when there is none).

    With blank lines between paragraphs it is the whole paragraph, hard-wrapped over several
    lines or not (or, in the headline's own paragraph, the line after the headline); one
    paragraph a line, the line after the headline.
    """
    if not rest:
        return []
    block = rest[0]
    candidates = [block] if layout == "blank-lines" else []
    if same_block or len(block) == 1:
        candidates.append(block[:1])
    return next((lines for lines in candidates if is_standfirst(body, lines, head, layout)), [])


def is_standfirst(body: str, lines: list[Line], head: Line, layout: str) -> bool:
    """A short sentence-like paragraph right after the headline, without a final period."""
    if layout == "lines" and lines[0].number != head.number + 1:
        return False
    texts = [body[line.start : line.end].strip() for line in lines]
    text = " ".join(texts)
    return (
        len(text) <= MAX_STANDFIRST
        and len(text.split()) >= 3
        and not FINAL_MARK.search(text)
        and all(special_role(line) is None and not BULLET.match(line) for line in texts)
        and not DATELINE.match(text)
        and len(sentence_spans(text)) == 1
    )


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


def parse_text_article(
    text: str, article_id: str, source: Path, *, source_lang: str | None = None
) -> Article:
    """Segment a plain-text article into literal parts and units (see the module docstring).

    Layout: line 1 is the headline, an optional line 2 the standfirst, then one paragraph per
    line ("lines"), or paragraphs separated by blank lines ("blank-lines"). Raises InputError
    for an empty article and SourceLanguageError for one not in English when ``source_lang``
    is None.
    """
    bom = BOM if text.startswith(BOM) else ""
    body = text[len(bom) :]
    if not body.strip():
        raise InputError(f"{source}: empty article, nothing to translate")
    lang = source_lang or source_language(body, source)
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
                lang=identify_unit_language(unit_text, lang),
            )
        )
        pos = span.end
    if pos < len(body):
        parts.append(body[pos:])
    return Article(id=article_id, source=source, parts=tuple(parts), lang=lang, layout=layout)

"""Article and Unit: the small frozen dataclasses every stage shares.

An article is a sequence of *parts*: literal text that is never translated (line breaks,
blank lines, bullets, a byte-order mark, the spaces between sentences) and units that are.
Concatenating the parts, each unit replaced by its own text, gives back the source file
byte for byte; replacing each unit by a translation gives the translated article.

A Markdown or HTML article (``format`` "md" or "html") also has a ``document``: the parsed
source, which writes the article back in its own format (``Document.render``). Its parts are
the article laid out as plain text (one block a line), for the outputs in other formats; its
units' texts hold their inline markup in the article's syntax (``Unit.markup``, see
``translate.formats.inline``) and their links' addresses in ``Unit.refs``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from translate.errors import ArticleIdError

ARTICLE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")  # whole id: fullmatch, never `$`

#: Unit roles, in the order a reader meets them.
ROLES = (
    "headline",
    "standfirst",
    "subheading",
    "sentence",
    "list-item",
    "quote",
    "attribution",
    "credit",
    "caption",
    "image",
    "table-cell",
)


@dataclass(frozen=True)
class Unit:
    """One translation unit: a headline, a standfirst, a sentence, a list item...

    ``id`` is stable: it depends on the unit's text (and how many identical texts came
    before it in the article), never on its position, so editing one paragraph leaves
    the ids of all others as they were.
    """

    id: str
    role: str
    text: str
    paragraph: int  # 0-based index of the paragraph (the headline is paragraph 0)
    line: int  # 1-based line number in the source file
    lang: str | None = None  # set when the unit is in another language than the article
    markup: str = ""  # the syntax of the text's inline markup: "" (none), "md" or "html"
    refs: tuple[tuple[str, str], ...] = ()  # (url, title) of link [1], [2]... of the text


class Document(Protocol):
    """The parsed source of a Markdown or HTML article, which writes it back in its format."""

    source: str  # the file's text

    def render(self, translations: Mapping[str, str], lang: str | None, *,
               states: Mapping[str, str] | None = None) -> str:
        """The article in its own format, each unit with a translation translated; ``lang``
        (the target language) goes on the HTML root; with ``states`` (msgid → state: a draft
        page), an HTML page marks each unit that is not approved."""
        ...


@dataclass(frozen=True)
class Article:
    """A parsed article: its id, where it came from, its language and its parts."""

    id: str
    source: Path
    parts: tuple[str | Unit, ...]
    lang: str = "en"
    layout: str = "lines"  # "lines" (one paragraph per line) or "blank-lines"
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    format: str = "txt"  # the source's format: "txt", "md" or "html"
    document: Document | None = field(default=None, compare=False, hash=False, repr=False)

    @property
    def units(self) -> tuple[Unit, ...]:
        """The article's units in reading order."""
        return tuple(part for part in self.parts if isinstance(part, Unit))

    def reassemble(self, translations: dict[str, str] | None = None) -> str:
        """The article's text, each unit replaced by ``translations[unit.text]`` if present."""
        translations = translations or {}
        return "".join(
            part if isinstance(part, str) else translations.get(part.text) or part.text
            for part in self.parts
        )

    def source_text(self) -> str:
        """The source file's text, as read."""
        return self.document.source if self.document is not None else self.reassemble({})


def is_valid_article_id(article_id: str) -> bool:
    """True when ``article_id`` may be used as a file name in every output folder."""
    return bool(ARTICLE_ID.fullmatch(article_id)) and len(article_id) <= 200


def check_article_id(article_id: str) -> str:
    """Return ``article_id`` if it is valid (see is_valid_article_id), else raise ArticleIdError."""
    if not is_valid_article_id(article_id):
        raise ArticleIdError(
            f"{article_id!r} is not a valid article id (letters, digits, '-' and '_'); "
            "rename the source file"
        )
    return article_id

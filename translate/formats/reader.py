"""Reading an article file: refused unless it is a regular UTF-8 text file of sane size, then
read by its extension: ``.md`` as Markdown (``translate.formats.markdown``), ``.html``/``.htm`` as
HTML (``translate.formats.html``), anything else as plain text (``translate.formats.plain``)."""

from __future__ import annotations

import os
from pathlib import Path

from translate.core.fsutil import open_regular_file
from translate.errors import ArticleIdError, InputError, NotRegularFileError
from translate.formats.article import Article, is_valid_article_id
from translate.formats.html import parse_html_article
from translate.formats.inline import plain_text, read_markup
from translate.formats.markdown import parse_markdown_article
from translate.formats.plain import parse_text_article
from translate.formats.units import source_language, unit_id

#: A larger article file is refused: a wrong file, not a news article.
MAX_ARTICLE_BYTES = 16 * 1024 * 1024


def read_article(path: Path, *, source_lang: str | None = None) -> Article:
    """Read and segment one article file; InputError (naming the file) for anything unreadable."""
    path = Path(path)
    if not is_valid_article_id(path.stem):
        raise ArticleIdError(
            f"{path}: {path.stem!r} is not a valid article id (use letters, digits, '-' and '_')"
        )
    try:
        with open_regular_file(path) as handle:  # /dev/zero, a FIFO: never read
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_ARTICLE_BYTES:
                raise InputError(
                    f"{path}: {size / 2**20:.1f} MiB, too large for an article "
                    f"(at most {MAX_ARTICLE_BYTES // 2**20} MiB)"
                )
            data = handle.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not an article file") from None
    except NotRegularFileError:
        raise InputError(f"{path}: not a regular file, not an article") from None
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
    return parse_article(text, path.stem, path, source_lang=source_lang,
                         article_format=format_of(path))


#: Article formats by file extension (anything else is plain text).
EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


def format_of(path: Path) -> str:
    """The article format of a file: "md", "html" or "txt", by its extension."""
    return EXTENSIONS.get(Path(path).suffix.lower(), "txt")


def parse_document(
    text: str, article_id: str, source: Path, article_format: str, source_lang: str | None
) -> Article:
    """A Markdown or HTML article; its language checked on the text its units read."""
    parse = parse_markdown_article if article_format == "md" else parse_html_article
    article = parse(text, article_id, source, source_lang or "en", unit_id)
    if not article.units:
        raise InputError(f"{source}: no text to translate in this {article_format} article")
    if source_lang is None:
        body = "\n".join(plain_text(read_markup(unit.text, unit.markup))
                         for unit in article.units)
        source_language(body, source)
    return article


def parse_article(
    text: str, article_id: str, source: Path, *, source_lang: str | None = None,
    article_format: str = "txt",
) -> Article:
    """Segment an article's text into literal parts and units, in its ``article_format``
    ("txt", "md" or "html"). Raises ArticleIdError for an invalid id, InputError for an empty
    article and SourceLanguageError for one not in English when ``source_lang`` is None."""
    source = Path(source)
    if not is_valid_article_id(article_id):
        raise ArticleIdError(f"{source}: {article_id!r} is not a valid article id")
    if article_format != "txt":
        if not text.strip():
            raise InputError(f"{source}: empty article, nothing to translate")
        return parse_document(text, article_id, source, article_format, source_lang)
    return parse_text_article(text, article_id, source, source_lang=source_lang)

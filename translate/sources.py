"""What a run reads besides PO files: the article files (found, named, read) and the glossary."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from translate.article import Article, is_valid_article_id
from translate.errors import ArticleIdError, InputError, SourceLanguageError
from translate.glossary import Glossary
from translate.glossary_file import read_glossary
from translate.segment import read_article

#: The file extensions of articles a folder is searched for (plain text, Markdown, HTML).
ARTICLE_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")


def collect_article_paths(paths: Sequence[Path]) -> list[Path]:
    """Article files named by ``paths``: files as given, folders searched for ``*.txt``,
    ``*.md`` and ``*.html`` (also ``.markdown``, ``.htm``)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*")
                if p.suffix.lower() in ARTICLE_EXTENSIONS and p.is_file()
            )
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    ids: dict[str, Path] = {}
    for path in found:
        article_id = path.stem
        if not is_valid_article_id(article_id):
            raise ArticleIdError(
                f"{path}: {article_id!r} is not a valid article id "
                "(use letters, digits, '-' and '_'; rename the file)"
            )
        if article_id in ids and ids[article_id].resolve() != path.resolve():
            raise ArticleIdError(
                f"{path}: article id {article_id!r} is also used by {ids[article_id]}; "
                "article ids must be unique"
            )
        ids[article_id] = path
    return list(ids.values())


def read_articles(
    paths: Sequence[Path], *, source_lang: str | None = None
) -> tuple[list[Article], list[str]]:
    """Segment every article; return them and a line for each article skipped (and why)."""
    articles, skipped = [], []
    for path in collect_article_paths(paths):
        try:
            articles.append(read_article(path, source_lang=source_lang))
        except SourceLanguageError as err:
            skipped.append(str(err))
    return articles, skipped


def load_glossary(path: Path | None) -> Glossary:
    """The glossary at ``path``, or an empty one when there is no such file."""
    return read_glossary(path) if path is not None and path.exists() else Glossary.empty()

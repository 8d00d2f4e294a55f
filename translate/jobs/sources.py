"""What a run reads besides its PO files: the article files (found, named, read), the glossary
and the ``--tm`` compendia.

A file named on the command line is an article. A folder is searched, at any depth, for files
whose name ends in ``.txt``, ``.md``, ``.markdown``, ``.html`` or ``.htm`` (any case: plain text,
Markdown, HTML), except what is not an article:

* names starting with ``.`` (hidden files and folders: ``.git``, ``.venv``);
* the output and locales folders of the command (``exclude``), and any folder that is
  recognisably one of them (it holds ``review/index.html`` or a ``<lang>.zip`` bundle, or a
  ``.translate-state`` folder), so outputs of earlier runs with other options are never read;
* Python virtual environments (a folder holding ``pyvenv.cfg``), ``node_modules`` and
  ``__pycache__``;
* documents of a project rather than articles: ``README``, ``NOTES``, ``TODO``, ``LICENSE``,
  ``LICENCE``, ``COPYING``, ``AUTHORS``, ``CONTRIBUTORS``, ``CHANGELOG``, ``CHANGES``,
  ``ROBOTS``, ``CMakeLists`` (any case, any of those extensions: ``README.md`` too), and
  ``requirements*.txt``, ``constraints*.txt``;
* a symbolic link that leads out of the folder searched (to a file, or to a folder: links to
  folders are never followed), that leads nowhere or loops: skipped with a line, since a
  private file linked into an articles folder would otherwise be published. A file named
  on the command line is read wherever its links lead.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

import polib

from translate.errors import ArticleIdError, InputError, SourceLanguageError
from translate.formats.article import Article, is_valid_article_id
from translate.formats.reader import read_article
from translate.glossary.file import read_glossary
from translate.glossary.model import Glossary
from translate.lang import SUPPORTED_LANGUAGES
from translate.lang.cldr import language_name
from translate.options import DEFAULT_GLOSSARY, RunOptions
from translate.po.pofile import read_catalog
from translate.qa.catalogs import catalog_language

#: The file extensions of articles a folder is searched for (plain text, Markdown, HTML).
ARTICLE_EXTENSIONS = ("txt", "md", "markdown", "html", "htm")
#: File names (without extension, compared in lower case) that are never articles in a folder.
NOT_ARTICLES = frozenset({
    "readme", "notes", "todo", "license", "licence", "copying", "authors", "contributors",
    "changelog", "changes", "robots", "cmakelists",
})  # fmt: skip
NOT_ARTICLE_PREFIX = re.compile(r"^(?:requirements|constraints)(?:[-_.].*)?$", re.IGNORECASE)
#: Folders never searched for articles, besides hidden ones and virtual environments.
NOT_ARTICLE_FOLDERS = frozenset({"node_modules", "__pycache__"})


def is_article_name(name: str) -> bool:
    """Whether a file called ``name``, found in a folder, is taken for an article."""
    stem, dot, ext = name.rpartition(".")
    if not dot or ext.lower() not in ARTICLE_EXTENSIONS or name.startswith("."):
        return False
    return stem.lower() not in NOT_ARTICLES and not NOT_ARTICLE_PREFIX.match(stem)


def is_tool_folder(folder: Path) -> bool:
    """Whether ``folder`` is an output or a locales folder of this tool, or a virtualenv."""
    return (
        (folder / "review" / "index.html").is_file()
        or any((folder / f"{lang}.zip").is_file() for lang in SUPPORTED_LANGUAGES)
        or (folder / ".translate-state").is_dir()
        or (folder / "pyvenv.cfg").is_file()
    )


def tool_folders(options: RunOptions) -> tuple[Path, ...]:
    """The folders a command writes (never searched for articles): ``--locales``, ``--out``
    and its ``<lang>/`` and ``review/`` folders (for ``--out`` inside or equal to an articles
    folder)."""
    out = Path(options.out)
    return (options.locales, out, out / "review",
            *(out / lang for lang in SUPPORTED_LANGUAGES))


def find_articles(
    folder: Path, exclude: Sequence[Path] = (), skipped: list[str] | None = None
) -> list[Path]:
    """The article files under ``folder`` (see the module docstring), sorted; a line for
    each link left out added to ``skipped``."""
    excluded = {os.path.abspath(path) for path in exclude}
    found: list[str] = []  # strings, not Paths: an archive folder holds 100,000 articles
    left_out: list[str] = []
    for current, folders, files in os.walk(folder):
        here = Path(current)
        folders[:] = [
            name
            for name in folders
            if not name.startswith(".")
            and name not in NOT_ARTICLE_FOLDERS
            and os.path.abspath(here / name) not in excluded
            and not is_tool_folder(here / name)
        ]
        left_out += [why for name in folders if (why := link_left_out(here / name, folder))]
        for name in filter(is_article_name, files):
            path = os.path.join(current, name)
            why = link_left_out(Path(path), folder) if os.path.islink(path) else None
            found += [path] if why is None else []
            left_out += [why] if why else []
    if skipped is not None:
        skipped += sorted(left_out)
    return [Path(path) for path in sorted(found, key=_path_key) if os.path.isfile(path)]


def _path_key(path: str) -> tuple[str, ...]:
    """How pathlib orders paths (by their parts), without making Paths."""
    return tuple(path.split(os.sep))


def link_left_out(path: Path, folder: Path) -> str | None:
    """Why the entry ``path`` of the ``folder`` searched, a symbolic link, is left out
    (None: it is no link, or a link to a file inside the folder, or "" for a link to a
    folder inside it, never followed either, but said nothing of)."""
    if not path.is_symlink():
        return None
    inside = Path(os.path.realpath(folder))
    shown = path.as_posix()
    try:
        target = Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        return f"{shown}: a symbolic link that leads nowhere ({os.readlink(path)})"
    except OSError:
        return f"{shown}: a loop of symbolic links"
    if not target.is_relative_to(inside):
        what = "a folder" if target.is_dir() else "a file"
        return (f"{shown}: a symbolic link to {what} outside {folder} ({target}); "
                "name it on the command line to translate it")
    return "" if target.is_dir() else None


def collect_article_paths(
    paths: Sequence[Path], *, exclude: Sequence[Path] = (), skipped: list[str] | None = None
) -> list[Path]:
    """Article files named by ``paths``: files as given, folders searched (find_articles)
    except the folders of ``exclude`` (the command's output and locales folders); a line
    for each link left out added to ``skipped``."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += find_articles(path, exclude, skipped)
        elif path.is_file():
            found.append(path)
        elif path.exists():
            raise InputError(f"{path}: not a regular file, not an article")
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
    paths: Sequence[Path],
    *,
    source_lang: str | None = None,
    exclude: Sequence[Path] = (),
    errors: list[str] | None = None,
) -> tuple[list[Article], list[str]]:
    """Segment every article; return them and a line for each article skipped (and why).

    An article that can not be read (not UTF-8, binary) raises InputError, unless ``errors``
    is given: then its one-line message is added there and the others are read.
    """
    articles: list[Article] = []
    skipped: list[str] = []
    for path in collect_article_paths(paths, exclude=exclude, skipped=skipped):
        try:
            articles.append(read_article(path, source_lang=source_lang))
        except SourceLanguageError as err:
            skipped.append(str(err))
        except InputError as err:
            if errors is None:
                raise
            errors.append(str(err))
    return articles, skipped


def load_glossary(path: Path | None, *, required: bool = False) -> Glossary:
    """The glossary at ``path``, or an empty one when there is no such file (its ``notice``
    says so; InputError instead when the glossary is ``required``)."""
    if path is None:
        return Glossary.empty()
    if not Path(path).exists():
        if required:
            raise InputError(f"{path}: no such glossary file")
        return Glossary.empty(missing=Path(path))
    return read_glossary(path)


def load_run_glossary(options: RunOptions) -> Glossary:
    """The glossary of a run: ``options.glossary``, which must exist unless it is the default
    ``glossary.yaml`` (a project without a glossary)."""
    path = options.glossary
    return load_glossary(path, required=path is not None and Path(path) != DEFAULT_GLOSSARY)


def read_compendia(options: RunOptions, langs: Sequence[str]) -> dict[str, list[polib.POFile]]:
    """The ``--tm`` compendia, by the language each serves: its ``Language`` header (else its
    ``<lang>/LC_MESSAGES/`` folder). A compendium in none of ``langs`` is an error: its
    translations would otherwise fill entries of another language."""
    compendia: dict[str, list[polib.POFile]] = {lang: [] for lang in langs}
    for path in options.tm:
        po = read_catalog(Path(path), check_language=False)
        lang = catalog_language(po, Path(path))
        if lang not in compendia:
            header = po.metadata.get("Language") or lang
            raise InputError(
                f"{path}: a compendium in {language_name(lang)} (Language: {header}), not in "
                f"a language of this run ({', '.join(langs)}); a --tm file serves the "
                "language of its Language header"
            )
        po.fpath = options.project_path(Path(path))  # the origin its TM notes name
        compendia[lang].append(po)
    return compendia

"""What a run is told: RunOptions with the documented defaults, and the checks of its values.

``translate run`` and ``translate assemble`` build one RunOptions from their command line;
a library user builds it directly. Only standard-library imports: the CLI uses this module
while it parses options.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from translate.errors import InputError, LanguageError
from translate.lang import SOURCE_LANGUAGE, SUPPORTED_LANGUAGES, TARGET_LANGUAGES

#: What ``translate run --engine`` accepts: Argos packages, pseudo-translation, or no MT.
ENGINES = ("argos", "pseudo", "none")
#: The article files a run writes under ``<out>/<lang>/``.
ARTICLE_FORMATS = ("txt", "md", "html")
#: What ``--format`` accepts: the article files, and ``review`` for ``<out>/review/``.
FORMATS = (*ARTICLE_FORMATS, "review")

#: How many distinct texts go to the model before the finished articles are written.
DEFAULT_CHUNK_UNITS = 2048
#: How many articles a run holds in memory at once (their MT is batched together).
DEFAULT_CHUNK_ARTICLES = 500
#: The glossary a run reads when told nothing: the only glossary that may be absent.
DEFAULT_GLOSSARY = Path("glossary.yaml")
#: Where the commands look for articles when told no PATH, the first folder found: the one
#: ``translate init`` makes, then the ``seeds/`` of this repository.
ARTICLE_FOLDERS = (Path("articles"), Path("seeds"))


@dataclass(frozen=True)
class RunOptions:
    """Everything ``translate run`` can be told; defaults are the documented ones."""

    paths: tuple[Path, ...] = (Path("seeds"),)
    langs: tuple[str, ...] = TARGET_LANGUAGES
    locales: Path = Path("locales")
    out: Path = Path("build")
    glossary: Path | None = DEFAULT_GLOSSARY
    engine: str = "argos"
    models: Path | None = None
    strict: bool = False
    source_lang: str | None = None
    retranslate_mt: bool = False
    tm: tuple[Path, ...] = ()
    keep_obsolete: bool = True
    device: str = "cpu"
    beam_size: int = 2
    batch_size: int = 32
    threads: int = 0
    shard: tuple[int, int] | None = None
    formats: tuple[str, ...] = FORMATS
    min_translated: float = 80
    include_drafts: bool = False
    chunk_units: int = DEFAULT_CHUNK_UNITS
    chunk_articles: int = DEFAULT_CHUNK_ARTICLES

    @property
    def text_formats(self) -> tuple[str, ...]:
        """The article formats to write under ``<out>/<lang>/`` (``review`` is separate)."""
        return tuple(f for f in self.formats if f in ARTICLE_FORMATS)

    @property
    def replaces_pseudo(self) -> bool:
        """Whether the run's engine replaces the pseudo engine's drafts (a real one does)."""
        return self.engine == "argos"

    @property
    def review(self) -> bool:
        """Whether review pages and the review index are written."""
        return "review" in self.formats

    @property
    def root(self) -> Path:
        """The project root: the folder that holds the locales folder (absolute).

        PO references, the run state and the review pages name files relative to it, so
        they are the same whatever the working directory of the command.
        """
        return Path(os.path.abspath(self.locales)).parent

    @property
    def folders(self) -> tuple[Path, Path, Path]:
        """Where the command may write: the project root, the locales and the output folder
        (each where its own links lead; fsutil.write_scope)."""
        return (self.root, self.locales, self.out)

    def project_path(self, path: Path) -> str:
        """``path`` as the project records it: relative to ``root`` (``seeds/a.txt``), with
        ``..`` for a file outside it."""
        return Path(os.path.relpath(os.path.abspath(path), self.root)).as_posix()

    def project_paths(self, paths: Iterable[Path]) -> list[str]:
        """project_path of each of ``paths``, the relative path worked out once per folder
        (a run names 100,000 articles)."""
        root = self.root
        folders: dict[str, str] = {}
        refs = []
        for path in paths:
            folder, name = os.path.split(os.path.abspath(path))
            if folder not in folders:
                folders[folder] = Path(os.path.relpath(folder, root)).as_posix()
            refs.append(name if folders[folder] == "." else f"{folders[folder]}/{name}")
        return refs


def default_paths() -> tuple[Path, ...]:
    """The articles of a command told no PATH: the first of ARTICLE_FOLDERS in the working
    directory (InputError, with what to do, when there is none)."""
    for folder in ARTICLE_FOLDERS:
        if folder.is_dir():
            return (folder,)
    names = " or ".join(f"{folder}/" for folder in ARTICLE_FOLDERS)
    raise InputError(f"no {names} folder here: name the articles (translate run FILE_OR_FOLDER"
                     "...), or start a project with translate init DIR")


def validate_langs(langs: Iterable[str]) -> tuple[str, ...]:
    """Check each code is a supported target language; keep the given order, drop repeats."""
    result: list[str] = []
    for lang in langs:
        lang = lang.strip()
        if not lang:
            continue
        if lang not in SUPPORTED_LANGUAGES:
            raise LanguageError(
                f"unknown target language {lang!r}; supported: {', '.join(SUPPORTED_LANGUAGES)}"
            )
        if lang not in result:
            result.append(lang)
    if not result:
        raise LanguageError("no target language given")
    return tuple(result)


def validate_source_lang(
    source_lang: str | None, langs: Iterable[str] = (), engine: str | None = None
) -> str | None:
    """Check ``--source-lang``: a language code Babel knows, not one of the target ``langs``,
    and English when ``engine`` is ``argos`` (its packages translate from English only)."""
    if source_lang is None:
        return None
    # lazy: Babel (30 ms) only when asked (models doctor/fetch check --lang here without it)
    from translate.lang.cldr import babel_locale, language_name

    code = source_lang.strip()
    base = babel_locale(code).language
    name = language_name(code)
    if base in set(langs):
        raise LanguageError(
            f"--source-lang {code}: the articles are already in {name}; "
            f"leave {base} out of --lang"
        )
    if engine == "argos" and base != SOURCE_LANGUAGE:
        raise LanguageError(
            f"--source-lang {code}: the Argos engine translates from English only; use "
            "--engine none (PO files for translators) or --engine pseudo with articles in "
            f"{name}"
        )
    return code


def validate_engine(engine: str) -> str:
    """Check ``engine`` is one of ENGINES."""
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    return engine


def parse_shard(text: str) -> tuple[int, int]:
    """Parse ``K/N`` (1 <= K <= N) into (K, N)."""
    try:
        k_text, n_text = text.split("/")
        k, n = int(k_text), int(n_text)
    except ValueError as err:
        raise InputError(f"--shard {text!r}: expected K/N, for example 2/8") from err
    if not 1 <= k <= n:
        raise InputError(f"--shard {text!r}: K must be between 1 and N")
    return k, n


def in_shard(article_id: str, shard: tuple[int, int] | None) -> bool:
    """Deterministic share of article ids: the same id lands in the same shard everywhere."""
    if shard is None:
        return True
    # lazy: `translate --help` imports this module for its constants, and hashlib loads
    # OpenSSL (3.6 MiB and 5 ms more for --help, measured)
    import hashlib

    k, n = shard
    digest = hashlib.sha256(article_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % n == k - 1

"""Offline news localisation: articles to gettext PO files, translated with Argos, reassembled.

The package is a library first; ``translate.cli`` is a thin Click layer over it. The public API
(README, "Python API") is importable from here: ``from translate import RunOptions, run``.
Importing the package loads none of it: each name is imported from its module on first use
(PEP 562), so ``translate --help`` does not pay for polib, Babel or the MT engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what type checkers see; at run time __getattr__ imports on first use
    from translate.core.progress import LogProgress as LogProgress
    from translate.core.progress import Progress as Progress
    from translate.core.tables import terminal_safe as terminal_safe
    from translate.errors import ArticleIdError as ArticleIdError
    from translate.errors import CatalogError as CatalogError
    from translate.errors import GlossaryError as GlossaryError
    from translate.errors import InputError as InputError
    from translate.errors import LanguageError as LanguageError
    from translate.errors import LockError as LockError
    from translate.errors import MissingModelError as MissingModelError
    from translate.errors import ModelError as ModelError
    from translate.errors import NestingError as NestingError
    from translate.errors import NotRegularFileError as NotRegularFileError
    from translate.errors import OutsideProjectError as OutsideProjectError
    from translate.errors import PackageInstallError as PackageInstallError
    from translate.errors import SourceLanguageError as SourceLanguageError
    from translate.errors import TranslateError as TranslateError
    from translate.formats.reader import read_article as read_article
    from translate.glossary.model import Glossary as Glossary
    from translate.glossary.suggest import suggest_terms as suggest_terms
    from translate.glossary.termbase import export_glossary as export_glossary
    from translate.jobs.assemble import assemble as assemble
    from translate.jobs.assemble import reassemble as reassemble
    from translate.jobs.init import InitReport as InitReport
    from translate.jobs.init import init_project as init_project
    from translate.jobs.run import run as run
    from translate.jobs.sources import load_glossary as load_glossary
    from translate.jobs.sources import read_articles as read_articles
    from translate.jobs.summary import LanguageSummary as LanguageSummary
    from translate.jobs.summary import RunSummary as RunSummary
    from translate.lang import TARGET_LANGUAGES as TARGET_LANGUAGES
    from translate.models.convert import convert_marian as convert_marian
    from translate.models.doctor import doctor as doctor
    from translate.models.fetch import fetch_packages as fetch_packages
    from translate.models.install import install_package as install_package
    from translate.models.packages import find_packages as find_packages
    from translate.models.packages import package_dirs as package_dirs
    from translate.models.packages import render_packages as render_packages
    from translate.options import ARTICLE_FORMATS as ARTICLE_FORMATS
    from translate.options import ENGINES as ENGINES
    from translate.options import FORMATS as FORMATS
    from translate.options import RunOptions as RunOptions
    from translate.options import default_paths as default_paths
    from translate.options import parse_shard as parse_shard
    from translate.options import validate_langs as validate_langs
    from translate.options import validate_source_lang as validate_source_lang
    from translate.po.status import collect_status as collect_status
    from translate.qa.catalogs import check as check
    from translate.qa.catalogs import check_paths as check_paths

from translate.core.version import __version__

#: The public API: each name and the module that defines it.
API = {
    # what the commands accept
    "TARGET_LANGUAGES": "translate.lang",
    "ENGINES": "translate.options",
    "ARTICLE_FORMATS": "translate.options",
    "FORMATS": "translate.options",
    # translate run / translate assemble
    "RunOptions": "translate.options",
    "validate_langs": "translate.options",
    "validate_source_lang": "translate.options",
    "parse_shard": "translate.options",
    "default_paths": "translate.options",
    "run": "translate.jobs.run",
    "assemble": "translate.jobs.assemble",
    "reassemble": "translate.jobs.assemble",
    "Progress": "translate.core.progress",
    "LogProgress": "translate.core.progress",
    "RunSummary": "translate.jobs.summary",
    "LanguageSummary": "translate.jobs.summary",
    # translate init
    "init_project": "translate.jobs.init",
    "InitReport": "translate.jobs.init",
    # articles and the glossary
    "read_article": "translate.formats.reader",
    "read_articles": "translate.jobs.sources",
    "load_glossary": "translate.jobs.sources",
    "Glossary": "translate.glossary.model",
    "suggest_terms": "translate.glossary.suggest",
    "export_glossary": "translate.glossary.termbase",
    # PO files: progress and QA
    "collect_status": "translate.po.status",
    "check": "translate.qa.catalogs",
    "check_paths": "translate.qa.catalogs",
    # Argos packages
    "package_dirs": "translate.models.packages",
    "find_packages": "translate.models.packages",
    "render_packages": "translate.models.packages",
    "install_package": "translate.models.install",
    "fetch_packages": "translate.models.fetch",
    "convert_marian": "translate.models.convert",
    "doctor": "translate.models.doctor",
    # the exceptions the library raises (one line each, naming the file)
    "TranslateError": "translate.errors",
    "InputError": "translate.errors",
    "ArticleIdError": "translate.errors",
    "LanguageError": "translate.errors",
    "CatalogError": "translate.errors",
    "GlossaryError": "translate.errors",
    "ModelError": "translate.errors",
    "MissingModelError": "translate.errors",
    "PackageInstallError": "translate.errors",
    "LockError": "translate.errors",
    "SourceLanguageError": "translate.errors",
    "OutsideProjectError": "translate.errors",
    "NestingError": "translate.errors",
    "NotRegularFileError": "translate.errors",
    # the terminal
    "terminal_safe": "translate.core.tables",
}

__all__ = ["__version__", *API]


def __getattr__(name: str) -> object:
    """Import a name of the public API from its module when it is first asked for."""
    module = API.get(name)
    if module is None:
        raise AttributeError(f"module 'translate' has no attribute {name!r}")
    # Not cached in this module: a test that patches the defining module is seen here too.
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *API})

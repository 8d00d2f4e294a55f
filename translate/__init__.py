"""Offline news localisation: articles to gettext PO files, translated with Argos, reassembled.

The package is a library first; ``translate.cli`` is a thin Click layer over it. The public API
(README, "Python API") is importable from here: ``from translate import RunOptions, run``.
Importing the package loads none of it: each name is imported from its module on first use
(PEP 562), so ``translate --help`` does not pay for polib, Babel or the MT engine.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

TARGET_LANGUAGES = ("hy", "az", "he", "ru")
#: What ``translate run --engine`` accepts: Argos packages, pseudo-translation, or no MT.
ENGINES = ("argos", "pseudo", "none")
#: The article files a run writes under ``<out>/<lang>/``.
ARTICLE_FORMATS = ("txt", "md", "html")
#: What ``--format`` accepts: the article files, and ``review`` for ``<out>/review/``.
FORMATS = (*ARTICLE_FORMATS, "review")

#: The public API: each name and the module that defines it.
API = {
    # translate run / translate assemble
    "RunOptions": "translate.options",
    "validate_langs": "translate.options",
    "validate_source_lang": "translate.options",
    "parse_shard": "translate.options",
    "run": "translate.pipeline",
    "reassemble": "translate.rebuild",
    "Progress": "translate.summary",
    "LogProgress": "translate.summary",
    "RunSummary": "translate.summary",
    "LanguageSummary": "translate.summary",
    # articles and the glossary
    "read_article": "translate.segment",
    "read_articles": "translate.sources",
    "load_glossary": "translate.sources",
    "Glossary": "translate.glossary",
    "suggest_terms": "translate.suggest",
    "export_glossary": "translate.termbase",
    # PO files: progress and QA
    "collect_status": "translate.status",
    "check_paths": "translate.qa",
    # Argos packages
    "package_dirs": "translate.packages",
    "find_packages": "translate.packages",
    "render_packages": "translate.packages",
    "install_package": "translate.install",
    "fetch_packages": "translate.fetch",
    "convert_marian": "translate.convert",
    "doctor": "translate.diagnosis",
    # the terminal
    "terminal_safe": "translate.tables",
}

__all__ = ["ARTICLE_FORMATS", "ENGINES", "FORMATS", "TARGET_LANGUAGES", "__version__", *API]


def __getattr__(name: str) -> object:
    """Import a name of the public API from its module when it is first asked for."""
    module = API.get(name)
    if module is None:
        raise AttributeError(f"module 'translate' has no attribute {name!r}")
    # Not cached in this module: a test that patches the defining module is seen here too.
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *API})

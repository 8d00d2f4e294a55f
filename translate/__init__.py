"""Offline news localisation: articles to gettext PO files, translated with Argos, reassembled.

The package is a library first; ``translate.cli`` is a thin Click layer over it.
"""

__version__ = "0.1.0"

TARGET_LANGUAGES = ("hy", "az", "he", "ru")
#: What ``translate run --engine`` accepts: Argos packages, pseudo-translation, or no MT.
ENGINES = ("argos", "pseudo", "none")

__all__ = ["ENGINES", "TARGET_LANGUAGES", "__version__"]

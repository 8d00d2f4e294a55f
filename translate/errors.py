"""Library exceptions. The CLI turns each into a one-line message and a non-zero exit code."""

from os import PathLike


class TranslateError(Exception):
    """Base class of every error the library reports to the user."""


class InputError(TranslateError):
    """An input file is missing, unreadable, not UTF-8 or malformed."""


class ArticleIdError(InputError):
    """An article file name is not a valid article id, or two articles share an id."""


class LanguageError(TranslateError):
    """A language code is unknown or not supported."""


class CatalogError(TranslateError):
    """A PO file cannot be parsed or does not belong where it is."""


class GlossaryError(TranslateError):
    """glossary.yaml is malformed or inconsistent."""


class ModelError(TranslateError):
    """An Argos package is missing, invalid or fails to load."""


class MissingModelError(ModelError):
    """No Argos package is installed for a language pair."""


class PackageInstallError(ModelError):
    """An .argosmodel file was refused; the package store was left as it was."""


class LockError(TranslateError):
    """Another run holds the project lock."""


class SourceLanguageError(InputError):
    """An article is not in the source language the run expects."""


class OutsideProjectError(TranslateError):
    """A write would land outside the project and the folders the command names."""


class NestingError(InputError):
    """An input nests deeper than a library that reads it can go; ``line`` says where."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class NotRegularFileError(OSError):
    """A file to read is a FIFO, a socket or a device: reading it could block or never end."""

    def __init__(self, path: str | PathLike[str]) -> None:
        super().__init__(None, "not a regular file", str(path))

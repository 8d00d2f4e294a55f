"""The ``translate`` command: a thin Click layer over the library.

Commands parse options, call the library's public API (``translate.run``, ``translate.doctor``
...; README, "Python API"), and turn library exceptions into one-line ``click.ClickException``
messages. Exit codes: 0 success, 1 error (or --strict with a missing language pair), 2 usage
error, 3 ``check --strict`` found problems, 130 interrupted. The API is imported on first use,
inside the commands, so ``translate --help`` loads nothing but Click. This package is the only
one that imports Click: ``common`` (what every command shares), ``commands`` (the group and the
article commands), ``glossary`` and ``models`` (their command groups).
"""

from translate.cli.commands import cli

__all__ = ["cli"]

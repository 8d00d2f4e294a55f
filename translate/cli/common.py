"""What every command shares: one-line errors, option callbacks and options, JSON output, the
command group that owns the exit codes (1 error, 2 usage, 130 interrupted)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click
from click.core import ParameterSource

import translate
from translate import FORMATS, TARGET_LANGUAGES
from translate.errors import InputError, LanguageError, TranslateError

FOLDER = click.Path(path_type=Path, file_okay=False)


T = TypeVar("T")


def echo(text: str, *, err: bool = False, nl: bool = True, data: bool = False) -> None:
    """Print ``text``, control characters escaped (translate.terminal_safe); ``data`` (an
    export on standard output) is exact unless that is a terminal. All printing goes here."""
    safe = not data or (sys.stderr if err else sys.stdout).isatty()
    click.echo(translate.terminal_safe(text) if safe else text, err=err, nl=nl)


def one_line(err: TranslateError | OSError) -> click.ClickException:
    """A library error as a one-line message (exit code 1); an OSError (a folder that is a
    file, a full disk) names its file."""
    where = f"{err.filename}: " if isinstance(err, OSError) and err.filename else ""
    return click.ClickException(f"{where}{getattr(err, 'strerror', None) or err}")


def usage_checked(func: Callable[..., T], *args: Any, option: bool = True) -> T:
    """``func(*args)``, a library error turned into a usage error (exit 2): of the option
    being parsed, or (``option=False``) of the command line as a whole."""
    try:
        return func(*args)
    except (InputError, LanguageError) as err:  # not a file the command may not write
        raise (click.BadParameter if option else click.UsageError)(str(err)) from err


def split_langs(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    """Callback: ``hy,az`` → ("hy", "az"), validated."""
    return usage_checked(translate.validate_langs, value.split(","))


def check_source_lang(_ctx: click.Context, _param: click.Parameter,
                      value: str | None) -> str | None:
    """Callback: ``--source-lang`` is a language code Babel knows."""
    return usage_checked(translate.validate_source_lang, value)


def check_shard(_ctx: click.Context, _param: click.Parameter,
                value: str | None) -> tuple[int, int] | None:
    """Callback: ``--shard K/N`` as (K, N)."""
    return usage_checked(translate.parse_shard, value, option=False) if value else None


def check_glossary(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    """Callback: a ``--glossary`` given on the command line must exist; only the default
    ``glossary.yaml`` may be absent."""
    given = ctx.get_parameter_source(param.name or "") is not ParameterSource.DEFAULT
    if given and not value.exists():
        raise click.BadParameter(
            f"'{value}' does not exist (only the default {param.default} may be absent)"
        )
    return value


def split_formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    """Callback: ``txt,html`` → ("txt", "html"), each one of FORMATS."""
    formats = tuple(f.strip() for f in value.split(",") if f.strip())
    if not formats or any(f not in FORMATS for f in formats):
        raise click.BadParameter(f"choose from {', '.join(FORMATS)}")
    return formats


# Options shared by several commands (a decorator each).
lang_option = click.option(
    "--lang", "langs", default=",".join(TARGET_LANGUAGES), show_default=True,
    callback=split_langs, help="Target languages, comma-separated.",
)


locales_option = click.option(
    "--locales", type=FOLDER, default=Path("locales"), show_default=True,
    help="Folder of PO files: <locales>/<lang>/LC_MESSAGES/<article>.po.",
)


glossary_option = click.option(
    "--glossary", type=click.Path(path_type=Path, dir_okay=False),
    default=Path("glossary.yaml"), show_default=True, callback=check_glossary,
    help="Place-name glossary (YAML); the default may be absent, a file given must exist.",
)


out_option = click.option(
    "--out", type=FOLDER, default=Path("build"), show_default=True,
    help="Output folder: <out>/<lang>/<article>.*, <out>/review/, <out>/<lang>.zip.",
)


format_option = click.option(
    "--format", "formats", default=",".join(FORMATS), show_default=True, callback=split_formats,
    help="Outputs: txt, md, html (build/<lang>/), review (build/review/).",
)


min_translated_option = click.option(
    "--min-translated", type=click.FloatRange(0, 100), default=80, show_default=True,
    metavar="PCT",
    help="Only articles at least PCT % translated (approved units) go into build/<lang>.zip.",
)


include_drafts_option = click.option(
    "--include-drafts", is_flag=True,
    help="Count machine drafts as translated for the publish gate.",
)


def json_option(help: str) -> Callable[..., Any]:
    """``--json`` (parameter ``as_json``), with the command's own help."""
    return click.option("--json", "as_json", is_flag=True, help=help)


def source_lang_option(help: str) -> Callable[..., Any]:
    """``--source-lang``, with the command's own help."""
    return click.option("--source-lang", default=None, callback=check_source_lang, help=help)


def models_option(help: str) -> Callable[..., Any]:
    """``--models``: a package folder searched before the user's Argos store."""
    return click.option("--models", type=FOLDER, default=None, help=help)


def echo_json(data: Any) -> None:
    """Print ``data`` as JSON (UTF-8, not ASCII-escaped; its escapes decode to the text)."""
    echo(json.dumps(data, ensure_ascii=False, indent=2))


def echo_report(report: Any, *, as_json: bool = False) -> None:
    """Print ``report.render()`` (``report.to_json()`` with ``as_json``); exit 1 unless
    ``report.ok``."""
    echo(report.to_json() if as_json else report.render())
    if not report.ok:
        sys.exit(1)


def run_options(paths: tuple[Path, ...], langs: tuple[str, ...],
                **given: Any) -> translate.RunOptions:
    """translate.RunOptions from a command's parameters; those not given (None) keep the
    library's defaults. ``--source-lang`` must go with ``--lang`` and ``--engine``."""
    checks = (given.get("source_lang"), langs, given.get("engine"))
    usage_checked(translate.validate_source_lang, *checks, option=False)
    values = {name: value for name, value in given.items() if value is not None}
    return translate.RunOptions(paths=paths or translate.default_paths(), langs=langs, **values)


class TranslateGroup(click.Group):
    """The command group, with one exit path for errors and one for Ctrl-C.

    A library error (TranslateError, OSError) is one line and exit 1, wherever it comes
    from. Click turns a KeyboardInterrupt into "Aborted!" and exit 1; a command that was
    interrupted says so on stderr and exits 130, as shells expect of SIGINT.
    """

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Abort as err:
            if isinstance(err.__context__, KeyboardInterrupt):
                exit_interrupted()
            echo("Aborted!", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            exit_interrupted()
        except (click.ClickException, TranslateError, OSError) as err:
            shown_error(err).show()
            sys.exit(err.exit_code if isinstance(err, click.ClickException) else 1)
        except ImportError as err:
            # A C extension (CTranslate2, SentencePiece) interrupted while it initialised
            # reports "ImportError: initialization failed", caused by the KeyboardInterrupt.
            if isinstance(err.__cause__ or err.__context__, KeyboardInterrupt):
                exit_interrupted()
            raise
        sys.exit(code or 0)


def shown_error(err: click.ClickException | TranslateError | OSError) -> click.ClickException:
    """What the command line shows of ``err``: one line, its control characters escaped (it
    may quote a file name or a text), a usage error with its usage line."""
    error = err if isinstance(err, click.ClickException) else one_line(err)
    message = translate.terminal_safe(error.format_message())
    if isinstance(error, click.UsageError):
        return click.UsageError(message, error.ctx)
    return click.ClickException(message)


def exit_interrupted(message: str = "interrupted") -> None:
    """Say ``message`` on stderr and exit 130 (128 + SIGINT)."""
    echo(message, err=True)
    sys.exit(130)


PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))


def check_catalogs(paths: tuple[Path, ...], locales: Path, glossary: Path, langs: Any) -> Any:
    """QA of the PO files under ``paths`` (default: ``locales``) against ``glossary``."""
    terms = translate.load_glossary(glossary)
    return translate.check(list(paths) or [locales], glossary=terms, langs=langs)

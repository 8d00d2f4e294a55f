"""The ``translate`` command: a thin Click layer over the library.

Commands parse options, call the library's public API (``translate.run``, ``translate.doctor``
...; README, "Python API"), and turn library exceptions into one-line ``click.ClickException``
messages. Exit codes: 0 success, 1 error (or --strict with a missing language pair), 2 usage
error, 3 ``check --strict`` found problems, 130 interrupted. The API is imported on first use,
inside the commands, so ``translate --help`` loads nothing but Click.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

import translate
from translate import ENGINES, FORMATS, TARGET_LANGUAGES, __version__
from translate.errors import InputError, LanguageError, TranslateError

FOLDER = click.Path(path_type=Path, file_okay=False)


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


def usage_checked(func: Callable[..., Any], *args: Any, option: bool = True) -> Any:
    """``func(*args)``, a library error turned into a usage error (exit 2): of the option
    being parsed, or (``option=False``) of the command line as a whole."""
    try:
        return func(*args)
    except (InputError, LanguageError) as err:  # not a file the command may not write
        raise (click.BadParameter if option else click.UsageError)(str(err)) from err


def split_langs(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    """Callback: ``hy,az`` → ("hy", "az"), validated."""
    return usage_checked(translate.validate_langs, value.split(","))


def check_source_lang(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    """Callback: ``--source-lang`` is a language code Babel knows."""
    return usage_checked(translate.validate_source_lang, value)


def check_shard(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
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


def echo_report(report: Any) -> None:
    """Print ``report.render()``; exit 1 unless ``report.ok``."""
    echo(report.render())
    if not report.ok:
        sys.exit(1)


def run_options(paths: tuple[Path, ...], langs: tuple[str, ...], **given: Any) -> Any:
    """translate.RunOptions from a command's parameters; those not given (None) keep the
    library's defaults. ``--source-lang`` must go with ``--lang`` and ``--engine``."""
    checks = (given.get("source_lang"), langs, given.get("engine"))
    usage_checked(translate.validate_source_lang, *checks, option=False)
    values = {name: value for name, value in given.items() if value is not None}
    return translate.RunOptions(paths=paths or (Path("seeds"),), langs=langs, **values)


class TranslateGroup(click.Group):
    """The command group, with one exit path for errors and one for Ctrl-C.

    A library error (TranslateError, OSError) is one line and exit 1, wherever it comes
    from. Click turns a KeyboardInterrupt into "Aborted!" and exit 1; a command that was
    interrupted says so on stderr and exits 130, as shells expect of SIGINT.
    """

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.Abort as err:
            if isinstance(err.__context__, KeyboardInterrupt):
                exit_interrupted()
            echo("Aborted!", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            exit_interrupted()
        except (click.ClickException, TranslateError, OSError) as err:
            shown = err if isinstance(err, click.ClickException) else one_line(err)
            shown.message = translate.terminal_safe(shown.message)  # it may quote a file name
            shown.show()
            sys.exit(shown.exit_code)
        except ImportError as err:
            # A C extension (CTranslate2, SentencePiece) interrupted while it initialised
            # reports "ImportError: initialization failed", caused by the KeyboardInterrupt.
            if isinstance(err.__cause__ or err.__context__, KeyboardInterrupt):
                exit_interrupted()
            raise
        sys.exit(code or 0)


def exit_interrupted(message: str = "interrupted") -> None:
    """Say ``message`` on stderr and exit 130 (128 + SIGINT)."""
    echo(message, err=True)
    sys.exit(130)


@click.group(cls=TranslateGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="translate")
def cli() -> None:
    """Offline news localisation: articles → PO files → Argos MT → localized articles.

    \b
    Typical day:
      translate run seeds/          segment, translate and reassemble every article
      translate status              how far each article is, per language
      translate check --lang he     QA findings in the Hebrew PO files
      translate assemble            rebuild outputs after translators edited PO files

    Nothing here uses the network, except `translate models fetch` when you ask for it.
    """


class BarProgress:
    """Progress for ``translate run`` on a terminal: a bar per language, with units/s."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.done = 0
        self.started = 0.0

    def start(self, lang: str, total: int) -> None:
        self.done, self.started = 0, time.monotonic()
        if total:
            self.bar = click.progressbar(
                length=total, label=f"en→{lang}", file=sys.stderr, show_pos=True, show_eta=True,
                item_show_func=lambda _: f"{self.rate():.1f} units/s",
            )
            self.bar.__enter__()

    def rate(self) -> float:
        """Units per second since the language started."""
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def advance(self, lang: str, count: int) -> None:
        self.done += count
        if self.bar is not None:
            self.bar.update(count, current_item=lang)

    def finish(self, lang: str) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def terminal_progress(quiet: bool) -> Any:
    """Progress for ``translate run`` on stderr: a bar per language on a terminal, otherwise
    log lines (translate.LogProgress); nothing with ``quiet``."""
    if quiet:
        return translate.Progress()
    if sys.stderr.isatty():
        return BarProgress()
    return translate.LogProgress(lambda line: echo(line, err=True))


PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))


@cli.command()
@PATHS
@lang_option
@locales_option
@out_option
@glossary_option
@click.option(
    "--engine", type=click.Choice(ENGINES), default="argos", show_default=True,
    help="argos: offline Argos packages; pseudo: visibly marked pseudo-translation; none: no MT.",
)
@models_option(
    "Extra Argos package folder, searched before the user's package store "
    "(ARGOS_PACKAGES_DIR or ~/.local/share/argos-translate/packages)."
)
@click.option("--strict", is_flag=True, help="Exit 1 when a language pair has no package.")
@source_lang_option(
    "The language of the articles (no detection); Argos MT needs en, other languages need "
    "--engine none or pseudo."
)
@click.option("--retranslate-mt", is_flag=True,
              help="Re-translate existing machine drafts (never approved).")
@click.option("--tm", multiple=True, type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Compendium PO file used as translation memory (repeatable).")
@click.option("--drop-obsolete", "keep_obsolete", flag_value=False, default=True,
              help="Drop entries whose unit left the article (default: #~).")
@click.option(
    "--device", type=click.Choice(["cpu", "cuda", "auto"]), default="cpu", show_default=True,
    help="Where the model runs (cuda needs a GPU build of CTranslate2).",
)
@click.option("--beam-size", type=click.IntRange(1, 16), default=2, show_default=True,
              help="Beam search width (1: greedy, twice as fast; Argos itself uses 4).")
@click.option("--batch-size", type=click.IntRange(1, 4096), default=32, show_default=True,
              help="Texts per CTranslate2 batch.")
@click.option("--threads", type=click.IntRange(0, 256), default=0, show_default=True,
              help="CPU threads for the model (0: one per core).")
@click.option("--shard", metavar="K/N", callback=check_shard,
              help="Take only shard K of N (by article id); see docs/BATCH.md.")
@format_option
@min_translated_option
@include_drafts_option
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
@click.option("--chunk-units", type=click.IntRange(1), default=None, hidden=True,
              help="Distinct texts per MT call; finished articles are written after each call.")
def run(paths: tuple[Path, ...], langs: tuple[str, ...], quiet: bool, **kw: Any) -> None:
    """Segment, translate and reassemble every article under PATHS (default: seeds/).

    Writes locales/<lang>/LC_MESSAGES/<article>.po (machine drafts marked fuzzy; nothing a
    translator wrote is overwritten), build/<lang>/<article>.txt, .md and .html, review
    pages under build/review/ and the publish-gated build/<lang>.zip (which, like the
    review index, keeps the articles and languages of earlier runs).
    """
    options = run_options(paths, langs, **kw)
    try:
        summary = translate.run(options, terminal_progress(quiet))
    except KeyboardInterrupt:
        exit_interrupted(
            "interrupted: every PO file written so far is complete; run the same command "
            "again to translate what is still missing"
        )
    echo_report(summary)
    if options.strict and summary.missing_pairs:
        echo(f"--strict: missing language pairs: {', '.join(sorted(summary.missing_pairs))}",
             err=True)
        sys.exit(1)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@json_option("One JSON object per line per unit.")
@source_lang_option("Accept an article in another language.")
def segment(file: Path, as_json: bool, source_lang: str | None) -> None:
    """Show how FILE splits into translation units (ids, roles, paragraphs)."""
    article = translate.read_article(file, source_lang=source_lang)
    for unit in article.units:
        record = {"article": article.id, "unit": unit.id, "role": unit.role,
                  "paragraph": unit.paragraph, "line": unit.line,
                  "lang": unit.lang or article.lang, "text": unit.text}
        echo(json.dumps(record, ensure_ascii=False) if as_json
             else f"{unit.line:>4} {unit.role:<11} {unit.id}  {unit.text}")


@cli.command()
@PATHS
@lang_option
@locales_option
@out_option
@glossary_option
@format_option
@min_translated_option
@include_drafts_option
@source_lang_option(
    "Include articles detected as another language than English (as run --source-lang)."
)
def assemble(paths: tuple[Path, ...], langs: tuple[str, ...], **kw: Any) -> None:
    """Rebuild articles, review pages and bundles from the PO files as they are (no MT).

    The bundles and the review index keep the articles and languages of earlier runs that
    PATHS and --lang do not name.
    """
    summary = translate.reassemble(run_options(paths, langs, **kw))
    echo_report(summary)


@cli.command()
@lang_option
@locales_option
@json_option("Machine-readable output.")
@click.option("--drafts", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many of the least confident machine drafts to list (0: none).")
def status(langs: tuple[str, ...], locales: Path, as_json: bool, drafts: int) -> None:
    """Units and words per state, per article; the drafts MT was least sure of first."""
    result = translate.collect_status(locales, langs)
    echo_json(result.to_json()) if as_json else echo(result.render(drafts))
    if result.problems:  # an unreadable PO file: counted as nothing, so say it with the code
        sys.exit(1)


def check_catalogs(paths: tuple[Path, ...], locales: Path, glossary: Path, langs: Any) -> Any:
    """QA of the PO files under ``paths`` (default: ``locales``) against ``glossary``."""
    terms = translate.load_glossary(glossary)
    return translate.check_paths(list(paths) or [locales], glossary=terms, langs=langs)


@cli.command()
@PATHS
@lang_option
@locales_option
@glossary_option
@json_option("Findings as a JSON list.")
@click.option("--strict", is_flag=True, help="Exit 3 when anything is found.")
def check(
    paths: tuple[Path, ...], langs: tuple[str, ...], locales: Path, glossary: Path,
    as_json: bool, strict: bool,
) -> None:
    """QA every translated entry of the PO files (default: all under --locales)."""
    report = check_catalogs(paths, locales, glossary, langs)
    echo(report.to_json() if as_json else report.render())  # to_json: already JSON text
    if strict and report.findings:
        sys.exit(3)


@cli.group("glossary")
def glossary_group() -> None:
    """The place-name glossary: check translations against it, suggest new terms, export it."""


@glossary_group.command("check")
@PATHS
@lang_option
@locales_option
@glossary_option
@json_option("Findings as a JSON list.")
def glossary_check(
    paths: tuple[Path, ...], langs: tuple[str, ...], locales: Path, glossary: Path,
    as_json: bool,
) -> None:
    """Report every PO entry (machine or human) that breaks the glossary; exit 3 if any."""
    if not glossary.exists():  # else every entry would pass: say so instead
        raise click.ClickException(
            f"{glossary}: no such file; glossary check needs a glossary (--glossary FILE)"
        )
    report = check_catalogs(paths, locales, glossary, langs)
    found = [f for f in report.findings if f.finding.code == "glossary"]
    if as_json:
        echo_json([item for item in json.loads(report.to_json()) if item["code"] == "glossary"])
    else:
        for item in found:
            echo(f"{item.file}:{item.line}: {item.finding.message}")
        echo(f"{len(found)} glossary problem(s)")
    if found:
        sys.exit(3)


@glossary_group.command("suggest")
@PATHS
@glossary_option
@click.option(
    "--limit", type=click.IntRange(1), default=50, show_default=True,
    help="Show at most this many names, most frequent first.",
)
def glossary_suggest(paths: tuple[Path, ...], glossary: Path, limit: int) -> None:
    """Names in the articles (default: seeds/) that the glossary does not cover yet."""
    terms = translate.load_glossary(glossary)
    articles, _skipped = translate.read_articles(paths or (Path("seeds"),))
    suggestions = translate.suggest_terms([u.text for a in articles for u in a.units], terms)
    for name, count in suggestions[:limit]:
        echo(f"{count:>5}  {name}")
    if not suggestions:
        echo("every name found is in the glossary")


@glossary_group.command("export")
@glossary_option
@click.option("--format", "fmt", type=click.Choice(["tbx", "csv"]), default="tbx",
              show_default=True, help="TBX (any number of languages) or CSV (one language).")
@lang_option
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to FILE (default: standard output).")
@click.option("--spreadsheet-safe", "safe", is_flag=True, help="CSV to open in a spreadsheet: "
              "a field starting with = + - @, tab or CR gets a leading ' (default: exact text).")
def glossary_export(glossary: Path, fmt: str, langs: Any, output: Path | None, safe: bool) -> None:
    """The glossary as TBX or CSV, for Weblate, Translate Toolkit and other tools."""
    terms = translate.load_glossary(glossary, required=True)
    text = usage_checked(translate.export_glossary, terms, fmt, langs, output, safe, option=False)
    echo(text if output is None else f"wrote {output}", nl=output is not None,
         err=output is not None, data=output is None)


store_option = models_option(
    "Argos package folder (default: ARGOS_PACKAGES_DIR or "
    "~/.local/share/argos-translate/packages)."
)


@cli.group()
def models() -> None:
    """Argos language packages: list, install, fetch, convert, doctor."""


@models.command("list")
@store_option
def models_list(models: Path | None) -> None:
    """List installed packages: pair, name, version, size, path; then unusable folders."""
    dirs = translate.package_dirs(models)
    echo(translate.render_packages(translate.find_packages(dirs), dirs))


@models.command("install")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@store_option
@click.option("--force", is_flag=True, help="Install even when it is older than the installed one.")
def models_install(files: tuple[Path, ...], models: Path | None, force: bool) -> None:
    """Validate and install local .argosmodel FILES (nothing is written for a bad file)."""
    store = translate.package_dirs(models)[0]
    for file in files:
        info = translate.install_package(file, store, force=force)
        echo(f"installed {info.from_code}→{info.to_code} {info.name} {info.version}")


@models.command("fetch")
@lang_option
@store_option
@click.option("--index", "index_url", default=None, help="Package index URL (Argos format).")
@click.option(
    "--timeout", type=click.FloatRange(1), default=30, show_default=True,
    help="Seconds to wait for the network before giving up on a pair.",
)
def models_fetch(
    langs: tuple[str, ...], models: Path | None, index_url: str | None, timeout: float
) -> None:
    """Download missing pairs from the Argos package index (the only command using the network).

    Pairs the index does not have (en→hy) are reported with what to do instead.
    """
    store = translate.package_dirs(models)[0]
    report = translate.fetch_packages(langs, store, index_url=index_url, timeout=timeout)
    echo_report(report)


@models.command("convert")
@click.argument("model_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--from", "source", default="en", show_default=True, help="Source language.")
@click.option("--to", "target", required=True, help="Target language, e.g. hy.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True)
@click.option("--version", "version", default="1.0", show_default=True, help="Package version.")
@click.option(
    "--license", "license_", default=None, help="Licence to record (else read from README)."
)
@click.option(
    "--kind", type=click.Choice(["auto", "marian", "opus-mt", "transformers"]), default="auto",
    show_default=True,
)
@click.option("--quantization", default=None, help="CTranslate2 quantization, e.g. int8.")
def models_convert(
    model_dir: Path, source: str, target: str, output: Path, version: str,
    license_: str | None, kind: str, quantization: str | None,
) -> None:
    """Convert an OPUS-MT/Marian (or Hugging Face) MODEL_DIR into an .argosmodel package."""
    path = translate.convert_marian(
        model_dir, output, source=source, target=target, version=version,
        license=license_, kind=kind, quantization=quantization,
    )
    echo(f"wrote {path}; install it with: translate models install {path}")


@models.command("doctor")
@lang_option
@store_option
def models_doctor(langs: tuple[str, ...], models: Path | None) -> None:
    """For each target language: installed package, a test translation, or what to do."""
    report = translate.doctor(langs, translate.package_dirs(models))
    echo_report(report)

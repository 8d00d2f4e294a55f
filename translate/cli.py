"""The ``translate`` command: a thin Click layer over the library.

Commands parse options, call the library, and turn library exceptions into one-line
``click.ClickException`` messages. Exit codes: 0 success, 1 error (or --strict with a missing
language pair), 2 usage error, 3 ``check --strict`` found problems, 130 interrupted.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from translate import ENGINES, TARGET_LANGUAGES, __version__
from translate.errors import TranslateError

DEFAULT_LANGS = ",".join(TARGET_LANGUAGES)


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn library errors into one-line messages with exit code 1."""
    try:
        yield
    except TranslateError as err:
        raise click.ClickException(str(err)) from err
    except OSError as err:  # a folder that is a file, a full disk, no permission...
        where = f"{err.filename}: " if err.filename else ""
        raise click.ClickException(f"{where}{err.strerror or err}") from err


def split_langs(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    """Callback: ``hy,az`` → ("hy", "az"), validated."""
    from translate.pipeline import validate_langs

    try:
        return validate_langs(value.split(","))
    except TranslateError as err:
        raise click.BadParameter(str(err)) from err


def split_formats(allowed: tuple[str, ...]) -> Callable[..., tuple[str, ...]]:
    """Callback factory: ``txt,html`` → ("txt", "html"), each one of ``allowed``."""

    def callback(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
        formats = tuple(f.strip() for f in value.split(",") if f.strip())
        unknown = [f for f in formats if f not in allowed]
        if unknown or not formats:
            raise click.BadParameter(f"choose from {', '.join(allowed)}")
        return formats

    return callback


def lang_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--lang``, shared by every command that works per target language."""
    return click.option(
        "--lang",
        "langs",
        default=DEFAULT_LANGS,
        show_default=True,
        callback=split_langs,
        help="Target languages, comma-separated.",
    )(func)


def locales_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--locales``, the folder of PO files."""
    return click.option(
        "--locales",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("locales"),
        show_default=True,
        help="Folder of PO files: <locales>/<lang>/LC_MESSAGES/<article>.po.",
    )(func)


def glossary_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--glossary``, the place-name glossary."""
    return click.option(
        "--glossary",
        type=click.Path(path_type=Path, dir_okay=False),
        default=Path("glossary.yaml"),
        show_default=True,
        help="Place-name glossary (YAML); ignored when the file does not exist.",
    )(func)


def echo_json(data: Any) -> None:
    """Print ``data`` as JSON (UTF-8, not ASCII-escaped)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


class TranslateGroup(click.Group):
    """The command group, with one exit path for Ctrl-C wherever it lands: exit 130.

    Click turns a KeyboardInterrupt into "Aborted!" and exit 1; a command that was
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
            click.echo("Aborted!", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            exit_interrupted()
        except click.ClickException as err:
            err.show()
            sys.exit(err.exit_code)
        except ImportError as err:
            # A C extension (CTranslate2, SentencePiece) interrupted while it initialised
            # reports "ImportError: initialization failed", caused by the KeyboardInterrupt.
            if isinstance(err.__cause__ or err.__context__, KeyboardInterrupt):
                exit_interrupted()
            raise
        sys.exit(code or 0)


def exit_interrupted(message: str = "interrupted") -> None:
    """Say ``message`` on stderr and exit 130 (128 + SIGINT)."""
    click.echo(message, err=True)
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


FORMATS = ("txt", "md", "html", "review")


def format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--format``: which outputs to write under the output folder."""
    return click.option(
        "--format",
        "formats",
        default=",".join(FORMATS),
        show_default=True,
        callback=split_formats(FORMATS),
        help="Outputs: txt, md, html (build/<lang>/), review (build/review/).",
    )(func)


def gate_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--min-translated`` and ``--include-drafts``: the publish gate of the zip bundles."""
    func = click.option(
        "--include-drafts",
        is_flag=True,
        help="Count machine drafts as translated for the publish gate.",
    )(func)
    return click.option(
        "--min-translated",
        type=click.FloatRange(0, 100),
        default=80,
        show_default=True,
        metavar="PCT",
        help="Only articles at least PCT % translated (approved units) go into build/<lang>.zip.",
    )(func)


def out_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--out``: where assembled articles, review pages and bundles go."""
    return click.option(
        "--out",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("build"),
        show_default=True,
        help="Output folder: <out>/<lang>/<article>.*, <out>/review/, <out>/<lang>.zip.",
    )(func)


class TerminalProgress:
    """Progress for ``translate run`` on stderr: a bar per language on a terminal, otherwise
    a log line when a language starts, at most one every ``interval`` seconds while it runs,
    and one when it ends; nothing with ``quiet``."""

    def __init__(
        self,
        quiet: bool,
        *,
        interval: float = 10.0,
        tty: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty() if tty is None else tty
        self.interval = interval
        self.clock = clock
        self.bar: Any = None
        self.done = 0
        self.total = 0
        self.started = 0.0
        self.logged = 0.0

    def start(self, lang: str, total: int) -> None:
        self.done, self.total = 0, total
        self.started = self.logged = self.clock()
        if self.quiet or not total:
            return
        if self.tty:
            self.bar = click.progressbar(
                length=total,
                label=f"en→{lang}",
                file=sys.stderr,
                show_pos=True,
                show_eta=True,
                item_show_func=lambda _: f"{self.rate():.1f} units/s",
            )
            self.bar.__enter__()
        else:
            click.echo(f"en→{lang}: translating {total} distinct units", err=True)

    def rate(self) -> float:
        """Units per second since the language started."""
        elapsed = self.clock() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def line(self, lang: str) -> str:
        """``en→ru: 120/400 units (30%), 12.5 units/s, ETA 0:00:22``."""
        rate = self.rate()
        percent = 100 * self.done // self.total if self.total else 100
        text = f"en→{lang}: {self.done}/{self.total} units ({percent}%), {rate:.1f} units/s"
        if self.done < self.total and rate > 0:
            seconds = round((self.total - self.done) / rate)
            text += f", ETA {seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        return text

    def advance(self, lang: str, count: int) -> None:
        self.done += count
        if self.quiet or not self.total:
            return
        if self.bar is not None:
            self.bar.update(count, current_item=lang)
        elif self.done < self.total and self.clock() - self.logged >= self.interval:
            self.logged = self.clock()
            click.echo(self.line(lang), err=True)

    def finish(self, lang: str) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
        elif not self.quiet and self.total:
            elapsed = self.clock() - self.started
            click.echo(f"{self.line(lang)}, done in {elapsed:.1f} s", err=True)
        self.total = 0

    def note(self, message: str) -> None:
        if not self.quiet:
            click.echo(message, err=True)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@lang_option
@locales_option
@out_option
@glossary_option
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="argos",
    show_default=True,
    help="argos: offline Argos packages; pseudo: visibly marked pseudo-translation; none: no MT.",
)
@click.option(
    "--models",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Extra Argos package folder, searched before the user's package store "
    "(ARGOS_PACKAGES_DIR or ~/.local/share/argos-translate/packages).",
)
@click.option("--strict", is_flag=True, help="Exit 1 when a language pair has no package.")
@click.option(
    "--source-lang",
    default=None,
    help="Translate articles even when they are detected as another language than English.",
)
@click.option(
    "--retranslate-mt", is_flag=True, help="Re-translate existing machine drafts (never approved)."
)
@click.option(
    "--tm",
    "tm",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Compendium PO file used as translation memory (repeatable).",
)
@click.option(
    "--drop-obsolete", is_flag=True, help="Drop entries whose unit left the article (default: #~)."
)
@click.option(
    "--device",
    type=click.Choice(["cpu", "cuda", "auto"]),
    default="cpu",
    show_default=True,
    help="Where the model runs (cuda needs a GPU build of CTranslate2).",
)
@click.option(
    "--beam-size", type=click.IntRange(1, 16), default=2, show_default=True,
    help="Beam search width (1: greedy, twice as fast; Argos itself uses 4).",
)
@click.option(
    "--batch-size", type=click.IntRange(1, 4096), default=32, show_default=True,
    help="Texts per CTranslate2 batch.",
)
@click.option(
    "--threads", type=click.IntRange(0, 256), default=0, show_default=True,
    help="CPU threads for the model (0: one per core).",
)
@click.option(
    "--shard", default=None, metavar="K/N",
    help="Take only shard K of N (by article id); see docs/BATCH.md.",
)
@format_option
@gate_options
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
@click.option(
    "--chunk-units",
    type=click.IntRange(1),
    default=None,
    hidden=True,
    help="Distinct texts per MT call; finished articles are written after each call.",
)
def run(paths: tuple[Path, ...], langs: tuple[str, ...], **kw: Any) -> None:
    """Segment, translate and reassemble every article under PATHS (default: seeds/).

    Writes locales/<lang>/LC_MESSAGES/<article>.po (machine drafts marked fuzzy; nothing a
    translator wrote is overwritten), build/<lang>/<article>.txt, .md and .html, review
    pages under build/review/ and the publish-gated build/<lang>.zip (which, like the
    review index, keeps the unchanged articles of earlier runs).
    """
    from translate import pipeline

    with reported_errors():
        options = pipeline.RunOptions(
            paths=paths or (Path("seeds"),),
            langs=langs,
            locales=kw["locales"],
            out=kw["out"],
            glossary=kw["glossary"],
            engine=kw["engine"],
            models=kw["models"],
            strict=kw["strict"],
            source_lang=kw["source_lang"],
            retranslate_mt=kw["retranslate_mt"],
            tm=kw["tm"],
            keep_obsolete=not kw["drop_obsolete"],
            device=kw["device"],
            beam_size=kw["beam_size"],
            batch_size=kw["batch_size"],
            threads=kw["threads"],
            shard=pipeline.parse_shard(kw["shard"]) if kw["shard"] else None,
            formats=kw["formats"],
            min_translated=kw["min_translated"],
            include_drafts=kw["include_drafts"],
            chunk_units=kw["chunk_units"] or pipeline.DEFAULT_CHUNK_UNITS,
        )
        try:
            summary = pipeline.run(options, TerminalProgress(kw["quiet"]))
        except KeyboardInterrupt:
            exit_interrupted(
                "interrupted: every PO file written so far is complete; run the same command "
                "again to translate what is still missing"
            )
    click.echo(summary.render())
    if not summary.ok:
        sys.exit(1)
    if kw["strict"] and summary.missing_pairs:
        click.echo(
            f"--strict: missing language pairs: {', '.join(sorted(summary.missing_pairs))}",
            err=True,
        )
        sys.exit(1)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line per unit.")
@click.option("--source-lang", default=None, help="Accept an article in another language.")
def segment(file: Path, as_json: bool, source_lang: str | None) -> None:
    """Show how FILE splits into translation units (ids, roles, paragraphs)."""
    from translate.segment import read_article

    with reported_errors():
        article = read_article(file, source_lang=source_lang)
    for unit in article.units:
        if as_json:
            record = {
                "article": article.id,
                "unit": unit.id,
                "role": unit.role,
                "paragraph": unit.paragraph,
                "line": unit.line,
                "lang": unit.lang or article.lang,
                "text": unit.text,
            }
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            click.echo(f"{unit.line:>4} {unit.role:<11} {unit.id}  {unit.text}")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@lang_option
@locales_option
@out_option
@glossary_option
@format_option
@gate_options
@click.option(
    "--source-lang",
    default=None,
    help="Include articles detected as another language than English (as run --source-lang).",
)
def assemble(paths: tuple[Path, ...], langs: tuple[str, ...], **kw: Any) -> None:
    """Rebuild articles, review pages and bundles from the PO files as they are (no MT)."""
    from translate import pipeline

    with reported_errors():
        options = pipeline.RunOptions(
            paths=paths or (Path("seeds"),),
            langs=langs,
            locales=kw["locales"],
            out=kw["out"],
            glossary=kw["glossary"],
            formats=kw["formats"],
            min_translated=kw["min_translated"],
            include_drafts=kw["include_drafts"],
            source_lang=kw["source_lang"],
        )
        summary = pipeline.assemble(options)
    click.echo(summary.render())
    if not summary.ok:
        sys.exit(1)


@cli.command()
@lang_option
@locales_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def status(langs: tuple[str, ...], locales: Path, as_json: bool) -> None:
    """Units and words per state (approved, machine, review, untranslated), per article."""
    from translate.status import collect_status

    with reported_errors():
        result = collect_status(locales, langs)
    if as_json:
        echo_json(result.to_json())
    else:
        click.echo(result.render())
    if result.problems:  # an unreadable PO file: counted as nothing, so say it with the code
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@lang_option
@locales_option
@glossary_option
@click.option("--json", "as_json", is_flag=True, help="Findings as a JSON list.")
@click.option("--strict", is_flag=True, help="Exit 3 when anything is found.")
def check(
    paths: tuple[Path, ...], langs: tuple[str, ...], locales: Path, glossary: Path,
    as_json: bool, strict: bool,
) -> None:
    """QA every translated entry of the PO files (default: all under --locales)."""
    from translate import qa
    from translate.pipeline import load_glossary

    with reported_errors():
        report = qa.check_paths(
            list(paths) or [locales], glossary=load_glossary(glossary), langs=langs
        )
    if as_json:
        click.echo(report.to_json())  # already JSON text (qa.Report.to_json)
    else:
        click.echo(report.render())
    if strict and report.findings:
        sys.exit(3)


@cli.group("glossary")
def glossary_group() -> None:
    """The place-name glossary: check translations against it, suggest new terms."""


@glossary_group.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@lang_option
@locales_option
@glossary_option
@click.option("--json", "as_json", is_flag=True, help="Findings as a JSON list.")
def glossary_check(
    paths: tuple[Path, ...], langs: tuple[str, ...], locales: Path, glossary: Path,
    as_json: bool,
) -> None:
    """Report every PO entry (machine or human) that breaks the glossary; exit 3 if any."""
    from translate import qa
    from translate.pipeline import load_glossary

    with reported_errors():
        terms = load_glossary(glossary)
        report = qa.check_paths(list(paths) or [locales], glossary=terms, langs=langs)
    found = [f for f in report.findings if f.finding.code == "glossary"]
    if as_json:
        echo_json([item for item in json.loads(report.to_json()) if item["code"] == "glossary"])
    else:
        for item in found:
            click.echo(f"{item.file}:{item.line}: {item.finding.message}")
        click.echo(f"{len(found)} glossary problem(s)")
    if found:
        sys.exit(3)


@glossary_group.command("suggest")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@glossary_option
@click.option(
    "--limit", type=click.IntRange(1), default=50, show_default=True,
    help="Show at most this many names, most frequent first.",
)
def glossary_suggest(paths: tuple[Path, ...], glossary: Path, limit: int) -> None:
    """Names in the articles (default: seeds/) that the glossary does not cover yet."""
    from translate.glossary import suggest_terms
    from translate.pipeline import load_glossary, read_articles

    with reported_errors():
        terms = load_glossary(glossary)
        articles, _skipped = read_articles(paths or (Path("seeds"),))
        suggestions = suggest_terms([u.text for a in articles for u in a.units], terms)
    for name, count in suggestions[:limit]:
        click.echo(f"{count:>5}  {name}")
    if not suggestions:
        click.echo("every name found is in the glossary")


def package_dirs_for(models: Path | None) -> list[Path]:
    """The package folders searched: ``--models`` first, then the user's Argos store."""
    from translate.engine import package_dirs

    return package_dirs(models)


def models_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--models``: the package folder to use instead of / before the Argos store."""
    return click.option(
        "--models",
        type=click.Path(path_type=Path, file_okay=False),
        default=None,
        help="Argos package folder (default: ARGOS_PACKAGES_DIR or "
        "~/.local/share/argos-translate/packages).",
    )(func)


@cli.group()
def models() -> None:
    """Argos language packages: list, install, fetch, convert, doctor."""


@models.command("list")
@models_option
def models_list(models: Path | None) -> None:
    """List installed packages: pair, name, version, size, path."""
    from translate.packages import find_packages, render_packages

    with reported_errors():
        click.echo(render_packages(find_packages(package_dirs_for(models))))


@models.command("install")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@models_option
@click.option("--force", is_flag=True, help="Install even when it is older than the installed one.")
def models_install(files: tuple[Path, ...], models: Path | None, force: bool) -> None:
    """Validate and install local .argosmodel FILES (nothing is written for a bad file)."""
    from translate.models import install_package

    store = package_dirs_for(models)[0]
    with reported_errors():
        for file in files:
            info = install_package(file, store, force=force)
            click.echo(f"installed {info.from_code}→{info.to_code} {info.name} {info.version}")


@models.command("fetch")
@lang_option
@models_option
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
    from translate.models import fetch_packages

    with reported_errors():
        report = fetch_packages(
            langs, package_dirs_for(models)[0], index_url=index_url, timeout=timeout
        )
    click.echo(report.render())
    if not report.ok:
        sys.exit(1)


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
    "--kind",
    type=click.Choice(["auto", "marian", "opus-mt", "transformers"]),
    default="auto",
    show_default=True,
)
@click.option("--quantization", default=None, help="CTranslate2 quantization, e.g. int8.")
def models_convert(
    model_dir: Path, source: str, target: str, output: Path, version: str,
    license_: str | None, kind: str, quantization: str | None,
) -> None:
    """Convert an OPUS-MT/Marian (or Hugging Face) MODEL_DIR into an .argosmodel package."""
    from translate.models import convert_marian

    with reported_errors():
        path = convert_marian(
            model_dir, output, source=source, target=target, version=version,
            license=license_, kind=kind, quantization=quantization,
        )
    click.echo(f"wrote {path}; install it with: translate models install {path}")


@models.command("doctor")
@lang_option
@models_option
def models_doctor(langs: tuple[str, ...], models: Path | None) -> None:
    """For each target language: installed package, a test translation, or what to do."""
    from translate.models import doctor

    with reported_errors():
        report = doctor(langs, package_dirs_for(models))
    click.echo(report.render())
    if not report.ok:
        sys.exit(1)

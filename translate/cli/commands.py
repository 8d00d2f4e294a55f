"""The ``translate`` command group and its article commands: run, segment, assemble, status,
check (the glossary and models groups are added from their modules)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click

import translate
from translate import ENGINES, __version__
from translate.cli.common import (
    PATHS,
    TranslateGroup,
    check_catalogs,
    check_shard,
    echo,
    echo_report,
    exit_interrupted,
    format_option,
    glossary_option,
    include_drafts_option,
    json_option,
    lang_option,
    locales_option,
    min_translated_option,
    models_option,
    out_option,
    run_options,
    source_lang_option,
)
from translate.cli.glossary import glossary_group
from translate.cli.models import models


@click.group(cls=TranslateGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="translate")
def cli() -> None:
    """Offline news localisation: articles → PO files → Argos MT → localized articles.

    \b
    Typical day:
      translate init my-news        start a project (then cd my-news)
      translate run                 segment, translate and reassemble every article
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
@json_option("The run's report as JSON, with every article id and message (no progress).")
@click.option("--chunk-units", type=click.IntRange(1), default=None, hidden=True,
              help="Distinct texts per MT call; finished articles are written after each call.")
@click.option("--chunk-articles", type=click.IntRange(1), default=None, hidden=True,
              help="Articles held in memory at once (their MT is batched together).")
def run(paths: tuple[Path, ...], langs: tuple[str, ...], quiet: bool, as_json: bool,
        **kw: Any) -> None:
    """Segment, translate and reassemble every article under PATHS (default: articles/,
    else seeds/).

    Writes locales/<lang>/LC_MESSAGES/<article>.po (machine drafts marked fuzzy; nothing a
    translator wrote is overwritten), build/<lang>/<article>.txt, .md and .html, review
    pages under build/review/ and the publish-gated build/<lang>.zip (which, like the
    review index, keeps the articles and languages of earlier runs).
    """
    options = run_options(paths, langs, **kw)
    try:
        summary = translate.run(options, terminal_progress(quiet or as_json))
    except KeyboardInterrupt:
        exit_interrupted(
            "interrupted: every PO file written so far is complete; run the same command "
            "again to translate what is still missing"
        )
    echo_report(summary, as_json=as_json)
    if options.strict and summary.missing_pairs:
        echo(
            f"--strict: missing language pairs: {', '.join(sorted(summary.missing_pairs))}",
            err=True,
        )
        sys.exit(1)


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), default=Path("."),
                required=False)
def init(folder: Path) -> None:
    """Start a project in FOLDER (default: here), ready for `translate run`.

    Writes a glossary.yaml with the publisher's policy and a few place names, articles/ with
    one example article, a .gitignore for build outputs and a README.md of the commands. A
    file already there is never overwritten: it is listed as skipped.
    """
    echo_report(translate.init_project(folder))


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
@json_option("The report as JSON, with every article id and message.")
def assemble(paths: tuple[Path, ...], langs: tuple[str, ...], as_json: bool, **kw: Any) -> None:
    """Rebuild articles, review pages and bundles from the PO files as they are (no MT).

    The bundles and the review index keep the articles and languages of earlier runs that
    PATHS and --lang do not name.
    """
    summary = translate.assemble(run_options(paths, langs, **kw))
    echo_report(summary, as_json=as_json)


@cli.command()
@lang_option
@locales_option
@json_option("Machine-readable output.")
@click.option("--drafts", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many of the least confident machine drafts to list (0: none).")
def status(langs: tuple[str, ...], locales: Path, as_json: bool, drafts: int) -> None:
    """Units and words per state, per article; the drafts MT was least sure of first."""
    result = translate.collect_status(locales, langs)
    echo(result.to_json() if as_json else result.render(drafts))
    if result.problems:  # an unreadable PO file: counted as nothing, so say it with the code
        sys.exit(1)


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



cli.add_command(glossary_group)
cli.add_command(models)

"""``translate glossary``: check the PO files against the glossary, suggest terms, export it."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

import translate
from translate.cli.common import (
    PATHS,
    check_catalogs,
    echo,
    echo_json,
    glossary_option,
    json_option,
    lang_option,
    locales_option,
    usage_checked,
)


@click.group("glossary")
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
        echo(f"{len(found)} glossary problem(s){report.untranslated_note()}")
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
    """Names in the articles (default: articles/, else seeds/) that the glossary does not
    cover yet."""
    terms = translate.load_glossary(glossary)
    articles, _skipped = translate.read_articles(paths or translate.default_paths())
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

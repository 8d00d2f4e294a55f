"""``translate models``: list, install, fetch, convert and diagnose Argos packages."""

from __future__ import annotations

from pathlib import Path

import click

import translate
from translate.cli.common import echo, echo_report, lang_option, models_option

store_option = models_option(
    "Argos package folder (default: ARGOS_PACKAGES_DIR or "
    "~/.local/share/argos-translate/packages)."
)


@click.group()
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

"""Argos package discovery: where packages live, what one holds, which one serves a pair.

An Argos package is a folder holding ``metadata.json``, a CTranslate2 model in ``model/`` and a
SentencePiece model. ``read_package`` reads one folder, ``find_packages`` every usable package
under a list of folders, ``find_package`` the preferred one for a language pair. Metadata is read
here from ``metadata.json`` directly: importing ``argostranslate.package`` would create folders
under ``~/.config`` and ``~/.local`` (its settings module does that on import), and ``translate
models list`` should leave a machine as it found it. ``describe_next_step`` is the one place that
says how to get a missing package.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.core.fsutil import read_regular_file
from translate.core.tables import render_table
from translate.errors import ModelError
from translate.lang import SOURCE_LANGUAGE, profile

#: Names of the SentencePiece files an Argos package may hold, in order of preference.
SHARED_SPM = "sentencepiece.model"
SOURCE_SPM = "source.spm"
TARGET_SPM = "target.spm"

#: What ``from_code`` and ``to_code`` of a package look like (``en``, ``pt_BR``, ``zh-Hant``);
#: match it with ``fullmatch`` (``is_language_code``): ``$`` would accept a final newline.
LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*")
#: What ``package_version`` looks like (``1.9``, ``1_10``, ``2.0.1``, ``1.0-rc1``), at most
#: ``MAX_VERSION_CHARS`` long: a 5,000-digit version cannot even become a Python int.
VERSION = re.compile(r"[0-9A-Za-z]+(?:[._-][0-9A-Za-z]+)*")
MAX_VERSION_CHARS = 32
VERSION_RULE = "a version is up to 32 characters: digits, letters, '.', '_', '-'"
#: Largest metadata.json read, and how much of a README is read for its licence.
MAX_METADATA_BYTES = 1024**2
MAX_README_BYTES = 64 * 1024
#: The longest licence shown (a README may declare anything on its licence line).
MAX_LICENSE_CHARS = 120
#: Unicode categories never shown as they are: controls (a newline, ESC), format characters
#: (bidi overrides, zero-width), unpaired surrogates (undecodable file names), line separators.
_UNPRINTABLE = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})

_README_LICENSE = re.compile(  # no lazy group before a trailing class: that backtracks O(n²)
    r"^[ \t#*_>-]*licen[cs]e[ \t*_]*[:：][ \t*_]*(?P<value>\S[^\n]*)",
    re.IGNORECASE | re.MULTILINE,
)
_README_LICENSE_HEADING = re.compile(
    r"^#+[ \t]*licen[cs]e[ \t]*\n+(?P<value>[^\n#].*)$", re.IGNORECASE | re.MULTILINE
)


# --------------------------------------------------------------------------------------------
# Where packages live
# --------------------------------------------------------------------------------------------


def default_package_dirs() -> list[Path]:
    """The Argos package store, computed as argostranslate does (without creating folders).

    ``ARGOS_PACKAGES_DIR`` wins; then the same key in Argos's ``settings.json``; else
    ``$XDG_DATA_HOME/argos-translate/packages`` (``~/.local/share/...`` when unset; under a
    snap, ``$SNAP_USER_DATA/.local/share/...``).
    """
    from_env = os.environ.get("ARGOS_PACKAGES_DIR")
    if from_env:
        return [Path(from_env).expanduser()]
    home = Path.home()
    if os.environ.get("SNAP") and os.environ.get("SNAP_USER_DATA"):
        home = Path(os.environ["SNAP_USER_DATA"])
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    from_settings = _read_argos_setting(config_home / "argos-translate" / "settings.json")
    if from_settings:
        return [Path(from_settings).expanduser()]
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return [data_home / "argos-translate" / "packages"]


def package_dirs(extra: Path | None = None) -> list[Path]:
    """The folders searched for packages: ``extra`` (``--models``) first, then the store."""
    return ([Path(extra)] if extra else []) + default_package_dirs()


def _read_argos_setting(settings_file: Path) -> str | None:
    """``ARGOS_PACKAGES_DIR`` from Argos's settings.json, None when absent or unreadable."""
    try:
        settings = parse_json(read_regular_file(settings_file, MAX_METADATA_BYTES))
    except (OSError, ValueError):
        return None
    value = settings.get("ARGOS_PACKAGES_DIR") if isinstance(settings, dict) else None
    return value if isinstance(value, str) and value else None


# --------------------------------------------------------------------------------------------
# One package
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PackageInfo:
    """One installed Argos translation package (a folder of the package store)."""

    name: str  # folder name, e.g. "translate-en_ru-1_9"
    from_code: str
    to_code: str
    version: str
    path: Path
    size_bytes: int
    license: str | None
    target_prefix: str
    source_spm: Path
    target_spm: Path
    model_dir: Path
    source_prefix: str = ""  # tokens put before every source (M2M-100's "__en__")

    @property
    def pair(self) -> tuple[str, str]:
        """(from_code, to_code)."""
        return (self.from_code, self.to_code)

    @property
    def provenance(self) -> str:
        """What the PO comment records, e.g. ``argos translate-en_ru-1_9 1.9``."""
        return f"argos {self.name} {self.version}"


def read_package(path: Path) -> PackageInfo:
    """Read one unpacked Argos package folder; ModelError when it is not a usable package.

    ``metadata.json`` is read as ``argostranslate.package.Package`` reads it (``type`` defaults
    to ``translate``, ``package_version`` and ``target_prefix`` to empty), without importing
    it. SentencePiece models: the metadata keys ``source_spm``/``target_spm`` (paths relative
    to the package) if present, else ``source.spm``/``target.spm`` (OPUS-MT style), else the
    usual ``sentencepiece.model`` for both sides. The licence is metadata's ``license``, else
    what the package's README.md declares.
    """
    path = Path(path)
    problem = folder_name_problem(path.name)
    if problem:
        raise ModelError(f"{printable(str(path))}: {problem}")
    metadata = _read_metadata(path)
    model_dir = path / "model"
    if not (model_dir / "model.bin").is_file():
        raise ModelError(f"{path}: no CTranslate2 model (model/model.bin is "
                         f"{_missing(model_dir / 'model.bin')})")
    source_spm, target_spm = _find_spm(path, metadata)
    return PackageInfo(
        name=path.name,
        from_code=metadata["from_code"],
        to_code=metadata["to_code"],
        version=metadata.get("package_version") or "",
        path=path,
        size_bytes=_folder_size(path),
        license=_read_license(path, metadata),
        target_prefix=_text_field(metadata, "target_prefix"),
        source_spm=source_spm,
        target_spm=target_spm,
        model_dir=model_dir,
        source_prefix=_text_field(metadata, "source_prefix"),
    )


def _read_metadata(path: Path) -> dict[str, Any]:
    """The package's metadata.json, checked to describe a translation package."""
    file = path / "metadata.json"
    if not file.exists():
        raise ModelError(f"{path}: not an Argos package (no metadata.json)")
    try:
        data = read_regular_file(file, MAX_METADATA_BYTES + 1)
    except OSError as err:
        raise ModelError(f"{file}: unreadable ({err.strerror or err})") from err
    if len(data) > MAX_METADATA_BYTES:
        raise ModelError(f"{file}: larger than {MAX_METADATA_BYTES} bytes")
    try:
        metadata = parse_json(data)
    except ValueError as err:
        raise ModelError(f"{file}: not JSON ({err})") from err
    if not isinstance(metadata, dict):
        raise ModelError(f"{file}: not a JSON object")
    kind = metadata.get("type", "translate")
    if kind not in ("translate", None):
        raise ModelError(f"{path}: package type {quote(kind)} is not a "
                         "translation package")
    if not isinstance(metadata.get("from_code"), str) or not isinstance(
        metadata.get("to_code"), str
    ):
        raise ModelError(f"{file}: from_code and to_code are required")
    for key in ("from_code", "to_code"):
        if not is_language_code(metadata[key]):
            raise ModelError(f"{file}: {key} {quote(metadata[key])} is not a "
                             "language code")
    version = metadata.get("package_version")
    if version not in (None, "") and not is_version(version):
        raise ModelError(f"{file}: package_version {quote(version)} is not a "
                         f"version ({VERSION_RULE})")
    return metadata


def is_language_code(value: object) -> bool:
    """True for a string like ``en``, ``pt_BR``, ``zh-Hant`` (the whole string, no newline)."""
    return isinstance(value, str) and LANGUAGE_CODE.fullmatch(value) is not None


def is_version(value: object) -> bool:
    """True for a package version like ``1.9`` or ``1_10`` (see ``VERSION``)."""
    return (isinstance(value, str) and len(value) <= MAX_VERSION_CHARS
            and VERSION.fullmatch(value) is not None)


def folder_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a package folder, or None.

    Hidden names (``.install-x``) are the installer's work folders; a control or invisible
    character (a newline, a bidi override, an undecodable byte) breaks every line that names
    the package.
    """
    if name.startswith("."):
        return "a package folder name may not start with '.' (the installer's work folders do)"
    if printable(name) != name:
        return "the folder name holds a control or invisible character"
    return None


def printable(text: str) -> str:
    """``text`` with control, format and unpaired surrogate characters escaped (``\\n``,
    ``\\u202e``, ``\\udcff``): it stays on one line and shows what is there."""
    if text.isprintable():
        return text
    return "".join(
        char.encode("unicode_escape", "backslashreplace").decode("ascii")
        if unicodedata.category(char) in _UNPRINTABLE else char
        for char in text
    )


def quote(value: object, limit: int = 40) -> str:
    """``repr(value)`` for a message: one line, cut to ``limit`` characters (saying how long
    the value was), so that a 5,000-character version does not fill the terminal."""
    text = printable(repr(value))
    if len(text) <= limit:
        return text
    size = f"{len(value)} characters" if isinstance(value, str) else f"{len(text)} characters"
    return f"{text[:limit]}... ({size})"


def parse_json(data: bytes | str) -> Any:
    """JSON from a file the tool did not write; ValueError with a one-line reason.

    Besides syntax errors, it turns the two ways hostile JSON escapes ``json.loads``'s
    ValueError into ValueError too: nesting deeper than the interpreter's recursion limit
    (RecursionError) and a number of more than 4,300 digits (already a ValueError, with a
    long message).
    """
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        return json.loads(text)
    except UnicodeDecodeError as err:
        raise ValueError(f"not UTF-8 (byte 0x{err.object[err.start]:02x} at offset "
                         f"{err.start})") from err
    except json.JSONDecodeError as err:
        raise ValueError(f"{err.msg} at line {err.lineno} column {err.colno}") from err
    except RecursionError as err:
        raise ValueError("nested too deeply") from err
    except ValueError as err:
        reason = printable(str(err).splitlines()[0] if str(err) else type(err).__name__)
        raise ValueError(reason if len(reason) <= 80 else reason[:80] + "...") from err


def read_text_head(file: Path, limit: int) -> str | None:
    """The first ``limit`` bytes of a regular file as text (an incomplete last character
    dropped); None when it is not a regular file (a FIFO would block), unreadable or not
    UTF-8."""
    try:
        data = read_regular_file(file, limit)
    except OSError:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and len(data) == limit:
            return data[: err.start].decode("utf-8", errors="replace")
        return None


def _text_field(metadata: dict[str, Any], key: str) -> str:
    value = metadata.get(key)
    return value if isinstance(value, str) else ""


def _read_license(path: Path, metadata: dict[str, Any]) -> str | None:
    """Metadata's ``license``, else the licence the package's README.md declares."""
    license_text = metadata.get("license")
    if not isinstance(license_text, str) or not license_text.strip():
        return license_from_readme(read_text_head(path / "README.md", MAX_README_BYTES))
    return license_line(license_text)


def _find_spm(path: Path, metadata: dict[str, Any]) -> tuple[Path, Path]:
    named = [metadata.get("source_spm"), metadata.get("target_spm")]
    if all(isinstance(name, str) and name for name in named):
        source, target = (path / name for name in named)  # type: ignore[operator]
    elif (path / SOURCE_SPM).is_file() and (path / TARGET_SPM).is_file():
        source, target = path / SOURCE_SPM, path / TARGET_SPM
    else:
        source = target = path / SHARED_SPM
    for spm in (source, target):
        if not spm.is_file():
            raise ModelError(f"{path}: no SentencePiece model ({printable(spm.name)[:80]} "
                             f"is {_missing(spm)})")
        if not spm.resolve().is_relative_to(path.resolve()):
            raise ModelError(f"{path}: SentencePiece model {spm} lies outside the package")
    return source, target


def _missing(file: Path) -> str:
    """How a file that should be there is not: "missing", or "not a regular file" (a FIFO,
    a folder: never handed to CTranslate2 or SentencePiece, which would block or fail)."""
    return "not a regular file" if file.exists() else "missing"


def license_from_readme(readme: str | None) -> str | None:
    """The licence a README declares (a ``License:`` line or a ``# License`` section)."""
    if not readme:
        return None
    match = _README_LICENSE.search(readme) or _README_LICENSE_HEADING.search(readme)
    return license_line(match.group("value")) if match else None


def license_line(text: str) -> str | None:
    """The first non-blank line of ``text`` as a licence: printable, at most MAX_LICENSE_CHARS
    (Markdown emphasis and blanks trimmed); None when nothing is left."""
    lines = text.strip().splitlines()
    line = printable(lines[0] if lines else "").strip(" \t*_")
    if len(line) > MAX_LICENSE_CHARS:
        line = line[: MAX_LICENSE_CHARS - 1].rstrip() + "…"
    return line or None


def _folder_size(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):
                total += (Path(root) / name).stat().st_size
    return total


def version_key(version: str) -> tuple[int, ...]:
    """A sortable key for versions like ``1.9``, ``1_9``, ``1.10.2`` (non-digits separate).

    It never raises: a run of more than 18 digits (never a valid version, see ``is_version``)
    counts as several numbers rather than one that Python may refuse to convert.
    """
    return tuple(int(part) for part in re.findall(r"\d{1,18}", version))


# --------------------------------------------------------------------------------------------
# Every package, and the one for a pair
# --------------------------------------------------------------------------------------------


def find_packages(dirs: Sequence[Path]) -> list[PackageInfo]:
    """Every usable Argos translation package directly under ``dirs``, in order of preference.

    Folders without ``metadata.json``, non-translation packages (e.g. Argos's ``sbd``
    packages) and broken packages are skipped (``read_package`` says why). The list is sorted
    by pair; for one pair, packages of an earlier dir come first (the first dir wins, so
    ``--models DIR`` given before the store overrides it), and within one dir the highest
    version comes first. ``find_package`` returns the first match of this order.
    """
    found: list[tuple[tuple[Any, ...], PackageInfo]] = []
    for dir_index, folder in enumerate(dirs):
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for child in sorted(folder.iterdir()):
            if (child.name.startswith(".") or not child.is_dir()
                    or not (child / "metadata.json").exists()):
                continue
            try:
                info = read_package(child)
            except ModelError:
                continue
            key = (info.from_code, info.to_code, dir_index, _negated(version_key(info.version)),
                   info.name)
            found.append((key, info))
    found.sort(key=lambda item: item[0])
    return [info for _key, info in found]


def find_unusable_packages(dirs: Sequence[Path]) -> list[str]:
    """One line per folder under ``dirs`` that holds a metadata.json but is not a usable
    package, saying why (what ``find_packages`` skips; hidden work folders left out)."""
    problems = []
    for folder in map(Path, dirs):
        if not folder.is_dir():
            continue
        for child in sorted(folder.iterdir()):
            if child.name.startswith(".") or not (child / "metadata.json").exists():
                continue
            try:
                read_package(child)
            except ModelError as err:
                problems.append(str(err))
    return problems


def _negated(key: tuple[int, ...]) -> tuple[int, ...]:
    return (*(-part for part in key), 1)


def find_package(dirs: Sequence[Path], source: str, target: str) -> PackageInfo | None:
    """The preferred package for ``source``→``target`` (see ``find_packages``), or None."""
    for info in find_packages(dirs):
        if info.from_code == source and info.to_code == target:
            return info
    return None


def render_packages(packages: Sequence[PackageInfo], dirs: Sequence[Path] = ()) -> str:
    """A table for ``translate models list``: pair, name, version, size, licence, path; then,
    one line each, the folders under ``dirs`` that ``find_packages`` skipped as unusable
    (``find_unusable_packages``: the same lines as ``models doctor``)."""
    lines = ["No Argos packages installed."]
    if packages:
        rows = [(f"{info.from_code}→{info.to_code}", info.name, info.version or "-",
                 format_size(info.size_bytes), info.license or "-", str(info.path))
                for info in packages]
        lines = [render_table([("pair", "package", "version", "size", "licence", "path"),
                               *rows])]
    unusable = find_unusable_packages(dirs)
    if unusable:
        lines.append("Unusable package folders (ignored):")
        lines.extend(f"  {line}" for line in unusable)
    return "\n".join(lines)


def format_size(size: int) -> str:
    """``size`` bytes for people: ``512 B``, ``805.7 KB``, ``1.2 GB``."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


# --------------------------------------------------------------------------------------------
# What to do about a missing pair
# --------------------------------------------------------------------------------------------


def opus_mt_hint(source: str, target: str) -> str:
    """The OPUS-MT model to convert for a pair the public Argos index lacks (en→hy: the
    target's profile says so), or ""."""
    return profile(target).opus_mt if source == SOURCE_LANGUAGE else ""


def describe_next_step(source: str, target: str) -> str:
    """What a user does to get a ``source``→``target`` package (one line, ready to print).

    The one wording of this advice: the engine's MissingModelError, ``models doctor``,
    ``models fetch`` and the run summary all use it.
    """
    install = "translate models install FILE.argosmodel"
    hint = opus_mt_hint(source, target)
    if hint:
        return (
            f"the public Argos index has no {source}→{target} package; download the OPUS-MT "
            f"model {hint} and convert it: translate models convert --from {source} "
            f"--to {target} MODEL_DIR -o translate-{source}_{target}.argosmodel, then "
            f"translate models install translate-{source}_{target}.argosmodel "
            f"(or install any {source}_{target} .argosmodel from a file: {install})"
        )
    return (
        f"run translate models fetch --lang {target} (needs the network), or install an "
        f"{source}_{target} .argosmodel file: {install}"
    )

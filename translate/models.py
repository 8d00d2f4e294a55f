"""Argos package management: validated install, listing, fetch from an index, conversion, doctor.

``install_package`` checks an ``.argosmodel`` archive completely before it writes anything, then
extracts it into a hidden folder inside the package store and renames it into place, so a bad
file leaves the store exactly as it was. ``fetch_packages`` is the project's only network code
and runs only when called. ``convert_marian`` turns an OPUS-MT/Marian (or Hugging Face) model
folder into a package with separate source and target SentencePiece models. ``doctor`` reports
what is installed for each configured language and what to do about the rest.

``ctranslate2`` and ``sentencepiece`` are imported inside the functions that need them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.client
import importlib.util
import json
import os
import re
import shutil
import stat
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from translate import engine
from translate.engine import PackageInfo
from translate.errors import ModelError, PackageInstallError

#: argostranslate's package index (``argostranslate.settings.remote_package_index``).
DEFAULT_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
#: Refuse archives that would unpack to more than this many bytes, or hold more members.
MAX_UNPACKED_BYTES = 2 * 1024**3
MAX_MEMBERS = 10_000
#: Largest metadata.json and package index read into memory.
MAX_METADATA_BYTES = 1024**2
MAX_INDEX_BYTES = 64 * 1024**2
#: The sentence doctor translates with each installed package.
TEST_SENTENCE = "The minister arrived in Moscow on Tuesday."
#: Written into converted packages' metadata.json.
ARGOS_VERSION = "1.9"
#: Where Armenian comes from, since the public Argos index has no en→hy package.
OPUS_MT_HINTS = {("en", "hy"): "Helsinki-NLP/opus-mt-en-hy"}

_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$")
_CHUNK = 1024 * 1024
_PAIR_ERRORS = (OSError, http.client.HTTPException, ValueError)


# --------------------------------------------------------------------------------------------
# Advice shared by fetch, doctor and the pipeline
# --------------------------------------------------------------------------------------------


def describe_next_step(source: str, target: str) -> str:
    """What a user does to get a ``source``→``target`` package (one line, ready to print)."""
    install = "translate models install FILE.argosmodel"
    hint = OPUS_MT_HINTS.get((source, target))
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


# --------------------------------------------------------------------------------------------
# Install
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Archive:
    """What validation learned about an archive: its top folder and metadata."""

    top: str
    metadata: dict[str, Any]
    files: dict[str, zipfile.ZipInfo]  # paths relative to the top folder


def install_package(
    file: Path,
    store: Path,
    *,
    force: bool = False,
    max_bytes: int = MAX_UNPACKED_BYTES,
    max_members: int = MAX_MEMBERS,
    check_load: bool = True,
    display_name: str | None = None,
) -> PackageInfo:
    """Install the Argos package ``file`` into ``store`` and return the installed package.

    The archive is checked before anything is written: a zip, every member under one top folder,
    no absolute path, no ``..``, no symlink or special file, at most ``max_members`` members and
    ``max_bytes`` unpacked; ``metadata.json`` with ``from_code``, ``to_code`` and
    ``package_version``; a CTranslate2 ``model/`` (``model.bin``, ``config.json``) and a
    SentencePiece model (``sentencepiece.model``, or ``source.spm`` and ``target.spm``). It is
    then unpacked into a hidden folder in ``store``, loaded once with CTranslate2 and
    SentencePiece (unless ``check_load`` is False), and renamed into place. A package already
    installed for the same pair is replaced (old folder renamed aside, new one renamed in, old one
    deleted); a version older than the installed one is refused unless ``force``.

    Raises PackageInstallError (one line, naming the file) and leaves ``store`` as it was.
    """
    file, store = Path(file), Path(store)
    label = display_name or str(file)
    archive = _check_archive(file, label, max_bytes=max_bytes, max_members=max_members)
    meta = archive.metadata
    source, target, version = meta["from_code"], meta["to_code"], meta["package_version"]

    replaced = [info for info in engine.find_packages([store]) if info.pair == (source, target)]
    newest = max(replaced, key=lambda info: engine.version_key(info.version), default=None)
    if (newest is not None and not force
            and engine.version_key(version) < engine.version_key(newest.version)):
        raise PackageInstallError(
            f"{label}: version {version} is older than the installed {source}→{target} "
            f"package {newest.name} {newest.version}; use --force to downgrade"
        )
    destination = store / archive.top
    if destination.exists() and not any(info.path == destination for info in replaced):
        raise PackageInstallError(
            f"{label}: {destination} already exists and is not an installed {source}→{target} "
            "package; move it away first"
        )

    created_store = not store.exists()
    try:
        store.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=store, prefix=".install-"))
    except OSError as err:
        raise PackageInstallError(f"{label}: cannot write to {store} ({err.strerror})") from err
    try:
        try:
            _extract(file, archive, work / archive.top, label, max_bytes)
            info = engine.read_package(work / archive.top)
        except PackageInstallError:
            raise
        except ModelError as err:
            raise PackageInstallError(f"{label}: {_strip_prefix(str(err), work)}") from err
        except OSError as err:
            raise PackageInstallError(f"{label}: cannot unpack ({err})") from err
        except (zipfile.BadZipFile, zlib.error, EOFError) as err:  # a damaged member
            raise PackageInstallError(f"{label}: corrupt archive ({err})") from err
        if check_load:
            _check_loads(info, label)
        _swap_in(work / archive.top, destination, [info.path for info in replaced], store, label)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        if created_store:
            with contextlib.suppress(OSError):
                store.rmdir()
        raise
    shutil.rmtree(work, ignore_errors=True)
    return engine.read_package(destination)


def _strip_prefix(message: str, work: Path) -> str:
    """Error messages of read_package name the hidden work folder; keep the package part."""
    return message.replace(f"{work}{os.sep}", "")


def _check_archive(file: Path, label: str, *, max_bytes: int, max_members: int) -> _Archive:
    """Validate the archive without writing anything; PackageInstallError on the first problem."""
    if not file.is_file():
        raise PackageInstallError(f"{label}: no such file")
    try:
        handle = zipfile.ZipFile(file)
    except zipfile.BadZipFile as err:
        raise PackageInstallError(f"{label}: not a zip archive") from err
    except OSError as err:
        raise PackageInstallError(f"{label}: cannot read ({err.strerror or err})") from err
    with handle:
        members = handle.infolist()
        if not members:
            raise PackageInstallError(f"{label}: empty archive")
        if len(members) > max_members:
            raise PackageInstallError(
                f"{label}: too many members ({len(members)}, limit {max_members})"
            )
        tops: set[str] = set()
        files: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for member in members:
            parts = _member_parts(member, label)
            tops.add(parts[0])
            if member.flag_bits & 0x1:
                raise PackageInstallError(f"{label}: member {member.filename!r} is encrypted")
            if not member.is_dir():
                if len(parts) < 2:
                    raise PackageInstallError(
                        f"{label}: member {member.filename!r} is not inside the package folder "
                        "(all members must sit under one top folder)"
                    )
                files["/".join(parts[1:])] = member
                total += member.file_size
        if len(tops) != 1:
            names = ", ".join(sorted(tops)[:3])
            raise PackageInstallError(
                f"{label}: members must sit under one top folder, found {len(tops)} ({names})"
            )
        if total > max_bytes:
            raise PackageInstallError(
                f"{label}: unpacks to {total} bytes, more than the limit of {max_bytes}"
            )
        metadata = _read_metadata(handle, files, label)
    _check_contents(files, metadata, label)
    return _Archive(top=tops.pop(), metadata=metadata, files=files)


def _member_parts(member: zipfile.ZipInfo, label: str) -> list[str]:
    """The member's path components; refuses absolute paths, ``..``, links and device files."""
    name = member.filename
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        raise PackageInstallError(f"{label}: member {name!r} has an absolute path")
    if "\\" in name or "\0" in name:
        raise PackageInstallError(f"{label}: member {name!r} has an unsafe name")
    parts = [part for part in PurePosixPath(name).parts if part not in ("", ".")]
    if ".." in parts:
        raise PackageInstallError(f"{label}: member {name!r} points outside the package (..)")
    if not parts:
        raise PackageInstallError(f"{label}: member {name!r} has an empty name")
    mode = member.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise PackageInstallError(f"{label}: member {name!r} is a symbolic link")
    kind = stat.S_IFMT(mode)
    if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
        raise PackageInstallError(f"{label}: member {name!r} is not a regular file")
    return parts


def _read_metadata(
    handle: zipfile.ZipFile, files: dict[str, zipfile.ZipInfo], label: str
) -> dict[str, Any]:
    member = files.get("metadata.json")
    if member is None:
        raise PackageInstallError(f"{label}: no metadata.json in the package folder")
    if member.file_size > MAX_METADATA_BYTES:
        raise PackageInstallError(f"{label}: metadata.json is too large")
    try:
        metadata = json.loads(handle.read(member).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile) as err:
        raise PackageInstallError(f"{label}: metadata.json is not valid JSON ({err})") from err
    if not isinstance(metadata, dict):
        raise PackageInstallError(f"{label}: metadata.json is not a JSON object")
    for key in ("from_code", "to_code", "package_version"):
        value = metadata.get(key)
        if not isinstance(value, str) or not value.strip():
            raise PackageInstallError(f"{label}: metadata.json has no {key}")
    for key in ("from_code", "to_code"):
        if not _CODE.match(metadata[key]):
            raise PackageInstallError(
                f"{label}: metadata.json {key} {metadata[key]!r} is not a language code"
            )
    if metadata.get("type", "translate") != "translate":
        raise PackageInstallError(
            f"{label}: package type {metadata.get('type')!r} is not a translation package"
        )
    return metadata


def _check_contents(files: dict[str, zipfile.ZipInfo], metadata: dict[str, Any],
                    label: str) -> None:
    for name in ("model/model.bin", "model/config.json"):
        if name not in files:
            raise PackageInstallError(
                f"{label}: no CTranslate2 model ({name} is missing from the package)"
            )
    named = [metadata.get("source_spm"), metadata.get("target_spm")]
    if any(name is not None for name in named):
        if not all(isinstance(name, str) and name for name in named):
            raise PackageInstallError(
                f"{label}: metadata.json must name both source_spm and target_spm"
            )
        wanted = [str(PurePosixPath(name)) for name in named]  # type: ignore[arg-type]
    elif engine.SOURCE_SPM in files or engine.TARGET_SPM in files:
        wanted = [engine.SOURCE_SPM, engine.TARGET_SPM]
    else:
        wanted = [engine.SHARED_SPM]
    for name in wanted:
        if name not in files:
            extra = " (BPE packages are not supported)" if "bpe.model" in files else ""
            raise PackageInstallError(
                f"{label}: no SentencePiece tokenizer ({name} is missing){extra}"
            )


def _extract(file: Path, archive: _Archive, folder: Path, label: str, max_bytes: int) -> None:
    """Unpack the validated members into ``folder``, counting the bytes really written."""
    written = 0
    with zipfile.ZipFile(file) as handle:
        folder.mkdir()
        for relative, member in sorted(archive.files.items()):
            target = folder.joinpath(*relative.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            with handle.open(member) as source, open(target, "xb") as sink:
                while chunk := source.read(_CHUNK):
                    written += len(chunk)
                    if written > max_bytes:
                        raise PackageInstallError(
                            f"{label}: unpacks to more than the limit of {max_bytes} bytes"
                        )
                    sink.write(chunk)


def _check_loads(info: PackageInfo, label: str) -> None:
    """Load the CTranslate2 model and the SentencePiece models once."""
    ctranslate2, sentencepiece = engine.import_runtime()

    try:
        ctranslate2.Translator(str(info.model_dir), device="cpu", inter_threads=1,
                               intra_threads=1)
    except (RuntimeError, ValueError, OSError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        reason = _strip_prefix(reason, info.path.parent)
        raise PackageInstallError(f"{label}: CTranslate2 cannot load model/ ({reason})") from err
    for spm in {info.source_spm, info.target_spm}:
        try:
            sentencepiece.SentencePieceProcessor(model_file=str(spm))
        except (RuntimeError, OSError) as err:
            raise PackageInstallError(
                f"{label}: {spm.name} is not a SentencePiece model"
            ) from err


def _swap_in(new: Path, destination: Path, old: list[Path], store: Path, label: str) -> None:
    """Rename the old package folders aside, the new one in, then delete the old ones."""
    aside: list[tuple[Path, Path]] = []
    try:
        for folder in old:
            parked = Path(tempfile.mkdtemp(dir=store, prefix=".replaced-")) / folder.name
            os.rename(folder, parked)
            aside.append((folder, parked))
        os.rename(new, destination)
    except OSError as err:
        for folder, parked in reversed(aside):
            with contextlib.suppress(OSError):
                os.rename(parked, folder)
            with contextlib.suppress(OSError):
                parked.parent.rmdir()
        raise PackageInstallError(
            f"{label}: cannot move the package into {store} ({err.strerror or err})"
        ) from err
    for _folder, parked in aside:
        shutil.rmtree(parked.parent, ignore_errors=True)


def list_packages(dirs: Sequence[Path]) -> list[PackageInfo]:
    """Installed translation packages under ``dirs`` (see ``engine.find_packages``)."""
    return engine.find_packages(dirs)


def render_packages(packages: Sequence[PackageInfo]) -> str:
    """A table for ``translate models list``: pair, name, version, size, licence, path."""
    if not packages:
        return "No Argos packages installed."
    rows = [(f"{info.from_code}→{info.to_code}", info.name, info.version or "-",
             _human_size(info.size_bytes), info.license or "-", str(info.path))
            for info in packages]
    rows.insert(0, ("pair", "package", "version", "size", "licence", "path"))
    widths = [max(len(row[column]) for row in rows) for column in range(5)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)).rstrip()
        + "  " + row[5]
        for row in rows
    )


# --------------------------------------------------------------------------------------------
# Fetch (the only network code of the project)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FetchResult:
    """What fetch did for one language pair."""

    source: str
    target: str
    status: str  # "installed" | "up to date" | "not in index" | "error"
    detail: str
    package: PackageInfo | None = None

    @property
    def ok(self) -> bool:
        """True when the pair is installed now."""
        return self.status in ("installed", "up to date")

    def render(self) -> str:
        """One line, e.g. ``en→ru: installed translate-en_ru-1_9 1.9``."""
        status = self.status if self.ok else self.status.upper()
        line = f"{self.source}→{self.target}: {status}"
        return f"{line}: {self.detail}" if self.detail else line


@dataclass(frozen=True)
class FetchReport:
    """The results of one ``fetch_packages`` call, one per requested language."""

    index_url: str
    results: list[FetchResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every requested pair is installed now."""
        return all(result.ok for result in self.results)

    def render(self) -> str:
        """One line per pair."""
        return "\n".join(result.render() for result in self.results)


def fetch_packages(
    langs: Sequence[str],
    store: Path,
    *,
    index_url: str | None = None,
    source: str = "en",
    timeout: float = 30,
    max_bytes: int = MAX_UNPACKED_BYTES,
) -> FetchReport:
    """Download and install the newest index package for each ``source``→lang pair.

    ``index_url`` (default: argostranslate's index) is a JSON list of package metadata objects
    (``from_code``, ``to_code``, ``package_version``, ``links``); relative links are resolved
    against it, and ``file://`` URLs work, for offline mirrors. Each download goes through
    ``install_package``. Errors are reported per pair, never raised.
    """
    url = index_url or DEFAULT_INDEX_URL
    report = FetchReport(index_url=url)
    try:
        index = _read_index(url, timeout)
    except _PAIR_ERRORS as err:
        reason = f"cannot read the package index {url} ({_describe_network_error(err)})"
        for target in langs:
            installed = engine.find_package([Path(store)], source, target)
            if installed is not None:
                detail = f"{installed.name} {installed.version} (index not read: {reason})"
                report.results.append(FetchResult(source, target, "up to date", detail, installed))
            elif (source, target) in OPUS_MT_HINTS:  # not in the index anyway: say what to do
                detail = f"{reason}; {describe_next_step(source, target)}"
                report.results.append(FetchResult(source, target, "error", detail))
            else:
                detail = (f"{reason}; offline, copy an {source}_{target} .argosmodel file here "
                          "and run: translate models install FILE.argosmodel")
                report.results.append(FetchResult(source, target, "error", detail))
        return report
    for target in langs:
        report.results.append(
            _fetch_pair(index, url, source, target, Path(store), timeout, max_bytes)
        )
    return report


def _read_index(url: str, timeout: float) -> list[dict[str, Any]]:
    data = _download_bytes(url, timeout, MAX_INDEX_BYTES)
    try:
        index = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise ValueError("not JSON") from err
    if not isinstance(index, list):
        raise ValueError("not an Argos package index: expected a JSON list")
    return [entry for entry in index if isinstance(entry, dict)]


def _fetch_pair(index: list[dict[str, Any]], index_url: str, source: str, target: str,
                store: Path, timeout: float, max_bytes: int) -> FetchResult:
    candidates = [
        entry for entry in index
        if entry.get("from_code") == source and entry.get("to_code") == target
        and entry.get("type", "translate") == "translate"
        and isinstance(entry.get("package_version"), str) and entry.get("links")
    ]
    if not candidates:
        return FetchResult(source, target, "not in index",
                           f"{index_url} has no {source}→{target} package; "
                           + describe_next_step(source, target))
    entry = max(candidates, key=lambda item: engine.version_key(item["package_version"]))
    version = entry["package_version"]
    installed = engine.find_package([store], source, target)
    if installed and engine.version_key(installed.version) >= engine.version_key(version):
        return FetchResult(source, target, "up to date",
                           f"{installed.name} {installed.version}", installed)
    links = [link for link in entry["links"] if isinstance(link, str)] \
        if isinstance(entry["links"], list) else []
    problems = []
    for link in links:
        link_url = urllib.parse.urljoin(index_url, link)
        try:
            with tempfile.TemporaryDirectory(prefix="translate-fetch-") as folder:
                name = Path(urllib.parse.urlparse(link_url).path).name or "package.argosmodel"
                file = Path(folder) / name
                _download_file(link_url, file, timeout, max_bytes)
                info = install_package(file, store, max_bytes=max_bytes, display_name=link_url)
        except PackageInstallError as err:
            problems.append(str(err))
            continue
        except _PAIR_ERRORS as err:
            problems.append(f"{link_url}: {_describe_network_error(err)}")
            continue
        return FetchResult(source, target, "installed", f"{info.name} {info.version}", info)
    detail = "; ".join(problems) if problems else "the index entry has no download link"
    return FetchResult(source, target, "error", detail)


def _download_bytes(url: str, timeout: float, limit: int) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        data = response.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"larger than {limit} bytes")
    return data


def _download_file(url: str, file: Path, timeout: float, limit: int) -> None:
    written = 0
    with urllib.request.urlopen(url, timeout=timeout) as response, open(file, "wb") as sink:
        while chunk := response.read(_CHUNK):
            written += len(chunk)
            if written > limit:
                raise ValueError(f"download larger than {limit} bytes")
            sink.write(chunk)


def _describe_network_error(err: BaseException) -> str:
    if isinstance(err, urllib.error.HTTPError):
        return f"HTTP {err.code} {err.reason}"
    if isinstance(err, urllib.error.URLError):
        reason = err.reason
        return str(getattr(reason, "strerror", None) or reason)
    if isinstance(err, TimeoutError):
        return "timed out"
    return str(getattr(err, "strerror", None) or err) or type(err).__name__


# --------------------------------------------------------------------------------------------
# Convert
# --------------------------------------------------------------------------------------------

CONVERTER_KINDS = ("auto", "marian", "opus-mt", "transformers")


def convert_marian(
    model_dir: Path,
    output: Path,
    *,
    source: str,
    target: str,
    version: str = "1.0",
    license: str | None = None,
    kind: str = "auto",
    quantization: str | None = None,
    today: dt.date | None = None,
) -> Path:
    """Convert an OPUS-MT/Marian (or Hugging Face) model folder into an ``.argosmodel`` file.

    ``kind="marian"``: a Marian folder (``decoder.yml`` naming the ``.npz`` and the vocabulary
    ``.yml`` files, or a single ``.npz`` beside them) with ``source.spm`` and ``target.spm``,
    converted with CTranslate2's OpusMTConverter/MarianConverter. ``kind="transformers"``: a
    Hugging Face Marian or M2M-100 checkpoint, through TransformersConverter (needs ``torch`` and
    ``transformers``); M2M-100 packages record ``target_prefix`` (``__hy__``) and
    ``source_prefix`` (``__en__``). ``auto`` picks by the files present. The package keeps the
    two SentencePiece models, and its README.md records the provenance and licence (``license``,
    or what the folder's README/LICENSE says). Returns ``output``; raises ModelError.
    """
    model_dir, output = Path(model_dir), Path(output)
    for code in (source, target):
        if not _CODE.match(code):
            raise ModelError(f"{code!r} is not a language code")
    if kind not in CONVERTER_KINDS:
        raise ModelError(f"unknown model kind {kind!r} (choose from {', '.join(CONVERTER_KINDS)})")
    if not model_dir.is_dir():
        raise ModelError(f"{model_dir}: no such folder")
    if kind == "auto":
        kind = _detect_kind(model_dir)
    elif kind == "opus-mt":
        kind = "marian"
    package_name = f"translate-{source}_{target}-{version.replace('.', '_')}"
    license_text = license or _find_license(model_dir)
    extra: dict[str, Any] = {}

    with tempfile.TemporaryDirectory(prefix="translate-convert-") as work:
        folder = Path(work) / package_name
        folder.mkdir()
        if kind == "marian":
            converter_name = _convert_native_marian(model_dir, folder / "model", quantization)
            for name in (engine.SOURCE_SPM, engine.TARGET_SPM):
                shutil.copyfile(model_dir / name, folder / name)
            extra.update(source_spm=engine.SOURCE_SPM, target_spm=engine.TARGET_SPM)
        else:
            converter_name, model_type = _convert_transformers(
                model_dir, folder / "model", quantization
            )
            if model_type == "m2m_100":
                extra.update(source_prefix=f"__{source}__", target_prefix=f"__{target}__")
            if (model_dir / engine.SOURCE_SPM).is_file():
                for name in (engine.SOURCE_SPM, engine.TARGET_SPM):
                    shutil.copyfile(model_dir / name, folder / name)
                extra.update(source_spm=engine.SOURCE_SPM, target_spm=engine.TARGET_SPM)
            else:
                shutil.copyfile(_shared_spm(model_dir), folder / engine.SHARED_SPM)
        if (model_dir / "LICENSE").is_file():
            shutil.copyfile(model_dir / "LICENSE", folder / "LICENSE")
        ctranslate2, _sentencepiece = engine.import_runtime()

        metadata = {
            "package_version": version,
            "argos_version": ARGOS_VERSION,
            "from_code": source,
            "from_name": _language_name(source),
            "to_code": target,
            "to_name": _language_name(target),
            "type": "translate",
            **({"license": license_text} if license_text else {}),
            **extra,
        }
        (folder / "metadata.json").write_text(
            json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (folder / "README.md").write_text(
            _render_readme(metadata, model_dir, converter_name, ctranslate2.__version__,
                           license_text, today or dt.date.today()),
            encoding="utf-8",
        )
        _write_zip(folder, output)
    return output


def _detect_kind(model_dir: Path) -> str:
    if (model_dir / "decoder.yml").is_file() or any(model_dir.glob("*.npz")):
        return "marian"
    if (model_dir / "config.json").is_file():
        return "transformers"
    raise ModelError(
        f"{model_dir}: neither an OPUS-MT/Marian folder (no decoder.yml or .npz) nor a "
        "Hugging Face checkpoint (no config.json)"
    )


def _convert_native_marian(model_dir: Path, output: Path, quantization: str | None) -> str:
    from ctranslate2.converters import MarianConverter, OpusMTConverter

    for name in (engine.SOURCE_SPM, engine.TARGET_SPM):
        if not (model_dir / name).is_file():
            raise ModelError(f"{model_dir}: no {name} (OPUS-MT folders hold source.spm and "
                             "target.spm)")
    try:
        if (model_dir / "decoder.yml").is_file():
            converter: Any = OpusMTConverter(str(model_dir))
            name = "OpusMTConverter"
        else:
            converter = MarianConverter(*_marian_files(model_dir))
            name = "MarianConverter"
        converter.convert(str(output), quantization=quantization)
    except ModelError:
        raise
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as err:
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ModelError(f"{model_dir}: cannot convert the Marian model ({reason})") from err
    return name


def _marian_files(model_dir: Path) -> tuple[str, list[str]]:
    models = sorted(model_dir.glob("*.npz"))
    if len(models) != 1:
        raise ModelError(f"{model_dir}: expected one .npz model without decoder.yml, "
                         f"found {len(models)}")
    vocabs = sorted(model_dir.glob("*.yml"))
    vocabs = [path for path in vocabs if path.name.endswith("vocab.yml")]
    source = [path for path in vocabs if ".src." in path.name or "source" in path.name]
    target = [path for path in vocabs if ".trg." in path.name or "target" in path.name]
    if len(source) == 1 and len(target) == 1:
        chosen = [source[0], target[0]]
    elif len(vocabs) == 1:
        chosen = vocabs
    else:
        raise ModelError(f"{model_dir}: cannot tell the vocabulary .yml files apart; add a "
                         "decoder.yml naming the model and its vocabularies")
    return str(models[0]), [str(path) for path in chosen]


def _convert_transformers(model_dir: Path, output: Path,
                          quantization: str | None) -> tuple[str, str]:
    missing = [name for name in ("transformers", "torch") if importlib.util.find_spec(name) is None]
    if missing:
        raise ModelError(
            f"{model_dir}: converting a Hugging Face checkpoint needs {' and '.join(missing)}; "
            "install them with: pip install transformers torch (or convert the original "
            "OPUS-MT Marian release, which needs neither)"
        )
    try:
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ModelError(f"{model_dir / 'config.json'}: unreadable ({err})") from err
    model_type = config.get("model_type") if isinstance(config, dict) else None
    if model_type not in ("marian", "m2m_100"):
        raise ModelError(f"{model_dir}: model type {model_type!r} is not supported "
                         "(Marian or M2M-100)")
    from ctranslate2.converters import TransformersConverter

    try:
        TransformersConverter(str(model_dir)).convert(str(output), quantization=quantization)
    except (OSError, ValueError, KeyError, TypeError, RuntimeError, ImportError) as err:
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ModelError(f"{model_dir}: cannot convert the checkpoint ({reason})") from err
    return "TransformersConverter", model_type


def _shared_spm(model_dir: Path) -> Path:
    for name in ("sentencepiece.bpe.model", "sentencepiece.model", "spm.model"):
        if (model_dir / name).is_file():
            return model_dir / name
    raise ModelError(f"{model_dir}: no SentencePiece model (source.spm/target.spm or "
                     "sentencepiece.bpe.model)")


def _find_license(model_dir: Path) -> str | None:
    """The licence a model folder declares: in its README.md, else LICENSE's first line."""
    with contextlib.suppress(OSError, UnicodeDecodeError):
        found = engine.license_from_readme((model_dir / "README.md").read_text(encoding="utf-8"))
        if found:
            return found
    with contextlib.suppress(OSError, UnicodeDecodeError):
        for line in (model_dir / "LICENSE").read_text(encoding="utf-8").splitlines():
            if line.strip():
                return line.strip()
    return None


def _language_name(code: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_")).english_name or code
    except (UnknownLocaleError, ValueError, TypeError):
        return code


def _render_readme(metadata: dict[str, Any], model_dir: Path, converter: str, ct2_version: str,
                   license_text: str | None, date: dt.date) -> str:
    return (
        f"# {metadata['from_name']} → {metadata['to_name']} "
        f"({metadata['from_code']}→{metadata['to_code']}), version {metadata['package_version']}"
        "\n\n"
        "Converted with `translate models convert`.\n\n"
        f"* Original model folder: {model_dir.resolve().name}\n"
        f"* Converter: ctranslate2.converters.{converter} (CTranslate2 {ct2_version})\n"
        f"* Converted on: {date.isoformat()}\n"
        "* Tokenizers: "
        + ("source.spm and target.spm (separate SentencePiece models)\n"
           if "source_spm" in metadata else "sentencepiece.model\n")
        + f"* License: {license_text or 'unknown (check the original model before sharing)'}\n"
        + _original_readme(model_dir)
    )


def _original_readme(model_dir: Path, limit: int = 20_000) -> str:
    """The model folder's own README.md, quoted under a heading (cut at ``limit`` chars)."""
    try:
        text = (model_dir / "README.md").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    if len(text) > limit:
        text = text[:limit] + "\n[...]"
    return f"\n## Original README\n\n{text}\n" if text else ""


def _write_zip(folder: Path, output: Path) -> None:
    """Zip ``folder`` (as the archive's top folder) into ``output`` atomically."""
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    os.close(fd)
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    relative = path.relative_to(folder.parent).as_posix()
                    info = zipfile.ZipInfo(relative, date_time=(2020, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = (stat.S_IFREG | 0o644) << 16
                    with open(path, "rb") as source, archive.open(info, "w") as sink:
                        shutil.copyfileobj(source, sink, _CHUNK)
        os.chmod(temporary, 0o644)
        os.replace(temporary, output)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


# --------------------------------------------------------------------------------------------
# Doctor
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DoctorEntry:
    """The state of one language pair."""

    source: str
    target: str
    package: PackageInfo | None
    status: str  # "ok" | "missing" | "broken"
    sample: str | None = None  # the test sentence's translation
    seconds: float | None = None  # load + translate time
    detail: str = ""  # the problem, or the next step for a missing pair

    def render(self) -> str:
        """A few lines describing the pair."""
        head = f"{self.source}→{self.target}: {self.status.upper()}"
        if self.package is None:
            return f"{head}\n  next step: {self.detail}"
        info = self.package
        lines = [
            f"{head}  {info.name} {info.version or '(no version)'}, "
            f"{_human_size(info.size_bytes)}, licence: {info.license or 'unknown'}",
            f"  path: {info.path}",
        ]
        if self.status == "ok":
            lines.append(f"  test: {TEST_SENTENCE!r} → {self.sample!r} ({self.seconds:.2f} s)")
        else:
            lines.append(f"  problem: {self.detail}")
        return "\n".join(lines)


@dataclass(frozen=True)
class DoctorReport:
    """Coverage of the configured languages by the installed packages."""

    dirs: list[Path]
    entries: list[DoctorEntry]
    skipped: list[str] = field(default_factory=list)  # unusable package folders, with why

    @property
    def ok(self) -> bool:
        """True when every configured pair has a package that loads and translates."""
        return all(entry.status == "ok" for entry in self.entries)

    def render(self) -> str:
        """The report as printed by ``translate models doctor``."""
        lines = ["Argos package folders:"]
        for folder in self.dirs:
            lines.append(f"  {folder}{'' if Path(folder).is_dir() else ' (does not exist)'}")
        for entry in self.entries:
            lines.append(entry.render())
        if self.skipped:
            lines.append("Unusable package folders (ignored):")
            lines.extend(f"  {line}" for line in self.skipped)
        ready = sum(entry.status == "ok" for entry in self.entries)
        lines.append(f"{ready} of {len(self.entries)} language pairs ready.")
        return "\n".join(lines)


def doctor(langs: Sequence[str], dirs: Sequence[Path], *, source: str = "en") -> DoctorReport:
    """Check, for each ``source``→lang pair, the installed package: loads, translates, timing."""
    dirs = [Path(folder) for folder in dirs]
    entries = []
    for target in langs:
        package = engine.find_package(dirs, source, target)
        if package is None:
            entries.append(DoctorEntry(source, target, None, "missing",
                                       detail=describe_next_step(source, target)))
            continue
        started = time.perf_counter()
        try:
            sample = engine.ArgosTranslator(package).translate([TEST_SENTENCE])[0]
        except (ModelError, RuntimeError, ValueError, OSError) as err:
            entries.append(DoctorEntry(source, target, package, "broken",
                                       detail=str(err).splitlines()[0] if str(err) else
                                       type(err).__name__))
            continue
        entries.append(DoctorEntry(source, target, package, "ok", sample=sample,
                                   seconds=time.perf_counter() - started))
    return DoctorReport(dirs=dirs, entries=entries, skipped=_unusable_packages(dirs))


def _unusable_packages(dirs: Sequence[Path]) -> list[str]:
    problems = []
    for folder in dirs:
        if not folder.is_dir():
            continue
        for child in sorted(folder.iterdir()):
            if child.name.startswith(".") or not (child / "metadata.json").is_file():
                continue
            try:
                engine.read_package(child)
            except ModelError as err:
                problems.append(str(err))
    return problems


def _human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"

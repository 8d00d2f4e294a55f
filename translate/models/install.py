"""Validated install of an ``.argosmodel`` archive into a package store.

``install_package`` checks an archive completely before it writes anything (paths, sizes,
metadata, model files), then extracts it into a hidden folder inside the package store, checks
the model's files (``model_check``) and translates a sentence with it in a child process
(``probe``: a model that crashes CTranslate2 is refused, not the end of the command), and renames
it into place, so a bad file leaves the store exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from translate.core.fsutil import open_regular_file
from translate.errors import ModelError, PackageInstallError
from translate.models import packages
from translate.models.check import check_model
from translate.models.packages import PackageInfo
from translate.models.probe import content_identity, default_cache, remember, try_package

#: Refuse archives that would unpack to more than this many bytes, or hold more members.
MAX_UNPACKED_BYTES = 2 * 1024**3
MAX_MEMBERS = 10_000
#: Bytes copied at a time when unpacking or downloading.
CHUNK_BYTES = 1024 * 1024


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
    then unpacked into a hidden folder in ``store``, checked and tried on a sentence in a child
    process (unless ``check_load`` is False), and renamed into place. A package already
    installed for the same pair is replaced (old folder renamed aside, new one renamed in, old one
    deleted); a version older than the installed one is refused unless ``force``.

    Raises PackageInstallError (one line, naming the file) and leaves ``store`` as it was.
    """
    file, store = Path(file), Path(store)
    label = display_name or str(file)
    archive = _check_archive(file, label, max_bytes=max_bytes, max_members=max_members)
    meta = archive.metadata
    pair = (meta["from_code"], meta["to_code"])
    replaced = [info for info in packages.find_packages([store]) if info.pair == pair]
    if not force:
        _refuse_downgrade(replaced, meta["package_version"], label)
    destination = store / archive.top
    _check_destination(destination, replaced, pair, label)
    created_store = not store.exists()
    work = _make_work_folder(store, label)
    try:
        info = _unpack(file, archive, work, label, max_bytes)
        if check_load:
            _check_loads(info, label)
        _swap_in(work / archive.top, destination, [info.path for info in replaced], store, label)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        if created_store:
            _remove_empty(store)
        raise
    shutil.rmtree(work, ignore_errors=True)
    return packages.read_package(destination)


def _check_destination(destination: Path, replaced: list[PackageInfo], pair: tuple[str, str],
                       label: str) -> None:
    """PackageInstallError when ``destination`` holds something other than a replaced package."""
    if destination.exists() and not any(info.path == destination for info in replaced):
        raise PackageInstallError(
            f"{label}: {destination} already exists and is not an installed {pair[0]}→{pair[1]} "
            "package; move it away first"
        )


def _make_work_folder(store: Path, label: str) -> Path:
    """A new hidden folder in ``store`` (created if need be) to unpack into."""
    try:
        store.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(dir=store, prefix=".install-"))
    except OSError as err:
        raise PackageInstallError(f"{label}: cannot write to {store} ({err.strerror})") from err


def _remove_empty(folder: Path) -> None:
    """Remove ``folder`` if it is empty (a store this install created)."""
    with contextlib.suppress(OSError):
        folder.rmdir()


def _refuse_downgrade(installed: list[PackageInfo], version: str, label: str) -> None:
    """PackageInstallError when ``version`` is older than the newest ``installed`` one."""
    newest = max(installed, key=lambda info: packages.version_key(info.version), default=None)
    if newest is not None and (
        packages.version_key(version) < packages.version_key(newest.version)
    ):
        raise PackageInstallError(
            f"{label}: version {version} is older than the installed {newest.from_code}→"
            f"{newest.to_code} package {newest.name} {newest.version}; use --force to downgrade"
        )


def _unpack(file: Path, archive: _Archive, work: Path, label: str, max_bytes: int
            ) -> PackageInfo:
    """Extract the validated archive into ``work`` and read it back as a package."""
    try:
        _extract(file, archive, work / archive.top, label, max_bytes)
        return packages.read_package(work / archive.top)
    except PackageInstallError:
        raise
    except ModelError as err:
        raise PackageInstallError(f"{label}: {_strip_prefix(str(err), work)}") from err
    except OSError as err:
        raise PackageInstallError(f"{label}: cannot unpack ({err})") from err
    except (zipfile.BadZipFile, zlib.error, EOFError) as err:  # a damaged member
        raise PackageInstallError(f"{label}: corrupt archive ({err})") from err


def _strip_prefix(message: str, work: Path) -> str:
    """Error messages of read_package name the hidden work folder; keep the package part."""
    return message.replace(f"{work}{os.sep}", "")


# --------------------------------------------------------------------------------------------
# Validation (nothing is written)
# --------------------------------------------------------------------------------------------


def _check_archive(file: Path, label: str, *, max_bytes: int, max_members: int) -> _Archive:
    """Validate the archive without writing anything; PackageInstallError on the first problem."""
    try:
        stream = open_regular_file(file)
    except FileNotFoundError as err:
        raise PackageInstallError(f"{label}: no such file") from err
    except OSError as err:  # a folder, a FIFO, no permission
        raise PackageInstallError(f"{label}: cannot read ({err.strerror or err})") from err
    with stream:
        try:
            handle = zipfile.ZipFile(stream)
        except zipfile.BadZipFile as err:
            raise PackageInstallError(f"{label}: not a zip archive") from err
        except OSError as err:
            raise PackageInstallError(f"{label}: cannot read ({err.strerror or err})") from err
        with handle:
            return _check_members(handle, label, max_bytes=max_bytes, max_members=max_members)


def _check_members(handle: zipfile.ZipFile, label: str, *, max_bytes: int, max_members: int
                   ) -> _Archive:
    """Validate the members of the open archive ``handle`` (see _check_archive)."""
    members = handle.infolist()
    if not members:
        raise PackageInstallError(f"{label}: empty archive")
    if len(members) > max_members:
        raise PackageInstallError(
            f"{label}: too many members ({len(members)}, limit {max_members})"
        )
    top, files = _index_members(members, label)
    total = sum(member.file_size for member in members if not member.is_dir())
    if total > max_bytes:
        raise PackageInstallError(
            f"{label}: unpacks to {total} bytes, more than the limit of {max_bytes}"
        )
    metadata = _read_metadata(handle, files, label)
    _check_contents(files, metadata, label)
    return _Archive(top=top, metadata=metadata, files=files)


def _index_members(members: list[zipfile.ZipInfo], label: str
                   ) -> tuple[str, dict[str, zipfile.ZipInfo]]:
    """The one top folder and the files under it (by path below it), each member checked."""
    tops: set[str] = set()
    files: dict[str, zipfile.ZipInfo] = {}
    for member in members:
        parts = _member_parts(member, label)
        tops.add(parts[0])
        if member.flag_bits & 0x1:
            raise PackageInstallError(f"{label}: member {member.filename!r} is encrypted")
        if member.is_dir():
            continue
        if len(parts) < 2:
            raise PackageInstallError(
                f"{label}: member {member.filename!r} is not inside the package folder "
                "(all members must sit under one top folder)"
            )
        files["/".join(parts[1:])] = member
    if len(tops) != 1:
        names = ", ".join(sorted(tops)[:3])
        raise PackageInstallError(
            f"{label}: members must sit under one top folder, found {len(tops)} ({names})"
        )
    top = tops.pop()
    problem = packages.folder_name_problem(top)
    if problem:
        raise PackageInstallError(f"{label}: top folder {top!r} refused: {problem}")
    return top, files


def _member_parts(member: zipfile.ZipInfo, label: str) -> list[str]:
    """The member's path components; refuses absolute paths, ``..``, links and device files."""
    parts = _safe_parts(member.filename, label)
    mode = member.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise PackageInstallError(f"{label}: member {member.filename!r} is a symbolic link")
    kind = stat.S_IFMT(mode)
    if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
        raise PackageInstallError(f"{label}: member {member.filename!r} is not a regular file")
    return parts


def _safe_parts(name: str, label: str) -> list[str]:
    """The components of a member name that stays inside the package (no ``..``, relative)."""
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        raise PackageInstallError(f"{label}: member {name!r} has an absolute path")
    if "\\" in name or packages.printable(name) != name:  # NUL, newline, bidi override...
        raise PackageInstallError(f"{label}: member {name!r} has an unsafe name")
    parts = [part for part in PurePosixPath(name).parts if part not in ("", ".")]
    if ".." in parts:
        raise PackageInstallError(f"{label}: member {name!r} points outside the package (..)")
    if not parts:
        raise PackageInstallError(f"{label}: member {name!r} has an empty name")
    return parts


def _read_metadata(
    handle: zipfile.ZipFile, files: dict[str, zipfile.ZipInfo], label: str
) -> dict[str, Any]:
    """The archive's metadata.json, checked (PackageInstallError)."""
    member = files.get("metadata.json")
    if member is None:
        raise PackageInstallError(f"{label}: no metadata.json in the package folder")
    if member.file_size > packages.MAX_METADATA_BYTES:
        raise PackageInstallError(f"{label}: metadata.json is too large")
    try:
        metadata = packages.parse_json(handle.read(member))
    except (ValueError, zipfile.BadZipFile, zlib.error, EOFError) as err:
        raise PackageInstallError(f"{label}: metadata.json is not valid JSON ({err})") from err
    if not isinstance(metadata, dict):
        raise PackageInstallError(f"{label}: metadata.json is not a JSON object")
    _check_metadata_fields(metadata, label)
    return metadata


def _check_metadata_fields(metadata: dict[str, Any], label: str) -> None:
    for key in ("from_code", "to_code", "package_version"):
        value = metadata.get(key)
        if not isinstance(value, str) or not value.strip():
            raise PackageInstallError(f"{label}: metadata.json has no {key}")
    for key in ("from_code", "to_code"):
        if not packages.is_language_code(metadata[key]):
            raise PackageInstallError(
                f"{label}: metadata.json {key} {packages.quote(metadata[key])} is not a "
                "language code"
            )
    if not packages.is_version(metadata["package_version"]):
        raise PackageInstallError(
            f"{label}: metadata.json package_version "
            f"{packages.quote(metadata['package_version'])} is not a version "
            f"({packages.VERSION_RULE})"
        )
    if metadata.get("type", "translate") != "translate":
        raise PackageInstallError(
            f"{label}: package type {metadata.get('type')!r} is not a translation package"
        )


def _check_contents(files: dict[str, zipfile.ZipInfo], metadata: dict[str, Any],
                    label: str) -> None:
    for name in ("model/model.bin", "model/config.json"):
        if name not in files:
            raise PackageInstallError(
                f"{label}: no CTranslate2 model ({name} is missing from the package)"
            )
    for name in _wanted_spm(files, metadata, label):
        if name not in files:
            extra = " (BPE packages are not supported)" if "bpe.model" in files else ""
            raise PackageInstallError(
                f"{label}: no SentencePiece tokenizer ({name} is missing){extra}"
            )


def _wanted_spm(files: dict[str, zipfile.ZipInfo], metadata: dict[str, Any],
                label: str) -> list[str]:
    """The SentencePiece files the package must hold (as ``read_package`` will look for them)."""
    named = [metadata.get("source_spm"), metadata.get("target_spm")]
    if all(name is None for name in named):
        if packages.SOURCE_SPM in files or packages.TARGET_SPM in files:
            return [packages.SOURCE_SPM, packages.TARGET_SPM]
        return [packages.SHARED_SPM]
    if not all(isinstance(name, str) and name for name in named):
        raise PackageInstallError(
            f"{label}: metadata.json must name both source_spm and target_spm"
        )
    return [str(PurePosixPath(name)) for name in named]  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def _extract(file: Path, archive: _Archive, folder: Path, label: str, max_bytes: int) -> None:
    """Unpack the validated members into ``folder``, counting the bytes really written."""
    written = 0
    with open_regular_file(file) as stream, zipfile.ZipFile(stream) as handle:
        folder.mkdir()
        for relative, member in sorted(archive.files.items()):
            target = folder.joinpath(*relative.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            with handle.open(member) as source, open(target, "xb") as sink:
                while chunk := source.read(CHUNK_BYTES):
                    written += len(chunk)
                    if written > max_bytes:
                        raise PackageInstallError(
                            f"{label}: unpacks to more than the limit of {max_bytes} bytes"
                        )
                    sink.write(chunk)


def _check_loads(info: PackageInfo, label: str) -> None:
    """Check the model's files, then load the package and translate a sentence with it in a
    child process (``translate.models.probe``): a model that crashes CTranslate2 is refused."""
    try:
        check_model(info.model_dir)
        try_package(info.path)
    except ModelError as err:
        reason = _strip_prefix(str(err), info.path.parent)
        raise PackageInstallError(f"{label}: {reason}") from err
    remember(default_cache(), info, [content_identity(info)])  # a run need not try it again


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

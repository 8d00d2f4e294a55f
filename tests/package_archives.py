"""Helpers for tests of ``.argosmodel`` archives: read, write, repack, compare package stores."""

from __future__ import annotations

import hashlib
import json
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

from conftest import FIXTURE_MODELS

from translate.models.install import install_package

RU = FIXTURE_MODELS / "translate-en_ru.argosmodel"
RU_TOP = "translate-en_ru-1_0"


def tree_digest(root: Path) -> dict[str, str] | None:
    """Every file and folder under ``root`` with the SHA-256 of its bytes (None: no root)."""
    if not root.exists():
        return None
    digest = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        digest[key] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return digest


def read_members(archive: Path) -> dict[str, bytes]:
    """The files of a zip archive (folders left out), by name."""
    with zipfile.ZipFile(archive) as handle:
        return {info.filename: handle.read(info) for info in handle.infolist()
                if not info.is_dir()}


def write_zip(path: Path, members: dict[str, bytes], *, links: dict[str, str] | None = None
              ) -> Path:
    """Write ``members`` (and ``links``: name → link target, as symlink members) to a zip."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as handle:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            handle.writestr(info, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            handle.writestr(info, target)
    return path


def repack(source: Path, path: Path, *, version: str | None = None,
           edit: Callable[[dict[str, bytes]], None] | None = None) -> Path:
    """Copy a package archive, optionally as another version (top folder renamed to match)."""
    members = read_members(source)
    if version is not None:
        old_top = next(iter(members)).split("/")[0]
        new_top = old_top.rsplit("-", 1)[0] + "-" + version.replace(".", "_")
        members = {new_top + name[len(old_top):]: data for name, data in members.items()}
        meta_name = f"{new_top}/metadata.json"
        metadata = json.loads(members[meta_name])
        metadata["package_version"] = version
        members[meta_name] = json.dumps(metadata).encode()
    if edit is not None:
        edit(members)
    return write_zip(path, members)


def store_with_az(tmp_path: Path) -> Path:
    """A package store already holding the en→az fixture package."""
    store = tmp_path / "store"
    install_package(FIXTURE_MODELS / "translate-en_az.argosmodel", store)
    return store


def only_folders(store: Path) -> list[str]:
    """The names directly in ``store``, sorted."""
    return sorted(path.name for path in store.iterdir())

"""What an Argos package index says and what fetching made of it: an entry's links, checksum
and version, and the results of ``fetch_packages`` (no network here: ``models.fetch``)."""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate.core.report import json_text
from translate.models import packages
from translate.models.packages import PackageInfo, describe_next_step

#: Links of one index entry that are tried, in order (Argos entries have one or two).
MAX_LINKS = 8


_SHA256 = re.compile(r"[0-9a-fA-F]{64}")


@dataclass(frozen=True)
class FetchResult:
    """What fetch did for one language pair."""

    source: str
    target: str
    status: str  # "installed" | "up to date" | "not in index" | "error"
    detail: str
    package: PackageInfo | None = None

    @property
    def installed(self) -> bool:
        """True when the pair is installed now."""
        return self.status in ("installed", "up to date")

    @property
    def ok(self) -> bool:
        """True unless fetch failed to install a pair the index offers (or could not tell)."""
        return self.status != "error"

    @property
    def pair(self) -> str:
        """``en→ru``."""
        return f"{self.source}→{self.target}"

    def render(self) -> str:
        """One line, e.g. ``en→ru: installed: translate-en_ru-1_9 1.9``."""
        status = self.status if self.installed else self.status.upper()
        line = f"{self.pair}: {status}"
        return f"{line}: {self.detail}" if self.detail else line


@dataclass(frozen=True)
class FetchReport:
    """The results of one ``fetch_packages`` call, one per requested language."""

    index_url: str
    results: list[FetchResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every pair the index offers is installed now (``translate models fetch``
        exits 0): a pair the index lacks is reported with the next step, not an error."""
        return all(result.ok for result in self.results)

    @property
    def complete(self) -> bool:
        """True when every requested pair is installed now."""
        return all(result.installed for result in self.results)

    def to_json(self) -> str:
        """The index and, per pair, its status, detail and the package installed now."""
        return json_text({
            "ok": self.ok, "index": self.index_url,
            "pairs": [{"source": r.source, "target": r.target, "status": r.status,
                       "detail": r.detail,
                       "package": None if r.package is None else {
                           "name": r.package.name, "version": r.package.version,
                           "path": str(r.package.path)}}
                      for r in self.results],
        })

    def render(self) -> str:
        """One line per pair, then, when a pair is still missing, one line that sums up."""
        lines = [result.render() for result in self.results]
        if not self.complete:
            lines.append(self.summary())
        return "\n".join(lines)

    def summary(self) -> str:
        """``3 of 4 pairs installed; ...``: what failed, what the index does not have."""
        installed = sum(result.installed for result in self.results)
        failed = [result.pair for result in self.results if not result.ok]
        absent = [result.pair for result in self.results if result.status == "not in index"]
        parts = [f"{installed} of {len(self.results)} pairs installed"]
        if failed:
            parts.append(f"could not install: {', '.join(failed)} (see above)")
        elif absent:
            parts.append("every pair the index offers is installed")
        if absent:
            parts.append(f"still missing: {', '.join(absent)} (not in the index, see above)")
        return "; ".join(parts)


def no_usable_entry(index_url: str, source: str, target: str, has_entries: bool) -> FetchResult:
    """The result for a pair the index has no entry for that fetch could use."""
    if has_entries:
        return FetchResult(source, target, "error",
                           f"{index_url} has {source}→{target} entries, but none with a "
                           f"usable package_version ({packages.VERSION_RULE})")
    return FetchResult(source, target, "not in index",
                       f"{index_url} has no {source}→{target} package; "
                       + describe_next_step(source, target))


def describe_install(info: PackageInfo, version: str, sha256: str | None) -> str:
    """``name version``, then whether the SHA-256 was verified and whether the package's
    version differs from the one the index advertised."""
    notes = [] if sha256 is None else ["SHA-256 verified"]
    if packages.version_key(info.version) != packages.version_key(version):
        notes.insert(0, f"the index advertised {version}: the package file says {info.version}")
    return f"{info.name} {info.version}" + (f" ({'; '.join(notes)})" if notes else "")


def expected_sha256(entry: dict[str, Any]) -> str | None:
    """The SHA-256 the index entry gives (``sha256``, or ``checksum: "sha256:..."``), lower
    case, or None; ValueError when it gives one that cannot be checked."""
    found = []
    if "sha256" in entry:
        value = entry["sha256"]
        if not (isinstance(value, str) and _SHA256.fullmatch(value)):
            raise ValueError(f"the index entry's sha256 {packages.quote(value, 80)} cannot be "
                             "verified (expected 64 hex digits)")
        found.append(value.lower())
    if "checksum" in entry:
        value = entry["checksum"]
        algorithm, _colon, digest = str(value).partition(":")
        if (not isinstance(value, str) or algorithm.lower() != "sha256"
                or not _SHA256.fullmatch(digest)):
            raise ValueError(f"the index entry's checksum {packages.quote(value, 80)} cannot "
                             "be verified (expected sha256:<64 hex digits>)")
        found.append(digest.lower())
    if len(set(found)) > 1:
        raise ValueError("the index entry gives two different SHA-256 checksums")
    return found[0] if found else None


def entry_links(entry: dict[str, Any]) -> list[str]:
    """The links of an index entry fetch tries, in order (at most MAX_LINKS)."""
    links = entry["links"]
    if not isinstance(links, list):
        return []
    return [link for link in links if isinstance(link, str)][:MAX_LINKS]


def archive_version(file: Path) -> str | None:
    """The ``package_version`` in the metadata.json of a package archive (its one top
    folder's), or None when it cannot be told: ``install_package`` then says what is wrong."""
    try:
        with zipfile.ZipFile(file) as archive:
            members = [member for member in archive.infolist()
                       if re.fullmatch(r"[^/]+/metadata\.json", member.filename)]
            if len(members) != 1 or members[0].file_size > packages.MAX_METADATA_BYTES:
                return None
            with archive.open(members[0]) as handle:
                metadata = packages.parse_json(handle.read(packages.MAX_METADATA_BYTES + 1))
    except (OSError, ValueError, EOFError, zipfile.BadZipFile, zlib.error,
            NotImplementedError, RuntimeError):
        return None
    version = metadata.get("package_version") if isinstance(metadata, dict) else None
    return version if packages.is_version(version) else None

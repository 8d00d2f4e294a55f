"""Download packages from an Argos package index: the project's only network code.

``fetch_packages`` reads the index (argostranslate's by default, or any URL: ``file://`` works
for an offline mirror), picks the newest package for each requested pair and installs it through
``install_package``. It runs only when called (``translate models fetch``); this is the only
module of the package that imports ``urllib``, ``http`` or ``socket``.
"""

from __future__ import annotations

import http.client
import json
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate import packages
from translate.errors import PackageInstallError
from translate.install import CHUNK_BYTES, MAX_UNPACKED_BYTES, install_package
from translate.packages import PackageInfo, describe_next_step

#: argostranslate's package index (``argostranslate.settings.remote_package_index``).
DEFAULT_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
#: Largest package index read into memory.
MAX_INDEX_BYTES = 64 * 1024**2

_PAIR_ERRORS = (OSError, http.client.HTTPException, ValueError)


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
    store = Path(store)
    report = FetchReport(index_url=url)
    try:
        index = _read_index(url, timeout)
    except _PAIR_ERRORS as err:
        reason = f"cannot read the package index {url} ({_describe_network_error(err)})"
        report.results.extend(_without_index(source, target, store, reason) for target in langs)
        return report
    for target in langs:
        report.results.append(_fetch_pair(index, url, source, target, store, timeout, max_bytes))
    return report


def _without_index(source: str, target: str, store: Path, reason: str) -> FetchResult:
    """The result for a pair when the index could not be read."""
    installed = packages.find_package([store], source, target)
    if installed is not None:
        detail = f"{installed.name} {installed.version} (index not read: {reason})"
        return FetchResult(source, target, "up to date", detail, installed)
    if (source, target) in packages.OPUS_MT_HINTS:  # not in the index anyway: say what to do
        return FetchResult(source, target, "error",
                           f"{reason}; {describe_next_step(source, target)}")
    detail = (f"{reason}; offline, copy an {source}_{target} .argosmodel file here "
              "and run: translate models install FILE.argosmodel")
    return FetchResult(source, target, "error", detail)


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
    entry = _newest_entry(index, source, target)
    if entry is None:
        return FetchResult(source, target, "not in index",
                           f"{index_url} has no {source}→{target} package; "
                           + describe_next_step(source, target))
    version = entry["package_version"]
    installed = packages.find_package([store], source, target)
    if installed and packages.version_key(installed.version) >= packages.version_key(version):
        return FetchResult(source, target, "up to date",
                           f"{installed.name} {installed.version}", installed)
    problems = []
    for link in _links(entry):
        link_url = urllib.parse.urljoin(index_url, link)
        try:
            info = _download_and_install(link_url, store, timeout, max_bytes)
        except PackageInstallError as err:
            problems.append(str(err))
            continue
        except _PAIR_ERRORS as err:
            problems.append(f"{link_url}: {_describe_network_error(err)}")
            continue
        return FetchResult(source, target, "installed", f"{info.name} {info.version}", info)
    detail = "; ".join(problems) if problems else "the index entry has no download link"
    return FetchResult(source, target, "error", detail)


def _newest_entry(index: list[dict[str, Any]], source: str, target: str
                  ) -> dict[str, Any] | None:
    """The index entry of the highest version for the pair (with links), or None."""
    candidates = [
        entry for entry in index
        if entry.get("from_code") == source and entry.get("to_code") == target
        and entry.get("type", "translate") == "translate"
        and isinstance(entry.get("package_version"), str) and entry.get("links")
    ]
    return max(candidates, key=lambda item: packages.version_key(item["package_version"]),
               default=None)


def _links(entry: dict[str, Any]) -> list[str]:
    links = entry["links"]
    return [link for link in links if isinstance(link, str)] if isinstance(links, list) else []


def _download_and_install(url: str, store: Path, timeout: float, max_bytes: int
                          ) -> PackageInfo:
    with tempfile.TemporaryDirectory(prefix="translate-fetch-") as folder:
        name = Path(urllib.parse.urlparse(url).path).name or "package.argosmodel"
        file = Path(folder) / name
        _download_file(url, file, timeout, max_bytes)
        return install_package(file, store, max_bytes=max_bytes, display_name=url)


def _download_bytes(url: str, timeout: float, limit: int) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        data = response.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"larger than {limit} bytes")
    return data


def _download_file(url: str, file: Path, timeout: float, limit: int) -> None:
    written = 0
    with urllib.request.urlopen(url, timeout=timeout) as response, open(file, "wb") as sink:
        while chunk := response.read(CHUNK_BYTES):
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

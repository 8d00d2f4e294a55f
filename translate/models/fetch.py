"""Download packages from an Argos package index: the project's only network code.

``fetch_packages`` reads the index (argostranslate's by default, or any ``http(s)://`` or
``file://`` URL, for an offline mirror), picks the newest package for each requested pair and
installs it through ``install_package``. It runs only when called (``translate models fetch``);
this is the only module of the package that imports ``urllib``, ``http`` or ``socket``.

What a hostile server or index cannot do: keep a download going past ``timeout`` (a deadline
closes the connection, however slowly the bytes drip), make the tool read a local file (a
remote index may link only to ``http(s)://``, and redirects never leave HTTP), get a package
installed whose SHA-256 differs from the one the index gives, or crash the command (a deep or
huge index, an absurd version: one line per pair).
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import socket
import ssl
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from translate.core.fsutil import open_regular_file
from translate.errors import PackageInstallError
from translate.models import packages
from translate.models.index import (
    FetchReport,
    FetchResult,
    archive_version,
    describe_install,
    entry_links,
    expected_sha256,
    no_usable_entry,
)
from translate.models.install import MAX_UNPACKED_BYTES, install_package
from translate.models.packages import PackageInfo, describe_next_step, printable

#: argostranslate's package index (``argostranslate.settings.remote_package_index``).
DEFAULT_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
#: Largest package index read into memory.
MAX_INDEX_BYTES = 64 * 1024**2
#: Bytes read at a time from the network (small: the deadline is checked between reads).
READ_BYTES = 64 * 1024

_PAIR_ERRORS = (OSError, http.client.HTTPException, ValueError)


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
    (``from_code``, ``to_code``, ``package_version``, ``links``, optionally ``sha256`` or
    ``checksum: "sha256:..."``, then verified); relative links are resolved against it. An
    ``http(s)://`` index may link only to ``http(s)://`` files; a ``file://`` index (an
    offline mirror) to files too. ``timeout`` bounds the whole download of the index, and
    the whole download of each pair (all its links together), however slowly the server
    sends. Each download goes through ``install_package``. Errors are reported per pair,
    never raised.
    """
    url = index_url or DEFAULT_INDEX_URL
    store = Path(store)
    report = FetchReport(index_url=url)
    try:
        index = _read_index(url, timeout)
    except _PAIR_ERRORS as err:
        reason = f"cannot read the package index {url} ({_describe_error(err, timeout)})"
        report.results.extend(_without_index(source, target, store, reason, index_url is None)
                              for target in langs)
        return report
    for target in langs:
        report.results.append(_fetch_pair(index, url, source, target, store, timeout, max_bytes))
    return report


def _without_index(source: str, target: str, store: Path, reason: str,
                   public_index: bool) -> FetchResult:
    """The result for a pair when the index could not be read."""
    installed = packages.find_package([store], source, target)
    if installed is not None:
        detail = f"{installed.name} {installed.version} (index not read: {reason})"
        return FetchResult(source, target, "up to date", detail, installed)
    if packages.opus_mt_hint(source, target):  # not in the index anyway: say what to do
        if public_index:  # known: the public index has no such package, read or not
            return FetchResult(source, target, "not in index", describe_next_step(source, target))
        return FetchResult(source, target, "error",
                           f"{reason}; {describe_next_step(source, target)}")
    detail = (f"{reason}; offline, copy an {source}_{target} .argosmodel file here "
              "and run: translate models install FILE.argosmodel")
    return FetchResult(source, target, "error", detail)


def _read_index(url: str, timeout: float) -> list[dict[str, Any]]:
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https", "file"):
        raise ValueError(f"not an http://, https:// or file:// URL: {printable(url)}")
    with _Deadline(timeout) as deadline:
        data = _download(url, deadline, MAX_INDEX_BYTES, allow_file=scheme == "file")
    try:
        index = packages.parse_json(data)
    except ValueError as err:
        raise ValueError(f"not JSON: {err}") from err
    if not isinstance(index, list):
        raise ValueError("not an Argos package index: expected a JSON list")
    return [entry for entry in index if isinstance(entry, dict)]


def _fetch_pair(index: list[dict[str, Any]], index_url: str, source: str, target: str,
                store: Path, timeout: float, max_bytes: int) -> FetchResult:
    """Install the newest usable package the index has for the pair, unless one as new is."""
    entries = [entry for entry in index
               if entry.get("from_code") == source and entry.get("to_code") == target
               and entry.get("type", "translate") == "translate" and entry.get("links")]
    usable = [entry for entry in entries if packages.is_version(entry.get("package_version"))]
    if not usable:
        return no_usable_entry(index_url, source, target, bool(entries))
    entry = max(usable, key=lambda item: packages.version_key(item["package_version"]))
    version = entry["package_version"]
    installed = packages.find_package([store], source, target)
    if installed and packages.version_key(installed.version) >= packages.version_key(version):
        newer = packages.version_key(installed.version) > packages.version_key(version)
        return FetchResult(source, target, "up to date",
                           f"{installed.name} {installed.version}"
                           + (f" (newer than the index's {version})" if newer else ""), installed)
    try:
        sha256 = expected_sha256(entry)
    except ValueError as err:
        return FetchResult(source, target, "error", f"{err}; nothing downloaded")
    link, got, problems = _install_from_links(entry_links(entry), index_url, store, timeout,
                                              max_bytes, sha256, installed)
    if got is None:
        detail = "; ".join(problems) if problems else "the index entry has no download link"
        return FetchResult(source, target, "error", detail)
    if isinstance(got, str):  # the file is older than the installed package
        assert installed is not None
        return FetchResult(
            source, target, "up to date",
            f"{installed.name} {installed.version} (kept: the index advertised "
            f"{version}, but its file {_show(link)} holds {got}, older; to install "
            "that one anyway, download it and run: translate models install --force "
            "FILE)", installed)
    return FetchResult(source, target, "installed", describe_install(got, version, sha256), got)


def _install_from_links(
    links: list[str], index_url: str, store: Path, timeout: float, max_bytes: int,
    sha256: str | None, installed: PackageInfo | None,
) -> tuple[str, PackageInfo | str | None, list[str]]:
    """Try ``links`` in turn, all within one deadline, until a download succeeds: the link,
    what ``_download_and_install`` returned for it, and what went wrong with the links tried
    before it; ("", None, problems) when none succeeded."""
    local = urllib.parse.urlsplit(index_url).scheme.lower() == "file"
    allowed = ("http", "https", "file") if local else ("http", "https")
    problems = []
    with _Deadline(timeout) as deadline:
        for link in links:
            if deadline.expired():
                problems.append(f"{_show(link)}: not tried, the {timeout:g} s of --timeout "
                                "are spent")
                continue
            try:
                link = urllib.parse.urljoin(index_url, link)  # ValueError: "http://[x"
                return link, _download_and_install(link, store, deadline, max_bytes, sha256,
                                                   allowed, installed), problems
            except PackageInstallError as err:
                problems.append(str(err))
            except _PAIR_ERRORS as err:
                problems.append(f"{_show(link)}: {_describe_error(err, timeout)}")
    return "", None, problems


def _download_and_install(url: str, store: Path, deadline: _Deadline, max_bytes: int,
                          sha256: str | None, allowed: tuple[str, ...],
                          installed: PackageInfo | None) -> PackageInfo | str:
    """The package installed from ``url``; or, when the file's version is older than the
    ``installed`` package's, that version (nothing installed: ``install_package`` would
    refuse a downgrade, and fetch never asks for one)."""
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in allowed:
        where = "a package index" if "file" in allowed else "a package index served over http"
        names = [f"{name}://" for name in allowed]
        schemes = f"{', '.join(names[:-1])} or {names[-1]}"
        raise ValueError(f"refused: {where} may only link to {schemes} files, not "
                         f"{_show(scheme, 20)}:")
    with tempfile.TemporaryDirectory(prefix="translate-fetch-") as folder:
        file = Path(folder) / "package.argosmodel"
        digest = _download(url, deadline, max_bytes, allow_file=scheme == "file", sink=file)
        if sha256 is not None and digest != sha256:
            raise ValueError(f"SHA-256 {digest} differs from the {sha256} the index gives; "
                             "nothing installed")
        version = archive_version(file)
        if installed is not None and version is not None and (
                packages.version_key(version) < packages.version_key(installed.version)):
            return version
        return install_package(file, store, max_bytes=max_bytes, display_name=_show(url))


# --------------------------------------------------------------------------------------------
# Downloads with a deadline
# --------------------------------------------------------------------------------------------


class _Deadline:
    """A moment a download must end by: at that moment, every connection opened under it is
    shut down, which ends a read however slowly the server drips its bytes (a socket timeout
    bounds only the wait for each byte)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()

    def remaining(self) -> float:
        """Seconds left (at least a millisecond: a socket timeout of 0 means non-blocking)."""
        return max(self.end - time.monotonic(), 0.001)

    def expired(self) -> bool:
        """True once the deadline has passed."""
        return time.monotonic() >= self.end

    def watch(self, sock: socket.socket) -> socket.socket:
        """Register a new connection, to be shut down at the deadline; returns it."""
        with self._lock:
            self._sockets.append(sock)
        if self.expired():
            self._expire()
        return sock

    def _expire(self) -> None:
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):  # the plain socket's, also under TLS
                socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def tls_context(self) -> ssl.SSLContext:
        """The default TLS context (certificates checked), whose sockets this deadline
        watches from the start of their handshake: wrapping a socket detaches the plain one
        watched by ``connection``, so a dripped handshake would otherwise go unbounded."""
        deadline = self

        class WatchedSSLSocket(ssl.SSLSocket):
            def do_handshake(self, block: bool = False) -> None:
                deadline.watch(self)
                super().do_handshake(block)

        context = ssl.create_default_context()
        context.sslsocket_class = WatchedSSLSocket
        return context

    def connection(self, base: type[http.client.HTTPConnection]
                   ) -> Callable[..., http.client.HTTPConnection]:
        """A factory of ``base`` connections whose sockets this deadline watches (the raw
        socket, before any TLS handshake, so that a dripped handshake is bounded too)."""
        deadline = self

        def connect(*args: Any, **kwargs: Any) -> http.client.HTTPConnection:
            conn = base(*args, **kwargs)
            create = conn._create_connection  # type: ignore[attr-defined]
            conn._create_connection = (  # type: ignore[attr-defined]
                lambda *a, **k: deadline.watch(create(*a, **k)))
            return conn

        return connect


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self.deadline.connection(http.client.HTTPConnection), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__(context=deadline.tls_context())
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self.deadline.connection(http.client.HTTPSConnection), req,
                            context=self._context)  # type: ignore[attr-defined]


class _FileHandler(urllib.request.FileHandler):
    """``file:`` URLs of regular files only: urllib would open a FIFO, which blocks past any
    deadline until something writes to it (``fsutil.open_regular_file`` checks it)."""

    def open_local_file(self, req: urllib.request.Request) -> Any:
        try:
            open_regular_file(Path(urllib.request.url2pathname(req.selector))).close()
        except OSError as err:
            raise urllib.error.URLError(err) from err
        return super().open_local_file(req)


def _opener(deadline: _Deadline, *, allow_file: bool) -> urllib.request.OpenerDirector:
    """HTTP(S) only (plus ``file:`` when allowed), every connection under ``deadline``;
    redirects stay within HTTP(S) (urllib refuses others, and there is no FTP handler)."""
    opener = urllib.request.OpenerDirector()
    handlers: list[urllib.request.BaseHandler] = [
        urllib.request.ProxyHandler(), _HTTPHandler(deadline), _HTTPSHandler(deadline),
        urllib.request.HTTPDefaultErrorHandler(), urllib.request.HTTPRedirectHandler(),
        urllib.request.HTTPErrorProcessor(),
    ]
    if allow_file:
        handlers.append(_FileHandler())
    for handler in handlers:
        opener.add_handler(handler)
    return opener


def _download(url: str, deadline: _Deadline, limit: int, *, allow_file: bool,
              sink: Path | None = None) -> Any:
    """Download ``url`` before ``deadline``: its bytes, or, with ``sink``, into that file
    (returning the SHA-256 hex digest). ValueError beyond ``limit`` bytes; TimeoutError when
    the deadline passes."""
    opener = _opener(deadline, allow_file=allow_file)
    digest = hashlib.sha256()
    chunks: list[bytes] = []
    size = 0
    try:
        with opener.open(url, timeout=deadline.remaining()) as response, \
                (open(sink, "wb") if sink else contextlib.nullcontext()) as out:
            read = getattr(response, "read1", response.read)  # read1: whatever has arrived
            while chunk := read(READ_BYTES):
                if deadline.expired():
                    raise TimeoutError
                size += len(chunk)
                if size > limit:
                    raise ValueError(f"larger than {limit} bytes")
                digest.update(chunk)
                if out is None:
                    chunks.append(chunk)
                else:
                    out.write(chunk)
            missing = getattr(response, "length", None)  # HTTPResponse: bytes still due
    except (OSError, http.client.HTTPException) as err:
        if deadline.expired() and not isinstance(err, urllib.error.HTTPError):
            raise TimeoutError from err
        raise
    if deadline.expired():  # the deadline cut the body short
        raise TimeoutError
    if missing:
        raise ValueError(f"the connection closed {missing} bytes before the end")
    return digest.hexdigest() if sink else b"".join(chunks)


def _show(text: str, limit: int = 300) -> str:
    """A URL or reason from the network for a message: printable, at most ``limit``
    characters."""
    text = printable(text)
    return text if len(text) <= limit else text[:limit] + "..."


def _describe_error(err: BaseException, timeout: float) -> str:
    if isinstance(err, TimeoutError):  # socket.timeout is TimeoutError too
        return f"timed out after {timeout:g} s, the limit --timeout sets on each whole download"
    if isinstance(err, urllib.error.HTTPError):
        return _show(f"HTTP {err.code} {err.reason}")
    if isinstance(err, urllib.error.URLError):
        reason = err.reason
        if isinstance(reason, TimeoutError):
            return _describe_error(reason, timeout)
        return _show(str(getattr(reason, "strerror", None) or reason))
    return _show(str(getattr(err, "strerror", None) or err) or type(err).__name__)

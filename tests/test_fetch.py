"""Tests of translate.models.fetch against a loopback HTTP index and a file:// mirror."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import json
import shutil
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURE_MODELS, invoke
from package_archives import RU, RU_TOP, only_folders, repack, store_with_az

from translate.models.fetch import fetch_packages
from translate.models.install import install_package
from translate.models.packages import describe_next_step


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def loopback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    """An HTTP server on 127.0.0.1 (ephemeral port) serving ``tmp_path/www``: (base URL, dir)."""
    for variable in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                     "ALL_PROXY"):
        monkeypatch.delenv(variable, raising=False)
    www = tmp_path / "www"
    www.mkdir()
    handler = functools.partial(QuietHandler, directory=str(www))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", www
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def entry(to_code: str, version: str, *links: str) -> dict[str, object]:
    return {"from_code": "en", "to_code": to_code, "package_version": version,
            "argos_version": "1.0", "type": "translate", "links": list(links)}


def test_fetch_from_loopback_index(tmp_path: Path, loopback: tuple[str, Path]) -> None:
    base, www = loopback
    for lang in ("ru", "az", "he"):
        shutil.copy(FIXTURE_MODELS / f"translate-en_{lang}.argosmodel", www)
    (www / "sub").mkdir()
    (www / "notzip.argosmodel").write_bytes(b"<html>not found</html>")
    index = [
        entry("ru", "1.0", f"{base}translate-en_ru.argosmodel"),
        entry("ru", "0.9", f"{base}missing-old.argosmodel"),
        entry("az", "1.0", f"{base}translate-en_az.argosmodel"),
        entry("he", "1.0", f"{base}gone.argosmodel", "../translate-en_he.argosmodel"),
        entry("de", "1.0", f"{base}gone.argosmodel"),
        entry("ka", "1.0", f"{base}notzip.argosmodel"),
        {"from_code": "fr", "to_code": "hy", "package_version": "1.0", "links": ["x"]},
    ]
    (www / "sub" / "index.json").write_text(json.dumps(index), encoding="utf-8")
    store = store_with_az(tmp_path)
    index_url = f"{base}sub/index.json"

    report = fetch_packages(["ru", "az", "he", "hy", "de", "ka"], store,
                                   index_url=index_url, timeout=5)
    lines = report.render().splitlines()
    assert lines[:3] == [
        "en→ru: installed: translate-en_ru-1_0 1.0",
        "en→az: up to date: translate-en_az-1_0 1.0",
        "en→he: installed: translate-en_he-1_0 1.0",
    ]
    assert lines[3].startswith(f"en→hy: NOT IN INDEX: {index_url} has no en→hy package; "
                               "the public Argos index has no en→hy package;")
    assert "translate models convert --from en --to hy MODEL_DIR" in lines[3]
    assert lines[4] == f"en→de: ERROR: {base}gone.argosmodel: HTTP 404 File not found"
    assert lines[5] == f"en→ka: ERROR: {base}notzip.argosmodel: not a zip archive"
    assert lines[6] == ("3 of 6 pairs installed; could not install: en→de, en→ka (see above); "
                        "still missing: en→hy (not in the index, see above)")
    assert len(lines) == 7 and not report.ok
    assert [result.status for result in report.results] == [
        "installed", "up to date", "installed", "not in index", "error", "error"]
    assert only_folders(store) == ["translate-en_az-1_0", "translate-en_he-1_0", RU_TOP]

    again = fetch_packages(["ru", "he"], store, index_url=index_url, timeout=5)
    assert again.ok and [result.status for result in again.results] == ["up to date"] * 2


def test_fetch_installs_a_newer_index_version(tmp_path: Path,
                                              loopback: tuple[str, Path]) -> None:
    base, www = loopback
    repack(RU, www / "ru-1.1.argosmodel", version="1.1")
    (www / "index.json").write_text(json.dumps([entry("ru", "1.1", "ru-1.1.argosmodel")]))
    store = tmp_path / "store"
    install_package(RU, store)
    report = fetch_packages(["ru"], store, index_url=f"{base}index.json", timeout=5)
    assert report.render() == "en→ru: installed: translate-en_ru-1_1 1.1"
    assert only_folders(store) == ["translate-en_ru-1_1"]
    (www / "index.json").write_text(json.dumps([entry("ru", "1.0", "ru-1.1.argosmodel")]))
    report = fetch_packages(["ru"], store, index_url=f"{base}index.json", timeout=5)
    assert report.render() == ("en→ru: up to date: translate-en_ru-1_1 1.1 (newer than the "
                               "index's 1.0)")


def test_fetch_reads_a_file_url_index(tmp_path: Path) -> None:
    mirror = tmp_path / "usb"
    mirror.mkdir()
    shutil.copy(RU, mirror)
    (mirror / "index.json").write_text(json.dumps([entry("ru", "1.0",
                                                         "translate-en_ru.argosmodel"),
                                                   entry("he", "1.0", "data:,x")]))
    report = fetch_packages(["ru", "he"], tmp_path / "store",
                            index_url=(mirror / "index.json").as_uri())
    assert report.results[0].installed and report.results[0].package is not None
    assert report.results[1].render() == (
        "en→he: ERROR: data:,x: refused: a package index may only link to http://, https:// "
        "or file:// files, not data:")


@pytest.mark.parametrize(("body", "reason"), [
    (None, "Connection refused"),
    (b"{not json", "not JSON: Expecting property name enclosed in double quotes at line 1 "
     "column 2"),
    (b'{"packages": []}', "not an Argos package index: expected a JSON list"),
])
def test_fetch_reports_an_unreadable_index_per_pair(tmp_path: Path, loopback: tuple[str, Path],
                                                    body: bytes | None, reason: str) -> None:
    base, www = loopback
    if body is None:
        with socket.socket() as probe:  # a port nobody listens on
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        url = f"http://127.0.0.1:{port}/index.json"
    else:
        (www / "index.json").write_bytes(body)
        url = f"{base}index.json"
    report = fetch_packages(["ru", "hy"], tmp_path / "store", index_url=url, timeout=5)
    expected = f"ERROR: cannot read the package index {url} ({reason})"
    assert report.render().splitlines() == [
        f"en→ru: {expected}; offline, copy an en_ru .argosmodel file here and run: "
        "translate models install FILE.argosmodel",
        f"en→hy: {expected}; {describe_next_step('en', 'hy')}",
        "0 of 2 pairs installed; could not install: en→ru, en→hy (see above)",
    ]
    assert not (tmp_path / "store").exists()


def test_fetch_without_index_keeps_installed_pairs_ok(tmp_path, fixture_models_dir):
    store = tmp_path / "store"
    install_package(fixture_models_dir / "translate-en_ru.argosmodel", store)
    url = (tmp_path / "missing-index.json").as_uri()
    report = fetch_packages(["ru", "he"], store, index_url=url, timeout=5)
    assert [r.status for r in report.results] == ["up to date", "error"]
    assert report.results[0].detail.startswith("translate-en_ru-1_0 1.0 (index not read: ")
    assert not report.ok


# --- hostile servers and indexes ----------------------------------------------------------------


class DripHandler(http.server.BaseHTTPRequestHandler):
    """Answers every request a byte at a time, a byte every ``DRIP_SECONDS``: in the body of
    ``/body/...``, in the headers of ``/headers/...``; never long enough silent for a
    per-read socket timeout to fire. It hangs up after ``DRIP_BYTES`` bytes (6 s), so that a
    client without a whole-download deadline fails the test instead of hanging it."""

    DRIP_SECONDS = 0.2
    DRIP_BYTES = 30
    stop = threading.Event()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def drip(self, data: bytes) -> None:
        for byte in data[: self.DRIP_BYTES]:
            if self.stop.wait(self.DRIP_SECONDS):
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()

    def do_GET(self) -> None:
        try:
            if self.path.startswith("/headers/"):
                self.wfile.write(b"HTTP/1.0 200 OK\r\n")
                self.drip(b"X-Slow: " + b"a" * 10_000 + b"\r\n\r\n")
            else:
                self.send_response(200)
                self.send_header("Content-Length", "100000")
                self.end_headers()
                self.drip(b"[" * 100_000)
        except OSError:  # the client gave up: what it should do
            pass


@contextlib.contextmanager
def serving_drips(context: ssl.SSLContext | None = None) -> Iterator[str]:
    """A loopback server answering with DripHandler (over TLS with ``context``): its base URL."""
    DripHandler.stop.clear()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), DripHandler)
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield f"{'https' if context else 'http'}://127.0.0.1:{server.server_address[1]}/"
    finally:
        DripHandler.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def drip_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The base URL of a loopback server that answers with DripHandler."""
    for variable in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(variable, raising=False)
    with serving_drips() as url:
        yield url


@pytest.mark.parametrize("where", ["body", "headers"])
def test_timeout_bounds_the_whole_index_download(tmp_path: Path, drip_server: str,
                                                 where: str) -> None:
    url = f"{drip_server}{where}/index.json"
    started = time.monotonic()
    report = fetch_packages(["ru"], tmp_path / "store", index_url=url, timeout=1.5)
    elapsed = time.monotonic() - started
    assert elapsed < 3, f"a 1.5 s timeout took {elapsed:.1f} s"
    assert report.render().startswith(
        f"en→ru: ERROR: cannot read the package index {url} (timed out after 1.5 s, the "
        "limit --timeout sets on each whole download); ")
    assert not (tmp_path / "store").exists()


@pytest.mark.parametrize("where", ["body", "headers"])
def test_timeout_bounds_the_whole_package_download(tmp_path: Path, loopback: tuple[str, Path],
                                                   drip_server: str, where: str) -> None:
    base, www = loopback
    slow = f"{drip_server}{where}/translate-en_ru.argosmodel"
    (www / "index.json").write_text(json.dumps([entry("ru", "1.0", slow, slow)]))
    started = time.monotonic()
    report = fetch_packages(["ru"], tmp_path / "store", index_url=f"{base}index.json",
                            timeout=1.5)
    elapsed = time.monotonic() - started
    assert elapsed < 3, f"a 1.5 s timeout took {elapsed:.1f} s (two links, one deadline)"
    assert report.render() == (
        f"en→ru: ERROR: {slow}: timed out after 1.5 s, the limit --timeout sets on each whole "
        f"download; {slow}: not tried, the 1.5 s of --timeout are spent\n"
        "0 of 1 pairs installed; could not install: en→ru (see above)")
    assert not report.ok
    assert not (tmp_path / "store").exists()


#: A self-signed certificate and its key for 127.0.0.1, valid until 2126, made with:
#: openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj /CN=127.0.0.1
#:   -addext subjectAltName=IP:127.0.0.1 (test data: the key protects nothing).
LOOPBACK_PEM = FIXTURE_MODELS.parent / "tls" / "loopback.pem"


@pytest.fixture
def tls_drip_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """DripHandler over TLS, with its certificate trusted (SSL_CERT_FILE): its base URL."""
    for variable in ("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("SSL_CERT_FILE", str(LOOPBACK_PEM))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(LOOPBACK_PEM)
    with serving_drips(context) as url:
        yield url


@pytest.mark.parametrize("where", ["body", "headers"])
def test_timeout_bounds_the_whole_download_over_tls(tmp_path: Path, tls_drip_server: str,
                                                    where: str) -> None:
    url = f"{tls_drip_server}{where}/index.json"
    started = time.monotonic()
    report = fetch_packages(["ru"], tmp_path / "store", index_url=url, timeout=1.5)
    assert time.monotonic() - started < 3
    assert "(timed out after 1.5 s, the limit --timeout sets" in report.render()


def test_timeout_bounds_a_dripped_tls_handshake(tmp_path: Path) -> None:
    stop = threading.Event()
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()

        def drip_a_server_hello() -> None:
            conn, _address = listener.accept()
            with conn:
                conn.recv(4096)  # the ClientHello
                for byte in b"\x16\x03\x03\x40\x00" + b"\x02" * 25:  # a 16 KiB record, slowly
                    if stop.wait(0.2):
                        return
                    with contextlib.suppress(OSError):
                        conn.sendall(bytes([byte]))

        thread = threading.Thread(target=drip_a_server_hello, daemon=True)
        thread.start()
        url = f"https://127.0.0.1:{listener.getsockname()[1]}/index.json"
        started = time.monotonic()
        report = fetch_packages(["ru"], tmp_path / "store", index_url=url, timeout=1.5)
        elapsed = time.monotonic() - started
        stop.set()
        thread.join(timeout=5)
    assert elapsed < 3, f"a 1.5 s timeout took {elapsed:.1f} s"
    assert "(timed out after 1.5 s, the limit --timeout sets" in report.render()


def test_a_malformed_link_is_one_line(tmp_path: Path, loopback: tuple[str, Path]) -> None:
    base, www = loopback
    shutil.copy(RU, www)
    (www / "index.json").write_text(json.dumps([entry("ru", "1.0", "http://[x\n/",
                                                      "translate-en_ru.argosmodel")]))
    report = fetch_packages(["ru"], tmp_path / "store", index_url=f"{base}index.json",
                            timeout=5)
    assert report.render() == "en→ru: installed: translate-en_ru-1_0 1.0"
    (www / "index.json").write_text(json.dumps([entry("he", "1.0", "http://[x\n/")]))
    report = fetch_packages(["he"], tmp_path / "store", index_url=f"{base}index.json",
                            timeout=5)
    assert report.results[0].render() == "en→he: ERROR: http://[x\\n/: Invalid IPv6 URL"


@pytest.mark.parametrize("link", [
    RU.as_uri(),
    "file:///etc/passwd",
    "ftp://127.0.0.1/translate-en_ru.argosmodel",
    "data:application/zip;base64,UEsDBA==",
])
def test_a_remote_index_may_only_link_to_http(tmp_path: Path, loopback: tuple[str, Path],
                                              link: str) -> None:
    base, www = loopback
    (www / "index.json").write_text(json.dumps([entry("ru", "1.0", link)]))
    report = fetch_packages(["ru"], tmp_path / "store", index_url=f"{base}index.json",
                            timeout=5)
    scheme = link.split(":")[0]
    assert report.results[0].render() == (
        f"en→ru: ERROR: {link}: refused: a package index served over http may only link to "
        f"http:// or https:// files, not {scheme}:")
    assert not (tmp_path / "store").exists()


class RedirectHandler(QuietHandler):
    """Redirects ``/moved.argosmodel`` to the file:// URL of the fixture package."""

    def do_GET(self) -> None:
        if self.path == "/moved.argosmodel":
            self.send_response(302)
            self.send_header("Location", RU.as_uri())
            self.end_headers()
            return
        super().do_GET()


def test_a_redirect_to_a_file_url_is_refused(tmp_path: Path, monkeypatch) -> None:
    www = tmp_path / "www"
    www.mkdir()
    handler = functools.partial(RedirectHandler, directory=str(www))
    for variable in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(variable, raising=False)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        (www / "index.json").write_text(json.dumps([entry("ru", "1.0", "moved.argosmodel")]))
        report = fetch_packages(["ru"], tmp_path / "store", index_url=f"{base}index.json",
                                timeout=5)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert report.render().startswith(f"en→ru: ERROR: {base}moved.argosmodel: HTTP 302")
    assert not (tmp_path / "store").exists()


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("field", ["sha256", "checksum"])
def test_the_checksum_the_index_gives_is_verified(tmp_path: Path, loopback: tuple[str, Path],
                                                  field: str) -> None:
    base, www = loopback
    shutil.copy(RU, www)
    good = sha256_of(RU)
    bad = good[::-1]
    value = (lambda digest: digest) if field == "sha256" else (lambda digest: f"sha256:{digest}")
    (www / "good.json").write_text(json.dumps([
        {**entry("ru", "1.0", "translate-en_ru.argosmodel"), field: value(good.upper())}]))
    (www / "bad.json").write_text(json.dumps([
        {**entry("ru", "1.0", "translate-en_ru.argosmodel"), field: value(bad)}]))
    store = tmp_path / "store"
    report = fetch_packages(["ru"], store, index_url=f"{base}bad.json", timeout=5)
    assert report.results[0].render() == (
        f"en→ru: ERROR: {base}translate-en_ru.argosmodel: SHA-256 {good} differs from the "
        f"{bad} the index gives; nothing installed")
    assert not store.exists()
    report = fetch_packages(["ru"], store, index_url=f"{base}good.json", timeout=5)
    assert report.render() == "en→ru: installed: translate-en_ru-1_0 1.0 (SHA-256 verified)"


@pytest.mark.parametrize("checksum", ["md5:0123", "sha256:xyz", 42])
def test_a_checksum_that_cannot_be_verified_is_refused(tmp_path: Path,
                                                       loopback: tuple[str, Path],
                                                       checksum: object) -> None:
    base, www = loopback
    shutil.copy(RU, www)
    (www / "index.json").write_text(json.dumps([
        {**entry("ru", "1.0", "translate-en_ru.argosmodel"), "checksum": checksum}]))
    report = fetch_packages(["ru"], tmp_path / "store", index_url=f"{base}index.json",
                            timeout=5)
    assert report.results[0].render() == (
        f"en→ru: ERROR: the index entry's checksum {checksum!r} cannot be verified "
        "(expected sha256:<64 hex digits>); nothing downloaded")
    assert not (tmp_path / "store").exists()


def test_fetch_says_when_the_installed_version_is_not_the_advertised_one(
        tmp_path: Path, loopback: tuple[str, Path]) -> None:
    base, www = loopback
    shutil.copy(RU, www)
    (www / "index.json").write_text(json.dumps([entry("ru", "1.9",
                                                      "translate-en_ru.argosmodel")]))
    report = fetch_packages(["ru"], tmp_path / "store", index_url=f"{base}index.json",
                            timeout=5)
    assert report.render() == (
        "en→ru: installed: translate-en_ru-1_0 1.0 (the index advertised 1.9: the package "
        "file says 1.0)")


def test_a_downloaded_file_older_than_the_installed_package_is_not_installed(
        tmp_path: Path, loopback: tuple[str, Path]) -> None:
    """The index advertises 1.9, its file holds 1.0, 1.1 is installed: fetch keeps 1.1 and
    says how to install the older file anyway (``models fetch`` has no --force)."""
    base, www = loopback
    shutil.copy(RU, www)
    (www / "index.json").write_text(json.dumps([entry("ru", "1.9",
                                                      "translate-en_ru.argosmodel")]))
    store = tmp_path / "store"
    install_package(repack(RU, tmp_path / "ru-1.1.argosmodel", version="1.1"), store)
    report = fetch_packages(["ru"], store, index_url=f"{base}index.json", timeout=5)
    assert report.render() == (
        "en→ru: up to date: translate-en_ru-1_1 1.1 (kept: the index advertised 1.9, but "
        f"its file {base}translate-en_ru.argosmodel holds 1.0, older; to install that one "
        "anyway, download it and run: translate models install --force FILE)")
    assert report.ok and only_folders(store) == ["translate-en_ru-1_1"]


def deep_json(depth: int = 100_000) -> bytes:
    return b"[" * depth + b"]" * depth


@pytest.mark.parametrize(("body", "reason"), [
    (deep_json(), "not JSON: nested too deeply"),
    (b"[" * 1_000_000, "not JSON: nested too deeply"),
    (b'[{"from_code": "en", "to_code": "ru", "package_version": "1.0", "links": '
     + deep_json() + b"}]", "not JSON: nested too deeply"),
    (b"[" + b"9" * 5000 + b"]", "not JSON: Exceeds the limit (4300 digits) for integer string "
     "conversion: value has 5000 di..."),
])
def test_a_deeply_nested_index_is_one_line(tmp_path: Path, loopback: tuple[str, Path],
                                           body: bytes, reason: str) -> None:
    base, www = loopback
    (www / "index.json").write_bytes(body)
    url = f"{base}index.json"
    report = fetch_packages(["ru"], tmp_path / "store", index_url=url, timeout=5)
    assert report.render().startswith(f"en→ru: ERROR: cannot read the package index {url} "
                                      f"({reason}); ")


def test_an_index_version_of_5000_digits_is_skipped(tmp_path: Path,
                                                    loopback: tuple[str, Path]) -> None:
    base, www = loopback
    shutil.copy(RU, www)
    (www / "index.json").write_text(json.dumps([
        entry("ru", "1" * 5000, "translate-en_ru.argosmodel"),
        entry("az", "1" * 5000, "translate-en_ru.argosmodel"),
        entry("az", "2.0.1\n", "translate-en_ru.argosmodel"),
        entry("ru", "1.0", "translate-en_ru.argosmodel"),
    ]))
    store = tmp_path / "store"
    install_package(RU, store)
    report = fetch_packages(["ru", "az"], store, index_url=f"{base}index.json", timeout=5)
    assert report.render().splitlines() == [
        "en→ru: up to date: translate-en_ru-1_0 1.0",
        f"en→az: ERROR: {base}index.json has en→az entries, but none with a usable "
        "package_version (a version is up to 32 characters: digits, letters, '.', '_', '-')",
        "1 of 2 pairs installed; could not install: en→az (see above)",
    ]


# --- exit codes: what `translate models fetch && translate run` needs ----------------------------


def test_pairs_the_index_lacks_do_not_fail_the_fetch(tmp_path: Path,
                                                     loopback: tuple[str, Path]) -> None:
    base, www = loopback
    shutil.copy(RU, www)
    (www / "index.json").write_text(json.dumps([entry("ru", "1.0",
                                                      "translate-en_ru.argosmodel")]))
    report = fetch_packages(["hy", "ru"], tmp_path / "store", index_url=f"{base}index.json",
                            timeout=5)
    assert report.ok and not report.complete
    lines = report.render().splitlines()
    assert lines[1] == "en→ru: installed: translate-en_ru-1_0 1.0"
    assert lines[-1] == ("1 of 2 pairs installed; every pair the index offers is installed; "
                         "still missing: en→hy (not in the index, see above)")


def test_models_fetch_exit_codes(tmp_path: Path, loopback: tuple[str, Path],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    base, www = loopback
    shutil.copy(RU, www)
    (www / "index.json").write_text(json.dumps([entry("ru", "1.0",
                                                      "translate-en_ru.argosmodel"),
                                                entry("he", "1.0", "gone.argosmodel")]))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "store"))
    index = f"{base}index.json"
    result = invoke("models", "fetch", "--lang", "hy,ru", "--index", index, code=0)
    assert result.stdout.splitlines()[-1].startswith("1 of 2 pairs installed; ")
    invoke("models", "fetch", "--lang", "hy,ru", "--index", index, code=0)  # again: up to date
    result = invoke("models", "fetch", "--lang", "ru,he", "--index", index, code=1)
    assert result.stdout.splitlines()[-1] == (
        "1 of 2 pairs installed; could not install: en→he (see above)")
    invoke("models", "fetch", "--lang", "az", "--index", f"{base}missing.json", code=1)
    invoke("models", "fetch", "--lang", "ru", "--index", f"{base}missing.json", code=0)


def test_offline_the_default_index_is_known_to_lack_en_hy(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    with socket.socket() as probe:  # a port nobody listens on stands for "offline"
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setattr("translate.models.fetch.DEFAULT_INDEX_URL", f"http://127.0.0.1:{port}/i.json")
    store = tmp_path / "store"
    install_package(RU, store)
    report = fetch_packages(["hy", "ru"], store, timeout=5)
    assert [result.status for result in report.results] == ["not in index", "up to date"]
    assert report.ok

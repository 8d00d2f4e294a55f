"""Tests of translate.fetch against a loopback HTTP index and a file:// mirror."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURE_MODELS
from package_archives import RU, RU_TOP, only_folders, repack, store_with_az

from translate.fetch import fetch_packages
from translate.install import install_package
from translate.packages import describe_next_step


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
    assert len(lines) == 6 and not report.ok
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


def test_fetch_reads_a_file_url_index(tmp_path: Path) -> None:
    mirror = tmp_path / "usb"
    mirror.mkdir()
    shutil.copy(RU, mirror)
    (mirror / "index.json").write_text(json.dumps([entry("ru", "1.0",
                                                         "translate-en_ru.argosmodel")]))
    report = fetch_packages(["ru"], tmp_path / "store",
                                   index_url=(mirror / "index.json").as_uri())
    assert report.ok and report.results[0].package is not None


@pytest.mark.parametrize(("body", "reason"), [
    (None, "Connection refused"),
    (b"{not json", "not JSON"),
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

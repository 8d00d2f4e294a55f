"""Tests of translate.models: validated install, fetch from a loopback index, convert, doctor."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import http.server
import importlib.util
import json
import shutil
import socket
import stat
import tempfile
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from build_tiny_marian import build_tiny_marian
from conftest import FIXTURE_LANGUAGES, FIXTURE_MODELS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translate import engine, models
from translate.errors import ModelError, PackageInstallError

MOSCOW = {"hy": "Մոսկվա", "az": "Moskva", "he": "מוסקבה", "ru": "Москва"}
RU = FIXTURE_MODELS / "translate-en_ru.argosmodel"
RU_TOP = "translate-en_ru-1_0"


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


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


def set_metadata(members: dict[str, bytes], **changes: object) -> None:
    name = f"{RU_TOP}/metadata.json"
    metadata = json.loads(members[name])
    for key, value in changes.items():
        if value is None:
            metadata.pop(key, None)
        else:
            metadata[key] = value
    members[name] = json.dumps(metadata).encode()


def store_with_az(tmp_path: Path) -> Path:
    """A package store already holding the en→az fixture package."""
    store = tmp_path / "store"
    models.install_package(FIXTURE_MODELS / "translate-en_az.argosmodel", store)
    return store


def only_folders(store: Path) -> list[str]:
    return sorted(path.name for path in store.iterdir())


# --------------------------------------------------------------------------------------------
# Install
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", FIXTURE_LANGUAGES)
def test_install_fixture_package_and_translate_with_it(tmp_path: Path, lang: str) -> None:
    store = tmp_path / "store"
    info = models.install_package(FIXTURE_MODELS / f"translate-en_{lang}.argosmodel", store)
    assert (info.name, info.from_code, info.to_code, info.version, info.license) == (
        f"translate-en_{lang}-1_0", "en", lang, "1.0", "MIT")
    assert info.path == store / info.name
    assert only_folders(store) == [info.name]  # no work folder left behind
    assert models.list_packages([store]) == [info]
    translator = engine.load_translator("argos", "en", lang, package_dirs=[store])
    assert translator.translate(["Talks in Moscow"]) == [f"Talks in {MOSCOW[lang]}"]


def test_render_packages_lists_pair_name_version_and_path(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert models.render_packages(models.list_packages([store])) == "No Argos packages installed."
    for lang in ("ru", "hy"):
        models.install_package(FIXTURE_MODELS / f"translate-en_{lang}.argosmodel", store)
    lines = models.render_packages(models.list_packages([store])).splitlines()
    assert lines[0].split() == ["pair", "package", "version", "size", "licence", "path"]
    assert lines[1].split() == ["en→hy", "translate-en_hy-1_0", "1.0", "805.7", "KB", "MIT",
                                str(store / "translate-en_hy-1_0")]
    assert lines[2].split()[:3] == ["en→ru", RU_TOP, "1.0"] and len(lines) == 3


def test_installed_files_equal_the_archive_members(tmp_path: Path) -> None:
    info = models.install_package(RU, tmp_path / "store")
    installed = {path.relative_to(info.path.parent).as_posix(): path.read_bytes()
                 for path in info.path.rglob("*") if path.is_file()}
    assert installed == read_members(RU)


def bad_zip(tmp_path: Path) -> Path:
    path = tmp_path / "bad.argosmodel"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    return path


def with_member(name: str, data: bytes = b"x") -> Callable[[dict[str, bytes]], None]:
    return lambda members: members.__setitem__(name, data)


def without(*names: str) -> Callable[[dict[str, bytes]], None]:
    def edit(members: dict[str, bytes]) -> None:
        for name in names:
            del members[f"{RU_TOP}/{name}"]
    return edit


def replace(name: str, data: bytes) -> Callable[[dict[str, bytes]], None]:
    return lambda members: members.__setitem__(f"{RU_TOP}/{name}", data)


BAD_PACKAGES: list[tuple[str, Callable[[dict[str, bytes]], None] | None, str]] = [
    ("zip slip", with_member(f"{RU_TOP}/../evil.txt"), "points outside the package (..)"),
    ("zip slip at top", with_member("../evil.txt"), "points outside the package (..)"),
    ("absolute path", with_member("/tmp/evil.txt"), "has an absolute path"),
    ("drive path", with_member("C:/evil.txt"), "has an absolute path"),
    ("backslash", with_member(f"{RU_TOP}\\..\\evil.txt"), "has an unsafe name"),
    ("two top folders", with_member("other/file.txt"), "must sit under one top folder, found 2"),
    ("file at top", with_member("README.md"), "is not inside the package folder"),
    ("missing metadata", without("metadata.json"), "no metadata.json in the package folder"),
    ("metadata not JSON", replace("metadata.json", b"{oops"), "metadata.json is not valid JSON"),
    ("metadata a list", replace("metadata.json", b"[]"), "metadata.json is not a JSON object"),
    ("no to_code", lambda m: set_metadata(m, to_code=None), "metadata.json has no to_code"),
    ("no from_code", lambda m: set_metadata(m, from_code=""), "metadata.json has no from_code"),
    ("no version", lambda m: set_metadata(m, package_version=None),
     "metadata.json has no package_version"),
    ("bad code", lambda m: set_metadata(m, to_code="../ru"), "is not a language code"),
    ("not translate", lambda m: set_metadata(m, type="sbd"), "is not a translation package"),
    ("missing model", without("model/model.bin", "model/config.json",
                              "model/shared_vocabulary.json"),
     "no CTranslate2 model (model/model.bin is missing from the package)"),
    ("missing model config", without("model/config.json"), "model/config.json is missing"),
    ("missing tokenizer", without("sentencepiece.model"),
     "no SentencePiece tokenizer (sentencepiece.model is missing)"),
    ("only target spm", lambda m: (without("sentencepiece.model")(m),
                                   replace("target.spm", b"x")(m)),
     "no SentencePiece tokenizer (source.spm is missing)"),
    ("half-named spm", lambda m: set_metadata(m, source_spm="sentencepiece.model"),
     "must name both source_spm and target_spm"),
    ("model cannot load", replace("model/model.bin", b"not a model"), "CTranslate2 cannot load"),
    ("tokenizer cannot load", replace("sentencepiece.model", b"not a model"),
     "sentencepiece.model is not a SentencePiece model"),
]


@pytest.mark.parametrize("store_exists", [True, False])
@pytest.mark.parametrize(("case", "edit", "message"),
                         [*BAD_PACKAGES, ("not a zip", None, "not a zip archive")],
                         ids=lambda value: value if isinstance(value, str) else "")
def test_bad_package_is_refused_and_the_store_is_untouched(
    tmp_path: Path, store_exists: bool, case: str, edit: Callable | None, message: str
) -> None:
    store = store_with_az(tmp_path) if store_exists else tmp_path / "store"
    file = bad_zip(tmp_path) if edit is None else repack(RU, tmp_path / "bad.argosmodel",
                                                          edit=edit)
    before = tree_digest(store)
    with pytest.raises(PackageInstallError) as caught:
        models.install_package(file, store)
    text = str(caught.value)
    assert text.startswith(f"{file}: ") and message in text, text
    assert "\n" not in text
    assert tree_digest(store) == before
    assert not (tmp_path / "evil.txt").exists()


def test_symlink_member_is_refused(tmp_path: Path) -> None:
    store = store_with_az(tmp_path)
    members = read_members(RU)
    file = write_zip(tmp_path / "link.argosmodel", members,
                     links={f"{RU_TOP}/model/link": "/etc/passwd"})
    before = tree_digest(store)
    with pytest.raises(PackageInstallError, match=r"is a symbolic link$"):
        models.install_package(file, store)
    assert tree_digest(store) == before


@pytest.mark.parametrize(("limits", "message"), [
    ({"max_bytes": 100_000}, "more than the limit of 100000"),
    ({"max_members": 3}, "too many members (8, limit 3)"),
])
def test_limits_are_enforced_before_writing(tmp_path: Path, limits: dict, message: str) -> None:
    store = store_with_az(tmp_path)
    before = tree_digest(store)
    with pytest.raises(PackageInstallError) as caught:
        models.install_package(RU, store, **limits)
    assert message in str(caught.value)
    assert tree_digest(store) == before


def test_empty_archive_and_missing_file(tmp_path: Path) -> None:
    empty = write_zip(tmp_path / "empty.argosmodel", {})
    with pytest.raises(PackageInstallError, match="empty archive"):
        models.install_package(empty, tmp_path / "store")
    with pytest.raises(PackageInstallError, match="no such file"):
        models.install_package(tmp_path / "absent.argosmodel", tmp_path / "store")
    assert not (tmp_path / "store").exists()


def test_reinstalling_the_same_version_replaces_the_folder(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = models.install_package(RU, store)
    (first.path / "stray.txt").write_text("left by hand")
    second = models.install_package(RU, store)
    assert second.path == first.path and not (second.path / "stray.txt").exists()
    assert only_folders(store) == [RU_TOP]


def test_newer_version_replaces_older_and_older_is_refused(tmp_path: Path) -> None:
    store = store_with_az(tmp_path)
    newer = repack(RU, tmp_path / "ru-1.1.argosmodel", version="1.1")
    models.install_package(RU, store)
    info = models.install_package(newer, store)
    assert (info.name, info.version) == ("translate-en_ru-1_1", "1.1")
    assert only_folders(store) == ["translate-en_az-1_0", "translate-en_ru-1_1"]

    before = tree_digest(store)
    with pytest.raises(PackageInstallError) as caught:
        models.install_package(RU, store)
    assert str(caught.value) == (
        f"{RU}: version 1.0 is older than the installed en→ru package translate-en_ru-1_1 1.1; "
        "use --force to downgrade")
    assert tree_digest(store) == before

    info = models.install_package(RU, store, force=True)
    assert info.version == "1.0"
    assert only_folders(store) == ["translate-en_az-1_0", RU_TOP]


def test_version_order_is_numeric(tmp_path: Path) -> None:
    store = tmp_path / "store"
    models.install_package(repack(RU, tmp_path / "a.argosmodel", version="1.9"), store)
    info = models.install_package(repack(RU, tmp_path / "b.argosmodel", version="1.10"), store)
    assert info.version == "1.10"
    assert only_folders(store) == ["translate-en_ru-1_10"]


def test_folder_in_the_way_is_not_overwritten(tmp_path: Path) -> None:
    store = tmp_path / "store"
    (store / RU_TOP).mkdir(parents=True)
    (store / RU_TOP / "notes.txt").write_text("mine")
    before = tree_digest(store)
    with pytest.raises(PackageInstallError, match="already exists and is not an installed"):
        models.install_package(RU, store)
    assert tree_digest(store) == before


NAME_PARTS = st.sampled_from(["pkg", "..", ".", "", "/", "model", "metadata.json", "C:", "x\\y"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names=st.lists(st.lists(NAME_PARTS, min_size=1, max_size=4).map("/".join),
                      min_size=1, max_size=5))
def test_nothing_is_ever_written_outside_the_store(names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        store, work = root / "a" / "b" / "store", root / "a" / "b" / "work"
        work.mkdir(parents=True)
        members = {name: b"data" for name in names if name and not name.endswith("/")}
        file = write_zip(work / "x.argosmodel", members)
        outside = tree_digest(root / "a" / "b" / "work")
        try:
            models.install_package(file, store)
        except PackageInstallError as err:
            assert "\n" not in str(err)
            assert not store.exists()
        assert tree_digest(work) == outside
        assert sorted(path.name for path in root.iterdir()) == ["a"]
        assert sorted(path.name for path in (root / "a").iterdir()) == ["b"]


# --------------------------------------------------------------------------------------------
# Fetch from a loopback index
# --------------------------------------------------------------------------------------------


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

    report = models.fetch_packages(["ru", "az", "he", "hy", "de", "ka"], store,
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

    again = models.fetch_packages(["ru", "he"], store, index_url=index_url, timeout=5)
    assert again.ok and [result.status for result in again.results] == ["up to date"] * 2


def test_fetch_installs_a_newer_index_version(tmp_path: Path,
                                              loopback: tuple[str, Path]) -> None:
    base, www = loopback
    repack(RU, www / "ru-1.1.argosmodel", version="1.1")
    (www / "index.json").write_text(json.dumps([entry("ru", "1.1", "ru-1.1.argosmodel")]))
    store = tmp_path / "store"
    models.install_package(RU, store)
    report = models.fetch_packages(["ru"], store, index_url=f"{base}index.json", timeout=5)
    assert report.render() == "en→ru: installed: translate-en_ru-1_1 1.1"
    assert only_folders(store) == ["translate-en_ru-1_1"]


def test_fetch_reads_a_file_url_index(tmp_path: Path) -> None:
    mirror = tmp_path / "usb"
    mirror.mkdir()
    shutil.copy(RU, mirror)
    (mirror / "index.json").write_text(json.dumps([entry("ru", "1.0",
                                                         "translate-en_ru.argosmodel")]))
    report = models.fetch_packages(["ru"], tmp_path / "store",
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
    report = models.fetch_packages(["ru", "hy"], tmp_path / "store", index_url=url, timeout=5)
    expected = f"ERROR: cannot read the package index {url} ({reason})"
    assert report.render().splitlines() == [
        f"en→ru: {expected}; offline, copy an en_ru .argosmodel file here and run: "
        "translate models install FILE.argosmodel",
        f"en→hy: {expected}; {models.describe_next_step('en', 'hy')}",
    ]
    assert not (tmp_path / "store").exists()


def test_fetch_without_index_keeps_installed_pairs_ok(tmp_path, fixture_models_dir):
    store = tmp_path / "store"
    models.install_package(fixture_models_dir / "translate-en_ru.argosmodel", store)
    url = (tmp_path / "missing-index.json").as_uri()
    report = models.fetch_packages(["ru", "he"], store, index_url=url, timeout=5)
    assert [r.status for r in report.results] == ["up to date", "error"]
    assert report.results[0].detail.startswith("translate-en_ru-1_0 1.0 (index not read: ")
    assert not report.ok


# --------------------------------------------------------------------------------------------
# Convert a Marian model
# --------------------------------------------------------------------------------------------

SENTENCES = {
    "Armenia recalled its ambassador from Moscow on Tuesday.":
        "Armenia recalled its ambassador from Մոսկվա on Tuesday.",
    "Officials met in Yerevan.": "Officials met in Երևան.",
    "Zebra quïck façade 123 @JNS_org": "Zebra quïck façade 123 @JNS_org",
    "  Hello world  ": "  Hello world  ",
}


@pytest.fixture
def marian_dir(tmp_path: Path) -> Path:
    return build_tiny_marian(tmp_path / "opus-mt-en-hy")


@pytest.mark.parametrize("with_decoder_yml", [True, False])
def test_convert_marian_then_translate_exactly(tmp_path: Path, marian_dir: Path,
                                               with_decoder_yml: bool) -> None:
    if not with_decoder_yml:
        (marian_dir / "decoder.yml").unlink()
    output = tmp_path / "out" / "translate-en_hy.argosmodel"
    assert models.convert_marian(marian_dir, output, source="en", target="hy",
                                 today=dt.date(2026, 1, 2)) == output
    top = "translate-en_hy-1_0"
    members = read_members(output)
    assert sorted(members) == [f"{top}/{name}" for name in (
        "README.md", "metadata.json", "model/config.json", "model/model.bin",
        "model/source_vocabulary.json", "model/target_vocabulary.json", "source.spm",
        "target.spm")]
    assert members[f"{top}/source.spm"] == (marian_dir / "source.spm").read_bytes()
    assert members[f"{top}/target.spm"] == (marian_dir / "target.spm").read_bytes()
    assert json.loads(members[f"{top}/metadata.json"]) == {
        "package_version": "1.0", "argos_version": models.ARGOS_VERSION,
        "from_code": "en", "from_name": "English", "to_code": "hy", "to_name": "Armenian",
        "type": "translate", "license": "CC-BY-4.0",
        "source_spm": "source.spm", "target_spm": "target.spm"}
    import ctranslate2

    converter = "OpusMTConverter" if with_decoder_yml else "MarianConverter"
    readme = members[f"{top}/README.md"].decode()
    assert readme.startswith(
        "# English → Armenian (en→hy), version 1.0\n\n"
        "Converted with `translate models convert`.\n\n"
        "* Original model folder: opus-mt-en-hy\n"
        f"* Converter: ctranslate2.converters.{converter} (CTranslate2 "
        f"{ctranslate2.__version__})\n"
        "* Converted on: 2026-01-02\n"
        "* Tokenizers: source.spm and target.spm (separate SentencePiece models)\n"
        "* License: CC-BY-4.0\n\n## Original README\n\n# tiny-opus-mt-en-hy (test model)\n")

    store = tmp_path / "store"
    info = models.install_package(output, store)
    assert (info.name, info.license, info.source_spm.name, info.target_spm.name) == (
        top, "CC-BY-4.0", "source.spm", "target.spm")
    for beam_size in (1, 4):
        translator = engine.load_translator("argos", "en", "hy", package_dirs=[store],
                                            beam_size=beam_size)
        assert translator.translate(list(SENTENCES)) == list(SENTENCES.values())


def test_armenian_output_needs_the_target_sentencepiece_model(marian_dir: Path) -> None:
    import sentencepiece

    source = sentencepiece.SentencePieceProcessor(model_file=str(marian_dir / "source.spm"))
    target = sentencepiece.SentencePieceProcessor(model_file=str(marian_dir / "target.spm"))
    assert source.piece_to_id("Մոսկվա") == source.unk_id()
    assert target.piece_to_id("Մոսկվա") != target.unk_id()


def test_convert_records_given_licence_and_version(tmp_path: Path, marian_dir: Path) -> None:
    (marian_dir / "README.md").unlink()
    (marian_dir / "LICENSE").write_text("Creative Commons Attribution 4.0\n\nfull text\n")
    output = models.convert_marian(marian_dir, tmp_path / "p.argosmodel", source="en",
                                   target="hy", version="2.1")
    members = read_members(output)
    top = "translate-en_hy-2_1"
    assert json.loads(members[f"{top}/metadata.json"])["license"] == (
        "Creative Commons Attribution 4.0")
    assert members[f"{top}/LICENSE"] == (marian_dir / "LICENSE").read_bytes()
    output = models.convert_marian(marian_dir, tmp_path / "q.argosmodel", source="en",
                                   target="hy", license="CC-BY-4.0 (OPUS-MT)")
    assert "* License: CC-BY-4.0 (OPUS-MT)\n" in read_members(output)[
        "translate-en_hy-1_0/README.md"].decode()


def break_npz(folder: Path) -> None:
    (folder / "opus.spm.npz").write_bytes(b"garbage")


@pytest.mark.parametrize(("change", "kind", "message"), [
    (lambda folder: (folder / "target.spm").unlink(), "auto", "no target.spm"),
    (break_npz, "auto", "cannot convert the Marian model"),
    (lambda folder: shutil.rmtree(folder), "auto", "no such folder"),
    (lambda folder: [path.unlink() for path in folder.iterdir()], "auto",
     "neither an OPUS-MT/Marian folder"),
    (lambda folder: None, "fairseq", "unknown model kind 'fairseq'"),
    (lambda folder: [(folder / name).unlink() for name in ("decoder.yml", "opus.spm.npz")],
     "opus-mt", "expected one .npz model without decoder.yml, found 0"),
])
def test_convert_refuses_with_one_line(tmp_path: Path, marian_dir: Path,
                                       change: Callable, kind: str, message: str) -> None:
    change(marian_dir)
    output = tmp_path / "out.argosmodel"
    with pytest.raises(ModelError) as caught:
        models.convert_marian(marian_dir, output, source="en", target="hy", kind=kind)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert not output.exists() and sorted(tmp_path.iterdir()) == sorted(
        [marian_dir] if marian_dir.exists() else [])


@pytest.mark.skipif(importlib.util.find_spec("torch") is not None
                    and importlib.util.find_spec("transformers") is not None,
                    reason="torch and transformers are installed")
def test_convert_hugging_face_checkpoint_says_what_to_install(tmp_path: Path) -> None:
    checkpoint = tmp_path / "opus-mt-en-hy"
    checkpoint.mkdir()
    (checkpoint / "config.json").write_text('{"model_type": "marian"}')
    with pytest.raises(ModelError, match=r"pip install transformers torch"):
        models.convert_marian(checkpoint, tmp_path / "o.argosmodel", source="en", target="hy")


# --------------------------------------------------------------------------------------------
# Doctor
# --------------------------------------------------------------------------------------------


def test_doctor_reports_installed_and_missing_pairs(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for lang in ("hy", "ru"):
        models.install_package(FIXTURE_MODELS / f"translate-en_{lang}.argosmodel", store)
    report = models.doctor(["hy", "az", "he", "ru"], [store, tmp_path / "absent"])
    assert [entry.status for entry in report.entries] == ["ok", "missing", "missing", "ok"]
    assert not report.ok
    hy = report.entries[0]
    assert hy.package is not None and hy.package.name == "translate-en_hy-1_0"
    assert hy.sample == "The minister arrived in Մոսկվա on Tuesday."
    assert hy.seconds is not None and hy.seconds >= 0
    lines = report.render().splitlines()
    assert lines[:3] == ["Argos package folders:", f"  {store}",
                         f"  {tmp_path / 'absent'} (does not exist)"]
    assert lines[3].startswith("en→hy: OK  translate-en_hy-1_0 1.0, ")
    assert lines[3].endswith(" KB, licence: MIT")
    assert lines[5].startswith("  test: 'The minister arrived in Moscow on Tuesday.' → "
                               "'The minister arrived in Մոսկվա on Tuesday.' (")
    assert lines[6:8] == [
        "en→az: MISSING",
        "  next step: run translate models fetch --lang az (needs the network), or install an "
        "en_az .argosmodel file: translate models install FILE.argosmodel"]
    assert lines[-1] == "2 of 4 language pairs ready."


def test_doctor_gives_the_armenian_route(tmp_path: Path) -> None:
    report = models.doctor(["hy"], [tmp_path / "store"])
    (entry,) = report.entries
    assert entry.status == "missing"
    assert entry.detail == (
        "the public Argos index has no en→hy package; download the OPUS-MT model "
        "Helsinki-NLP/opus-mt-en-hy and convert it: translate models convert --from en --to hy "
        "MODEL_DIR -o translate-en_hy.argosmodel, then translate models install "
        "translate-en_hy.argosmodel (or install any en_hy .argosmodel from a file: "
        "translate models install FILE.argosmodel)")


def test_doctor_all_ok_and_broken_package(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for lang in FIXTURE_LANGUAGES:
        models.install_package(FIXTURE_MODELS / f"translate-en_{lang}.argosmodel", store)
    assert models.doctor(FIXTURE_LANGUAGES, [store]).ok
    (store / "translate-en_he-1_0" / "model" / "model.bin").write_bytes(b"broken")
    shutil.rmtree(store / "translate-en_az-1_0" / "model")
    report = models.doctor(FIXTURE_LANGUAGES, [store])
    assert [entry.status for entry in report.entries] == ["ok", "missing", "broken", "ok"]
    assert "cannot load" in report.entries[2].detail
    assert report.skipped == [f"{store / 'translate-en_az-1_0'}: no CTranslate2 model "
                              "(model/model.bin is missing)"]
    assert report.render().splitlines()[-3:] == [
        "Unusable package folders (ignored):",
        f"  {store / 'translate-en_az-1_0'}: no CTranslate2 model (model/model.bin is missing)",
        "2 of 4 language pairs ready."]


def test_a_damaged_member_is_a_one_line_error_and_writes_nothing(tmp_path):
    source = FIXTURE_MODELS / "translate-en_ru.argosmodel"
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(next(n for n in archive.namelist() if n.endswith("model.bin")))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 200
    data[start : start + 16] = bytes(16)  # corrupt the compressed bytes of model.bin
    bad = tmp_path / "damaged.argosmodel"
    bad.write_bytes(bytes(data))
    store = tmp_path / "store"
    with pytest.raises(PackageInstallError) as caught:
        models.install_package(bad, store)
    assert str(caught.value).startswith(f"{bad}: corrupt archive (")
    assert "\n" not in str(caught.value)
    assert not store.exists()

"""Tests of translate.models.install: validation before writing, atomic replacement, limits."""

from __future__ import annotations

import json
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURE_LANGUAGES, FIXTURE_MODELS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from package_archives import (
    RU,
    RU_TOP,
    only_folders,
    read_members,
    repack,
    store_with_az,
    tree_digest,
    write_zip,
)

from translate.errors import PackageInstallError
from translate.models.engine import load_translator
from translate.models.install import install_package
from translate.models.packages import find_packages

MOSCOW = {"hy": "Մոսկվա", "az": "Moskva", "he": "מוסקבה", "ru": "Москва", "fa": "مسکو",
          "tr": "Moskova"}


def set_metadata(members: dict[str, bytes], **changes: object) -> None:
    name = f"{RU_TOP}/metadata.json"
    metadata = json.loads(members[name])
    for key, value in changes.items():
        if value is None:
            metadata.pop(key, None)
        else:
            metadata[key] = value
    members[name] = json.dumps(metadata).encode()



@pytest.mark.parametrize("lang", FIXTURE_LANGUAGES)
def test_install_fixture_package_and_translate_with_it(tmp_path: Path, lang: str) -> None:
    store = tmp_path / "store"
    info = install_package(FIXTURE_MODELS / f"translate-en_{lang}.argosmodel", store)
    assert (info.name, info.from_code, info.to_code, info.version, info.license) == (
        f"translate-en_{lang}-1_0", "en", lang, "1.0", "MIT")
    assert info.path == store / info.name
    assert only_folders(store) == [info.name]  # no work folder left behind
    assert find_packages([store]) == [info]
    translator = load_translator("argos", "en", lang, package_dirs=[store])
    assert translator.translate(["Talks in Moscow"]) == [f"Talks in {MOSCOW[lang]}"]



def test_installed_files_equal_the_archive_members(tmp_path: Path) -> None:
    info = install_package(RU, tmp_path / "store")
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


def rename_top(new_top: str) -> Callable[[dict[str, bytes]], None]:
    def edit(members: dict[str, bytes]) -> None:
        for name in list(members):
            members[new_top + name[len(RU_TOP):]] = members.pop(name)
    return edit


DEEP_JSON = b"[" * 100_000 + b"]" * 100_000

BAD_PACKAGES: list[tuple[str, Callable[[dict[str, bytes]], None] | None, str]] = [
    ("hidden top folder", rename_top(".install-x"),
     "top folder '.install-x' refused: a package folder name may not start with '.'"),
    ("newline in top folder", rename_top("translate-en_ru\n"),
     "member 'translate-en_ru\\n/README.md' has an unsafe name"),
    ("bidi override in top folder", rename_top("translate-en_ru\u202e"),
     "member 'translate-en_ru\\u202e/README.md' has an unsafe name"),
    ("newline in a member", with_member(f"{RU_TOP}/model/x\n.bin"), "has an unsafe name"),
    ("metadata nested 100,000 deep", replace("metadata.json", DEEP_JSON),
     "metadata.json is not valid JSON (nested too deeply)"),
    ("metadata field nested deep", replace("metadata.json", b'{"from_code": "en", "x": '
                                           + DEEP_JSON + b"}"),
     "metadata.json is not valid JSON (nested too deeply)"),
    ("metadata 5000-digit number", replace("metadata.json", b'{"x": ' + b"9" * 5000 + b"}"),
     "metadata.json is not valid JSON (Exceeds the limit (4300 digits)"),
    ("5000-digit version", lambda m: set_metadata(m, package_version="1" * 5000),
     "metadata.json package_version '" + "1" * 39 + "... (5000 characters) is not a version "
     "(a version is up to 32 characters: digits, letters, '.', '_', '-')"),
    ("version with a newline", lambda m: set_metadata(m, package_version="1.0\n"),
     "metadata.json package_version '1.0\\n' is not a version"),
    ("code with a final newline", lambda m: set_metadata(m, to_code="ru\n"),
     "metadata.json to_code 'ru\\n' is not a language code"),
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
    ("model cannot load", replace("model/model.bin", b"not a model"),
     "cannot load the Argos package (Unsupported model binary version"),
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
        install_package(file, store)
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
        install_package(file, store)
    assert tree_digest(store) == before


@pytest.mark.parametrize(("limits", "message"), [
    ({"max_bytes": 100_000}, "more than the limit of 100000"),
    ({"max_members": 3}, "too many members (8, limit 3)"),
])
def test_limits_are_enforced_before_writing(tmp_path: Path, limits: dict, message: str) -> None:
    store = store_with_az(tmp_path)
    before = tree_digest(store)
    with pytest.raises(PackageInstallError) as caught:
        install_package(RU, store, **limits)
    assert message in str(caught.value)
    assert tree_digest(store) == before


def test_empty_archive_and_missing_file(tmp_path: Path) -> None:
    empty = write_zip(tmp_path / "empty.argosmodel", {})
    with pytest.raises(PackageInstallError, match="empty archive"):
        install_package(empty, tmp_path / "store")
    with pytest.raises(PackageInstallError, match="no such file"):
        install_package(tmp_path / "absent.argosmodel", tmp_path / "store")
    assert not (tmp_path / "store").exists()


def test_reinstalling_the_same_version_replaces_the_folder(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = install_package(RU, store)
    (first.path / "stray.txt").write_text("left by hand")
    second = install_package(RU, store)
    assert second.path == first.path and not (second.path / "stray.txt").exists()
    assert only_folders(store) == [RU_TOP]


def test_newer_version_replaces_older_and_older_is_refused(tmp_path: Path) -> None:
    store = store_with_az(tmp_path)
    newer = repack(RU, tmp_path / "ru-1.1.argosmodel", version="1.1")
    install_package(RU, store)
    info = install_package(newer, store)
    assert (info.name, info.version) == ("translate-en_ru-1_1", "1.1")
    assert only_folders(store) == ["translate-en_az-1_0", "translate-en_ru-1_1"]

    before = tree_digest(store)
    with pytest.raises(PackageInstallError) as caught:
        install_package(RU, store)
    assert str(caught.value) == (
        f"{RU}: version 1.0 is older than the installed en→ru package translate-en_ru-1_1 1.1; "
        "use --force to downgrade")
    assert tree_digest(store) == before

    info = install_package(RU, store, force=True)
    assert info.version == "1.0"
    assert only_folders(store) == ["translate-en_az-1_0", RU_TOP]


def test_version_order_is_numeric(tmp_path: Path) -> None:
    store = tmp_path / "store"
    install_package(repack(RU, tmp_path / "a.argosmodel", version="1.9"), store)
    info = install_package(repack(RU, tmp_path / "b.argosmodel", version="1.10"), store)
    assert info.version == "1.10"
    assert only_folders(store) == ["translate-en_ru-1_10"]


def test_folder_in_the_way_is_not_overwritten(tmp_path: Path) -> None:
    store = tmp_path / "store"
    (store / RU_TOP).mkdir(parents=True)
    (store / RU_TOP / "notes.txt").write_text("mine")
    before = tree_digest(store)
    with pytest.raises(PackageInstallError, match="already exists and is not an installed"):
        install_package(RU, store)
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
            install_package(file, store)
        except PackageInstallError as err:
            assert "\n" not in str(err)
            assert not store.exists()
        assert tree_digest(work) == outside
        assert sorted(path.name for path in root.iterdir()) == ["a"]
        assert sorted(path.name for path in (root / "a").iterdir()) == ["b"]



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
        install_package(bad, store)
    assert str(caught.value).startswith(f"{bad}: corrupt archive (")
    assert "\n" not in str(caught.value)
    assert not store.exists()

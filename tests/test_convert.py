"""Tests of translate.models.convert: a tiny OPUS-MT/Marian model converted, installed and used."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from build_tiny_marian import build_tiny_marian
from package_archives import read_members

from translate.errors import ModelError
from translate.models.convert import ARGOS_VERSION, convert_marian
from translate.models.engine import load_translator
from translate.models.install import install_package

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
    assert convert_marian(marian_dir, output, source="en", target="hy",
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
        "package_version": "1.0", "argos_version": ARGOS_VERSION,
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
    info = install_package(output, store)
    assert (info.name, info.license, info.source_spm.name, info.target_spm.name) == (
        top, "CC-BY-4.0", "source.spm", "target.spm")
    for beam_size in (1, 4):
        translator = load_translator("argos", "en", "hy", package_dirs=[store],
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
    output = convert_marian(marian_dir, tmp_path / "p.argosmodel", source="en",
                                   target="hy", version="2.1")
    members = read_members(output)
    top = "translate-en_hy-2_1"
    assert json.loads(members[f"{top}/metadata.json"])["license"] == (
        "Creative Commons Attribution 4.0")
    assert members[f"{top}/LICENSE"] == (marian_dir / "LICENSE").read_bytes()
    output = convert_marian(marian_dir, tmp_path / "q.argosmodel", source="en",
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
        convert_marian(marian_dir, output, source="en", target="hy", kind=kind)
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
        convert_marian(checkpoint, tmp_path / "o.argosmodel", source="en", target="hy")



@pytest.mark.parametrize(("arguments", "message"), [
    ({"target": "hy\n"}, "'hy\\n' is not a language code"),
    ({"source": "en\u202e"}, "'en\\u202e' is not a language code"),
    ({"version": "../../1_0"}, "version '../../1_0' is not a version (a version is up to 32 "
                               "characters: digits, letters, '.', '_', '-')"),
    ({"version": "1.0\n"}, "version '1.0\\n' is not a version"),
    ({"version": "1" * 5000}, "version '" + "1" * 39 + "... (5000 characters) is not a version"),
])
def test_convert_refuses_names_that_would_break_the_package(
        tmp_path: Path, marian_dir: Path, arguments: dict, message: str) -> None:
    output = tmp_path / "out.argosmodel"
    with pytest.raises(ModelError) as caught:
        convert_marian(marian_dir, output, **{"source": "en", "target": "hy", **arguments})
    assert str(caught.value).startswith(message) and "\n" not in str(caught.value)
    assert not output.exists()


def test_a_hostile_readme_gives_one_printable_licence_line(tmp_path: Path,
                                                           marian_dir: Path) -> None:
    readme = "# Model\n\nLicense: \x1b[31mCC-BY-4.0" + "*" * 200_000 + "x\nmore\n"
    (marian_dir / "README.md").write_text(readme + "filler\n" * 1_000_000)
    output = convert_marian(marian_dir, tmp_path / "out.argosmodel", source="en", target="hy")
    members = read_members(output)
    metadata = json.loads(members["translate-en_hy-1_0/metadata.json"])
    assert metadata["license"] == "\\x1b[31mCC-BY-4.0"  # the README is read for 64 KiB
    copied = members["translate-en_hy-1_0/README.md"].decode()
    assert copied.endswith("\n[...]\n") and len(copied) < 25_000

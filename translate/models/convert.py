"""Convert an OPUS-MT/Marian (or Hugging Face) model folder into an ``.argosmodel`` package.

``convert_marian`` runs CTranslate2's converters and writes a package holding the converted
model, separate source and target SentencePiece models, ``metadata.json`` and a README.md that
records the provenance and licence. ``ctranslate2`` is imported inside the functions that need
it (through ``engine.import_runtime``); ``torch`` and ``transformers`` only for a Hugging Face
checkpoint.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from translate.core.fsutil import (
    open_regular_file,
    read_regular_file,
    write_bytes_atomic,
    write_scope,
)
from translate.core.reproducible import zip_bytes
from translate.errors import ModelError, NotRegularFileError
from translate.lang.cldr import language_name
from translate.models.engine import import_runtime
from translate.models.packages import (
    MAX_README_BYTES,
    SHARED_SPM,
    SOURCE_SPM,
    TARGET_SPM,
    VERSION_RULE,
    is_language_code,
    is_version,
    license_from_readme,
    license_line,
    parse_json,
    quote,
    read_text_head,
)

#: What ``kind`` may be: ``opus-mt`` is another name for ``marian``, ``auto`` looks.
CONVERTER_KINDS = ("auto", "marian", "opus-mt", "transformers")
#: Written into converted packages' metadata.json.
ARGOS_VERSION = "1.9"
#: Every member of a converted package is dated this way: the same model gives the same file.
PACKAGE_ZIP_TIME = datetime(2020, 1, 1, tzinfo=UTC)


def convert_marian(
    model_dir: Path,
    output: Path,
    *,
    source: str,
    target: str,
    version: str = "1.0",
    license: str | None = None,
    kind: str = "auto",
    quantization: str | None = None,
    today: dt.date | None = None,
) -> Path:
    """Convert an OPUS-MT/Marian (or Hugging Face) model folder into an ``.argosmodel`` file.

    ``kind="marian"``: a Marian folder (``decoder.yml`` naming the ``.npz`` and the vocabulary
    ``.yml`` files, or a single ``.npz`` beside them) with ``source.spm`` and ``target.spm``,
    converted with CTranslate2's OpusMTConverter/MarianConverter. ``kind="transformers"``: a
    Hugging Face Marian or M2M-100 checkpoint, through TransformersConverter (needs ``torch`` and
    ``transformers``); M2M-100 packages record ``target_prefix`` (``__hy__``) and
    ``source_prefix`` (``__en__``). ``auto`` picks by the files present. The package keeps the
    two SentencePiece models, and its README.md records the provenance and licence (``license``,
    or what the folder's README/LICENSE says). Returns ``output``; raises ModelError.
    """
    model_dir, output = Path(model_dir), Path(output)
    kind = _resolve_kind(model_dir, source, target, kind)
    if not is_version(version):
        raise ModelError(f"version {quote(version)} is not a version ({VERSION_RULE})")
    package_name = f"translate-{source}_{target}-{version.replace('.', '_')}"
    license_text = license or _find_license(model_dir)

    with tempfile.TemporaryDirectory(prefix="translate-convert-") as work:
        folder = Path(work) / package_name
        folder.mkdir()
        converter_name, extra = _convert_model(kind, model_dir, folder, quantization,
                                               source, target)
        if (model_dir / "LICENSE").is_file():
            shutil.copyfile(model_dir / "LICENSE", folder / "LICENSE")
        ctranslate2, _sentencepiece = import_runtime()

        metadata = {
            "package_version": version,
            "argos_version": ARGOS_VERSION,
            "from_code": source,
            "from_name": language_name(source),
            "to_code": target,
            "to_name": language_name(target),
            "type": "translate",
            **({"license": license_text} if license_text else {}),
            **extra,
        }
        (folder / "metadata.json").write_text(
            json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (folder / "README.md").write_text(
            _render_readme(metadata, model_dir, converter_name, ctranslate2.__version__,
                           license_text, today or dt.date.today()),
            encoding="utf-8",
        )
        members = [(path.relative_to(folder.parent).as_posix(), path)
                   for path in sorted(folder.rglob("*")) if path.is_file()]
        with write_scope(Path.cwd(), output.parent):  # never through a link leading elsewhere
            write_bytes_atomic(output, zip_bytes(members, PACKAGE_ZIP_TIME))
    return output


def _resolve_kind(model_dir: Path, source: str, target: str, kind: str) -> str:
    """Check the arguments; the converter to use: ``marian`` or ``transformers``."""
    for code in (source, target):
        if not is_language_code(code):
            raise ModelError(f"{quote(code)} is not a language code")
    if kind not in CONVERTER_KINDS:
        raise ModelError(f"unknown model kind {kind!r} (choose from {', '.join(CONVERTER_KINDS)})")
    if not model_dir.is_dir():
        raise ModelError(f"{model_dir}: no such folder")
    for path in sorted(model_dir.iterdir()):  # the converters open them: a FIFO would block
        try:
            if not path.is_dir():
                open_regular_file(path).close()
        except NotRegularFileError as err:
            raise ModelError(f"{path}: {err.strerror}") from err
    if kind == "auto":
        return _detect_kind(model_dir)
    return "marian" if kind == "opus-mt" else kind


def _convert_model(kind: str, model_dir: Path, folder: Path, quantization: str | None,
                   source: str, target: str) -> tuple[str, dict[str, Any]]:
    """Convert into ``folder/model`` and copy the tokenizers: (converter name, metadata)."""
    if kind == "marian":
        converter_name = _convert_native_marian(model_dir, folder / "model", quantization)
        _copy_spm_pair(model_dir, folder)
        return converter_name, {"source_spm": SOURCE_SPM, "target_spm": TARGET_SPM}
    converter_name, model_type = _convert_transformers(model_dir, folder / "model", quantization)
    extra: dict[str, Any] = {}
    if model_type == "m2m_100":
        extra.update(source_prefix=f"__{source}__", target_prefix=f"__{target}__")
    if (model_dir / SOURCE_SPM).is_file():
        _copy_spm_pair(model_dir, folder)
        extra.update(source_spm=SOURCE_SPM, target_spm=TARGET_SPM)
    else:
        shutil.copyfile(_shared_spm(model_dir), folder / SHARED_SPM)
    return converter_name, extra


def _copy_spm_pair(model_dir: Path, folder: Path) -> None:
    for name in (SOURCE_SPM, TARGET_SPM):
        shutil.copyfile(model_dir / name, folder / name)


def _detect_kind(model_dir: Path) -> str:
    if (model_dir / "decoder.yml").is_file() or any(model_dir.glob("*.npz")):
        return "marian"
    if (model_dir / "config.json").is_file():
        return "transformers"
    raise ModelError(
        f"{model_dir}: neither an OPUS-MT/Marian folder (no decoder.yml or .npz) nor a "
        "Hugging Face checkpoint (no config.json)"
    )


def _convert_native_marian(model_dir: Path, output: Path, quantization: str | None) -> str:
    import_runtime()  # CTranslate2 is first imported there (see engine._openmp_wait_policy)
    from ctranslate2.converters import MarianConverter, OpusMTConverter  # lazy: 35 ms

    for name in (SOURCE_SPM, TARGET_SPM):
        if not (model_dir / name).is_file():
            raise ModelError(f"{model_dir}: no {name} (OPUS-MT folders hold source.spm and "
                             "target.spm)")
    try:
        if (model_dir / "decoder.yml").is_file():
            converter: Any = OpusMTConverter(str(model_dir))
            name = "OpusMTConverter"
        else:
            converter = MarianConverter(*_marian_files(model_dir))
            name = "MarianConverter"
        converter.convert(str(output), quantization=quantization)
    except ModelError:
        raise
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as err:
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ModelError(f"{model_dir}: cannot convert the Marian model ({reason})") from err
    return name


def _marian_files(model_dir: Path) -> tuple[str, list[str]]:
    """The ``.npz`` model and the vocabulary ``.yml`` files of a Marian folder."""
    models = sorted(model_dir.glob("*.npz"))
    if len(models) != 1:
        raise ModelError(f"{model_dir}: expected one .npz model without decoder.yml, "
                         f"found {len(models)}")
    return str(models[0]), [str(path) for path in _marian_vocabularies(model_dir)]


def _marian_vocabularies(model_dir: Path) -> list[Path]:
    """The source and target vocabularies (``*.src.vocab.yml``, ...), or the shared one."""
    vocabs = [path for path in sorted(model_dir.glob("*.yml")) if path.name.endswith("vocab.yml")]
    source = _marked(vocabs, ".src.", "source")
    target = _marked(vocabs, ".trg.", "target")
    if len(source) == 1 and len(target) == 1:
        return [source[0], target[0]]
    if len(vocabs) == 1:
        return vocabs
    raise ModelError(f"{model_dir}: cannot tell the vocabulary .yml files apart; add a "
                     "decoder.yml naming the model and its vocabularies")


def _marked(paths: list[Path], *marks: str) -> list[Path]:
    """The paths whose name holds one of ``marks``."""
    return [path for path in paths if any(mark in path.name for mark in marks)]


def _convert_transformers(model_dir: Path, output: Path,
                          quantization: str | None) -> tuple[str, str]:
    missing = [name for name in ("transformers", "torch") if importlib.util.find_spec(name) is None]
    if missing:
        raise ModelError(
            f"{model_dir}: converting a Hugging Face checkpoint needs {' and '.join(missing)}; "
            "install them with: pip install transformers torch (or convert the original "
            "OPUS-MT Marian release, which needs neither)"
        )
    try:
        config = parse_json(read_regular_file(model_dir / "config.json"))
    except (OSError, ValueError) as err:
        raise ModelError(f"{model_dir / 'config.json'}: unreadable ({err})") from err
    model_type = config.get("model_type") if isinstance(config, dict) else None
    if model_type not in ("marian", "m2m_100"):
        raise ModelError(f"{model_dir}: model type {model_type!r} is not supported "
                         "(Marian or M2M-100)")
    import_runtime()
    from ctranslate2.converters import TransformersConverter  # lazy: CTranslate2 (above)

    try:
        TransformersConverter(str(model_dir)).convert(str(output), quantization=quantization)
    except (OSError, ValueError, KeyError, TypeError, RuntimeError, ImportError) as err:
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ModelError(f"{model_dir}: cannot convert the checkpoint ({reason})") from err
    return "TransformersConverter", model_type


def _shared_spm(model_dir: Path) -> Path:
    for name in ("sentencepiece.bpe.model", "sentencepiece.model", "spm.model"):
        if (model_dir / name).is_file():
            return model_dir / name
    raise ModelError(f"{model_dir}: no SentencePiece model (source.spm/target.spm or "
                     "sentencepiece.bpe.model)")


def _find_license(model_dir: Path) -> str | None:
    """The licence a model folder declares: in its README.md, else LICENSE's first line (one
    printable line either way)."""
    found = license_from_readme(read_text_head(model_dir / "README.md", MAX_README_BYTES))
    if found:
        return found
    text = read_text_head(model_dir / "LICENSE", MAX_README_BYTES) or ""
    return license_line(text)


def _render_readme(metadata: dict[str, Any], model_dir: Path, converter: str, ct2_version: str,
                   license_text: str | None, date: dt.date) -> str:
    return (
        f"# {metadata['from_name']} → {metadata['to_name']} "
        f"({metadata['from_code']}→{metadata['to_code']}), version {metadata['package_version']}"
        "\n\n"
        "Converted with `translate models convert`.\n\n"
        f"* Original model folder: {model_dir.resolve().name}\n"
        f"* Converter: ctranslate2.converters.{converter} (CTranslate2 {ct2_version})\n"
        f"* Converted on: {date.isoformat()}\n"
        "* Tokenizers: "
        + ("source.spm and target.spm (separate SentencePiece models)\n"
           if "source_spm" in metadata else "sentencepiece.model\n")
        + f"* License: {license_text or 'unknown (check the original model before sharing)'}\n"
        + _original_readme(model_dir)
    )


def _original_readme(model_dir: Path, limit: int = 20_000) -> str:
    """The model folder's own README.md, quoted under a heading (cut at ``limit`` chars)."""
    text = (read_text_head(model_dir / "README.md", 4 * limit) or "").strip()
    if len(text) > limit:
        text = text[:limit] + "\n[...]"
    return f"\n## Original README\n\n{text}\n" if text else ""



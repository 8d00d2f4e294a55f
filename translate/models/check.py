"""A CTranslate2 model checked before CTranslate2 reads it: config, vocabularies, weight shapes.

CTranslate2 loads a model whose weights do not fit together and then fails only when it
translates (a Python traceback), or writes nothing, or reads past a matrix; ``num_heads`` of 0
kills the process with SIGFPE. ``check_model`` reads what can be checked without loading the
weights: ``config.json``, the vocabularies and, from ``model.bin``, the name, shape and type of
every variable (its bytes are skipped, only scalars are read), and raises ModelError, one line
naming the file, on the first thing CTranslate2 could not run. What it cannot see (the values
of the weights, a crash for another reason) is left to a trial translation in a child process
(``translate.models.probe``).

The layout of ``model.bin`` is the one ``ctranslate2.specs.ModelSpec`` writes (binary versions
4 to 6): a version, the spec's name and revision, the variables (name, rank, dimensions, type,
byte count, bytes) and the aliases (a name for another variable).
"""

from __future__ import annotations

import json
import math
import re
import struct
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from translate.core.fsutil import open_regular_file, read_regular_file
from translate.errors import ModelError

#: The binary versions of model.bin read here (CTranslate2 2.0 writes 4, 3.0 and later 5-6).
BINARY_VERSIONS = range(4, 7)
#: Bytes per item of each type id (float32, int8, int16, int32, float16, bfloat16).
ITEM_BYTES = (4, 1, 2, 4, 2, 2)
INTEGER_TYPES = {1: "b", 2: "h", 3: "i"}
#: Refuse stranger headers than these (a damaged file read as a header).
MAX_RANK, MAX_VARIABLES = 8, 1_000_000
#: The special tokens of config.json that each vocabulary must hold, with CTranslate2's
#: defaults (the start token is not checked: Marian models start from a zero embedding).
SPECIAL_TOKENS = {"source": {"unk_token": "<unk>"},
                  "target": {"unk_token": "<unk>", "eos_token": "</s>"}}
#: The vocabulary files CTranslate2 looks for, by side, JSON first.
VOCABULARY_NAMES = {"source": ("source_vocabulary", "shared_vocabulary"),
                    "target": ("target_vocabulary", "shared_vocabulary")}


@dataclass
class ModelHeader:
    """What ``model.bin`` says about its variables, without their bytes."""

    version: int
    spec: str
    shapes: dict[str, tuple[int, ...]] = field(default_factory=dict)
    scalars: dict[str, int] = field(default_factory=dict)  # integer scalars (num_heads...)


def check_model(model_dir: Path) -> None:
    """ModelError, one line naming the file, when the CTranslate2 model in ``model_dir``
    cannot translate as it is (the shapes of a model.bin of a binary version not read here
    are left to CTranslate2)."""
    model_dir = Path(model_dir)
    config = _read_config(model_dir / "config.json")
    header = read_header(model_dir / "model.bin")
    vocabularies = {side: _read_vocabulary(model_dir, side) for side in VOCABULARY_NAMES}
    _check_tokens(config, vocabularies, model_dir)
    problem = header and shape_problem(
        header, {side: len(tokens) for side, (_file, tokens) in vocabularies.items()})
    if problem:
        raise ModelError(f"{model_dir / 'model.bin'}: {problem}")


def read_header(path: Path) -> ModelHeader | None:
    """The variables of ``model.bin`` (shapes; integer scalars with their values); None for a
    binary version not read here. ModelError when the file is cut short or damaged."""
    try:
        with open_regular_file(path) as handle:
            size = _file_size(handle)
            return _Reader(handle, size).header()
    except OSError as err:
        raise ModelError(f"{path}: cannot read ({err.strerror or err})") from err
    except (struct.error, ValueError) as err:
        raise ModelError(f"{path}: damaged or cut short ({err})") from err


def _file_size(handle: BinaryIO) -> int:
    size = handle.seek(0, 2)
    handle.seek(0)
    return size


class _Reader:
    """Reads a model.bin header; ``ValueError`` on what no model.bin holds."""

    def __init__(self, handle: BinaryIO, size: int) -> None:
        self.handle, self.size = handle, size

    def take(self, fmt: str) -> int:
        data = self.handle.read(struct.calcsize(fmt))
        return int(struct.unpack(f"<{fmt}", data)[0])

    def text(self) -> str:
        length = self.take("H")
        data = self.handle.read(length)
        if len(data) != length or not data.endswith(b"\0"):
            raise ValueError("a name is not terminated")
        return data[:-1].decode("utf-8", errors="replace")

    def header(self) -> ModelHeader | None:
        version = self.take("I")
        if version not in BINARY_VERSIONS:
            return None
        header = ModelHeader(version, self.text())
        self.take("I")  # the spec's revision
        count = self.take("I")
        if count > MAX_VARIABLES:
            raise ValueError(f"{count} variables")
        for _ in range(count):
            self.variable(header)
        for _ in range(self.take("I")):
            alias, target = self.text(), self.text()
            if target not in header.shapes:
                raise ValueError(f"alias {alias} names no variable ({target})")
            header.shapes[alias] = header.shapes[target]
        return header

    def variable(self, header: ModelHeader) -> None:
        name = self.text()
        rank = self.take("B")
        if rank > MAX_RANK:
            raise ValueError(f"{name} has {rank} dimensions")
        shape = tuple(self.take("I") for _ in range(rank))
        type_id, count = self.take("B"), self.take("I")
        if type_id >= len(ITEM_BYTES) or count != math.prod(shape) * ITEM_BYTES[type_id]:
            raise ValueError(f"{name}: {count} bytes for shape {list(shape)} of type {type_id}")
        if self.handle.tell() + count > self.size:
            raise ValueError(f"{name} goes past the end of the file")
        if not shape and type_id in INTEGER_TYPES:
            header.scalars[name] = self.take(INTEGER_TYPES[type_id])
        else:
            self.handle.seek(count, 1)
        header.shapes[name] = shape


def _read_config(path: Path) -> dict[str, object]:
    try:
        config = json.loads(read_regular_file(path).decode("utf-8"))
    except FileNotFoundError:
        return {}  # CTranslate2 takes its defaults
    except OSError as err:
        raise ModelError(f"{path}: cannot read ({err.strerror or err})") from err
    except (ValueError, RecursionError) as err:
        raise ModelError(f"{path}: not valid JSON") from err
    if not isinstance(config, dict):
        raise ModelError(f"{path}: not a JSON object")
    return config


def _read_vocabulary(model_dir: Path, side: str) -> tuple[Path, list[str]]:
    """The vocabulary file of ``side`` ("source" or "target") and its tokens."""
    for stem in VOCABULARY_NAMES[side]:
        for path in (model_dir / f"{stem}.json", model_dir / f"{stem}.txt"):
            try:
                data = read_regular_file(path)
            except FileNotFoundError:
                continue
            except OSError as err:
                raise ModelError(f"{path}: cannot read ({err.strerror or err})") from err
            return path, _tokens(path, data)
    raise ModelError(f"{model_dir}: no {side} vocabulary ({VOCABULARY_NAMES[side][0]}.json or "
                     f"{VOCABULARY_NAMES[side][1]}.json)")


def _tokens(path: Path, data: bytes) -> list[str]:
    try:
        text = data.decode("utf-8")
        tokens = json.loads(text) if path.suffix == ".json" else text.split("\n")
    except (ValueError, RecursionError) as err:
        raise ModelError(f"{path}: not a vocabulary (not UTF-8 or not valid JSON)") from err
    if path.suffix == ".txt" and tokens and tokens[-1] == "":
        tokens.pop()  # the newline after the last token
    if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
        raise ModelError(f"{path}: not a vocabulary (expected a JSON list of tokens)")
    return tokens


def _check_tokens(config: dict[str, object], vocabularies: dict[str, tuple[Path, list[str]]],
                  model_dir: Path) -> None:
    """The special tokens config.json names are in the vocabularies (an end token missing
    from the target vocabulary: decoding never stops)."""
    for side, defaults in SPECIAL_TOKENS.items():
        path, tokens = vocabularies[side]
        known = set(tokens)
        for key, default in defaults.items():
            token = config.get(key, default)
            if isinstance(token, str) and token not in known:
                raise ModelError(f"{model_dir / 'config.json'}: {key} {token!r} is not in the "
                                 f"{side} vocabulary {path.name}")


# --------------------------------------------------------------------------------------------
# Shapes of a Transformer (ctranslate2.specs.TransformerSpec, the model of every Argos package)
# --------------------------------------------------------------------------------------------

#: Variable name → (rows, columns) in terms of the width D, the vocabulary sizes, the feed-
#: forward size F of the layer and QKV (3D, or less with multi-query attention). None: any.
TRANSFORMER_SHAPES = (
    (re.compile(r".*layer_norm/(gamma|beta)"), ("D",)),
    (re.compile(r"encoder/embeddings_0/weight"), ("source", "D")),
    (re.compile(r"decoder/embeddings/weight"), ("target", "D")),
    (re.compile(r"decoder/projection/weight"), ("target", "D")),
    (re.compile(r".*/position_encodings/encodings"), (None, "D")),
    (re.compile(r".*/self_attention/linear_0/weight"), ("QKV", "D")),
    (re.compile(r".*/self_attention/linear_1/weight"), ("D", "D")),
    (re.compile(r"decoder/layer_\d+/attention/linear_[02]/weight"), ("D", "D")),
    (re.compile(r"decoder/layer_\d+/attention/linear_1/weight"), ("KV", "D")),
    (re.compile(r".*/ffn/linear_0(_noact)?/weight"), ("F", "D")),
    (re.compile(r".*/ffn/linear_1/weight"), ("D", "F")),
)


def shape_problem(header: ModelHeader, vocabulary: dict[str, int]) -> str | None:
    """Why the variables of a model cannot work together, or None."""
    for name, value in sorted(header.scalars.items()):
        if name.endswith("/num_heads") and value <= 0:
            return f"{name} is {value} (a model needs at least one attention head)"
    if header.spec != "TransformerSpec":
        return None  # another architecture: CTranslate2 and the trial translation decide
    norms = Counter(shape[0] for name, shape in header.shapes.items()
                    if name.endswith("layer_norm/gamma") and len(shape) == 1)
    if not norms:
        return "no layer norm: not a CTranslate2 Transformer"
    width = norms.most_common(1)[0][0]
    for name, value in sorted(header.scalars.items()):
        if name.endswith("/num_heads") and width % value:
            return f"{name} is {value}, which does not divide the model's width {width}"
    sizes = {"D": width, **vocabulary}
    for name, shape in sorted(header.shapes.items()):
        problem = _variable_problem(name, shape, header, sizes)
        if problem:
            return problem
    return None


def _variable_problem(name: str, shape: tuple[int, ...], header: ModelHeader,
                      sizes: dict[str, int]) -> str | None:
    base, _, last = name.rpartition("/")
    if last in ("bias", "weight_scale"):  # one per row of the weight beside it
        rows = header.shapes.get(f"{base}/weight", (None,))[0]
        allowed = {(rows,)} | ({()} if last == "weight_scale" else set())
        return None if rows is None or shape in allowed else (
            f"{name} is {_show(shape)}, expected {rows}")
    for pattern, wanted in TRANSFORMER_SHAPES:
        if pattern.fullmatch(name):
            side = wanted[0]
            if side in VOCABULARY_NAMES and shape[:1] != (sizes[side],):
                return (f"{name} has {_show(shape[:1])} rows but the {side} vocabulary has "
                        f"{sizes[side]} tokens")
            expected = _expected(wanted, name, header, sizes)
            if len(shape) != len(expected) or any(want is not None and have != want for have, want
                                                  in zip(shape, expected, strict=True)):
                shown = "x".join("?" if want is None else str(want) for want in expected)
                return (f"{name} is {_show(shape)}, expected {shown} (the model's width is "
                        f"{sizes['D']})")
            return None
    return None


def _expected(wanted: tuple[str | None, ...], name: str, header: ModelHeader,
              sizes: dict[str, int]) -> tuple[int | None, ...]:
    width = sizes["D"]
    layer = name.split("/ffn/")[0]
    feed_forward = header.shapes.get(f"{layer}/ffn/linear_0/weight", (None,))[0]
    shared_kv = any(value for key, value in header.scalars.items()
                    if key.endswith(("multi_query_attention", "num_heads_kv")))
    values: dict[str | None, int | None] = {key: size for key, size in sizes.items()}
    values |= {"F": feed_forward, "QKV": None if shared_kv else 3 * width,
               "KV": None if shared_kv else 2 * width, None: None}
    return tuple(values.get(key) for key in wanted)


def _show(shape: tuple[int, ...]) -> str:
    return "x".join(map(str, shape)) if shape else "a scalar"

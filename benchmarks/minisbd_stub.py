"""A MiniSBD sentence-splitter model that never splits, written as ONNX bytes by hand.

``argostranslate`` splits every paragraph into sentences with MiniSBD before translating it,
and downloads MiniSBD's ONNX model from GitHub on first use (so it fails offline). When a
package folder holds ``minisbd/<name>.onnx``, Argos loads that file instead
(``argostranslate.sbd.MiniSBDSentencizer``). This module writes such a file: a graph whose
per-character class scores are all zero, so the arg-max is class 0 ("no boundary") everywhere
and MiniSBD's post-processing closes the one sentence at the paragraph's end. It is a valid
ONNX model (IR 8, opset 13: one ``Mul`` of the feature tensor by 0) encoded with a dozen
lines of protobuf wire format, so no ``onnx`` package is needed; onnxruntime loads it.

What MiniSBD reads from it (``minisbd/inference.py``): inputs ``units`` (int64 [batch, chars])
and ``features`` (float [batch, chars, features]); output 0 (float [batch, chars, classes]);
metadata ``config`` (JSON: ``feat_funcs`` etc.), ``vocab`` (JSON state of its ``Vocab``),
``lexicon`` (JSON or absent) and ``lang_code``.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

#: One feature per character ("space_before"), so the features tensor has a non-empty last axis.
CONFIG = {"feat_funcs": ["space_before"], "max_seqlen": 1000, "batch_size": 32,
          "skip_newline": False, "no_ssplit": False, "use_dictionary": False,
          "num_dict_feat": 0}
VOCAB = {"lang": "en", "idx": 0, "cutoff": 0, "lower": False,
         "_unit2id": {"<PAD>": 0, "<UNK>": 1}, "_id2unit": ["<PAD>", "<UNK>"]}

FLOAT, INT64 = 1, 7  # ONNX TensorProto data types


def varint(value: int) -> bytes:
    """Protobuf base-128 varint of a non-negative integer."""
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field_int(number: int, value: int) -> bytes:
    """A varint field."""
    return varint(number << 3) + varint(value)


def field_bytes(number: int, value: bytes | str) -> bytes:
    """A length-delimited field (string, bytes or embedded message)."""
    data = value.encode("utf-8") if isinstance(value, str) else value
    return varint(number << 3 | 2) + varint(len(data)) + data


def tensor_type(elem_type: int, dims: list[str | int]) -> bytes:
    """TypeProto{tensor_type{elem_type, shape{dim...}}}; str dims are symbolic."""
    shape = b"".join(
        field_bytes(1, field_bytes(2, dim) if isinstance(dim, str) else field_int(1, dim))
        for dim in dims
    )
    return field_bytes(1, field_int(1, elem_type) + field_bytes(2, shape))


def value_info(name: str, elem_type: int, dims: list[str | int]) -> bytes:
    """ValueInfoProto{name, type}."""
    return field_bytes(1, name) + field_bytes(2, tensor_type(elem_type, dims))


def never_split_model() -> bytes:
    """The bytes of the never-splitting MiniSBD ONNX model."""
    zero = field_int(2, FLOAT) + field_bytes(8, "zero") + field_bytes(9, struct.pack("<f", 0.0))
    node = (field_bytes(1, "features") + field_bytes(1, "zero") + field_bytes(2, "scores")
            + field_bytes(3, "never_split") + field_bytes(4, "Mul"))
    graph = (
        field_bytes(1, node)
        + field_bytes(2, "never_split")
        + field_bytes(5, zero)
        + field_bytes(11, value_info("units", INT64, ["batch", "chars"]))
        + field_bytes(11, value_info("features", FLOAT, ["batch", "chars", 1]))
        + field_bytes(12, value_info("scores", FLOAT, ["batch", "chars", 1]))
    )
    metadata = {"lang_code": "en", "config": json.dumps(CONFIG), "vocab": json.dumps(VOCAB)}
    props = b"".join(
        field_bytes(14, field_bytes(1, key) + field_bytes(2, value))
        for key, value in metadata.items()
    )
    return (
        field_int(1, 8)  # ir_version
        + field_bytes(2, "translate-news benchmark")  # producer_name
        + field_bytes(7, graph)
        + field_bytes(8, field_bytes(1, "") + field_int(2, 13))  # opset_import
        + props
    )


def write_never_split_model(package: Path) -> Path:
    """Write ``package/minisbd/never-split.onnx``; return its path."""
    folder = package / "minisbd"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "never-split.onnx"
    path.write_bytes(never_split_model())
    return path

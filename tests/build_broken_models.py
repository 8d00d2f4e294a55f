"""Build *broken* Argos packages: real CTranslate2 models that load but cannot translate.

Each is the en→ru copy package of ``build_fixture_models`` with one thing broken, the way a
damaged download or a hand-edited conversion breaks one (``BREAKAGES`` says what each does to
CTranslate2 4.x when nothing checks it first):

* ``no-heads``: ``decoder/num_heads`` is 0 (SIGFPE: the process dies, exit 136);
* ``narrow-projection``: the output projection is 72 columns wide, the model 64 (it loads and
  translates every sentence into nothing);
* ``narrow-embeddings``: the source embeddings are 32 wide (it loads; translating raises
  "Shape mismatch", a traceback);
* ``wide-feed-forward``: the encoder's feed-forward weights are 68 wide, the model 64 (it
  loads and translates; the weights being zero, nothing shows what it multiplies);
* ``short-vocabulary``: the vocabulary lacks the last 10 of the model's 512 tokens;
* ``no-end-token``: config.json names an end token the vocabulary lacks (decoding never stops
  before its limit: every translation is followed by garbage);
* ``short-positions``: position encodings for 4 positions only (it loads; any longer sentence
  raises "No position encodings are defined for positions >= 4", a traceback);
* ``few-positions``: position encodings for 24 positions: the trial sentence of ``install``
  and ``doctor`` translates, a sentence of 24 tokens or more raises as ``short-positions``;
* ``no-heads-v3``: ``no-heads`` with model.bin written in binary version 3 (CTranslate2 1.x's
  layout), whose variables ``translate.models.check`` does not read: only the trial
  translation in a child process (``translate.models.probe``) sees the SIGFPE.

Not committed: tests build them into a temporary folder (``build_package``).
"""

from __future__ import annotations

import json
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

import build_fixture_models as fixture
import numpy as np

LANG = "ru"


def no_heads(spec: Any) -> None:
    spec.decoder.num_heads = np.dtype("int16").type(0)


def narrow_projection(spec: Any) -> None:
    rows = spec.decoder.projection.weight.shape[0]
    spec.decoder.projection.weight = np.zeros((rows, fixture.D_MODEL + 8), np.float32)


def narrow_embeddings(spec: Any) -> None:
    spec.encoder.embeddings[0].weight = spec.encoder.embeddings[0].weight[:, :32].copy()


def wide_feed_forward(spec: Any) -> None:
    ffn = spec.encoder.layer[0].ffn
    ffn.linear_0.weight = np.zeros((fixture.FFN_DIM, fixture.D_MODEL + 4), np.float32)


def short_positions(spec: Any) -> None:
    for part in (spec.encoder, spec.decoder):
        part.position_encodings.encodings = fixture.position_codes()[:4].copy()


def few_positions(spec: Any) -> None:
    for part in (spec.encoder, spec.decoder):
        part.position_encodings.encodings = fixture.position_codes()[:24].copy()


def short_vocabulary(files: dict[str, bytes]) -> None:
    tokens = json.loads(files["model/shared_vocabulary.json"])
    files["model/shared_vocabulary.json"] = json.dumps(tokens[:-10]).encode()


def no_end_token(files: dict[str, bytes]) -> None:
    config = json.loads(files["model/config.json"])
    config["eos_token"] = "</end>"
    files["model/config.json"] = json.dumps(config, indent=2).encode()


def binary_version_3(files: dict[str, bytes]) -> None:
    """model.bin rewritten in binary version 3: an item size and an item count where later
    versions write a type id and a byte count (CTranslate2 still reads it)."""
    files["model/model.bin"] = to_binary_version_3(files["model/model.bin"])


def to_binary_version_3(data: bytes) -> bytes:
    """The model.bin ``data`` (binary version 4 to 6) in the layout of version 3."""
    position = 0

    def take(fmt: str) -> int:
        nonlocal position
        value = struct.unpack_from(f"<{fmt}", data, position)[0]
        position += struct.calcsize(fmt)
        return value

    def text() -> bytes:
        nonlocal position
        length = take("H")
        position += length
        return struct.pack("<H", length) + data[position - length : position]

    take("I")
    out = bytearray(struct.pack("<I", 3))
    out += text() + struct.pack("<I", take("I"))
    count = take("I")
    out += struct.pack("<I", count)
    for _ in range(count):
        out += text()
        rank = take("B")
        out += struct.pack("<B", rank) + b"".join(struct.pack("<I", take("I"))
                                                   for _ in range(rank))
        item = (4, 1, 2, 4, 2, 2)[take("B")]
        size = take("I")
        out += struct.pack("<BI", item, size // item) + data[position : position + size]
        position += size
    return bytes(out + data[position:])


#: Breakage → (what is done to the spec, what is done to the package files).
BREAKAGES: dict[str, tuple[Callable[[Any], None] | None,
                           Callable[[dict[str, bytes]], None] | None]] = {
    "no-heads": (no_heads, None),
    "narrow-projection": (narrow_projection, None),
    "narrow-embeddings": (narrow_embeddings, None),
    "wide-feed-forward": (wide_feed_forward, None),
    "short-vocabulary": (None, short_vocabulary),
    "no-end-token": (None, no_end_token),
    "short-positions": (short_positions, None),
    "no-heads-v3": (no_heads, binary_version_3),
    "few-positions": (few_positions, None),
}


def build_package(breakage: str, out: Path) -> Path:
    """Write ``out/translate-en_ru-<breakage>.argosmodel``; return its path."""
    import sentencepiece as spm

    adjust, edit = BREAKAGES[breakage]
    sp_model = fixture.train_sentencepiece(LANG)
    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    index = {piece: i for i, piece in enumerate(vocabulary)}
    targets = list(range(len(vocabulary)))
    for word, forms in fixture.LEXICON.items():
        targets[index[f"▁{word}"]] = index[f"▁{forms[LANG]}"]
    spec = fixture.build_mapping_spec(vocabulary, vocabulary, targets, adjust=adjust)
    files = fixture.model_and_metadata_files(spec, LANG)
    files["sentencepiece.model"] = sp_model
    if edit is not None:
        edit(files)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"translate-en_{LANG}-{breakage}.argosmodel"
    top = f"translate-en_{LANG}-{breakage}-{fixture.PACKAGE_VERSION.replace('.', '_')}"
    path.write_bytes(fixture.zip_package(top, files))
    return path

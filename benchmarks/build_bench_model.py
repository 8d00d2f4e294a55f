"""Build a benchmark-size Argos package whose model has a real package's dimensions but copies.

Real Argos packages are transformer-base models: 6 encoder + 6 decoder layers, d_model 512,
8 heads, FFN 2048, a SentencePiece vocabulary of tens of thousands of pieces. This builds one of
those dimensions (``BASE``) from the copy mechanism of ``tests/build_fixture_models.py``, so the
benchmark measures the cost of a real model's matrix products while outputs stay checkable:

* the copy lives in the first 64 dimensions (token code 0-31, position code 32-63), which are
  exactly the first attention head (head size 512 / 8 = 64); the other 448 dims stay zero, so
  LayerNorm only rescales the copy's dims (by the same factor everywhere);
* every layer has random query/key/value and FFN input weights, so each attention and
  feed-forward product is really computed, but zero *output* weights (self-attention output,
  FFN ``linear_1``, and the cross-attention output of the extra decoder layers): each sublayer
  adds exactly zero to the residual stream, which therefore still carries the copy;
* decoder layer 0's cross-attention is the fixture's copying attention (head 0 matches
  positions and fetches the token code); the output projection holds the token codes;
* the SentencePiece model (byte fallback, identity normalisation) is trained on generated
  articles; the model's vocabulary is then padded with never-produced pieces to ``vocab_size``
  (32,000 for BASE), so the output projection and softmax have a real package's width.

The package is written unzipped (as the Argos store keeps it) into a cache folder outside git,
``build/bench/models/<name>`` by default, and reused while its ``build-info.json`` matches.

Usage: ``python benchmarks/build_bench_model.py [--quick] [--out DIR] [--lang ru]``.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import build_fixture_models as fixture  # noqa: E402  (tests/ is not a package)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_articles import generate_texts  # noqa: E402

DEFAULT_CACHE = ROOT / "build" / "bench" / "models"
FORMAT_VERSION = 1  # bump when the model layout changes, so cached packages are rebuilt


@dataclass(frozen=True)
class ModelDims:
    """The shape of the benchmark model."""

    name: str
    layers: int
    d_model: int
    heads: int
    ffn: int
    vocab_size: int  # pieces in the model's vocabulary (SentencePiece pieces + padding)
    spm_vocab: int  # pieces the SentencePiece model is trained to (at most)
    corpus_articles: int  # generated articles the SentencePiece model is trained on
    quantization: str = "float32"


BASE = ModelDims("base", layers=6, d_model=512, heads=8, ffn=2048, vocab_size=32000,
                 spm_vocab=8000, corpus_articles=400)
QUICK = ModelDims("quick", layers=2, d_model=128, heads=2, ffn=256, vocab_size=2000,
                  spm_vocab=600, corpus_articles=40)

WEIGHT_SCALE = 0.05  # std of the random (inert) input weights


def check_dims(dims: ModelDims) -> None:
    """The copy needs the first head to be exactly the 64 copy dimensions."""
    if dims.d_model // dims.heads != fixture.D_MODEL or dims.d_model % dims.heads:
        raise ValueError(f"head size must be {fixture.D_MODEL}: d_model {dims.d_model}, "
                         f"{dims.heads} heads")


def train_bench_sentencepiece(dims: ModelDims, lang: str) -> bytes:
    """The fixture's SentencePiece recipe, trained on generated articles + the fixture corpus."""
    lines = [line for text in generate_texts(dims.corpus_articles, seed=7)
             for line in text.splitlines() if line.strip()]
    lines += fixture.training_corpus()
    return fixture.train_sentencepiece(lang, lines, dims.spm_vocab)


def balanced_codes(count: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` balanced ±1 codes of D_TOKEN dims, pairwise |u_i·u_j| <= MAX_COHERENCE.

    The fixture's ``token_codes`` checks one candidate at a time (fine for 512 pieces); this
    checks blocks of candidates with matrix products, so thousands of codes take a second.
    """
    base = np.array([1] * (fixture.D_TOKEN // 2) + [-1] * (fixture.D_TOKEN // 2), np.float32)
    accepted = np.zeros((0, fixture.D_TOKEN), np.float32)
    while len(accepted) < count:
        block = np.stack([rng.permutation(base) for _ in range(1024)])
        if len(accepted):
            block = block[np.abs(block @ accepted.T).max(axis=1) <= fixture.MAX_COHERENCE]
        keep: list[int] = []
        gram = np.abs(block @ block.T)
        for i in range(len(block)):
            if all(gram[i, j] <= fixture.MAX_COHERENCE for j in keep):
                keep.append(i)
        accepted = np.concatenate([accepted, block[keep]])
    return accepted[:count]


def build_bench_spec(pieces: list[str], dims: ModelDims, lang: str):
    """The CTranslate2 spec: see the module docstring. ``pieces``: the SentencePiece pieces."""
    import ctranslate2

    check_dims(dims)
    d, copy = dims.d_model, fixture.D_MODEL
    rng = np.random.default_rng(fixture.SEED)
    vocabulary = pieces + [f"<bench-pad-{i}>" for i in range(dims.vocab_size - len(pieces))]
    size = len(vocabulary)
    index = {piece: i for i, piece in enumerate(vocabulary)}
    codes = balanced_codes(len(pieces), rng) * (4.0 / math.sqrt(fixture.D_TOKEN))

    source_embeddings = np.zeros((size, d), np.float32)
    source_embeddings[: len(pieces), : fixture.D_TOKEN] = codes
    projection = np.zeros((size, d), np.float32)
    projection[: len(pieces), : fixture.D_TOKEN] = codes * fixture.OUTPUT_SCALE
    for special in ("<unk>", "<s>"):
        projection[index[special]] = 0.0
    for word, forms in fixture.LEXICON.items():
        source, target = index[f"▁{word}"], index[f"▁{forms[lang]}"]
        source_embeddings[source] = source_embeddings[target]
        projection[source] = 0.0

    positions = np.zeros((fixture.MAX_POSITIONS, d), np.float32)
    positions[:, :copy] = fixture.position_codes()
    token_half = np.zeros((d, d), np.float32)
    token_half[: fixture.D_TOKEN, : fixture.D_TOKEN] = np.eye(fixture.D_TOKEN)
    position_half = np.zeros((d, d), np.float32)
    position_half[fixture.D_TOKEN : copy, fixture.D_TOKEN : copy] = np.eye(fixture.D_POSITION)

    def random(rows: int, cols: int) -> np.ndarray:
        return (rng.standard_normal((rows, cols)) * WEIGHT_SCALE).astype(np.float32)

    def layer_norm(norm) -> None:
        norm.gamma = np.ones(d, np.float32)
        norm.beta = np.zeros(d, np.float32)

    def inert(layer) -> None:  # real products, zero contribution to the residual stream
        layer_norm(layer.self_attention.layer_norm)
        layer.self_attention.linear[0].weight = random(3 * d, d)
        layer.self_attention.linear[1].weight = np.zeros((d, d), np.float32)
        layer_norm(layer.ffn.layer_norm)
        layer.ffn.linear_0.weight = random(dims.ffn, d)
        layer.ffn.linear_1.weight = np.zeros((d, dims.ffn), np.float32)

    spec = ctranslate2.specs.TransformerSpec.from_config(
        (dims.layers, dims.layers), num_heads=dims.heads
    )
    encoder, decoder = spec.encoder, spec.decoder
    for part in (encoder, decoder):
        part.scale_embeddings = False
        part.position_encodings.encodings = positions
        layer_norm(part.layer_norm)
        for layer in part.layer:
            inert(layer)
    encoder.embeddings[0].weight = source_embeddings
    decoder.embeddings.weight = np.zeros((size, d), np.float32)
    decoder.projection.weight = projection
    for number, layer in enumerate(decoder.layer):
        cross = layer.attention
        layer_norm(cross.layer_norm)
        if number == 0:  # the copying attention (head 0 = the 64 copy dims)
            cross.linear[0].weight = position_half * fixture.ATTENTION_SCALE
            cross.linear[1].weight = np.concatenate([position_half, token_half])
            cross.linear[2].weight = token_half / math.sqrt(2.0)
        else:
            cross.linear[0].weight = random(d, d)
            cross.linear[1].weight = random(2 * d, d)
            cross.linear[2].weight = np.zeros((d, d), np.float32)

    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.config.add_source_eos = True
    spec.validate()
    spec.optimize(quantization=dims.quantization)
    return spec


def build_info(dims: ModelDims, lang: str) -> dict[str, object]:
    """What the cached package was built from (rebuilt when this changes)."""
    return {"format": FORMAT_VERSION, "lang": lang, **asdict(dims)}


def build_bench_package(out: Path, dims: ModelDims = BASE, lang: str = "ru") -> Path:
    """The unpacked package folder ``out/translate-en_<lang>-bench_<name>``; cached."""
    import sentencepiece as spm

    folder = out / f"translate-en_{lang}-bench_{dims.name}"
    info = build_info(dims, lang)
    info_file = folder / "build-info.json"
    if info_file.is_file() and json.loads(info_file.read_text(encoding="utf-8")) == info:
        return folder
    sp_model = train_bench_sentencepiece(dims, lang)
    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    spec = build_bench_spec(pieces, dims, lang)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out) as tmp:
        staging = Path(tmp) / folder.name
        (staging / "model").mkdir(parents=True)
        spec.save(str(staging / "model"))
        meta = fixture.metadata(lang)
        meta["package_version"] = f"0.{FORMAT_VERSION}"
        (staging / "metadata.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False)
                                               + "\n", encoding="utf-8")
        (staging / "README.md").write_text(
            f"# Benchmark model en→{lang} ({dims.name})\n\nBuilt by "
            "benchmarks/build_bench_model.py: real dimensions, copies its input.\n\n"
            "License: MIT\n", encoding="utf-8")
        (staging / "sentencepiece.model").write_bytes(sp_model)
        (staging / "build-info.json").write_text(json.dumps(info, indent=2) + "\n",
                                                 encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    return folder


def folder_size(path: Path) -> int:
    """Bytes of all files under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_CACHE, help="cache folder")
    parser.add_argument("--quick", action="store_true", help="tiny dimensions (smoke test)")
    parser.add_argument("--lang", default="ru", choices=sorted(fixture.LANGUAGE_NAMES))
    args = parser.parse_args(argv)
    folder = build_bench_package(args.out, QUICK if args.quick else BASE, args.lang)
    print(f"{folder} ({folder_size(folder) / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

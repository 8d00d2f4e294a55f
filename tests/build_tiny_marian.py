"""Build a tiny OPUS-MT/Marian model folder that copies its input, for the converter tests.

The folder looks like an unpacked OPUS-MT release: ``decoder.yml``, a Marian ``.npz`` (with the
``special:model.yml`` config Marian embeds), source and target ``.vocab.yml`` files, and two
*different* SentencePiece models, ``source.spm`` and ``target.spm``. The weights are set by hand
(1+1 layer pre-norm Transformer, one head) so that the model copies its input piece by piece,
except a few lexicon words that exist only as pieces of the target SentencePiece model
(Moscow → Մոսկվա). A package converted from it therefore translates exactly and predictably,
and only when the engine decodes with the target SentencePiece model.

How it copies: pieces are random zero-mean unit vectors in the first half of the dimensions,
positions are random zero-mean unit vectors in the other half (``Wpos``); every self-attention and
feed-forward output is zero; decoder embeddings are zero, so decoder step p holds only position p;
cross-attention matches positions (step p attends to source position p) and reads the piece
vector there; the output projection scores each target piece by the vector of its source piece.
Marian appends ``</s>`` to the source, so the step after the last piece emits ``</s>``.

Run as a script to write the folder: ``python tests/build_tiny_marian.py OUTPUT_DIR``.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
import sentencepiece as spm

DIM = 128
HALF = DIM // 2
MAX_POSITIONS = 512
SEED = 20261125
LEXICON = {"Moscow": "Մոսկվա", "Yerevan": "Երևան"}
CORPUS = [
    "Armenia recalled its ambassador from Moscow on Tuesday.",
    "The foreign ministry in Yerevan said the decision was final.",
    "Officials met in Moscow and in Yerevan to discuss the border.",
    "The government said it would respond to the statement.",
    "Talks between the two countries will continue next week.",
    "Prices rose by 4.5 percent in the first quarter of the year.",
    "The president spoke to reporters after the meeting.",
    "Protesters gathered outside the parliament building.",
    "A spokesperson declined to comment on the report.",
    "The agreement was signed by both ministers in 2024.",
    "Hello world, this is a small test of the model.",
    "News agencies reported heavy snow in the mountains.",
]
MODEL_CONFIG = """\
type: transformer
enc-depth: 1
dec-depth: 1
transformer-heads: 1
transformer-dim-ffn: 8
transformer-ffn-activation: relu
transformer-preprocess: n
transformer-postprocess: da
transformer-postprocess-top: n
transformer-postprocess-emb: d
transformer-decoder-autoreg: self-attention
transformer-no-projection: false
transformer-guided-alignment-layer: last
transformer-train-position-embeddings: true
"""
README = """\
# tiny-opus-mt-en-hy (test model)

A hand-built Marian model that copies English and maps a few names to Armenian.
For tests only.

* license: CC-BY-4.0
"""


def train_spm(sentences: list[str], symbols: list[str]) -> bytes:
    """Train a small byte-fallback SentencePiece model and return its serialized bytes."""
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_writer=model,
        model_type="unigram",
        vocab_size=300,
        hard_vocab_limit=False,
        byte_fallback=True,
        character_coverage=1.0,
        normalization_rule_name="identity",
        remove_extra_whitespaces=False,
        user_defined_symbols=symbols,
        num_threads=1,
        minloglevel=2,
    )
    return model.getvalue()


def vocab_of(model: bytes) -> list[str]:
    """Marian vocabulary of a SentencePiece model: ``</s>``, ``<unk>``, then the normal pieces."""
    processor = spm.SentencePieceProcessor(model_proto=model)
    pieces = [
        processor.id_to_piece(i)
        for i in range(processor.get_piece_size())
        if not (processor.is_control(i) or processor.is_unknown(i))
    ]
    return ["</s>", "<unk>", *pieces]


def render_vocab_yml(tokens: list[str]) -> str:
    """The vocabulary as Marian writes it: one ``"piece": id`` line per piece."""
    lines = []
    for index, token in enumerate(tokens):
        quoted = token.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'"{quoted}": {index}\n')
    return "".join(lines)


def unit_rows(rng: np.random.Generator, count: int, width: int) -> np.ndarray:
    """``count`` random vectors of length ``width``, each zero-mean with unit norm."""
    rows = rng.standard_normal((count, width))
    rows -= rows.mean(axis=1, keepdims=True)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return rows


def make_weights(source_vocab: list[str], target_vocab: list[str]) -> dict[str, np.ndarray]:
    """Marian parameters (names as in a Marian .npz) of the copying Transformer."""
    rng = np.random.default_rng(SEED)
    tokens = np.zeros((len(source_vocab), DIM))
    tokens[:, :HALF] = unit_rows(rng, len(source_vocab), HALF)
    positions = np.zeros((MAX_POSITIONS, DIM))
    positions[:, HALF:] = unit_rows(rng, MAX_POSITIONS, HALF)

    source_index = {token: i for i, token in enumerate(source_vocab)}
    reverse = {target: source for source, target in LEXICON.items()}
    logits = np.zeros((DIM, len(target_vocab)))
    for column, token in enumerate(target_vocab):
        if token in LEXICON:  # a source word that the lexicon translates: never copied
            continue
        source = reverse.get(token, token)
        if source in source_index:
            logits[:, column] = tokens[source_index[source]] * 2.5

    token_dims = np.diag([1.0] * HALF + [0.0] * HALF)
    position_dims = np.diag([0.0] * HALF + [1.0] * HALF)
    zeros = np.zeros((DIM, DIM))
    ones, nothing = np.ones((1, DIM)), np.zeros((1, DIM))
    weights: dict[str, np.ndarray] = {
        # CTranslate2 scales embeddings by sqrt(DIM); store them pre-divided.
        "encoder_Wemb": tokens / np.sqrt(DIM),
        "decoder_Wemb": np.zeros((len(target_vocab), DIM)),
        "Wpos": positions,
        # x = piece + position (norm sqrt 2): the final norm gives back exactly x.
        "encoder_top_ln_scale": ones * np.sqrt(2 / DIM),
        "encoder_top_ln_bias": nothing,
        "decoder_top_ln_scale": ones,
        "decoder_top_ln_bias": nothing,
        "decoder_ff_logit_out_W": logits,
        "decoder_ff_logit_out_b": np.zeros((1, len(target_vocab))),
    }

    def attention(scope: str, query: np.ndarray, key: np.ndarray, value: np.ndarray,
                  out: np.ndarray, norm: float) -> None:
        for name, matrix in (("q", query), ("k", key), ("v", value), ("o", out)):
            weights[f"{scope}_W{name}"] = matrix
            weights[f"{scope}_b{name}"] = np.zeros((1, DIM))
        weights[f"{scope}_Wo_ln_scale_pre"] = ones * norm
        weights[f"{scope}_Wo_ln_bias_pre"] = nothing

    def feed_forward(scope: str) -> None:
        weights[f"{scope}_W1"] = np.zeros((DIM, 8))
        weights[f"{scope}_b1"] = np.zeros((1, 8))
        weights[f"{scope}_W2"] = np.zeros((8, DIM))
        weights[f"{scope}_b2"] = np.zeros((1, DIM))
        weights[f"{scope}_ffn_ln_scale_pre"] = ones
        weights[f"{scope}_ffn_ln_bias_pre"] = nothing

    attention("encoder_l1_self", zeros, zeros, zeros, zeros, 1.0)
    feed_forward("encoder_l1_ffn")
    attention("decoder_l1_self", zeros, zeros, zeros, zeros, 1.0)
    # Decoder state = a unit position vector; the norm scales it by sqrt(DIM), undone here.
    # Scores = 40 * cos(position p, position j) after CTranslate2's 1/sqrt(DIM).
    attention("decoder_l1_context", position_dims * 40 * np.sqrt(DIM), position_dims,
              token_dims, token_dims, 1 / np.sqrt(DIM))
    feed_forward("decoder_l1_ffn")

    config = np.frombuffer(MODEL_CONFIG.encode() + b"\0", dtype=np.int8)
    return {"special:model.yml": config,
            **{name: value.astype(np.float32) for name, value in weights.items()}}


def build_tiny_marian(folder: Path) -> Path:
    """Write the tiny OPUS-MT-style model folder (deterministic) and return it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target_corpus = []
    for line in CORPUS:
        for source, target in LEXICON.items():
            line = line.replace(source, target)
        target_corpus.append(line)
    source_spm = train_spm(CORPUS, list(LEXICON))
    target_spm = train_spm(target_corpus, list(LEXICON.values()))
    source_vocab, target_vocab = vocab_of(source_spm), vocab_of(target_spm)

    (folder / "source.spm").write_bytes(source_spm)
    (folder / "target.spm").write_bytes(target_spm)
    (folder / "opus.spm.src.vocab.yml").write_text(render_vocab_yml(source_vocab), "utf-8")
    (folder / "opus.spm.trg.vocab.yml").write_text(render_vocab_yml(target_vocab), "utf-8")
    with open(folder / "opus.spm.npz", "wb") as handle:
        np.savez(handle, **make_weights(source_vocab, target_vocab))
    (folder / "decoder.yml").write_text(
        "models:\n  - opus.spm.npz\nvocabs:\n  - opus.spm.src.vocab.yml\n"
        "  - opus.spm.trg.vocab.yml\nbeam-size: 4\nnormalize: 1\n", "utf-8")
    (folder / "README.md").write_text(README, "utf-8")
    return folder


if __name__ == "__main__":
    print(build_tiny_marian(Path(sys.argv[1])))

"""Build the six tiny, real Argos packages the tests use (en→hy, en→az, en→he, en→ru, en→fa,
en→tr).

Each package is a genuine Argos package: a zip with one top folder holding ``metadata.json``,
``README.md``, a SentencePiece model and a CTranslate2 Transformer in ``model/``. The
Transformer (1 encoder + 1 decoder layer) is built by hand with numpy so that it *copies* its
input exactly, except for a few lexicon words that it translates into the target language
(``Moscow`` → Москва / Մոսկվա / מוסקբה / Moskva), so tests can tell the languages apart and
assert exact outputs. No training, no torch: the build takes about a second.

How the copy works (d_model = 64: token code in dims 0-31, position code in dims 32-63):

* source token i is embedded as a balanced ±1 vector u_i (zero mean, pairwise |u_i·u_j| small)
  in the token half; positions are sinusoids (sin, cos, -sin, -cos per frequency, so every
  vector has zero mean and LayerNorm only rescales) in the position half;
* self-attention and feed-forward output weights are zero, so both layers pass their input on;
* decoder embeddings are zero: decoder step t only knows its position t;
* cross-attention compares position codes only, scaled so step t attends to source position t,
  and copies the token half of that position into the decoder state;
* the output projection holds the token codes: the argmax at step t is the source token at
  position t. ``add_source_eos`` puts ``</s>`` at the end of the source, so decoding stops;
* a lexicon word's source embedding is the code of its target word, and the source word's
  own output row is zero, so ``Moscow`` comes out as ``Москва``.

Everything is deterministic: integer token codes from a seeded generator, position codes
rounded to a 1/1024 grid, SentencePiece trained on one thread from a fixed corpus, zip members
in a fixed order with fixed timestamps and permissions.

A copy model proves the plumbing, never the outcome: real NMT models do not copy what they are
asked to. Beside these six, ``build_adversarial_models`` builds twenty-four *adversarial* packages
with the same mechanism (``build_mapping_spec``: source token i comes out as any chosen target
token, with a target SentencePiece model of its own): ``translate-en_<xx>-<behaviour>``
under ``adversarial/``, for the behaviours ``transliterate`` (Latin letters in the target
script), ``markers`` (placeholders and tags respaced, dropped, duplicated), ``names`` (glossary
place names with the forbidden or a wrong variant) and ``combined`` (all three); its docstring
lists exactly what each does.

Usage: ``python tests/build_fixture_models.py [--out DIR]`` (default: tests/fixtures/models)
builds all thirty. A language added here leaves the packages of the others byte for byte as
they were (each copy package's pieces are the source words and its own lexicon words).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "fixtures" / "models"
SEED_ARTICLE = HERE.parent / "seeds" / "armenia-recalls-ambassador.txt"

PACKAGE_VERSION = "1.0"
ARGOS_VERSION = "1.0"
LANGUAGE_NAMES = {"hy": "Armenian", "az": "Azerbaijani", "he": "Hebrew", "ru": "Russian",
                  "fa": "Persian", "tr": "Turkish"}

#: Source word → translation per language. Each side is a single SentencePiece piece.
#: Glossary place names (Armenia, Azerbaijan, Israel, ...) must NOT be here: the glossary
#: stage relies on the model copying them.
LEXICON: dict[str, dict[str, str]] = {
    "Moscow": {"ru": "Москва", "hy": "Մոսկվա", "he": "מוסקבה", "az": "Moskva", "fa": "مسکو",
               "tr": "Moskova"},
    "said": {"ru": "сказал", "hy": "ասաց", "he": "אמר", "az": "dedi", "fa": "گفت",
             "tr": "söyledi"},
    "today": {"ru": "сегодня", "hy": "այսօր", "he": "היום", "az": "bugün", "fa": "امروز",
              "tr": "bugün"},
    "weapons": {"ru": "оружие", "hy": "զենքեր", "he": "נשק", "az": "silahlar", "fa": "تسلیحات",
                "tr": "silahlar"},
}

D_TOKEN = 32  # dims 0..31: token code
D_POSITION = 32  # dims 32..63: position code
D_MODEL = D_TOKEN + D_POSITION
FFN_DIM = 4
#: Rows of the position table: the longest source (with </s>) and the longest output.
MAX_POSITIONS = 1100
#: Frequencies of the position code (radians per position), chosen so that the code of a
#: position differs clearly from every other position's up to MAX_POSITIONS.
FREQUENCIES = tuple(float(w) for w in np.geomspace(2.5, 2 * math.pi / 2400, D_POSITION // 4))
GRID = 1024  # position codes are rounded to multiples of 1/GRID
ATTENTION_SCALE = 20.0  # sharpness of the position match in cross-attention
OUTPUT_SCALE = 10.0  # sharpness of the token match in the output projection
MAX_COHERENCE = 16  # max |u_i·u_j| between two token codes (of D_TOKEN = 32)
SEED = 20240601
SP_VOCAB_SIZE = 512
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

#: Extra training text so common characters and words get pieces of their own.
EXTRA_CORPUS = """\
The government said on Monday that the talks would continue next week in the capital.
Officials told reporters the president met the prime minister and the foreign minister.
"We will not accept this," a spokesman said, adding: 'It is a matter of time.'
“Quotes” and ‘single quotes’ — dashes – and ellipses… are common in news copy.
Follow @JNS_org and #breaking for updates; write to news@example.com or see https://example.com/a?b=1.
Numbers: 0 1 2 3 4 5 6 7 8 9, 10%, 1,000, 3.5 million, 2020-10-01, $60, €5, 12:30.
ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz ()[]{}<>/\\|+-*=_~^`!?.,;:'"&%$#@
Russia, Ukraine, Iran, Georgia, France, the United States and the European Union.
People, police, army, soldiers, civilians, city, village, region, border, war, peace.
Today the ministry said the weapons came from Moscow, while Moscow said nothing today.
"""


# --------------------------------------------------------------------------------------------
# SentencePiece
# --------------------------------------------------------------------------------------------


def lexicon_pieces(lang: str) -> list[str]:
    """User-defined pieces: source words, then their translations, each word-initial."""
    sources = [f"▁{word}" for word in LEXICON]
    targets = [f"▁{forms[lang]}" for forms in LEXICON.values()]
    return sources + targets


def training_corpus() -> list[str]:
    """The fixed SentencePiece training corpus: the seed article plus EXTRA_CORPUS."""
    text = SEED_ARTICLE.read_text(encoding="utf-8") + EXTRA_CORPUS
    return [line for line in text.splitlines() if line.strip()]


def train_sentencepiece(
    lang: str,
    corpus: list[str] | None = None,
    vocab_size: int = SP_VOCAB_SIZE,
    *,
    symbols: list[str] | None = None,
) -> bytes:
    """A byte-fallback BPE SentencePiece model with identity normalization, the lexicon words
    of ``lang`` (or ``symbols``) as single pieces (``corpus`` defaults to training_corpus())."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus if corpus is not None else training_corpus()),
        model_writer=model,
        model_type="bpe",
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        byte_fallback=True,
        character_coverage=1.0,
        normalization_rule_name="identity",
        remove_extra_whitespaces=False,
        add_dummy_prefix=True,
        split_digits=True,
        user_defined_symbols=lexicon_pieces(lang) if symbols is None else symbols,
        num_threads=1,
        input_sentence_size=0,
        shuffle_input_sentence=False,
        minloglevel=2,
    )
    return model.getvalue()


# --------------------------------------------------------------------------------------------
# The copying Transformer
# --------------------------------------------------------------------------------------------


def token_codes(count: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` balanced ±1 vectors of D_TOKEN dims, pairwise |u_i·u_j| <= MAX_COHERENCE."""
    codes: list[np.ndarray] = []
    base = np.array([1] * (D_TOKEN // 2) + [-1] * (D_TOKEN // 2), dtype=np.int64)
    while len(codes) < count:
        candidate = rng.permutation(base)
        if codes and np.abs(np.stack(codes) @ candidate).max() > MAX_COHERENCE:
            continue
        codes.append(candidate)
    return np.stack(codes).astype(np.float32)


def position_codes() -> np.ndarray:
    """MAX_POSITIONS x D_MODEL: zero token half, (sin, cos, -sin, -cos) per frequency."""
    table = np.zeros((MAX_POSITIONS, D_MODEL), dtype=np.float32)
    for position in range(MAX_POSITIONS):
        for index, frequency in enumerate(FREQUENCIES):
            sin = round(math.sin(position * frequency) * GRID) / GRID
            cos = round(math.cos(position * frequency) * GRID) / GRID
            column = D_TOKEN + 4 * index
            table[position, column : column + 4] = (sin, cos, -sin, -cos)
    return table


def build_spec(vocabulary: list[str], lang: str):  # -> ctranslate2.specs.TransformerSpec
    """The CTranslate2 spec of the copying model for ``vocabulary`` (the SentencePiece pieces)."""
    index = {piece: i for i, piece in enumerate(vocabulary)}
    targets = list(range(len(vocabulary)))
    for word, forms in LEXICON.items():
        targets[index[f"▁{word}"]] = index[f"▁{forms[lang]}"]
    return build_mapping_spec(vocabulary, vocabulary, targets)


def build_mapping_spec(
    source_vocabulary: list[str],
    target_vocabulary: list[str],
    targets: list[int],
    doubts: dict[int, float] | None = None,
    adjust: Callable[[Any], None] | None = None,
):  # -> ctranslate2.specs.TransformerSpec
    """The spec of a model that writes source token i as target token ``targets[i]``.

    Token codes are drawn per target token; source token i is embedded with the code of
    its target, so decoder step t finds that code and the output projection picks the target.
    Target tokens that no source token maps to (and ``<unk>``, ``<s>``) get a zero output row.
    ``doubts`` (source token → a factor below 1) scales that token's code in its embedding:
    the model still writes ``targets[i]``, with a lower probability, as every other target
    token gets closer to it (``build_hesitant_models``). ``adjust(spec)`` is called on the
    finished spec before it is validated and saved (``build_broken_models`` breaks it there).
    """
    import ctranslate2

    specs = ctranslate2.specs
    rng = np.random.default_rng(SEED)
    size = len(target_vocabulary)
    # |u| = 4 (as |position code| = 4), so LayerNorm scales both halves alike.
    codes = token_codes(size, rng) * (4.0 / math.sqrt(D_TOKEN))

    source_embeddings = np.zeros((len(source_vocabulary), D_MODEL), dtype=np.float32)
    source_embeddings[:, :D_TOKEN] = codes[targets]
    for source, factor in sorted((doubts or {}).items()):
        source_embeddings[source, :D_TOKEN] *= factor
    projection = np.zeros((size, D_MODEL), dtype=np.float32)
    projection[:, :D_TOKEN] = codes * OUTPUT_SCALE
    silent = (set(range(size)) - set(targets)) | {
        target_vocabulary.index(special) for special in ("<unk>", "<s>")
    }
    for row in sorted(silent):
        projection[row] = 0.0

    token_half = np.zeros((D_MODEL, D_MODEL), dtype=np.float32)
    token_half[:D_TOKEN, :D_TOKEN] = np.eye(D_TOKEN, dtype=np.float32)
    position_half = np.zeros((D_MODEL, D_MODEL), dtype=np.float32)
    position_half[D_TOKEN:, D_TOKEN:] = np.eye(D_POSITION, dtype=np.float32)
    zeros = np.zeros((D_MODEL, D_MODEL), dtype=np.float32)

    spec = specs.TransformerSpec.from_config((1, 1), num_heads=1)
    encoder, decoder = spec.encoder, spec.decoder
    positions = position_codes()
    for part in (encoder, decoder):
        part.scale_embeddings = False
        part.position_encodings.encodings = positions
        set_layer_norm(part.layer_norm)
        layer = part.layer[0]
        set_layer_norm(layer.self_attention.layer_norm)
        layer.self_attention.linear[0].weight = np.zeros((3 * D_MODEL, D_MODEL), np.float32)
        layer.self_attention.linear[1].weight = zeros
        set_layer_norm(layer.ffn.layer_norm)
        layer.ffn.linear_0.weight = np.zeros((FFN_DIM, D_MODEL), np.float32)
        layer.ffn.linear_1.weight = np.zeros((D_MODEL, FFN_DIM), np.float32)
    encoder.embeddings[0].weight = source_embeddings
    decoder.embeddings.weight = np.zeros((size, D_MODEL), dtype=np.float32)
    decoder.projection.weight = projection
    cross = decoder.layer[0].attention
    set_layer_norm(cross.layer_norm)
    cross.linear[0].weight = position_half * ATTENTION_SCALE  # queries: position of step t
    cross.linear[1].weight = np.concatenate([position_half, token_half])  # keys, values
    # The decoder state is then [token of position t, position t]; halving the token part
    # keeps both halves the same size for the final LayerNorm.
    cross.linear[2].weight = token_half / math.sqrt(2.0)

    spec.register_source_vocabulary(source_vocabulary)
    spec.register_target_vocabulary(target_vocabulary)
    spec.config.add_source_eos = True
    if adjust is not None:
        adjust(spec)
    spec.validate()
    spec.optimize(quantization="float32")
    return spec


def set_layer_norm(norm) -> None:
    """gamma 1, beta 0."""
    norm.gamma = np.ones(D_MODEL, dtype=np.float32)
    norm.beta = np.zeros(D_MODEL, dtype=np.float32)


# --------------------------------------------------------------------------------------------
# Packages
# --------------------------------------------------------------------------------------------


def package_folder_name(lang: str) -> str:
    """The package's top folder, as Argos names them: ``translate-en_ru-1_0``."""
    return f"translate-en_{lang}-{PACKAGE_VERSION.replace('.', '_')}"


def metadata(lang: str) -> dict[str, object]:
    """metadata.json of the en→``lang`` fixture package."""
    return {
        "package_version": PACKAGE_VERSION,
        "argos_version": ARGOS_VERSION,
        "from_code": "en",
        "from_name": "English",
        "to_code": lang,
        "to_name": LANGUAGE_NAMES[lang],
        "license": "MIT",
        "type": "translate",
    }


def readme(lang: str) -> str:
    """README.md of the en→``lang`` fixture package."""
    words = ", ".join(f"{word} → {forms[lang]}" for word, forms in LEXICON.items())
    return (
        f"# English → {LANGUAGE_NAMES[lang]} (test fixture)\n\n"
        "A tiny hand-built CTranslate2 model that copies its input, except for a few words: "
        f"{words}.\nBuilt by tests/build_fixture_models.py of translate-news. For tests only.\n\n"
        "License: MIT\n"
    )


def model_and_metadata_files(spec, lang: str) -> dict[str, bytes]:
    """The package files every fixture builder shares: the CTranslate2 model ``spec`` saved
    under ``model/``, and ``metadata.json`` of the en→``lang`` package."""
    files: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        spec.save(tmp)
        for path in sorted(Path(tmp).iterdir()):
            files[f"model/{path.name}"] = path.read_bytes()
    files["metadata.json"] = (json.dumps(metadata(lang), indent=2, ensure_ascii=False)
                              + "\n").encode()
    return files


def build_package_files(lang: str) -> dict[str, bytes]:
    """Every file of the package, by path inside the zip (without the top folder)."""
    import sentencepiece as spm

    sp_model = train_sentencepiece(lang)
    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    files = model_and_metadata_files(build_spec(vocabulary, lang), lang)
    files["README.md"] = readme(lang).encode()
    files["sentencepiece.model"] = sp_model
    return files


def zip_package(top: str, files: dict[str, bytes]) -> bytes:
    """A reproducible zip: sorted members under ``top/``, fixed dates and permissions."""
    buffer = io.BytesIO()
    folders = {top + "/"} | {
        f"{top}/{name.rsplit('/', 1)[0]}/" for name in files if "/" in name
    }
    with zipfile.ZipFile(buffer, "w") as archive:
        for folder in sorted(folders):
            info = zipfile.ZipInfo(folder, date_time=ZIP_DATE)
            info.external_attr = (0o40755 << 16) | 0x10
            info.create_system = 3
            archive.writestr(info, b"")
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{top}/{name}", date_time=ZIP_DATE)
            info.external_attr = 0o100644 << 16
            info.create_system = 3
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


def build_package(lang: str) -> bytes:
    """The bytes of ``translate-en_<lang>.argosmodel``."""
    return zip_package(package_folder_name(lang), build_package_files(lang))


def build_all(out: Path) -> list[Path]:
    """Write the six copy packages into ``out`` and the adversarial ones into
    ``out/adversarial`` (``build_adversarial_models``); return their paths."""
    import build_adversarial_models  # it builds on this module's copy mechanism

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in LANGUAGE_NAMES:
        path = out / f"translate-en_{lang}.argosmodel"
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(build_package(lang))
        shutil.move(tmp, path)
        written.append(path)
    return written + build_adversarial_models.build_all(out / build_adversarial_models.OUT_FOLDER)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    for path in build_all(args.out):
        print(f"{path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Smoke tests of the benchmark helpers (benchmarks/) on tiny sizes; no timing is asserted."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import build_bench_model  # noqa: E402
import generate_articles  # noqa: E402
import minisbd_stub  # noqa: E402
import run as bench  # noqa: E402
from build_fixture_models import LEXICON  # noqa: E402


def test_generated_articles_are_deterministic_english_news(tmp_path: Path) -> None:
    from translate.formats.reader import read_article

    first = generate_articles.generate_articles(5, tmp_path / "a")
    second = generate_articles.generate_articles(5, tmp_path / "b")
    assert [p.name for p in first] == [f"bench-000{i}.txt" for i in range(1, 6)]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    units = [u for path in first for u in read_article(path).units]
    words = [len(u.text.split()) for u in units]
    assert len(units) >= 5 * 7
    assert 10 <= sum(words) / len(words) <= 40  # news-like sentence lengths
    assert all(u.lang is None for u in units)  # detected as English


@pytest.mark.parametrize("value", [0, 1, 127, 128, 300, 2**35])
def test_varint_round_trips(value: int) -> None:
    encoded = minisbd_stub.varint(value)
    decoded, shift = 0, 0
    for byte in encoded:
        decoded |= (byte & 0x7F) << shift
        shift += 7
    assert decoded == value
    assert all(b & 0x80 for b in encoded[:-1]) and not encoded[-1] & 0x80


@pytest.mark.parametrize(
    "paragraph",
    [
        "Mr. Smith went to Washington. He said: \"No.\" Then he left.",
        "One sentence only.",
        "See https://example.com/a.b and write to news@example.com. Thanks!",
    ],
)
def test_never_split_model_keeps_each_paragraph_whole(tmp_path: Path, paragraph: str) -> None:
    from minisbd import SBDetect

    path = minisbd_stub.write_never_split_model(tmp_path / "package")
    assert path == tmp_path / "package" / "minisbd" / "never-split.onnx"
    detector = SBDetect(str(path), use_gpu=False)
    assert detector.sentences(paragraph) == [paragraph]


def test_quick_bench_model_copies_its_input(tmp_path: Path) -> None:
    import ctranslate2
    import sentencepiece

    dims = build_bench_model.QUICK
    package = build_bench_model.build_bench_package(tmp_path, dims, "ru")
    info = json.loads((package / "build-info.json").read_text(encoding="utf-8"))
    assert info["layers"] == dims.layers and info["vocab_size"] == dims.vocab_size
    config = json.loads((package / "model" / "config.json").read_text(encoding="utf-8"))
    assert config["add_source_eos"] is True
    vocabulary = json.loads(
        (package / "model" / "shared_vocabulary.json").read_text(encoding="utf-8")
    )
    assert len(vocabulary) == dims.vocab_size
    # A second build with the same dimensions reuses the cached package.
    stamp = (package / "model" / "model.bin").stat().st_mtime_ns
    assert build_bench_model.build_bench_package(tmp_path, dims, "ru") == package
    assert (package / "model" / "model.bin").stat().st_mtime_ns == stamp

    model = ctranslate2.Translator(str(package / "model"), intra_threads=1)
    sp = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    lines = [line for text in generate_articles.generate_texts(3, seed=5)
             for line in text.splitlines()]
    lines.append("Moscow said today that the weapons came from Moscow.")
    results = model.translate_batch([sp.encode(line, out_type=str) for line in lines],
                                    beam_size=2, max_batch_size=16)
    outputs = [sp.decode(result.hypotheses[0]) for result in results]
    expected = []
    for line in lines:
        for word, forms in LEXICON.items():
            line = re.sub(rf"(?<!\S){word}\b", forms["ru"], line)
        expected.append(line)
    assert outputs == expected


def test_balanced_codes_are_balanced_and_incoherent() -> None:
    import numpy as np

    codes = build_bench_model.balanced_codes(700, np.random.default_rng(1))
    assert codes.shape == (700, 32)
    assert (codes.sum(axis=1) == 0).all()
    gram = np.abs(codes @ codes.T)
    np.fill_diagonal(gram, 0)
    assert gram.max() <= 16


def test_check_dims_rejects_heads_that_are_not_the_copy_width() -> None:
    bad = build_bench_model.ModelDims("bad", 1, 512, 4, 64, 100, 50, 1)
    with pytest.raises(ValueError, match="head size"):
        build_bench_model.check_dims(bad)


def test_socket_guard_refuses_connections_in_children(tmp_path: Path) -> None:
    env = bench.guarded_environment(tmp_path)
    code = ("import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9))\n"
            "except OSError as e:\n    print('refused', e)\n")
    result = bench.run_child([sys.executable, "-c", code], env)
    assert result.returncode == 0
    assert result.stdout.startswith("refused network access is disabled")
    assert result.maxrss_bytes > 0


def test_pipeline_texts_are_distinct(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    generate_articles.generate_articles(4, folder)
    (folder / "copy.txt").write_text((folder / "bench-0001.txt").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    texts = bench.pipeline_texts(folder, "ru")
    assert len(texts) == len(set(texts))
    lines = [line for path in sorted(folder.glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert sorted(bench.article_paragraphs(folder)) == sorted(lines)


def test_render_table_lists_every_row() -> None:
    rows = [bench.Row("a", "1 s", "2 s", 0.5, "<= 1.10x", True),
            bench.Row("b", "3 s", "-", None, "<= 2 s", False)]
    table = bench.render_table(rows).splitlines()
    assert len(table) == 4
    assert table[2].split("|")[4].strip() == "0.50x"
    assert table[2].split("|")[6].strip() == "PASS"
    assert table[3].split("|")[6].strip() == "FAIL"


@pytest.mark.slow
def test_quick_benchmark_prints_every_measurement(tmp_path: Path) -> None:
    import subprocess

    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--model", "tiny",
         "--articles", "3", "--json", str(tmp_path / "rows.json")],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    rows = json.loads((tmp_path / "rows.json").read_text(encoding="utf-8"))
    names = " ".join(row["measurement"] for row in rows)
    for part in ("engine call", "`translate run` wall", "argostranslate", "peak RSS",
                 "no-op rerun, 3 articles x 4 languages", "--help"):
        assert part in names
    assert "| measurement" in result.stdout
    assert all(row["ours"] for row in rows)


@pytest.mark.slow
def test_scale_benchmark_compares_a_baseline_and_checks_a_shard(tmp_path: Path) -> None:
    # The baseline is this very tree (a folder holding translate/): both sides must run.
    import subprocess

    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "scale.py"), "--sizes", "4", "--repeats", "1",
         "--noop-repeats", "1", "--baseline", str(ROOT), "--check-shard", "1/2",
         "--json", str(tmp_path / "scale.json")],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    found = json.loads((tmp_path / "scale.json").read_text(encoding="utf-8"))
    names = [row["measurement"] for row in found["rows"]]
    assert names == [f"4 articles x 4 languages: {what}" for what in (
        "first run", "first run, peak memory", "no-op rerun", "no-op rerun, peak memory",
        "one article changed")] + ["that article alone, in a new project (for scale)"]
    assert all(row["baseline"] != "-" and row["ratio"] for row in found["rows"])
    shard = next(note for note in found["notes"] if note.startswith("shard 1/2"))
    done, total = re.search(r"(\d+) of (\d+) PO files identical", shard).groups()
    assert done == total != "0"
